package dev.warden.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.warden.config.WardenConfig;
import dev.warden.support.FakeIssuer;
import dev.warden.support.IssuerKeys;
import dev.warden.support.JwksServer;
import dev.warden.support.TestConfig;
import dev.warden.support.TestTokens;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/**
 * A Warden that starts while the issuer is unreachable starts from the last good keys any Warden stored in the
 * database, within the stale bound, and drops a key the issuer removed meanwhile at its first successful refresh.
 * Each "Warden" here is the key refresher and start-up check of one process, started by hand against an issuer of
 * its own, over the app's real database.
 */
@QuarkusTest
@WithTestResource(JwksServer.class) // the app's own issuer; each "Warden" below has another
class ColdStartTest {

    private static final String AUDIENCE = "https://warden.test";

    @Inject
    LastGoodKeys store;

    @Inject
    DataSource database;

    private final List<JwksRefresher> started = new ArrayList<>();
    private FakeIssuer issuer;
    private TestTokens tokens;
    private WardenConfig config;
    private VerificationSettings settings;
    private JWTAuthContextInfo info;

    @BeforeEach
    void start() {
        issuer = FakeIssuer.start(new IssuerKeys().add("one", IssuerKeys.Kind.RS256).add("two", IssuerKeys.Kind.RS256),
                List.of("one", "two"));
        tokens = new TestTokens(issuer.keys(), issuer.url(), AUDIENCE, "one");
        config = TestConfig.warden(Map.of("warden.auth.jwks-max-stale", "1h"));
        info = new JWTAuthContextInfo(issuer.jwksUrl(), issuer.url());
        info.setExpectedAudience(Set.of(AUDIENCE));
        info.setRequiredClaims(Set.of("sub"));
        info.setRelaxVerificationKeyValidation(false);
        settings = new VerificationSettings(info, true);
    }

    @AfterEach
    void stop() throws SQLException {
        started.forEach(JwksRefresher::stop);
        issuer.close();
        sql("DELETE FROM last_good_jwks WHERE url = '" + issuer.jwksUrl() + "'");
    }

    @Test
    void startsFromTheStoredKeysWhenTheIssuerIsDownAndDropsARemovedKeyAtTheFirstRefresh() throws Exception {
        warden();
        assertThat(store.load(issuer.jwksUrl())).as("the keys a successful fetch stored").isPresent();

        issuer.mode(FakeIssuer.Mode.DOWN);
        JwksRefresher keys = warden();
        assertThat(keys.status().ready()).isTrue();
        assertThat(keys.status().stale()).as("readiness says the keys are stale").isTrue();
        TokenVerifier verifier = verifier(keys);
        assertThat(verifier.verify(tokens.forUser("alice")).toCompletableFuture().join().getSubject()).isEqualTo("alice");

        issuer.mode(FakeIssuer.Mode.OK);
        issuer.publish("two"); // "one" was rotated out while this Warden could not fetch
        keys.refresh().get(5, TimeUnit.SECONDS);
        assertThat(keys.status().stale()).isFalse();
        assertThatThrownBy(() -> verifier.verify(tokens.forUser("alice")).toCompletableFuture().join())
                .isInstanceOf(CompletionException.class).cause().isInstanceOf(TokenRefused.class)
                .extracting(e -> ((TokenRefused) e).reason()).isEqualTo(Refusal.UNKNOWN_KEY);
        String byTwo = new TestTokens(issuer.keys(), issuer.url(), AUDIENCE, "two").forUser("bob");
        assertThat(verifier.verify(byTwo).toCompletableFuture().join().getSubject()).isEqualTo("bob");
    }

    @Test
    void storedKeysOlderThanTheStaleBoundDoNotStartWarden() throws Exception {
        warden();
        sql("UPDATE last_good_jwks SET fetched_at = now() - interval '2 hours' WHERE url = '" + issuer.jwksUrl() + "'");
        issuer.mode(FakeIssuer.Mode.DOWN);
        assertThatThrownBy(this::warden).isInstanceOf(ConfigurationException.class).hasMessageContaining("HTTP 500");
    }

    @Test
    void withNoStoredKeysAnIssuerDownAtStartStillStopsStartUp() {
        issuer.mode(FakeIssuer.Mode.DOWN);
        assertThatThrownBy(this::warden).isInstanceOf(ConfigurationException.class).hasMessageContaining("not usable");
    }

    /** One Warden's key refresher, started as the server starts it (fail-fast on, as in prod). */
    private JwksRefresher warden() {
        JwksRefresher keys = new JwksRefresher(config, settings);
        started.add(keys);
        new JwksStartupCheck(keys, store, config).onStart(null);
        return keys;
    }

    private TokenVerifier verifier(JwksRefresher keys) {
        return new TokenVerifier(config, settings, keys, new DefaultJWTParser(info), new AuthMetrics(new SimpleMeterRegistry()));
    }

    private void sql(String statement) throws SQLException {
        try (Connection connection = database.getConnection()) {
            connection.createStatement().execute(statement);
        }
    }
}
