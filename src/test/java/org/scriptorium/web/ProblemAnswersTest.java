package org.scriptorium.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProblemAnswersTest {

    @Test
    @DisplayName("codes added for one status gather in one problem answer, each once, in the order first added")
    void merges() {
        Operation operation = new Operation();
        ProblemAnswers.add(operation, 422, List.of("CODE_INVALID"));
        ProblemAnswers.add(operation, 409, List.of("CODE_ALREADY_REDEEMED"));
        ProblemAnswers.add(operation, 422, List.of("INVALID_TIME", "CODE_INVALID"));

        assertThat(operation.getResponses()).containsOnlyKeys("422", "409");
        assertThat(ProblemAnswers.codes(operation, 422)).containsExactly("CODE_INVALID", "INVALID_TIME");
        assertThat(ProblemAnswers.codes(operation, 409)).containsExactly("CODE_ALREADY_REDEEMED");
        ApiResponse invalid = operation.getResponses().get("422");
        assertThat(invalid.getDescription()).isEqualTo("Unprocessable Content (`code`: `CODE_INVALID`, `INVALID_TIME`)");
        assertThat(invalid.getContent()).containsOnlyKeys("application/problem+json");
        Schema<?> problem = (Schema<?>) invalid.getContent().get("application/problem+json").getSchema().getAllOf().get(0);
        assertThat(problem.get$ref()).isEqualTo("#/components/schemas/Problem");
        assertThat(ProblemAnswers.codes(operation, 404)).isEmpty();
    }

    @Test
    @DisplayName("an answer of another kind for the status (say, a handler's own) becomes the problem answer")
    void replacesOtherAnswers() {
        Operation operation = new Operation().responses(new ApiResponses().addApiResponse("404", new ApiResponse()
                .description("Not Found").content(new Content().addMediaType("*/*", new MediaType()
                        .schema(new StringSchema())))));
        ProblemAnswers.add(operation, 404, List.of("MATERIAL_NOT_FOUND"));
        assertThat(operation.getResponses().get("404").getContent()).containsOnlyKeys("application/problem+json");
        assertThat(ProblemAnswers.codes(operation, 404)).containsExactly("MATERIAL_NOT_FOUND");
    }

    @Test
    @DisplayName("the shared schema has the RFC 9457 members, the code, and room for extension fields")
    void schema() {
        var schema = ProblemAnswers.schema();
        assertThat(schema.getProperties()).containsKeys("type", "title", "status", "detail", "code");
        assertThat(schema.getRequired()).containsExactlyInAnyOrder("title", "status", "code");
        assertThat(schema.getAdditionalProperties()).isEqualTo(Boolean.TRUE);
    }

    @Test
    @DisplayName("a handler without a summary is given one from its name, and its feature from its package")
    void names() {
        assertThat(ApiDocs.words("changePassword")).isEqualTo("Change password");
        assertThat(ApiDocs.words("me")).isEqualTo("Me");
        assertThat(ApiDocs.feature(ApiDocs.class)).isEqualTo("web");
    }
}
