package dev.warden.sessions;

import static dev.warden.support.Management.management;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.warden.config.WardenConfig;
import dev.warden.config.DatabaseUrl;
import dev.warden.support.JwksServer;
import dev.warden.support.PostgresProxy;
import dev.warden.support.TestDatabase;
import dev.warden.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * A session Better Auth ends (its row deleted from the session table, as sign-out and every revocation do) ends its
 * tokens at once on every Warden listening, the app's and a second one here, with no query per request; a Warden
 * that starts afterwards, or whose connection was cut meanwhile, refuses them too. The app's database is reached
 * through {@link PostgresProxy}, so its connection can be cut; the session table is a stand-in for Better Auth's,
 * in a schema of this test's own.
 */
@QuarkusTest
@TestProfile(SessionRevocationTest.OwnSessionSchema.class)
@WithTestResource(JwksServer.class)
@WithTestResource(PostgresProxy.class)
class SessionRevocationTest {

    static final String SCHEMA = "session_revocation_test";

    public static class OwnSessionSchema implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("warden.sessions.schema", SCHEMA, "warden.sessions.listener-max-down", "1h");
        }
    }

    private final TestTokens tokens = TestTokens.load();
    private final List<SessionListener> others = new ArrayList<>();

    @Inject
    WardenConfig config;

    @BeforeEach
    void sessionTable() throws SQLException {
        sql("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
        sql("CREATE TABLE IF NOT EXISTS " + SCHEMA + ".session (id TEXT PRIMARY KEY)");
        await("the listener attaches its trigger to the session table", () -> count("SELECT count(*) FROM pg_trigger "
                + "WHERE tgname = 'warden_session_ended' AND tgrelid = '" + SCHEMA + ".session'::regclass") == 1, 15_000);
    }

    @AfterEach
    void stopOthers() {
        others.forEach(SessionListener::stop);
        System.setProperty(PostgresProxy.CUT, "false");
    }

    @Test
    void signOutRefusesTheSessionsTokensWithinASecondOnEveryListeningWarden() throws Exception {
        EndedSessions second = listening();
        String sid = session();
        String token = tokens.withClaims(c -> c.setClaim("sid", sid));
        me(token).then().statusCode(200);
        me(token).then().statusCode(200); // now from the verified-token cache

        long start = System.nanoTime();
        sql("DELETE FROM " + SCHEMA + ".session WHERE id = '" + sid + "'");
        await("the app refuses the token", () -> me(token).statusCode() == 401, 1000);
        long appMillis = (System.nanoTime() - start) / 1_000_000;
        await("the second Warden refuses it", () -> second.of(verified(sid)) == EndedSessions.Verdict.ENDED, 1000);
        System.out.printf("session ended → token refused: app %d ms, second Warden %d ms%n", appMillis,
                (System.nanoTime() - start) / 1_000_000);
        Response refused = me(token);
        assertThat(refused.jsonPath().getString("error_code")).isEqualTo("invalid_token");
        assertThat(refused.jsonPath().getString("message")).isEqualTo("Invalid token: session ended");
        me(tokens.withClaims(c -> c.setClaim("sid", "another-session"))).then().statusCode(200);
        me(tokens.forUser(TestTokens.newUserId())).then().statusCode(200); // no sid: another issuer's token
    }

    @Test
    void aWardenStartedAfterTheSessionEndedRefusesItsTokens() throws Exception {
        String sid = session();
        sql("DELETE FROM " + SCHEMA + ".session WHERE id = '" + sid + "'");
        EndedSessions restarted = listening();
        assertThat(restarted.of(verified(sid))).isEqualTo(EndedSessions.Verdict.ENDED);
    }

    @Test
    void aSessionEndedWhileTheConnectionWasCutIsRefusedOnceItIsBack() throws Exception {
        String sid = session();
        String token = tokens.withClaims(c -> c.setClaim("sid", sid));
        me(token).then().statusCode(200);
        System.setProperty(PostgresProxy.CUT, "true");
        await("the listener notices the cut", () -> !management().get("/q/health/ready").jsonPath()
                .getBoolean("checks.find { it.name == 'ended-sessions' }.data.listening"), 15_000);
        sql("DELETE FROM " + SCHEMA + ".session WHERE id = '" + sid + "'"); // straight to PostgreSQL: nobody hears
        System.setProperty(PostgresProxy.CUT, "false");
        await("the token is refused after the reconnect", () -> me(token).statusCode() == 401, 40_000);
    }

    /** Another Warden's listener, on a connection of its own straight to PostgreSQL, once it listens. */
    private EndedSessions listening() {
        EndedSessions sessions = new EndedSessions(config);
        SessionListener listener = new SessionListener(sessions, SessionRevocationTest::connect, config.sessions());
        others.add(listener);
        listener.start();
        await("the second listener listens", sessions::isListening, 10_000);
        return sessions;
    }

    private static String session() throws SQLException {
        String sid = UUID.randomUUID().toString();
        sql("INSERT INTO " + SCHEMA + ".session (id) VALUES ('" + sid + "')");
        return sid;
    }

    private static Response me(String token) {
        return given().auth().oauth2(token).get("/api/v1/me");
    }

    /** A verified token naming {@code sid}, as the verifier hands it on. */
    private static org.eclipse.microprofile.jwt.JsonWebToken verified(String sid) {
        return new io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal(
                new org.jose4j.jwt.JwtClaims() {
                    {
                        setSubject("someone");
                        setClaim("sid", sid);
                        setIssuedAtToNow();
                    }
                });
    }

    private static Connection connect() throws SQLException {
        DatabaseUrl url = TestDatabase.url();
        return DriverManager.getConnection(url.jdbcUrl(), url.username().orElse(null), url.password().orElse(null));
    }

    private static void sql(String statement) throws SQLException {
        try (Connection connection = connect(); PreparedStatement s = connection.prepareStatement(statement)) {
            s.execute();
        }
    }

    private static long count(String query) {
        try (Connection connection = connect(); var rows = connection.createStatement().executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    private static void await(String what, BooleanSupplier condition, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as(what + " within " + millis + " ms").isLessThan(deadline);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
