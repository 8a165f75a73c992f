package dev.warden.home;

import static dev.warden.support.Management.management;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

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

    /** Counts readiness runs: the real checks include the database's, which borrows a pool connection each time. */
    @Readiness
    @ApplicationScoped
    static class CountedReadinessCheck implements HealthCheck {
        static final AtomicInteger RUNS = new AtomicInteger();

        @Override
        public HealthCheckResponse call() {
            RUNS.incrementAndGet();
            return HealthCheckResponse.up("counted");
        }
    }

    @Test
    void aFloodOfPublicReadinessProbesRunsTheChecksAboutOnceASecond() {
        given().get("/q/health/ready").then().statusCode(200);
        int before = CountedReadinessCheck.RUNS.get();
        long start = System.nanoTime();
        int probes = 0;
        while (System.nanoTime() - start < 1_500_000_000L) {
            given().get("/q/health/ready").then().statusCode(200);
            probes++;
        }
        assertThat(probes).as("probes sent").isGreaterThan(10);
        assertThat(CountedReadinessCheck.RUNS.get() - before).as("readiness runs for %d probes in 1.5 s", probes)
                .isLessThanOrEqualTo(2);
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
