package dev.warden.home;

import static dev.warden.support.Management.management;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.warden.support.JwksServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** What the public port shows a stranger, and what only the management interface shows an operator. */
@QuarkusTest
@WithTestResource(JwksServer.class)
class PublicSurfaceTest {

    private static final List<String> OPERATORS_ONLY = List.of("/q/metrics", "/q/openapi", "/q/health",
            "/q/health/started");

    @Test
    void metricsOpenApiAndTheFullHealthReportAreNotOnThePublicPort() {
        for (String path : OPERATORS_ONLY) {
            given().get(path).then().statusCode(404);
        }
    }

    @Test
    void metricsOpenApiAndTheFullHealthReportAreOnTheManagementInterface() {
        for (String path : OPERATORS_ONLY) {
            management().get(path).then().statusCode(200);
        }
        assertThat(management().get("/q/metrics").asString()).contains("warden_jwks_keys");
    }

    @Test
    void publicReadinessAndLivenessSayOnlyUpOrDown() {
        for (String path : List.of("/q/health/ready", "/q/health/live")) {
            String body = given().get(path).then().statusCode(200).contentType("application/json").extract().asString();
            assertThat(body).as(path).isEqualTo("{\"status\":\"UP\"}");
        }
        // The management interface still names the JWKS it reads, which the public answer must not.
        String url = management().get("/q/health/ready").then().extract().jsonPath()
                .getString("checks.find { it.name == 'jwks' }.data.url");
        assertThat(url).startsWith("http://127.0.0.1:");
        assertThat(given().get("/q/health/ready").asString()).doesNotContain(url, "jwks", "problem");
    }
}
