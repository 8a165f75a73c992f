package dev.warden.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.warden.config.WardenConfig;
import dev.warden.errors.ApiException;
import dev.warden.errors.ErrorCode;
import dev.warden.support.FakeIssuer;
import dev.warden.support.IssuerKeys;
import dev.warden.support.TestConfig;
import dev.warden.support.TestTokens;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/** Keys compare by what they are (kid + RFC 7638 thumbprint), not by which fetch built them. */
class KeyIdentityTest {

    private static final String AUDIENCE = "https://warden.test";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private FakeIssuer issuer;
    private TestTokens tokens;
    private JwksRefresher keys;
    private TokenVerifier verifier;

    @BeforeEach
    void start() throws Exception {
        issuer = FakeIssuer.start(new IssuerKeys().add("one", IssuerKeys.Kind.RS256).add("two", IssuerKeys.Kind.RS256),
                List.of());
        tokens = new TestTokens(issuer.keys(), issuer.url(), AUDIENCE, "one");
        WardenConfig config = TestConfig.warden(Map.of());
        JWTAuthContextInfo info = new JWTAuthContextInfo(issuer.jwksUrl(), issuer.url());
        info.setExpectedAudience(Set.of(AUDIENCE));
        info.setRequiredClaims(Set.of("sub"));
        info.setRelaxVerificationKeyValidation(false);
        VerificationSettings settings = new VerificationSettings(info, true);
        keys = new JwksRefresher(config, settings);
        verifier = new TokenVerifier(config, settings, keys, new DefaultJWTParser(info), new AuthMetrics(registry));
        publish("one", "two");
    }

    @AfterEach
    void stop() {
        keys.stop();
        issuer.close();
    }

    @Test
    void sameKeyFromTwoFetchesIsOneKey() throws Exception {
        KeyPolicy policy = new KeyPolicy(Set.of(Algorithm.RS256));
        String body = issuer.keys().jwks(List.of("one", "two"));
        assertThat(policy.usable(body)).isEqualTo(policy.usable(body));
        assertThat(KeySet.of(policy.usable(body), 0, 0).contains(policy.usable(body).get(0))).isTrue();
        // Key two's public half under kid one: the same kid, another key.
        String impostor = "{\"keys\":[" + IssuerKeys.jwk("one", issuer.keys().publicKey("two"), "RS256") + "]}";
        assertThat(policy.usable(impostor).get(0)).isNotEqualTo(policy.usable(body).get(0));
    }

    @Test
    void refreshWithTheSameJwksKeepsCachedTokensAndRemovedKeyStopsVerifying() throws Exception {
        String token = tokens.forUser("alice");
        assertThat(verifier.verify(token).toCompletableFuture().join().getSubject()).isEqualTo("alice");
        verifier.verify(token).toCompletableFuture().join();
        assertThat(hits()).isEqualTo(1);

        publish("one", "two"); // the same JWKS, fetched again: new key objects
        verifier.verify(token).toCompletableFuture().join();
        assertThat(hits()).as("a cache hit after a refresh that changed nothing").isEqualTo(2);

        publish("two"); // "one" rotated out
        assertThatThrownBy(() -> verifier.verify(token).toCompletableFuture().join())
                .isInstanceOf(CompletionException.class).cause().isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).code()).isEqualTo(ErrorCode.INVALID_TOKEN);
        assertThat(hits()).isEqualTo(2);
        assertThat(verifier.cachedTokens()).isZero();
    }

    private double hits() {
        return registry.get("warden.jwt.cache").tag("result", "hit").counter().count();
    }

    private void publish(String... kids) throws Exception {
        issuer.publish(kids);
        keys.refresh().get(5, TimeUnit.SECONDS);
    }
}
