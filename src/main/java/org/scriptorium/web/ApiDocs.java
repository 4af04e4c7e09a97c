package org.scriptorium.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.scriptorium.common.Rejects;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The JSON API described live as OpenAPI 3.1 at {@code /v3/api-docs} (springdoc reads the handlers; the Swagger UI at
 * {@code /swagger-ui.html} shows it). Two customizers add what the handlers do not say by themselves:
 * <ul>
 *   <li>per handler: its feature as the tag, a stable operation id ({@code feature + MethodName}), a summary when
 *       it has none, upload fields as the multipart form they are, bytes as a file, and the problems it declares
 *       with {@link Rejects};</li>
 *   <li>per operation: who may call it and how (asked of the API's security rules, so the description follows
 *       them), and the problems every operation of its kind may answer: 400 for malformed input, 401 for no or a bad
 *       sign-in, 403 for a role or CSRF refusal, 413 for an upload over the limit, 500.</li>
 * </ul>
 * An endpoint added later is so described, with its generic problems, without touching this class.
 */
@Configuration
class ApiDocs {

    static final String BEARER = "bearer";
    static final String SESSION = "session";
    static final String CSRF = "csrf";
    static final String LANGUAGE = "AcceptLanguage";

    /** Each feature package, as the tag its operations are listed under. */
    private static final Map<String, String> FEATURES = Map.of(
            "account", "Registration and API tokens.",
            "membership", "The caller's membership and redemption; the operator's plans, codes, grants and suspensions.",
            "library", "Search, passages and reading for everyone; import, revision and withdrawal for editors.",
            "delivery", "Personalised downloads and the delivery ledger.",
            "tracer", "Tracing a leaked copy back to its readers.",
            "reports", "Reseller reports: filing for members, the review queue and decisions for editors.",
            "sharing", "Live events, notifications, follows, the requests board and webhooks.",
            "audit", "The log of operator actions (administrators).",
            "imports", "Batch imports of an archive of documents, run in the background (editors).",
            // Issue 16: consultation and the groups share the package.
            "community", "Consultation (咨询) with the operator: conversations, the staff inbox, canned replies; the groups (会员群 / 免费群): messages, unread counts, reports, staff's moderation.");

    static {
        // A live event stream is text, not the emitter object that writes it.
        SpringDocUtils.getConfig().replaceWithSchema(SseEmitter.class, new StringSchema().description(
                "Server-sent events: `id:` and `data:` lines, the data a JSON object with a `type` and the ids it "
                        + "concerns; comments keep the connection alive."));
    }

    @Bean
    OpenAPI apiDescription() {
        return new OpenAPI()
                .info(new Info().title("Scriptorium API").version("v1").description("""
                        The JSON API of a Scriptorium library, for automation and the operator's scripts; the web \
                        pages are not part of it.

                        **Sign-in.** Send `Authorization: Bearer <token>` with a token from `POST /api/v1/auth/token`; \
                        such calls need no CSRF token. A browser's session cookie works too, and then every write \
                        (POST, PUT, DELETE) needs the session's CSRF token in `X-CSRF-TOKEN`. Each operation says who \
                        may call it.

                        **Errors** are `application/problem+json` (RFC 9457) with `title` and `detail` in Chinese, or \
                        in English with `Accept-Language: en`, and a stable machine `code`; each operation lists the \
                        codes it may answer. 400 malformed request, 401 not signed in or bad token, 403 not allowed, \
                        404 unknown, 409 conflict, 413 too large, 422 invalid input, 429 too many requests.

                        Times are ISO-8601 with an offset; ids are opaque strings."""))
                .servers(List.of(new Server().url("/").description("This library")))
                .components(new Components()
                        .addSchemas(ProblemAnswers.SCHEMA, ProblemAnswers.schema())
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("A token from `POST /api/v1/auth/token`. Calls with it need no CSRF token."))
                        .addSecuritySchemes(SESSION, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.COOKIE).name("JSESSIONID")
                                .description("The browser's session cookie after signing in at `/login`."))
                        .addSecuritySchemes(CSRF, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-CSRF-TOKEN")
                                .description("The session's CSRF token (a page's `<meta name=\"_csrf\">`): needed, "
                                        + "with the session cookie, on every write.")));
    }

    /** What only the handler knows: its feature, a stable id, a summary, its form or file, and its problems. */
    @Bean
    OperationCustomizer handlerDescriptions() {
        return (operation, handler) -> {
            String feature = feature(handler.getBeanType());
            operation.setTags(new ArrayList<>(List.of(feature)));
            var declared = handler.getMethodAnnotation(io.swagger.v3.oas.annotations.Operation.class);
            if (declared == null || declared.operationId().isBlank()) {
                operation.setOperationId(feature + capitalised(handler.getMethod().getName()));
            }
            if (operation.getSummary() == null || operation.getSummary().isBlank()) {
                operation.setSummary(words(handler.getMethod().getName()));
            }
            if (Arrays.stream(handler.getMethodParameters()).anyMatch(p -> takesFiles(p.getParameterType(),
                    p.getGenericParameterType()))) {
                formBody(operation, handler);
            }
            if (returnsFile(handler)) {
                fileAnswer(operation);
            }
            for (Rejects rejects : handler.getMethod().getAnnotationsByType(Rejects.class)) {
                ProblemAnswers.add(operation, rejects.status(), Arrays.asList(rejects.codes()));
            }
            return operation;
        };
    }

    /** A file, some files, or a form record with a file in it. */
    private static boolean takesFiles(Class<?> type, Type generic) {
        if (MultipartFile.class.isAssignableFrom(type)) {
            return true;
        }
        if (type.isArray()) {
            return MultipartFile.class.isAssignableFrom(type.getComponentType());
        }
        if (Collection.class.isAssignableFrom(type)) {
            Class<?> element = ResolvableType.forType(generic).asCollection().resolveGeneric(0);
            return element != null && MultipartFile.class.isAssignableFrom(element);
        }
        return type.isRecord() && Arrays.stream(type.getRecordComponents())
                .anyMatch(c -> MultipartFile.class.isAssignableFrom(c.getType()));
    }

    /**
     * Uploads are read from a multipart form (the pages post the same forms), field by field with
     * {@code @RequestParam} or a form record: describe those fields as the form they are, not as query parameters.
     */
    private static void formBody(Operation operation, HandlerMethod handler) {
        Schema<?> form = new ObjectSchema();
        List<String> required = new ArrayList<>();
        for (Iterator<Parameter> it = operation.getParameters() == null ? Collections.emptyIterator()
                : operation.getParameters().iterator(); it.hasNext(); ) {
            Parameter field = it.next();
            if (!"query".equals(field.getIn())) {
                continue;
            }
            it.remove();
            Schema<?> schema = field.getSchema();
            if (field.getDescription() != null) {
                schema.setDescription(field.getDescription());
            }
            form.addProperty(field.getName(), schema);
            if (Boolean.TRUE.equals(field.getRequired()) && !binary(schema)) {
                required.add(field.getName());
            }
        }
        // A form record's file is left out when springdoc spreads the record into fields.
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (parameter.getParameterType().isRecord()) {
                for (RecordComponent component : parameter.getParameterType().getRecordComponents()) {
                    if (MultipartFile.class.isAssignableFrom(component.getType())
                            && (form.getProperties() == null || !form.getProperties().containsKey(component.getName()))) {
                        // A record component's @Parameter lands on its field (the annotation does not target components).
                        var described = field(component).getAnnotation(io.swagger.v3.oas.annotations.Parameter.class);
                        form.addProperty(component.getName(), new StringSchema().format("binary")
                                .description(described == null || described.description().isBlank() ? null
                                        : described.description()));
                    }
                }
            }
        }
        if (!required.isEmpty()) {
            form.setRequired(required);
        }
        operation.setRequestBody(new RequestBody().required(true).content(new Content()
                .addMediaType(org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE, new MediaType().schema(form))));
    }

    private static Field field(RecordComponent component) {
        try {
            return component.getDeclaringRecord().getDeclaredField(component.getName());
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("a record has a field per component", e);
        }
    }

    private static boolean binary(Schema<?> schema) {
        Schema<?> item = schema.getItems() != null ? schema.getItems() : schema;
        return "binary".equals(item.getFormat());
    }

    private static boolean returnsFile(HandlerMethod handler) {
        ResolvableType answer = ResolvableType.forMethodReturnType(handler.getMethod());
        if (ResponseEntity.class.isAssignableFrom(answer.toClass())) {
            answer = answer.getGeneric(0);
        }
        return answer.toClass() == byte[].class;
    }

    /** Bytes are a file sent as an attachment; a handler that names its media types keeps them. */
    private static void fileAnswer(Operation operation) {
        ApiResponse ok = operation.getResponses() == null ? null : operation.getResponses().get("200");
        if (ok == null || ok.getContent() == null || !ok.getContent().keySet()
                .equals(Set.of(org.springframework.http.MediaType.APPLICATION_JSON_VALUE))) {
            return;
        }
        ok.setContent(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_OCTET_STREAM_VALUE,
                new MediaType().schema(new StringSchema().format("binary"))));
        ok.setDescription("The file, as an attachment (`Content-Disposition` names it).");
    }

    /** What holds for every operation of a kind: who may call it, and the problems any such operation may answer. */
    @Bean
    OpenApiCustomizer sharedAnswers(ObjectProvider<SecurityFilterChain> chains) {
        return openApi -> {
            Callers callers = new Callers(chains.orderedStream().toList());
            openApi.getComponents().addParameters(LANGUAGE, new Parameter().in("header").name("Accept-Language")
                    .required(false).schema(new StringSchema().example("en"))
                    .description("`en` for problems' `title` and `detail` in English; Chinese otherwise."));
            Set<String> used = new TreeSet<>();
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                Callers.Who who = callers.who(path, method.name());
                boolean write = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
                describe(operation, who, write);
                operation.addParametersItem(new Parameter().$ref("#/components/parameters/" + LANGUAGE));
                if (operation.getTags() != null) {
                    used.addAll(operation.getTags());
                }
            }));
            openApi.setTags(used.stream().map(t -> new Tag().name(t)
                    .description(FEATURES.getOrDefault(t, "The " + t + " module."))).toList());
        };
    }

    private static void describe(Operation operation, Callers.Who who, boolean write) {
        List<SecurityRequirement> security = new ArrayList<>();
        if (who == Callers.Who.ANYONE) {
            security.add(new SecurityRequirement()); // anonymous: an empty requirement
        }
        security.add(new SecurityRequirement().addList(BEARER));
        SecurityRequirement session = new SecurityRequirement().addList(SESSION);
        if (write) {
            session.addList(CSRF);
        }
        security.add(session);
        operation.setSecurity(security);

        String callers = "**Who may call:** " + who.description + ".";
        operation.setDescription(operation.getDescription() == null || operation.getDescription().isBlank()
                ? callers : operation.getDescription() + "\n\n" + callers);

        boolean input = operation.getRequestBody() != null || (operation.getParameters() != null
                && operation.getParameters().stream().map(Parameter::getIn).anyMatch(in -> !"path".equals(in)));
        if (input) {
            // FieldErrors and ErrorAnswers: a field of the wrong type, missing or out of range, a body that is not JSON.
            ProblemAnswers.add(operation, 400,
                    List.of("BAD_REQUEST", "INVALID_FIELD", "MISSING_FIELD", "OUT_OF_RANGE", "MALFORMED_JSON"));
        }
        // A bad or expired bearer token is refused on every operation, open ones included, so scripts notice.
        ProblemAnswers.add(operation, 401, List.of("UNAUTHENTICATED"));
        if (who.atLeastStaff() || write) {
            // Below the role needed; or a write with the session cookie but without the CSRF token.
            ProblemAnswers.add(operation, 403, List.of("FORBIDDEN", "CSRF_TOKEN_INVALID"));
        }
        boolean upload = operation.getRequestBody() != null && operation.getRequestBody().getContent() != null
                && operation.getRequestBody().getContent().containsKey("multipart/form-data");
        if (upload) {
            ProblemAnswers.add(operation, 413, List.of("FILE_TOO_LARGE"));
        }
        ProblemAnswers.add(operation, 500, List.of("INTERNAL_ERROR"));
    }

    /** {@code org.scriptorium.library.LibraryApiController} → {@code library}. */
    static String feature(Class<?> handler) {
        String name = handler.getPackageName();
        String feature = name.substring(name.lastIndexOf('.') + 1);
        return feature.isEmpty() ? "api" : feature;
    }

    private static String capitalised(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** {@code changePassword} → {@code Change password}: a summary for a handler that gives none. */
    static String words(String methodName) {
        String spaced = methodName.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return capitalised(spaced);
    }
}
