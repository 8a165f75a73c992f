package dev.warden;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.warden.config.WardenConfig;
import dev.warden.limits.RateLimits;
import dev.warden.support.JwksServer;
import dev.warden.support.OpenApiContract;
import dev.warden.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Every operation's real answers, the happy path and each error it documents, against the document the app serves:
 * a status, header or body that {@code /q/openapi} does not describe fails here, and so does a documented response
 * that no request here produces (except 500, which needs a bug, and 503, which {@code FaultToleranceTest} checks
 * against the same document).
 */
@QuarkusTest
@WithTestResource(JwksServer.class)
class OpenApiContractTest {

    private static final String TOO_LARGE = "{\"title\":\"" + "x".repeat(70 * 1024) + "\"}";

    @Inject
    Vertx vertx;

    @Inject
    DataSource dataSource;

    @Inject
    WardenConfig config;

    @Inject
    RateLimits limits;

    private final TestTokens tokens = TestTokens.load();
    private final String user = TestTokens.newUserId();
    private final String token = tokens.forUser(user);
    private final String tasks = "/api/" + user + "/tasks";
    private OpenApiContract contract;

    @BeforeEach
    void loadServedDocument() {
        contract = OpenApiContract.served(vertx);
    }

    private Response call(String method, String path, String bearer, String contentType, String body) {
        RequestSpecification request = given();
        if (bearer != null) {
            request.auth().oauth2(bearer);
        }
        if (contentType != null) {
            request.contentType(contentType);
        }
        if (body != null) {
            request.body(body);
        }
        return contract.check(method, path, request.request(method, path));
    }

    private Response call(String method, String path, String body) {
        return call(method, path, token, body == null ? null : "application/json", body);
    }

    /** Tasks put straight into the table: the quickest way to a full account. */
    private void seedTasks(String owner, long rows) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                "insert into tasks (user_id, title) select ?, 'seeded' from generate_series(1, ?) g")) {
            insert.setString(1, owner);
            insert.setLong(2, rows);
            insert.executeUpdate();
        }
    }

    private long createTask(String title) {
        return call("POST", tasks, "{\"title\":\"" + title + "\"}").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void everyOperationAnswersAsDocumented() throws SQLException {
        String other = "/api/" + TestTokens.newUserId();
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";

        call("GET", "/api/v1/me", null).then().statusCode(200);
        call("GET", "/api/v1/me", null, null, null).then().statusCode(401);
        call("GET", "/api/v1/me", forged, null, null).then().statusCode(401);
        call("GET", "/api/" + user + "/me", null).then().statusCode(200);
        call("GET", other + "/me", null).then().statusCode(403);
        call("GET", "/api/" + user + "/me", null, null, null).then().statusCode(401);

        call("POST", tasks, "{\"title\":\"first\",\"description\":\"with a description\"}").then().statusCode(201);
        call("POST", tasks, "{\"title\":\"first\"").then().statusCode(400);
        call("POST", tasks, TOO_LARGE).then().statusCode(413);
        call("POST", tasks, token, "text/plain", "title").then().statusCode(415);
        call("POST", tasks, "{\"title\":\"   \"}").then().statusCode(422);
        call("POST", tasks, "{\"title\":123}").then().statusCode(422);
        call("POST", tasks, "{\"title\":\"x\",\"colour\":\"red\"}").then().statusCode(422);
        call("POST", tasks, "").then().statusCode(422);
        call("POST", tasks, null, "application/json", "{\"title\":\"x\"}").then().statusCode(401);
        call("POST", other + "/tasks", "{\"title\":\"x\"}").then().statusCode(403);

        long id = createTask("second");
        String task = tasks + "/" + id;
        String missing = tasks + "/" + (id + 1_000_000);
        call("GET", task, null).then().statusCode(200);
        call("GET", missing, null).then().statusCode(404);
        call("GET", task, null, null, null).then().statusCode(401);
        call("GET", other + "/tasks/" + id, null).then().statusCode(403);

        for (String method : List.of("PUT", "PATCH")) {
            call(method, task, "{\"title\":\"renamed\",\"description\":null,\"completed\":true}").then().statusCode(200);
            call(method, task, "{\"title\":").then().statusCode(400);
            call(method, missing, "{\"title\":\"renamed\"}").then().statusCode(404);
            call(method, task, TOO_LARGE).then().statusCode(413);
            call(method, task, token, "text/plain", "renamed").then().statusCode(415);
            call(method, task, "{\"title\":\"\"}").then().statusCode(422);
            call(method, task, "{\"title\":\"x\",\"complete\":true}").then().statusCode(422);
            call(method, task, null, "application/json", "{\"title\":\"x\"}").then().statusCode(401);
            call(method, other + "/tasks/" + id, "{\"title\":\"x\"}").then().statusCode(403);
        }

        call("PATCH", task, "{}").then().statusCode(200);
        call("PATCH", task + "/complete", null).then().statusCode(200);
        call("PATCH", missing + "/complete", null).then().statusCode(404);
        call("PATCH", task + "/complete", null, null, null).then().statusCode(401);
        call("PATCH", other + "/tasks/" + id + "/complete", null).then().statusCode(403);

        call("GET", tasks, null).then().statusCode(200);
        call("GET", tasks + "?status=done", null).then().statusCode(422);
        call("GET", tasks, null, null, null).then().statusCode(401);
        call("GET", other + "/tasks", null).then().statusCode(403);

        call("DELETE", task, null).then().statusCode(204);
        call("DELETE", task, null).then().statusCode(404);
        call("DELETE", task, null, null, null).then().statusCode(401);
        call("DELETE", other + "/tasks/" + id, null).then().statusCode(403);

        String full = TestTokens.newUserId();
        seedTasks(full, config.tasks().maxPerUser());
        call("POST", "/api/" + full + "/tasks", tokens.forUser(full), "application/json", "{\"title\":\"x\"}")
                .then().statusCode(409);

        String throttled = TestTokens.newUserId();
        String spent = tokens.forUser(throttled);
        for (RateLimits.Kind kind : RateLimits.Kind.values()) {
            // Into debt, not just empty: the default buckets refill tokens every few milliseconds.
            limits.bucket(throttled, kind).consumeIgnoringRateLimits(1_000_000);
        }
        String own = "/api/" + throttled + "/tasks";
        call("GET", own, spent, null, null).then().statusCode(429);
        call("POST", own, spent, "application/json", "{\"title\":\"x\"}").then().statusCode(429);
        call("GET", own + "/1", spent, null, null).then().statusCode(429);
        call("PUT", own + "/1", spent, "application/json", "{\"title\":\"x\"}").then().statusCode(429);
        call("PATCH", own + "/1", spent, "application/json", "{}").then().statusCode(429);
        call("PATCH", own + "/1/complete", spent, null, null).then().statusCode(429);
        call("DELETE", own + "/1", spent, null, null).then().statusCode(429);

        Set<String> unseen = new TreeSet<>(contract.documented());
        unseen.removeAll(contract.seen());
        unseen.removeIf(pair -> pair.endsWith(" 500") || pair.endsWith(" 503"));
        assertThat(unseen).as("documented responses no request here produced").isEmpty();
    }

    @Test
    void everyApiOperationHasAnIdASummaryAndTheBearerScheme() {
        JsonObject paths = contract.document().getJsonObject("paths");
        List<String> checked = new java.util.ArrayList<>();
        for (String path : paths.fieldNames()) {
            if (!path.startsWith("/api/") || !(paths.getValue(path) instanceof JsonObject item)) {
                continue;
            }
            for (String method : List.of("get", "put", "post", "patch", "delete")) {
                JsonObject operation = item.getJsonObject(method);
                if (operation == null) {
                    continue;
                }
                String name = method + " " + path;
                assertThat(operation.getString("operationId")).as(name).isNotBlank();
                assertThat(operation.getString("summary")).as(name).isNotBlank();
                assertThat(operation.getJsonArray("security").encode()).as(name).isEqualTo("[{\"bearer\":[]}]");
                checked.add(name);
            }
        }
        assertThat(checked).hasSize(9);
        assertThat(contract.document().getJsonObject("components").getJsonObject("securitySchemes")
                .getJsonObject("bearer").getString("scheme")).isEqualTo("bearer");
    }

    /** A client generated from the document refuses unknown fields as the server does: every request body says so. */
    @Test
    void everyRequestBodyRefusesPropertiesItDoesNotList() {
        JsonObject document = contract.document();
        JsonObject paths = document.getJsonObject("paths");
        JsonObject schemas = document.getJsonObject("components").getJsonObject("schemas");
        List<String> checked = new java.util.ArrayList<>();
        for (String path : paths.fieldNames()) {
            if (!(paths.getValue(path) instanceof JsonObject item)) {
                continue;
            }
            for (String method : List.of("put", "post", "patch")) {
                JsonObject body = item.getJsonObject(method) == null ? null : item.getJsonObject(method).getJsonObject("requestBody");
                if (body == null) {
                    continue;
                }
                JsonObject schema = body.getJsonObject("content").getJsonObject("application/json").getJsonObject("schema");
                String ref = schema.getString("$ref");
                if (ref != null) {
                    schema = schemas.getJsonObject(ref.substring(ref.lastIndexOf('/') + 1));
                }
                assertThat(schema.getValue("additionalProperties")).as(method + " " + path + " " + body.encode() + " "
                        + schema.encode()).isEqualTo(false);
                checked.add(method + " " + path);
            }
        }
        assertThat(checked).hasSize(3);
    }

    /** The list parameters' documented values and bounds are exactly what the list accepts. */
    @Test
    void listParametersAcceptWhatTheDocumentAllowsAndNothingElse() {
        createTask("listed");
        JsonObject list = contract.document().getJsonObject("paths").getJsonObject("/api/{userId}/tasks").getJsonObject("get");
        for (Object p : list.getJsonArray("parameters")) {
            JsonObject parameter = (JsonObject) p;
            String name = parameter.getString("name");
            JsonObject schema = parameter.getJsonObject("schema");
            if (schema.containsKey("enum")) {
                for (Object value : schema.getJsonArray("enum")) {
                    call("GET", tasks + "?" + name + "=" + value, null).then().statusCode(200);
                }
                call("GET", tasks + "?" + name + "=" + "not-" + schema.getJsonArray("enum").getString(0), null)
                        .then().statusCode(422);
            } else {
                long min = schema.getLong("minimum");
                long max = schema.getLong("maximum");
                call("GET", tasks + "?" + name + "=" + min, null).then().statusCode(200);
                call("GET", tasks + "?" + name + "=" + max, null).then().statusCode(200);
                call("GET", tasks + "?" + name + "=" + (min - 1), null).then().statusCode(422);
                call("GET", tasks + "?" + name + "=" + (max + 1), null).then().statusCode(422);
            }
        }
    }
}
