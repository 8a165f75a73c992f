package dev.warden.errors;

import static dev.warden.support.Management.management;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.nio.file.Files;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.warden.support.JwksControl;
import dev.warden.support.JwksServer;
import dev.warden.support.OpenApiContract;
import dev.warden.support.PostgresProxy;
import dev.warden.support.ProvokedLogs;
import dev.warden.support.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;

/**
 * Dependencies that go away: the issuer is down when Warden starts, and the database is cut (through a TCP proxy)
 * and restored while it runs. Warden answers 503 JSON quickly and recovers by itself, with no restart. The 503s are
 * checked against the served OpenAPI document too, since no other test can produce them.
 */
@QuarkusTest
@TestProfile(FaultToleranceTest.ProvokedOutages.class)
@WithTestResource(value = JwksServer.class, initArgs = @ResourceArg(name = "mode", value = "down"))
@WithTestResource(PostgresProxy.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceTest {

    /**
     * The outages are provoked here, so what Warden, Hibernate, Agroal and Narayana warn about them (a rollback on a
     * dead connection comes with its whole stack trace) goes to target/provoked-logs/FaultToleranceTest.log, where
     * the tests below look for it; errors still reach the console.
     */
    public static class ProvokedOutages implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return ProvokedLogs.routedToFile("FaultToleranceTest", "dev.warden.auth.JwksRefresher",
                    "dev.warden.auth.JwksStartupCheck", "dev.warden.errors.ErrorMappers", "org.hibernate.orm.jdbc.error",
                    "com.arjuna.ats.jta", "io.agroal.pool");
        }
    }

    private final TestTokens tokens = TestTokens.load();

    @Inject
    Vertx vertx;

    private static int awaitStatus(int wanted, long millis, Supplier<Integer> call) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        int status;
        do {
            status = call.get();
            if (status == wanted) {
                return status;
            }
            Thread.sleep(200);
        } while (System.currentTimeMillis() < deadline);
        return status;
    }

    @Test
    @Order(1)
    void startsWhileTheIssuerIsDownAnswers503AndRecoversByItself() throws Exception {
        String user = TestTokens.newUserId();
        String token = tokens.forUser(user);
        OpenApiContract contract = OpenApiContract.served(vertx);
        contract.check("GET", "/api/v1/me", given().auth().oauth2(token).get("/api/v1/me")).then().statusCode(503)
                .contentType("application/json").body("error_code", equalTo("auth_unavailable"))
                .header("WWW-Authenticate", nullValue()); // not the token's fault: no challenge
        String tasks = "/api/" + user + "/tasks";
        contract.check("GET", tasks, given().auth().oauth2(token).get(tasks)).then().statusCode(503)
                .body("error_code", equalTo("auth_unavailable"));
        given().get("/api/v1/me").then().statusCode(401).body("error_code", equalTo("missing_token"));
        management().get("/q/health/ready").then().statusCode(503);

        JwksControl.mode("ok");
        int status = awaitStatus(200, 15_000, () -> given().auth().oauth2(token).get("/api/v1/me").then().extract().statusCode());
        assertThat(status).as("status once the issuer is back").isEqualTo(200);
        management().get("/q/health/ready").then().statusCode(200);
        assertThat(Files.readString(ProvokedLogs.file("FaultToleranceTest")))
                .as("the start-up check's warning, kept out of the console")
                .contains("is not usable (HTTP 500)").contains("Starting anyway");
    }

    @Test
    @Order(2)
    void databaseCutAnswers503QuicklyAndRecoversWithoutRestart() throws Exception {
        String user = TestTokens.newUserId();
        String token = tokens.forUser(user);
        String tasks = "/api/" + user + "/tasks";
        given().auth().oauth2(token).contentType("application/json").body(Map.of("title", "before"))
                .post(tasks).then().statusCode(201);
        OpenApiContract contract = OpenApiContract.served(vertx);
        try {
            System.setProperty(PostgresProxy.CUT, "true");
            Thread.sleep(300);
            long start = System.nanoTime();
            contract.check("POST", tasks, given().auth().oauth2(token).contentType("application/json")
                    .body(Map.of("title", "during")).post(tasks)).then().statusCode(503).contentType("application/json")
                    .body("error_code", equalTo("database_unavailable"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis).as("ms to answer 503 with the database cut").isLessThan(10_000);
            contract.check("GET", tasks, given().auth().oauth2(token).get(tasks)).then().statusCode(503)
                    .body("error_code", equalTo("database_unavailable"));
            // /api/v1/me never touches the database.
            given().auth().oauth2(token).get("/api/v1/me").then().statusCode(200);
        } finally {
            System.setProperty(PostgresProxy.CUT, "false");
        }
        int status = awaitStatus(201, 20_000, () -> given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("title", "after")).post(tasks).then().extract().statusCode());
        assertThat(status).as("create once the database is back").isEqualTo(201);
        given().auth().oauth2(token).get(tasks + "?sort=created&order=asc").then().statusCode(200)
                .body("items.title", org.hamcrest.Matchers.hasItems("before", "after"))
                .body("items.title", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("during")));
        assertThat(Files.readString(ProvokedLogs.file("FaultToleranceTest")))
                .as("the cut, as the log shows it, kept out of the console").contains("Database unavailable:");
    }
}
