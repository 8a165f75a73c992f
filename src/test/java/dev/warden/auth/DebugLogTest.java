package dev.warden.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.formatters.PatternFormatter;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.warden.support.ConfigProfile;
import dev.warden.support.JwksServer;
import dev.warden.support.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** With Warden's log at DEBUG (what {@code DEBUG=true} sets), each refusal is one line that explains it and holds no token. */
@QuarkusTest
@TestProfile(DebugLogTest.Debug.class)
@WithTestResource(JwksServer.class)
class DebugLogTest {

    public static class Debug extends ConfigProfile {
        public Debug() {
            super(Map.of("quarkus.log.category.\"dev.warden\".level", "DEBUG"));
        }
    }

    private final TestTokens tokens = TestTokens.load();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    // The message as a log line shows it, with its parameters filled in.
    private final PatternFormatter message = new PatternFormatter("%s");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(message.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger(TokenVerifier.class.getName()).addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger(TokenVerifier.class.getName()).removeHandler(capture);
    }

    @Test
    void refusalIsExplainedInOneLineWithoutTheToken() {
        String sub = TestTokens.newUserId();
        JwtClaims claims = tokens.claims(sub);
        claims.setAudience("https://another-api.example");
        String token = tokens.sign(claims, JwksServer.KID_WITH_ALG);

        given().auth().oauth2(token).get("/api/v1/me").then().statusCode(401);

        assertThat(lines).filteredOn(l -> l.startsWith("Token refused")).singleElement().satisfies(line -> {
            assertThat(line).contains("audience mismatch", "kid=" + JwksServer.KID_WITH_ALG, "iss=" + tokens.issuer(),
                    "aud=https://another-api.example", "sub=" + sub);
            for (String part : token.split("\\.")) {
                assertThat(line).doesNotContain(part);
            }
        });
    }

    @Test
    void attackerControlledClaimsCannotForgeLogLines() {
        JwtClaims claims = tokens.claims("x\nINFO  [dev.warden] fake line");
        claims.setIssuer("https://evil.example");
        given().auth().oauth2(tokens.sign(claims, JwksServer.KID_WITH_ALG)).get("/api/v1/me").then().statusCode(401);
        assertThat(lines).filteredOn(l -> l.startsWith("Token refused")).singleElement().satisfies(line -> {
            assertThat(line).contains("issuer mismatch", "sub=x\\u000aINFO").doesNotContain("\n");
        });
    }
}
