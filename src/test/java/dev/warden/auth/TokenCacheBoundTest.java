package dev.warden.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.warden.config.WardenConfig;
import dev.warden.support.FakeIssuer;
import dev.warden.support.IssuerKeys;
import dev.warden.support.TestConfig;
import dev.warden.support.TestTokens;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/** The verified-token cache holds at most its configured size, however many distinct tokens arrive. */
class TokenCacheBoundTest {

    private static final String AUDIENCE = "https://warden.test";

    private final FakeIssuer issuer = FakeIssuer.start(new IssuerKeys().add("k", IssuerKeys.Kind.RS256), List.of("k"));

    @AfterEach
    void stop() {
        issuer.close();
    }

    @Test
    void holdsNoMoreThanItsConfiguredSize() {
        WardenConfig config = TestConfig.warden(Map.of("warden.auth.token-cache-size", "5"));
        JWTAuthContextInfo info = new JWTAuthContextInfo(issuer.jwksUrl(), issuer.url());
        info.setExpectedAudience(Set.of(AUDIENCE));
        info.setRequiredClaims(Set.of("sub"));
        info.setRelaxVerificationKeyValidation(false);
        VerificationSettings settings = new VerificationSettings(info, true);
        AuthMetrics metrics = new AuthMetrics(new SimpleMeterRegistry());
        JwksRefresher keys = new JwksRefresher(config, settings);
        assertThat(keys.start().ready()).isTrue();
        TokenVerifier verifier = new TokenVerifier(config, settings, keys, new DefaultJWTParser(info), metrics);

        TestTokens tokens = new TestTokens(issuer.keys(), issuer.url(), AUDIENCE, "k");
        for (int i = 0; i < 50; i++) {
            String token = tokens.forUser("u" + i);
            assertThat(verifier.verify(token).toCompletableFuture().join().getSubject()).isEqualTo("u" + i);
        }
        assertThat(verifier.cachedTokens()).isLessThanOrEqualTo(5);
        keys.stop();
    }
}
