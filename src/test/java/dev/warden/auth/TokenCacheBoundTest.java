package dev.warden.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.warden.config.WardenConfig;
import dev.warden.support.TestConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/** The verified-token cache holds at most its configured size, however many distinct tokens arrive. */
class TokenCacheBoundTest {

    private static final String ISSUER = "https://issuer.test";
    private static final String AUDIENCE = "https://warden.test";

    private HttpServer jwks;

    @AfterEach
    void stop() {
        if (jwks != null) {
            jwks.stop(0);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String unsigned(java.math.BigInteger n) {
        byte[] bytes = n.toByteArray();
        return b64(bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes);
    }

    @Test
    void holdsNoMoreThanItsConfiguredSize() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
        String body = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"k\",\"alg\":\"RS256\",\"n\":\"" + unsigned(pub.getModulus())
                + "\",\"e\":\"" + unsigned(pub.getPublicExponent()) + "\"}]}";
        jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jwks.createContext("/jwks", ex -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        jwks.start();
        WardenConfig config = TestConfig.warden(Map.of("warden.auth.token-cache-size", "5"));
        JWTAuthContextInfo info = new JWTAuthContextInfo("http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks", ISSUER);
        info.setExpectedAudience(Set.of(AUDIENCE));
        info.setRequiredClaims(Set.of("sub"));
        info.setRelaxVerificationKeyValidation(false);
        VerificationSettings settings = new VerificationSettings(info);
        AuthMetrics metrics = new AuthMetrics(new SimpleMeterRegistry());
        JwksRefresher keys = new JwksRefresher(config, settings);
        assertThat(keys.start().ready()).isTrue();
        TokenVerifier verifier = new TokenVerifier(config, settings, keys, new DefaultJWTParser(info), metrics);

        long now = System.currentTimeMillis() / 1000;
        for (int i = 0; i < 50; i++) {
            String input = b64("{\"alg\":\"RS256\",\"kid\":\"k\"}".getBytes(StandardCharsets.UTF_8)) + "."
                    + b64(("{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"u" + i + "\",\"iat\":" + now
                            + ",\"exp\":" + (now + 600) + "}").getBytes(StandardCharsets.UTF_8));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(pair.getPrivate());
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            String token = input + "." + b64(signature.sign());
            assertThat(verifier.verify(token).toCompletableFuture().join().getSubject()).isEqualTo("u" + i);
        }
        assertThat(verifier.cachedTokens()).isLessThanOrEqualTo(5);
    }
}
