package org.scriptorium.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.scriptorium.support.Api;
import org.scriptorium.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The API contract served live: {@code /v3/api-docs} describes every {@code /api/v1} endpoint the application
 * maps, each with who may call it and the problems it may answer, the codes it documents are those it answers,
 * and {@code redocly lint} finds no error in it.
 *
 * <p>The linter is installed by {@code scripts/test-services.sh} ({@code @redocly/cli} from the npm registry); a
 * missing linter fails the test, unless {@code -Dscriptorium.test.lint.skip=true} says to skip it on a machine
 * without the npm registry.
 */
class ApiDocsTest extends IntegrationTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    private JsonNode docs;

    @BeforeEach
    void fetch() {
        Api.Response answer = api().get("/v3/api-docs");
        assertThat(answer.status()).as("the API description is public").isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        docs = answer.json();
    }

    @Test
    @DisplayName("every /api/v1 handler mapping is described, and nothing else is")
    void everyEndpoint() {
        Set<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            for (String path : patterns(info)) {
                if (!path.startsWith("/api/v1/")) {
                    continue;
                }
                assertThat(info.getMethodsCondition().getMethods()).as("%s on %s names its HTTP method", handler, path)
                        .isNotEmpty();
                info.getMethodsCondition().getMethods().forEach(m -> mapped.add(m.name() + " " + withoutRegex(path)));
            }
        });
        assertThat(mapped).as("the application maps API endpoints").hasSizeGreaterThan(40);
        assertThat(described()).as("described operations (a handler in a @Controller is described only with "
                + "@ResponseBody)").containsExactlyInAnyOrderElementsOf(mapped);
    }

    @Test
    @DisplayName("each operation has a summary, a tag, who may call it, and 4xx problems with their codes")
    void eachOperationComplete() {
        JsonNode problem = docs.at("/components/schemas/Problem/properties");
        assertThat(List.of("type", "title", "status", "detail", "code")).allMatch(problem::has);
        operations((method, path, operation) -> {
            String where = method + " " + path;
            assertThat(operation.path("summary").asString("")).as(where).isNotBlank();
            assertThat(operation.path("tags").size()).as(where).isEqualTo(1);
            assertThat(operation.path("security").size()).as(where + " says how to sign in").isPositive();
            assertThat(operation.path("description").asString("")).as(where).contains("**Who may call:**");
            assertThat(operation.path("parameters").toString()).as(where + " takes Accept-Language")
                    .contains("#/components/parameters/AcceptLanguage");
            List<String> clientErrors = new ArrayList<>();
            operation.path("responses").properties().forEach(e -> {
                if (e.getKey().startsWith("4") || e.getKey().startsWith("5")) {
                    assertThat(codes(operation, e.getKey())).as("%s %s lists its codes", where, e.getKey()).isNotEmpty();
                    assertThat(e.getValue().at("/content/application~1problem+json/schema/allOf/0/$ref").asString(""))
                            .as("%s %s is a Problem", where, e.getKey()).isEqualTo("#/components/schemas/Problem");
                    if (e.getKey().startsWith("4")) {
                        clientErrors.add(e.getKey());
                    }
                }
            });
            assertThat(clientErrors).as(where + " documents a 4xx problem").isNotEmpty();
        });
    }

    @Test
    @DisplayName("who may call an operation, and how, follows the security rules")
    void whoMayCall() {
        JsonNode search = docs.at("/paths/~1api~1v1~1materials/get");
        assertThat(search.path("description").asString()).contains("anyone");
        assertThat(search.path("security").get(0).isEmpty()).as("an anonymous call is allowed").isTrue();

        JsonNode redeem = docs.at("/paths/~1api~1v1~1me~1redeem/post");
        assertThat(redeem.path("description").asString()).contains("any signed-in account");
        assertThat(redeem.path("security").toString()).contains("\"bearer\"").contains("\"csrf\"").contains("\"session\"")
                .doesNotContain("{}");

        assertThat(docs.at("/paths/~1api~1v1~1admin~1plans/post/description").asString()).contains("EDITOR or ADMIN");
        assertThat(codes(docs.at("/paths/~1api~1v1~1admin~1plans/post"), "403")).contains("FORBIDDEN");
        assertThat(docs.at("/paths/~1api~1v1~1admin~1audit/get/description").asString()).contains("role ADMIN")
                .doesNotContain("EDITOR");
        assertThat(docs.at("/paths/~1api~1v1~1admin~1materials/post/requestBody/content/multipart~1form-data/schema"
                + "/properties/file/format").asString()).as("an upload is a multipart form").isEqualTo("binary");
    }

    @Test
    @DisplayName("a rejection the API answers carries a code its operation documents for that status")
    void documentedCodesAreAnswered() {
        Api member = api().newMember();
        documented("post", "/api/v1/me/redeem", member.post("/api/v1/me/redeem", Map.of("code", "AAAA-BBBB")));
        documented("get", "/api/v1/me", api().get("/api/v1/me"));
        documented("get", "/api/v1/me", api().as("sct_not-a-token").get("/api/v1/me"));
        documented("post", "/api/v1/admin/plans", member.post("/api/v1/admin/plans", Map.of("name", "x", "durationDays", 1)));
        documented("get", "/api/v1/materials/{id}", api().get("/api/v1/materials/no-such-material"));
        documented("get", "/api/v1/materials", api().get("/api/v1/materials?sort=sideways"));
        documented("get", "/api/v1/materials", api().get("/api/v1/materials?page=two"));
        documented("post", "/api/v1/auth/register", api().post("/api/v1/auth/register",
                Map.of("email", "not an address", "password", "long enough password", "displayName", "笔杆子")));
        documented("post", "/api/v1/requests", member.post("/api/v1/requests", Map.of("title", "短", "detail", "")));
        documented("post", "/api/v1/admin/trace", api().asAdmin().multipart("POST", "/api/v1/admin/trace", Map.of(),
                null, null));
    }

    @Test
    @DisplayName("every documented code is one the code rejects with (no typo in a @Rejects)")
    void documentedCodesExist() throws IOException {
        StringBuilder sources = new StringBuilder();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                sources.append(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        Set<String> documented = new TreeSet<>();
        operations((method, path, operation) -> operation.path("responses").properties()
                .forEach(r -> documented.addAll(codes(operation, r.getKey()))));
        assertThat(documented).hasSizeGreaterThan(50).allSatisfy(code -> assertThat(Pattern.compile(
                "(new Rejected\\([^,]+,|Rejected\\.\\w+\\(|Rejected\\.ofField\\([^,]+,)\\s*\"" + code + "\"").matcher(sources).find())
                .as("a Rejected with code %s exists", code).isTrue());
    }

    @Test
    @DisplayName("the Swagger UI is served from this site, with nothing from a CDN")
    void swaggerUi() {
        Api.Response page = api().get("/swagger-ui/index.html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("swagger-ui").doesNotContainPattern("(src|href)=\"(https?:)?//");
        Api.Response config = api().get("/v3/api-docs/swagger-config");
        assertThat(config.json().path("url").asString()).isEqualTo("/v3/api-docs");
        assertThat(api().get("/swagger-ui/swagger-ui-bundle.js").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("redocly lint (recommended rules, redocly.yaml) finds no error in the description")
    void lint() throws IOException, InterruptedException {
        Path redocly = Path.of(System.getProperty("scriptorium.test.redocly",
                "/tmp/scriptorium-test-npm/node_modules/.bin/redocly"));
        if (!Files.isExecutable(redocly)) {
            Assumptions.assumeFalse(Boolean.getBoolean("scriptorium.test.lint.skip"),
                    "redocly is not installed and -Dscriptorium.test.lint.skip=true says to skip the lint");
            fail(redocly + " is missing: run scripts/test-services.sh (it installs @redocly/cli with npm), or pass "
                    + "-Dscriptorium.test.lint.skip=true on a machine without the npm registry");
        }
        Path dir = Files.createDirectories(Path.of("target", "api-docs"));
        Path file = dir.resolve("api-docs.json");
        Files.writeString(file, docs.toPrettyString(), StandardCharsets.UTF_8);
        Path report = dir.resolve("redocly-lint.txt");
        ProcessBuilder lint = new ProcessBuilder(redocly.toString(), "lint", "--config", "redocly.yaml",
                "--format", "stylish", file.toString())
                .redirectErrorStream(true).redirectOutput(report.toFile());
        lint.environment().put("REDOCLY_TELEMETRY", "off");
        lint.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        lint.environment().put("NO_COLOR", "1");
        Process process = lint.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("redocly lint did not finish in 3 minutes");
        }
        String output = Files.readString(report, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("redocly lint exit status; its report:%n%s", output).isZero();
        assertThat(output).as("the linter read the description").contains("api-docs.json");
    }

    /** Asserts the answer is a problem whose code its operation documents for its status. */
    private void documented(String method, String path, Api.Response answer) {
        assertThat(answer.contentType()).as("%s %s answers a problem", method, path).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(List.of("title", "status", "detail", "code")).as(problem.toString()).allMatch(problem::has);
        JsonNode operation = docs.path("paths").path(path).path(method);
        assertThat(operation.isMissingNode()).as("%s %s is described", method, path).isFalse();
        assertThat(codes(operation, Integer.toString(answer.status())))
                .as("%s %s documents %s for %d", method, path, problem.path("code").asString(), answer.status())
                .contains(problem.path("code").asString());
    }

    private static List<String> codes(JsonNode operation, String status) {
        List<String> codes = new ArrayList<>();
        operation.path("responses").path(status)
                .at("/content/application~1problem+json/schema/allOf/1/properties/code/enum")
                .forEach(c -> codes.add(c.asString()));
        return codes;
    }

    private Set<String> described() {
        Set<String> described = new TreeSet<>();
        operations((method, path, operation) -> described.add(method.toUpperCase() + " " + path));
        return described;
    }

    private interface OperationVisitor {
        void visit(String method, String path, JsonNode operation);
    }

    private void operations(OperationVisitor visitor) {
        docs.path("paths").properties().forEach(p -> p.getValue().properties().forEach(m -> {
            if (METHODS.contains(m.getKey())) {
                visitor.visit(m.getKey(), p.getKey(), m.getValue());
            }
        }));
    }

    private static Set<String> patterns(RequestMappingInfo info) {
        return info.getPathPatternsCondition() != null ? info.getPathPatternsCondition().getPatternValues()
                : info.getPatternValues();
    }

    /** {@code /x/{id:\d+}} → {@code /x/{id}}, as OpenAPI writes a path. */
    private static String withoutRegex(String path) {
        return path.replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
    }
}
