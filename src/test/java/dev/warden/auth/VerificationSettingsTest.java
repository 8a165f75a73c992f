package dev.warden.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/** What Warden takes from SmallRye's configuration, and the configurations it refuses to start with. */
class VerificationSettingsTest {

    private static JWTAuthContextInfo configured() {
        JWTAuthContextInfo info = new JWTAuthContextInfo("https://app.example/api/auth/jwks", "https://app.example");
        info.setExpectedAudience(Set.of("https://api.example"));
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256, SignatureAlgorithm.EDDSA));
        info.setClockSkew(30);
        return info;
    }

    @Test
    void readsTheSettingsSmallRyeVerifiesWith() {
        VerificationSettings settings = new VerificationSettings(configured());
        assertThat(settings.jwksUrl()).isEqualTo("https://app.example/api/auth/jwks");
        assertThat(settings.issuer()).isEqualTo("https://app.example");
        assertThat(settings.audiences()).containsExactly("https://api.example");
        assertThat(settings.algorithms()).containsExactlyInAnyOrder(Algorithm.RS256, Algorithm.EDDSA);
        assertThat(settings.algorithmNames()).isEqualTo("RS256,EdDSA");
        assertThat(settings.clockSkew()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void refusesToStartWithoutAnAudienceNamingBothHalves() {
        JWTAuthContextInfo info = configured();
        info.setExpectedAudience(null);
        assertThatThrownBy(() -> new VerificationSettings(info)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("JWT_AUDIENCE").hasMessageContaining("NEXT_PUBLIC_API_URL");
    }

    @Test
    void refusesSymmetricAlgorithms() {
        JWTAuthContextInfo info = configured();
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256, SignatureAlgorithm.HS256));
        assertThatThrownBy(() -> new VerificationSettings(info)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("JWT_ALGORITHMS lists HS256");
    }

    @Test
    void refusesAJwksLocationThatIsNotAUrl() {
        JWTAuthContextInfo info = configured();
        info.setPublicKeyLocation(null);
        assertThatThrownBy(() -> new VerificationSettings(info)).hasMessageContaining("BETTER_AUTH_JWKS_URL");
    }

    @Test
    void takesSmallRyesGracePeriodWhenOneIsSet() {
        JWTAuthContextInfo info = configured();
        info.setExpGracePeriodSecs(90);
        assertThat(new VerificationSettings(info).clockSkew()).isEqualTo(Duration.ofSeconds(90));
    }
}
