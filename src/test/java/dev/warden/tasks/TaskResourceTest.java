package dev.warden.tasks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.warden.support.JwksServer;
import dev.warden.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(JwksServer.class)
class TaskResourceTest {

    @Inject
    DataSource dataSource;

    private final TestTokens tokens = TestTokens.load();
    private final String user = TestTokens.newUserId();
    private final String tasks = "/api/" + user + "/tasks";

    private RequestSpecification as(String sub) {
        return given().auth().oauth2(tokens.forUser(sub)).contentType("application/json");
    }

    private RequestSpecification me() {
        return as(user);
    }

    private long create(String title) {
        return me().body(Map.of("title", title)).post(tasks).then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** The path of a new open task, the caller's only one. */
    private String onlyTask(String title) {
        return tasks + "/" + create(title);
    }

    /** After refused writes: the caller still has just that one task, as it was created. */
    private void assertOnlyTaskUntouched(String task, String title) {
        me().get(task).then().statusCode(200).body("title", equalTo(title)).body("completed", equalTo(false));
        me().get(tasks).then().body("total", equalTo(1));
    }

    @Test
    void createsTaskWithLocationAndReadsItBack() {
        var created = me().body(Map.of("title", "Write tests", "description", "all of them"))
                .post(tasks).then().statusCode(201)
                .body("id", notNullValue())
                .body("title", equalTo("Write tests"))
                .body("description", equalTo("all of them"))
                .body("completed", equalTo(false))
                .body("created_at", notNullValue())
                .body("user_id", nullValue())
                .extract();
        String location = created.header("Location");
        long id = created.jsonPath().getLong("id");
        assertThat(location).endsWith(tasks + "/" + id);
        me().get(location).then().statusCode(200).body("title", equalTo("Write tests"))
                .body("created_at", equalTo(created.jsonPath().getString("created_at")));
    }

    @Test
    void refusesIdAndOwnerInTheBody() {
        String other = TestTokens.newUserId();
        me().body("{\"title\":\"mine\",\"id\":999999}").post(tasks).then().statusCode(422)
                .body("error_code", equalTo("validation_failed")).body("field_errors.field", contains("id"));
        me().body("{\"title\":\"mine\",\"user_id\":\"" + other + "\"}").post(tasks).then().statusCode(422)
                .body("field_errors.field", contains("user_id"));
        as(other).get("/api/" + other + "/tasks").then().statusCode(200).body("total", equalTo(0));
        me().get(tasks).then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void replacesPatchesTogglesAndDeletes() {
        long id = create("first");
        me().body(Map.of("title", "second", "description", "d", "completed", true)).put(tasks + "/" + id)
                .then().statusCode(200).body("title", equalTo("second")).body("completed", equalTo(true));
        me().body(Map.of("completed", false)).patch(tasks + "/" + id)
                .then().statusCode(200).body("title", equalTo("second")).body("description", equalTo("d"))
                .body("completed", equalTo(false));
        me().body("{\"description\":null}").patch(tasks + "/" + id)
                .then().statusCode(200).body("description", nullValue()).body("title", equalTo("second"));
        me().patch(tasks + "/" + id + "/complete").then().statusCode(200).body("completed", equalTo(true));
        me().patch(tasks + "/" + id + "/complete").then().statusCode(200).body("completed", equalTo(false));
        me().delete(tasks + "/" + id).then().statusCode(204);
        me().get(tasks + "/" + id).then().statusCode(404).body("error_code", equalTo("not_found"));
        me().delete(tasks + "/" + id).then().statusCode(404).body("error_code", equalTo("not_found"));
    }

    @Test
    void anotherUsersTaskIdIsNotFoundInOwnScope() {
        String other = TestTokens.newUserId();
        long theirs = as(other).body(Map.of("title", "theirs")).post("/api/" + other + "/tasks")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        for (var call : List.<java.util.function.Function<RequestSpecification, io.restassured.response.Response>>of(
                s -> s.get(tasks + "/" + theirs),
                s -> s.body(Map.of("title", "pwned")).put(tasks + "/" + theirs),
                s -> s.body(Map.of("title", "pwned")).patch(tasks + "/" + theirs),
                s -> s.patch(tasks + "/" + theirs + "/complete"),
                s -> s.delete(tasks + "/" + theirs))) {
            call.apply(me()).then().statusCode(404).body("error_code", equalTo("not_found"));
        }
        as(other).get("/api/" + other + "/tasks/" + theirs).then().statusCode(200)
                .body("title", equalTo("theirs")).body("completed", equalTo(false));
    }

    @Test
    void listsWithStatusFilterSortAndPaging() {
        long a = create("banana");
        long b = create("apple");
        long c = create("cherry");
        me().patch(tasks + "/" + b + "/complete").then().statusCode(200);

        me().get(tasks).then().statusCode(200).body("total", equalTo(3)).body("page", equalTo(1))
                .body("size", equalTo(20)).body("items.id", contains((int) c, (int) b, (int) a));
        me().queryParam("status", "completed").get(tasks).then().body("items.title", contains("apple"));
        me().queryParam("status", "pending").get(tasks).then().body("items.title", contains("cherry", "banana"));
        me().queryParam("sort", "title").get(tasks).then().body("items.title", contains("apple", "banana", "cherry"));
        me().queryParam("sort", "title").queryParam("order", "desc").get(tasks)
                .then().body("items.title", contains("cherry", "banana", "apple"));
        me().queryParam("sort", "updated").get(tasks).then().body("items[0].title", equalTo("apple"));
        me().queryParam("size", 2).queryParam("page", 2).get(tasks).then().statusCode(200)
                .body("items", hasSize(1)).body("total", equalTo(3)).body("page", equalTo(2));
        me().queryParam("size", 100).get(tasks).then().statusCode(200);
    }

    @Test
    void totalCountsEveryMatchingTaskWhateverThePage() {
        long done = create("one");
        create("two");
        create("three");
        me().patch(tasks + "/" + done + "/complete").then().statusCode(200);

        me().queryParam("size", 1).get(tasks).then().body("items", hasSize(1)).body("total", equalTo(3));
        me().queryParam("status", "pending").queryParam("size", 1).queryParam("page", 2).get(tasks)
                .then().body("items.title", contains("two")).body("total", equalTo(2));
        me().queryParam("status", "completed").get(tasks).then().body("total", equalTo(1));
        me().queryParam("size", 2).queryParam("page", 9).get(tasks).then().statusCode(200)
                .body("items", hasSize(0)).body("total", equalTo(3)).body("page", equalTo(9));
        String nobody = TestTokens.newUserId();
        as(nobody).get("/api/" + nobody + "/tasks").then().statusCode(200).body("items", hasSize(0))
                .body("total", equalTo(0));
    }

    @Test
    void refusesAPageThatWouldSkipMoreThanTheBoundNamingPage() {
        me().queryParam("size", 100).queryParam("page", 101).get(tasks).then().statusCode(200);
        me().queryParam("size", 100).queryParam("page", 102).get(tasks).then().statusCode(422)
                .body("error_code", equalTo("validation_failed")).body("field_errors.field", contains("page"))
                .body("field_errors.message", contains("(page - 1) * size must be at most 10000"));
        me().queryParam("page", 501).get(tasks).then().statusCode(200);
        me().queryParam("page", 502).get(tasks).then().statusCode(422).body("field_errors.field", contains("page"));
    }

    @Test
    void totalStopsAtTheRowsAPageCanReach() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                "insert into tasks (user_id, title, created_at) select ?, 'seeded ' || g, now() - g * interval '1 s'"
                        + " from generate_series(1, 10200) g")) {
            insert.setString(1, user);
            insert.executeUpdate();
        }
        me().queryParam("size", 100).queryParam("page", 101).get(tasks).then().statusCode(200)
                .body("total", equalTo(10_100)).body("items", hasSize(100))
                .body("items[0].title", equalTo("seeded 10001")).body("items[99].title", equalTo("seeded 10100"));
        me().queryParam("status", "completed").get(tasks).then().body("total", equalTo(0));
    }

    @Test
    void refusesBadListParametersWithFieldErrors() {
        me().queryParam("size", 101).get(tasks).then().statusCode(422)
                .body("error_code", equalTo("validation_failed")).body("field_errors.field", contains("size"));
        me().queryParam("page", 0).queryParam("status", "done").queryParam("sort", "id; drop table tasks")
                .get(tasks).then().statusCode(422)
                .body("field_errors.field", contains("status", "sort", "page"));
        me().queryParam("size", "abc").get(tasks).then().statusCode(422);
        me().queryParam("order", "sideways").get(tasks).then().statusCode(422);
    }

    @Test
    void validatesTitleAndDescriptionLengths() {
        me().body(Map.of("title", "")).post(tasks).then().statusCode(422)
                .body("error_code", equalTo("validation_failed"))
                .body("field_errors.field", hasItem("title"));
        me().body(Map.of("title", "   ")).post(tasks).then().statusCode(422);
        me().body("{}").post(tasks).then().statusCode(422).body("field_errors.field", hasItem("title"));
        me().body(Map.of("title", "x".repeat(201))).post(tasks).then().statusCode(422);
        me().body(Map.of("title", "ok", "description", "d".repeat(1001))).post(tasks).then().statusCode(422)
                .body("field_errors.field", contains("description"));
        me().body(Map.of("title", "x".repeat(200), "description", "d".repeat(1000))).post(tasks).then().statusCode(201);
        // 200 emoji are 200 characters (400 UTF-16 units): allowed.
        me().body(Map.of("title", "😀".repeat(200))).post(tasks).then().statusCode(201);
        long id = create("valid");
        me().body(Map.of("title", "")).patch(tasks + "/" + id).then().statusCode(422);
        me().body(Map.of("description", "d")).put(tasks + "/" + id).then().statusCode(422);
    }

    /**
     * NUL (PostgreSQL refuses it: a 500 before) and unpaired surrogates (stored as "?" before): 422 naming the field,
     * in create, replace and patch, and nothing stored.
     */
    @Test
    void refusesNulAndUnpairedSurrogatesInTitleAndDescriptionInEveryWrite() {
        String task = onlyTask("kept");
        for (String bad : List.of("a\\u0000b", "a\\ud800b", "a\\udc00", "\\ud83d")) {
            for (String field : List.of("title", "description")) {
                String value = "\"" + field + "\":\"" + bad + "\"";
                String whole = field.equals("title") ? "{" + value + "}" : "{\"title\":\"t\"," + value + "}";
                assertRefused("POST", tasks, whole, field, "NUL");
                assertRefused("PUT", task, whole, field, "NUL");
                assertRefused("PATCH", task, "{" + value + "}", field, "NUL");
            }
        }
        assertOnlyTaskUntouched(task, "kept");
        me().body(Map.of("title", "\uD83D\uDE00 a pair is fine")).post(tasks).then().statusCode(201);
    }

    @Test
    void storesTitleByteForByte() {
        String title = "'; DROP TABLE tasks; -- <script>alert(1)</script> 😀 \u00e9\u0301 \"quoted\" \\ ";
        long id = me().body(Map.of("title", title)).post(tasks).then().statusCode(201)
                .body("title", equalTo(title)).extract().jsonPath().getLong("id");
        me().get(tasks + "/" + id).then().body("title", equalTo(title));
    }

    @Test
    void malformedJsonIsBadRequest() {
        me().body("{\"title\": ").post(tasks).then().statusCode(400)
                .contentType("application/json").body("error_code", equalTo("bad_request"));
        me().body("{\"title\": \"x\",}").put(tasks + "/1").then().statusCode(400)
                .body("error_code", equalTo("bad_request"));
    }

    /** Each request: method, path, body, the field that must be named and a word of the type it must ask for. */
    private void assertRefused(String method, String path, String body, String field, String wants) {
        var response = me().body(body).request(method, path);
        String what = method + " " + body + " answered " + response.statusCode() + " " + response.asString();
        assertThat(response.statusCode()).as(what).isEqualTo(422);
        assertThat(response.jsonPath().getString("error_code")).as(what).isEqualTo("validation_failed");
        assertThat(response.jsonPath().getList("field_errors.field")).as(what).containsExactly(field);
        assertThat(response.jsonPath().getString("field_errors[0].message")).as(what).contains(wants);
        assertThat(response.asString()).as(what).doesNotContain("java.", "dev.warden", "com.fasterxml", "Task", "Boolean");
    }

    @Test
    void refusesAWrongJsonTypeNamingTheFieldAndTheTypeItWants() {
        String task = onlyTask("typed");
        for (String[] c : List.of(
                new String[] { "POST", tasks, "{\"title\":123}", "title", "string" },
                new String[] { "POST", tasks, "{\"title\":true}", "title", "string" },
                new String[] { "POST", tasks, "{\"title\":1.5}", "title", "string" },
                new String[] { "POST", tasks, "{\"title\":[\"x\"]}", "title", "string" },
                new String[] { "POST", tasks, "{\"title\":{\"text\":\"x\"}}", "title", "string" },
                new String[] { "POST", tasks, "{\"title\":\"x\",\"description\":42}", "description", "string" },
                new String[] { "PUT", task, "{\"title\":123}", "title", "string" },
                new String[] { "PUT", task, "{\"title\":\"x\",\"description\":false}", "description", "string" },
                new String[] { "PUT", task, "{\"title\":\"x\",\"completed\":\"yes\"}", "completed", "boolean" },
                new String[] { "PUT", task, "{\"title\":\"x\",\"completed\":\"true\"}", "completed", "boolean" },
                new String[] { "PUT", task, "{\"title\":\"x\",\"completed\":1}", "completed", "boolean" },
                new String[] { "PATCH", task, "{\"title\":123}", "title", "string" },
                new String[] { "PATCH", task, "{\"description\":7}", "description", "string" },
                new String[] { "PATCH", task, "{\"completed\":0}", "completed", "boolean" },
                new String[] { "PATCH", task, "{\"completed\":\"false\"}", "completed", "boolean" },
                new String[] { "PATCH", task, "{\"completed\":\"\"}", "completed", "boolean" },
                new String[] { "PATCH", task, "{\"completed\":{}}", "completed", "boolean" },
                new String[] { "POST", tasks, "[]", "body", "object" },
                new String[] { "POST", tasks, "\"a title\"", "body", "object" },
                new String[] { "PUT", task, "42", "body", "object" },
                new String[] { "PATCH", task, "[{\"title\":\"x\"}]", "body", "object" })) {
            assertRefused(c[0], c[1], c[2], c[3], c[4]);
        }
        assertOnlyTaskUntouched(task, "typed");
    }

    @Test
    void refusesUnknownFieldsNamingThem() {
        String task = onlyTask("strict");
        assertRefused("POST", tasks, "{\"title\":\"x\",\"colour\":\"red\"}", "colour", "not a field");
        assertRefused("PUT", task, "{\"title\":\"x\",\"colour\":\"red\"}", "colour", "not a field");
        assertRefused("PATCH", task, "{\"title\":\"x\",\"colour\":\"red\"}", "colour", "not a field");
        // The typo that would otherwise be a silent no-op.
        assertRefused("PATCH", task, "{\"complete\":true}", "complete", "not a field");
        assertRefused("PATCH", task, "{\"description_present\":true}", "description_present", "not a field");
        assertRefused("PUT", task, "{\"title\":\"x\",\"createdAt\":\"2020-01-01T00:00:00Z\"}", "createdAt",
                "not a field");
        assertRefused("PUT", task, "{\"title\":\"x\",\"updated_at\":\"2020-01-01T00:00:00Z\"}", "updated_at",
                "not a field");
        assertOnlyTaskUntouched(task, "strict");
    }

    @Test
    void emptyBodyIsReportedAsTheBody() {
        String task = onlyTask("kept");
        for (String[] c : List.of(new String[] { "POST", tasks }, new String[] { "PUT", task },
                new String[] { "PATCH", task })) {
            for (String body : List.of("", "null")) {
                var response = me().body(body).request(c[0], c[1]);
                String what = c[0] + " '" + body + "' answered " + response.asString();
                assertThat(response.statusCode()).as(what).isEqualTo(422);
                assertThat(response.jsonPath().getList("field_errors.field")).as(what).containsExactly("body");
            }
        }
        me().get(task).then().statusCode(200).body("title", equalTo("kept"));
    }

    @Test
    void patchThatChangesNothingLeavesTheTaskAsItWas() {
        var created = me().body("{\"title\":\"still\",\"description\":\"same\"}").post(tasks)
                .then().statusCode(201).extract().jsonPath();
        String task = tasks + "/" + created.getLong("id");
        Map<String, Object> before = created.getMap("");
        for (String nothing : List.of("{}", "{\"title\":\"still\"}",
                "{\"title\":\"still\",\"description\":\"same\",\"completed\":false}")) {
            Map<String, Object> answered = me().body(nothing).patch(task).then().statusCode(200).extract().jsonPath().getMap("");
            assertThat(answered).as(nothing).isEqualTo(before);
        }
        assertThat(me().get(task).then().statusCode(200).extract().jsonPath().<String, Object>getMap(""))
                .isEqualTo(before);
        String moved = me().body("{\"completed\":true}").patch(task).then().statusCode(200)
                .body("completed", equalTo(true)).extract().jsonPath().getString("updated_at");
        assertThat(moved).isNotEqualTo(before.get("updated_at"));
    }

    @Test
    void nonNumericTaskIdIsNotFound() {
        me().get(tasks + "/abc").then().statusCode(404).contentType("application/json")
                .body("error_code", equalTo("not_found"));
        me().get(tasks + "/99999999999999999999999").then().statusCode(404);
    }

    @Test
    void wrongContentTypeIsUnsupported() {
        me().contentType("text/plain").body("title=x").post(tasks).then().statusCode(415)
                .contentType("application/json").body("error_code", equalTo("unsupported_media_type"));
    }
}
