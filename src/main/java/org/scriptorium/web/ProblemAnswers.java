package org.scriptorium.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * Writes the problem answers of an operation into its OpenAPI description: one response per status, as
 * {@code application/problem+json} with the shared {@value #SCHEMA} schema and the {@code code} values that status
 * can carry, merged however many times codes are added for it.
 */
final class ProblemAnswers {

    /** The name of the shared problem schema under {@code components/schemas}. */
    static final String SCHEMA = "Problem";
    static final String MEDIA_TYPE = "application/problem+json";

    private ProblemAnswers() {
    }

    /**
     * The RFC 9457 problem every error of the API answers with: {@code type}, {@code title}, {@code status},
     * {@code detail}, the stable {@code code}, and extension fields some answers add.
     */
    static Schema<?> schema() {
        Schema<?> problem = new ObjectSchema()
                .description("An error (RFC 9457). `title` and `detail` are in the caller's language: Chinese, or English "
                        + "with `Accept-Language: en`. `code` is stable: scripts branch on it, never on the text. Some "
                        + "answers add extension fields.")
                .addProperty("type", new StringSchema().description("A URI naming the problem type; absent or "
                        + "`about:blank` when the status and `code` say it all.")._default("about:blank"))
                .addProperty("title", new StringSchema().description("The status in words."))
                .addProperty("status", new IntegerSchema().description("The HTTP status."))
                .addProperty("detail", new StringSchema().description("What went wrong and what to do, for a person."))
                .addProperty("instance", new StringSchema().description("The request path, where given."))
                .addProperty("code", new StringSchema().description("The stable machine code, such as "
                        + "`CODE_ALREADY_REDEEMED`.").example("CODE_ALREADY_REDEEMED"));
        problem.setRequired(List.of("title", "status", "code"));
        problem.setAdditionalProperties(Boolean.TRUE);
        return problem;
    }

    /**
     * Adds {@code codes} to the operation's problem answer for {@code status}, creating the answer if the operation
     * has none for that status yet (an answer of another kind for that status is replaced); codes already listed are
     * kept once, in the order first added.
     */
    static void add(Operation operation, int status, Collection<String> codes) {
        ApiResponses responses = operation.getResponses();
        if (responses == null) {
            responses = new ApiResponses();
            operation.setResponses(responses);
        }
        String key = Integer.toString(status);
        ApiResponse response = responses.get(key);
        if (response == null || problemCodes(response) == null) {
            response = new ApiResponse().content(new Content().addMediaType(MEDIA_TYPE,
                    new MediaType().schema(problemWithCodes(new ArrayList<>()))));
            responses.addApiResponse(key, response);
        }
        List<String> listed = problemCodes(response);
        for (String code : codes) {
            if (!listed.contains(code)) {
                listed.add(code);
            }
        }
        response.setDescription(description(status, listed));
    }

    /** The codes listed for {@code status} on the operation; empty when it documents no problem for it. */
    static List<String> codes(Operation operation, int status) {
        ApiResponse response = operation.getResponses() == null ? null
                : operation.getResponses().get(Integer.toString(status));
        List<String> codes = response == null ? null : problemCodes(response);
        return codes == null ? List.of() : List.copyOf(codes);
    }

    private static Schema<?> problemWithCodes(List<String> codes) {
        StringSchema code = new StringSchema();
        code.setEnum(codes);
        Schema<?> narrowed = new ObjectSchema().addProperty("code", code);
        Schema<?> all = new Schema<>();
        all.setAllOf(new ArrayList<>(List.of(new Schema<>().$ref("#/components/schemas/" + SCHEMA), narrowed)));
        return all;
    }

    /** The live list of codes in a response this class wrote, or null for any other response. */
    @SuppressWarnings("unchecked")
    private static List<String> problemCodes(ApiResponse response) {
        if (response.getContent() == null || response.getContent().get(MEDIA_TYPE) == null) {
            return null;
        }
        Schema<?> schema = response.getContent().get(MEDIA_TYPE).getSchema();
        if (schema == null || schema.getAllOf() == null || schema.getAllOf().size() != 2) {
            return null;
        }
        Schema<?> narrowed = schema.getAllOf().get(1);
        if (narrowed.getProperties() == null || !(narrowed.getProperties().get("code") instanceof StringSchema code)) {
            return null;
        }
        return code.getEnum();
    }

    private static String description(int status, List<String> codes) {
        HttpStatus known = HttpStatus.resolve(status);
        return (known == null ? "Error" : known.getReasonPhrase()) + " (`code`: "
                + String.join(", ", codes.stream().map(c -> "`" + c + "`").toList()) + ")";
    }
}
