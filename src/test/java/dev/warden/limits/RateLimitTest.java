package dev.warden.limits;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import dev.warden.config.DatabaseUrl;
import dev.warden.support.JwksServer;
import dev.warden.support.TestConfig;
import dev.warden.support.TestDatabase;
import dev.warden.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@TestProfile(RateLimitTest.LowLimits.class)
@WithTestResource(JwksServer.class)
class RateLimitTest {

    static final Map<String, String> LIMITS = Map.of(
            "warden.rate-limit.writes-per-minute", "3",
            "warden.rate-limit.reads-per-minute", "5");

    /** Limits low enough to reach in a test; a minute's refill is 1 token per 20 s, far slower than the test. */
    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return LIMITS;
        }
    }

    private final TestTokens tokens = TestTokens.load();
    private final String user = TestTokens.newUserId();
    private final String tasks = "/api/" + user + "/tasks";

    private RequestSpecification as(String sub) {
        return given().auth().oauth2(tokens.forUser(sub)).contentType("application/json");
    }

    private Response create(String sub) {
        return as(sub).body(Map.of("title", "t")).post("/api/" + sub + "/tasks");
    }

    /** Another replica's limiter: its own pool of connections to the same database, its own Bucket4j objects. */
    private static RateLimits otherReplica() {
        return replica(LIMITS);
    }

    private static RateLimits replica(Map<String, String> limits) {
        DatabaseUrl url = TestDatabase.url();
        PGSimpleDataSource other = new PGSimpleDataSource();
        other.setUrl(url.jdbcUrl());
        url.username().ifPresent(other::setUser);
        url.password().ifPresent(other::setPassword);
        return new RateLimits(other, TestConfig.warden(limits).rateLimit());
    }

    private static void assertRateLimited(Response response) {
        response.then().statusCode(429)
                .body("error", equalTo("Too Many Requests"))
                .body("error_code", equalTo("rate_limited"))
                .body("message", equalTo("Too many requests: retry after the seconds Retry-After gives"));
        // One token per 20 s comes back: the wait is whole seconds, at least one, at most that.
        assertThat(Integer.parseInt(response.header("Retry-After"))).isBetween(1, 20);
    }

    @Test
    void writesPastTheLimitAre429WithRetryAfter() {
        for (int i = 0; i < 3; i++) {
            create(user).then().statusCode(201);
        }
        assertRateLimited(create(user));
        assertRateLimited(as(user).body(Map.of("title", "x")).put(tasks + "/1"));
        assertRateLimited(as(user).delete(tasks + "/1"));
        // Reads spend from a bucket of their own.
        as(user).get(tasks).then().statusCode(200).body("total", equalTo(3));
        // And another user from theirs.
        create(TestTokens.newUserId()).then().statusCode(201);
    }

    @Test
    void readsHaveTheirOwnLooserLimit() {
        for (int i = 0; i < 5; i++) {
            as(user).get(tasks).then().statusCode(200);
        }
        assertRateLimited(as(user).get(tasks));
        assertRateLimited(as(user).get(tasks + "/1"));
        // The token alone answers this one, on the event loop: it spends nothing.
        as(user).get("/api/" + user + "/me").then().statusCode(200);
        create(user).then().statusCode(201);
    }

    @Test
    void aFreshLimiterOnAnotherConnectionSeesTheTokensTheAppSpent() {
        create(user).then().statusCode(201);
        create(user).then().statusCode(201);
        assertThat(otherReplica().bucket(user, RateLimits.Kind.WRITE).getAvailableTokens()).isEqualTo(1);
    }

    @Test
    void tokensSpentOnAnotherReplicaCountHere() {
        assertThat(otherReplica().bucket(user, RateLimits.Kind.WRITE).tryConsumeAsMuchAsPossible()).isEqualTo(3);
        assertRateLimited(create(user));
        as(user).get(tasks).then().statusCode(200);
    }

    /** The default read limit (3,000 a minute) lets a replica spend up to 25 tokens before it writes them back. */
    @Test
    void aLargeLimitWritesWhatAReplicaSpentBackWithinItsBound() throws InterruptedException {
        RateLimits one = replica(Map.of());
        RateLimits two = replica(Map.of());
        for (int i = 0; i < 100; i++) {
            one.spend(user, RateLimits.Kind.READ);
        }
        // At most 25 unwritten; the bucket refills 50 tokens a second meanwhile, hence the slack below 75.
        long seen = two.bucket(user, RateLimits.Kind.READ).getAvailableTokens();
        assertThat(3000 - seen).as("tokens the other replica sees spent").isBetween(60L, 100L);
        // A second later the next request writes back all that was spent: both replicas see the same bucket.
        Thread.sleep(1100);
        one.spend(user, RateLimits.Kind.READ);
        long here = one.bucket(user, RateLimits.Kind.READ).getAvailableTokens();
        long there = replica(Map.of()).bucket(user, RateLimits.Kind.READ).getAvailableTokens();
        assertThat(Math.abs(here - there)).isLessThanOrEqualTo(2);
    }

    @Test
    void aRequestForAnotherUsersPathCostsNobodysAllowance() {
        String victim = TestTokens.newUserId();
        for (int i = 0; i < 5; i++) {
            as(user).body(Map.of("title", "t")).post("/api/" + victim + "/tasks").then().statusCode(403);
        }
        create(victim).then().statusCode(201);
        create(user).then().statusCode(201);
    }
}
