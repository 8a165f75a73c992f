package dev.warden.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.warden.config.WardenEnvironment;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
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
        VerificationSettings settings = new VerificationSettings(configured(), true);
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
        assertThatThrownBy(() -> new VerificationSettings(info, true)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("JWT_AUDIENCE").hasMessageContaining("NEXT_PUBLIC_API_URL");
    }

    @Test
    void refusesSymmetricAlgorithms() {
        JWTAuthContextInfo info = configured();
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256, SignatureAlgorithm.HS256));
        assertThatThrownBy(() -> new VerificationSettings(info, true)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("JWT_ALGORITHMS lists HS256");
    }

    @Test
    void refusesAJwksLocationThatIsNotAUrl() {
        JWTAuthContextInfo info = configured();
        info.setPublicKeyLocation(null);
        assertThatThrownBy(() -> new VerificationSettings(info, true)).hasMessageContaining("BETTER_AUTH_JWKS_URL");
    }

    /**
     * The shipped application.properties in {@code profile}, with {@code env} as the environment, and in prod the
     * environment's translation (in dev it would start the dev database).
     */
    private static SmallRyeConfig shipped(String profile, Map<String, String> env) throws Exception {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().withProfile(profile).addDefaultInterceptors()
                .withSources(new EnvConfigSource(env, 300))
                .withSources(new PropertiesConfigSource(
                        VerificationSettingsTest.class.getClassLoader().getResource("application.properties"), 250));
        return (profile.equals("prod") ? builder.withSources(new WardenEnvironment()) : builder).build();
    }

    /** What SmallRye JWT reads from {@code config}: to it, NONE is no issuer at all. */
    private static JWTAuthContextInfo readBySmallRye(SmallRyeConfig config) {
        JWTAuthContextInfo info = configured();
        info.setIssuedBy(config.getOptionalValue("mp.jwt.verify.issuer", String.class).filter(i -> !i.equals("NONE"))
                .orElse(null));
        info.setPublicKeyLocation(config.getOptionalValue("mp.jwt.verify.publickey.location", String.class)
                .filter(l -> !l.equals("NONE")).orElse(null));
        return info;
    }

    @Test
    void prodWithoutBetterAuthUrlRefusesToStartNamingIt() throws Exception {
        SmallRyeConfig prod = shipped("prod", Map.of("JWT_AUDIENCE", "https://api.example"));
        assertThat(prod.getValue("mp.jwt.verify.issuer", String.class)).as("no guessed issuer").isEqualTo("NONE");
        assertThatThrownBy(() -> new VerificationSettings(readBySmallRye(prod), true))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no expected issuer: set BETTER_AUTH_URL")
                .hasMessageContaining("no JWKS URL: set BETTER_AUTH_JWKS_URL (or BETTER_AUTH_URL");
        SmallRyeConfig given = shipped("prod", Map.of("BETTER_AUTH_URL", "https://app.example"));
        assertThat(new VerificationSettings(readBySmallRye(given), true).jwksUrl())
                .isEqualTo("https://app.example/api/auth/jwks");
    }

    @Test
    void devAndTestsKeepTheFrontendsDevServerAsTheIssuer() throws Exception {
        for (String profile : List.of("dev", "test")) {
            SmallRyeConfig config = shipped(profile, Map.of());
            assertThat(config.getValue("mp.jwt.verify.issuer", String.class)).as(profile).isEqualTo("http://localhost:3000");
            assertThat(config.getValue("mp.jwt.verify.publickey.location", String.class)).as(profile)
                    .isEqualTo("http://localhost:3000/api/auth/jwks");
        }
    }

    @Test
    void refusesToStartWithoutAnIssuer() {
        JWTAuthContextInfo info = configured();
        info.setIssuedBy(null);
        assertThatThrownBy(() -> new VerificationSettings(info, true)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no expected issuer: set BETTER_AUTH_URL");
    }

    @Test
    void refusesAPlainHttpJwksOrIssuerUrlToAnotherHostNamingTheVariableAndWhy() {
        JWTAuthContextInfo jwks = configured();
        jwks.setPublicKeyLocation("http://auth.example.invalid/api/auth/jwks");
        JWTAuthContextInfo issuer = configured();
        issuer.setIssuedBy("HTTP://app.example");
        assertThatThrownBy(() -> new VerificationSettings(jwks, true)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("BETTER_AUTH_JWKS_URL is plain http")
                .hasMessageContaining("can publish a key and sign tokens for any user")
                .hasMessageNotContaining("BETTER_AUTH_URL is plain http");
        assertThatThrownBy(() -> new VerificationSettings(issuer, true)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("BETTER_AUTH_URL is plain http")
                .hasMessageNotContaining("BETTER_AUTH_JWKS_URL is plain http");
    }

    @Test
    void allowsPlainHttpToLoopbackOnly() {
        for (String host : new String[] { "localhost", "LocalHost", "127.0.0.1", "127.255.3.4", "[::1]" }) {
            JWTAuthContextInfo info = configured();
            info.setIssuedBy("http://" + host + ":3000");
            info.setPublicKeyLocation("http://" + host + ":3000/api/auth/jwks");
            assertThat(new VerificationSettings(info, true).jwksUrl()).as(host).startsWith("http://");
        }
        for (String host : new String[] { "127.0.0.1.example", "localhost.example", "128.0.0.1", "[::2]", "10.0.0.1" }) {
            assertThat(VerificationSettings.plainHttpElsewhere("http://" + host + "/api/auth/jwks")).as(host).isTrue();
        }
        assertThat(VerificationSettings.plainHttpElsewhere("http://user@127.0.0.1.evil/")).isTrue();
    }

    @Test
    void allowsPlainHttpAnywhereWhenHttpsIsNotRequired() {
        JWTAuthContextInfo info = configured();
        info.setIssuedBy("http://app.example");
        info.setPublicKeyLocation("http://app.example/api/auth/jwks");
        assertThat(new VerificationSettings(info, false).issuer()).isEqualTo("http://app.example");
    }

    @Test
    void takesSmallRyesGracePeriodWhenOneIsSet() {
        JWTAuthContextInfo info = configured();
        info.setExpGracePeriodSecs(90);
        assertThat(new VerificationSettings(info, true).clockSkew()).isEqualTo(Duration.ofSeconds(90));
    }
}
