package dev.warden.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.warden.config.WardenConfig;
import dev.warden.errors.ApiException;
import dev.warden.errors.ErrorCode;
import dev.warden.support.TestConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/** Keys compare by what they are (kid + RFC 7638 thumbprint), not by which fetch built them. */
class KeyIdentityTest {

    private static final String ISSUER = "https://issuer.test";
    private static final String AUDIENCE = "https://warden.test";

    private final KeyPair one = rsa();
    private final KeyPair two = rsa();
    private final AtomicReference<String> published = new AtomicReference<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private HttpServer jwks;
    private JwksRefresher keys;
    private TokenVerifier verifier;

    @BeforeEach
    void start() throws Exception {
        jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jwks.createContext("/jwks", ex -> {
            byte[] bytes = published.get().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        jwks.start();
        WardenConfig config = TestConfig.warden(Map.of());
        JWTAuthContextInfo info = new JWTAuthContextInfo("http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks", ISSUER);
        info.setExpectedAudience(Set.of(AUDIENCE));
        info.setRequiredClaims(Set.of("sub"));
        info.setRelaxVerificationKeyValidation(false);
        VerificationSettings settings = new VerificationSettings(info);
        keys = new JwksRefresher(config, settings);
        verifier = new TokenVerifier(config, settings, keys, new DefaultJWTParser(info), new AuthMetrics(registry));
        publish(jwk("one", one), jwk("two", two));
    }

    @AfterEach
    void stop() {
        keys.stop();
        jwks.stop(0);
    }

    @Test
    void sameKeyFromTwoFetchesIsOneKey() throws Exception {
        KeyPolicy policy = new KeyPolicy(Set.of(Algorithm.RS256));
        String body = published.get();
        assertThat(policy.usable(body)).isEqualTo(policy.usable(body));
        assertThat(KeySet.of(policy.usable(body), 0, 0).contains(policy.usable(body).get(0))).isTrue();
        assertThat(policy.usable("{\"keys\":[" + jwk("one", two) + "]}").get(0)).isNotEqualTo(policy.usable(body).get(0));
    }

    @Test
    void refreshWithTheSameJwksKeepsCachedTokensAndRemovedKeyStopsVerifying() throws Exception {
        String token = token("one", one);
        assertThat(verifier.verify(token).toCompletableFuture().join().getSubject()).isEqualTo("alice");
        verifier.verify(token).toCompletableFuture().join();
        assertThat(hits()).isEqualTo(1);

        publish(jwk("one", one), jwk("two", two)); // the same JWKS, fetched again: new key objects
        verifier.verify(token).toCompletableFuture().join();
        assertThat(hits()).as("a cache hit after a refresh that changed nothing").isEqualTo(2);

        publish(jwk("two", two)); // "one" rotated out
        assertThatThrownBy(() -> verifier.verify(token).toCompletableFuture().join())
                .isInstanceOf(CompletionException.class).cause().isInstanceOf(ApiException.class)
                .extracting(e -> ((ApiException) e).code()).isEqualTo(ErrorCode.INVALID_TOKEN);
        assertThat(hits()).isEqualTo(2);
        assertThat(verifier.cachedTokens()).isZero();
    }

    private double hits() {
        return registry.get("warden.jwt.cache").tag("result", "hit").counter().count();
    }

    private void publish(String... jwk) throws Exception {
        published.set("{\"keys\":[" + String.join(",", jwk) + "]}");
        keys.refresh().get(5, TimeUnit.SECONDS);
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jwk(String kid, KeyPair pair) {
        RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
        return "{\"kty\":\"RSA\",\"kid\":\"" + kid + "\",\"alg\":\"RS256\",\"n\":\"" + unsigned(pub.getModulus())
                + "\",\"e\":\"" + unsigned(pub.getPublicExponent()) + "\"}";
    }

    private static String token(String kid, KeyPair pair) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        String input = b64(("{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}").getBytes(StandardCharsets.UTF_8)) + "."
                + b64(("{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"alice\",\"iat\":" + now
                        + ",\"exp\":" + (now + 600) + "}").getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(pair.getPrivate());
        signature.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64(signature.sign());
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String unsigned(BigInteger n) {
        byte[] bytes = n.toByteArray();
        return b64(bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes);
    }
}
