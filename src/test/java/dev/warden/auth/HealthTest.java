package dev.warden.auth;

import static dev.warden.support.Management.management;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.warden.support.JwksServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(JwksServer.class)
class HealthTest {

    @Test
    void readinessReportsJwksAndDatabase() {
        management().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("jwks", "Database connections health check"))
                .body("checks.find { it.name == 'jwks' }.data.usable_keys", equalTo(2));
    }

    /** Probes and load balancers may pass a credential along; health neither reads nor judges it, on either port. */
    @Test
    void healthIgnoresTheAuthorizationHeader() {
        for (String header : List.of("Bearer not-a-jwt", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "Bearer",
                "Basic cHJvYmU6cHJvYmU=")) {
            for (String path : List.of("/q/health/live", "/q/health/ready")) {
                given().header("Authorization", header).get(path).then().statusCode(200)
                        .body("status", equalTo("UP"));
            }
            for (String path : List.of("/q/health", "/q/health/live", "/q/health/ready", "/q/health/started")) {
                management().header("Authorization", header).get(path).then().statusCode(200)
                        .body("status", equalTo("UP"));
            }
        }
        for (RequestSpecification request : List.of(given(), management())) {
            request.header("Authorization", "Bearer a").header("Authorization", "Bearer b").get("/q/health/ready")
                    .then().statusCode(200).body("status", equalTo("UP"));
        }
    }

    @Test
    void livenessIsUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
