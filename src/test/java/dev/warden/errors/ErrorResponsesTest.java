package dev.warden.errors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Inject;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import dev.warden.support.JwksServer;
import dev.warden.support.OpenApiContract;
import dev.warden.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

@QuarkusTest
@WithTestResource(JwksServer.class)
class ErrorResponsesTest {

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    @Inject
    Vertx vertx;

    private final TestTokens tokens = TestTokens.load();

    @Test
    void unknownPathIsJsonNotFound() {
        given().auth().oauth2(tokens.forUser("u")).get("/api/v1/nothing-here/at/all").then().statusCode(404)
                .contentType("application/json").body("error_code", equalTo("not_found"));
        given().get("/definitely-not-here").then().statusCode(404)
                .contentType("application/json").body("error", equalTo("Not Found"));
    }

    @Test
    void wrongMethodIsJsonMethodNotAllowed() {
        given().auth().oauth2(tokens.forUser("u")).delete("/api/v1/me").then().statusCode(405)
                .contentType("application/json").body("error_code", equalTo("method_not_allowed"));
    }

    /** Every /api path the document lists, with every method it does not list for that path. */
    @Test
    void wrongMethodOnAnyApiPathIsMethodNotAllowedWithAllow() {
        String user = TestTokens.newUserId();
        String token = tokens.forUser(user);
        long id = given().auth().oauth2(token).contentType("application/json").body("{\"title\":\"t\"}")
                .post("/api/" + user + "/tasks").then().statusCode(201).extract().jsonPath().getLong("id");
        JsonObject paths = OpenApiContract.served(vertx).document().getJsonObject("paths");
        SoftAssertions soft = new SoftAssertions();
        List<String> checked = new java.util.ArrayList<>();
        for (String path : paths.fieldNames()) {
            if (!path.startsWith("/api/") || !(paths.getValue(path) instanceof JsonObject item)) {
                continue;
            }
            Set<String> documented = new TreeSet<>();
            METHODS.stream().filter(m -> item.containsKey(m.toLowerCase(java.util.Locale.ROOT))).forEach(documented::add);
            String url = path.replace("{userId}", user).replace("{id}", Long.toString(id));
            for (String method : METHODS) {
                if (documented.contains(method)) {
                    continue;
                }
                Response response = given().auth().oauth2(token).request(method, url);
                String what = method + " " + path + " answered " + response.statusCode() + " " + response.asString();
                checked.add(method + " " + path);
                soft.assertThat(response.statusCode()).as(what).isEqualTo(405);
                soft.assertThat(response.contentType()).as(what).startsWith("application/json");
                if (response.contentType().startsWith("application/json")) {
                    soft.assertThat(response.jsonPath().getString("error_code")).as(what).isEqualTo("method_not_allowed");
                }
                String allow = response.header("Allow");
                soft.assertThat(allow).as(what + ": Allow").isNotNull();
                if (allow != null) {
                    Set<String> allowed = new TreeSet<>(Arrays.stream(allow.split(",")).map(String::strip).toList());
                    soft.assertThat(allowed).as(what + ": Allow").containsAll(documented);
                    soft.assertThat(allowed).as(what + ": Allow").doesNotContain(method);
                }
            }
        }
        soft.assertAll();
        assertThat(checked).as("wrong methods tried").hasSizeGreaterThanOrEqualTo(15);
    }

    @Test
    void corsPreflightFromUnknownOriginGetsNoAllowOrigin() {
        String allowed = given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET")
                .options("/api/v1/me").then().extract().header("Access-Control-Allow-Origin");
        org.assertj.core.api.Assertions.assertThat(allowed).isNull();
    }
}
