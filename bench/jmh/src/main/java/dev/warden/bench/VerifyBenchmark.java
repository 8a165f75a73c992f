package dev.warden.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import com.sun.net.httpserver.HttpServer;

import dev.warden.auth.AuthMetrics;
import dev.warden.auth.JwksRefresher;
import dev.warden.auth.TokenVerifier;
import dev.warden.auth.VerificationSettings;
import dev.warden.config.WardenConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/**
 * One token verified by Warden's {@link TokenVerifier} (keys from a JWKS served on loopback, signature and claims
 * checked by SmallRye JWT configured as application.properties does), cold (no cache) and through the verified-token
 * cache, beside the bare JDK {@code Signature.verify} of the same bytes: the floor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class VerifyBenchmark {

    static final String ISSUER = "https://issuer.bench";
    static final String AUDIENCE = "https://warden.bench";

    HttpServer jwks;
    TokenVerifier cold;
    TokenVerifier cached;
    String rsToken;
    String edToken;
    Signature rsFloor;
    Signature edFloor;
    PublicKey rsPublic;
    PublicKey edPublic;
    byte[] rsInput;
    byte[] rsSignature;
    byte[] edInput;
    byte[] edSignature;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair rs = rsa.generateKeyPair();
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        rsPublic = rs.getPublic();
        edPublic = ed.getPublic();
        String body = "{\"keys\":[" + rsaJwk((RSAPublicKey) rs.getPublic()) + "," + edJwk(ed.getPublic()) + "]}";
        jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        jwks.createContext("/jwks", ex -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        jwks.start();
        String url = "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks";
        cold = verifier(url, 0);
        cached = verifier(url, 10_000);

        rsToken = token("RS256", "rs", "SHA256withRSA", rs.getPrivate());
        edToken = token("EdDSA", "ed", "Ed25519", ed.getPrivate());
        rsInput = rsToken.substring(0, rsToken.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
        rsSignature = Base64.getUrlDecoder().decode(rsToken.substring(rsToken.lastIndexOf('.') + 1));
        edInput = edToken.substring(0, edToken.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
        edSignature = Base64.getUrlDecoder().decode(edToken.substring(edToken.lastIndexOf('.') + 1));
        rsFloor = Signature.getInstance("SHA256withRSA");
        edFloor = Signature.getInstance("Ed25519");
        // Sanity: every path accepts its token.
        if (!jdkRs256() || !jdkEd25519() || wardenRs256Cold() == null || wardenEd25519Cached() == null) {
            throw new IllegalStateException("benchmark tokens do not verify");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        jwks.stop(0);
    }

    private static TokenVerifier verifier(String url, long cacheSize) {
        WardenConfig config = () -> new BenchAuth(cacheSize);
        // What application.properties gives SmallRye JWT.
        JWTAuthContextInfo info = new JWTAuthContextInfo(url, ISSUER);
        info.setExpectedAudience(java.util.Set.of(AUDIENCE));
        info.setSignatureAlgorithm(java.util.Set.of(SignatureAlgorithm.RS256, SignatureAlgorithm.EDDSA));
        info.setClockSkew(30);
        info.setRequiredClaims(java.util.Set.of("sub"));
        info.setRelaxVerificationKeyValidation(false);
        VerificationSettings settings = new VerificationSettings(info);
        AuthMetrics metrics = new AuthMetrics(new SimpleMeterRegistry());
        JwksRefresher keys = new JwksRefresher(config, settings);
        if (!keys.start().ready()) {
            throw new IllegalStateException("no keys from " + url);
        }
        return new TokenVerifier(config, settings, keys, new DefaultJWTParser(info), metrics);
    }

    @Benchmark
    public boolean jdkRs256() throws Exception {
        rsFloor.initVerify(rsPublic);
        rsFloor.update(rsInput);
        return rsFloor.verify(rsSignature);
    }

    @Benchmark
    public Object wardenRs256Cold() {
        return cold.verify(rsToken).toCompletableFuture().join();
    }

    @Benchmark
    public Object wardenRs256Cached() {
        return cached.verify(rsToken).toCompletableFuture().join();
    }

    @Benchmark
    public boolean jdkEd25519() throws Exception {
        edFloor.initVerify(edPublic);
        edFloor.update(edInput);
        return edFloor.verify(edSignature);
    }

    @Benchmark
    public Object wardenEd25519Cold() {
        return cold.verify(edToken).toCompletableFuture().join();
    }

    @Benchmark
    public Object wardenEd25519Cached() {
        return cached.verify(edToken).toCompletableFuture().join();
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String unsigned(java.math.BigInteger n) {
        byte[] bytes = n.toByteArray();
        return b64(bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes);
    }

    private static String rsaJwk(RSAPublicKey key) {
        return "{\"kty\":\"RSA\",\"kid\":\"rs\",\"alg\":\"RS256\",\"use\":\"sig\",\"n\":\"" + unsigned(key.getModulus())
                + "\",\"e\":\"" + unsigned(key.getPublicExponent()) + "\"}";
    }

    private static String edJwk(PublicKey key) {
        // X.509 SubjectPublicKeyInfo of Ed25519 ends with the 32-byte raw key.
        byte[] der = key.getEncoded();
        byte[] raw = java.util.Arrays.copyOfRange(der, der.length - 32, der.length);
        return "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"ed\",\"alg\":\"EdDSA\",\"use\":\"sig\",\"x\":\"" + b64(raw) + "\"}";
    }

    private static String token(String alg, String kid, String jca, PrivateKey key) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        String header = "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
        String payload = "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"user-1\",\"email\":\"u@example.test\","
                + "\"name\":\"Bench User\",\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}";
        String input = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(payload.getBytes(StandardCharsets.UTF_8));
        Signature signature = Signature.getInstance(jca);
        signature.initSign(key);
        signature.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64(signature.sign());
    }

    /** Warden's defaults, with this benchmark's cache size. */
    record BenchAuth(long tokenCacheSize) implements WardenConfig.Auth {
        public Duration jwksCacheTtl() { return Duration.ofHours(1); }
        public Duration jwksTimeout() { return Duration.ofSeconds(5); }
        public boolean failFastOnJwks() { return true; }
        public Duration jwksRefetchCooldown() { return Duration.ofSeconds(10); }
        public Duration jwksMaxStale() { return Duration.ofHours(24); }
        public Duration jwksRetryMin() { return Duration.ofSeconds(1); }
        public Duration jwksRetryMax() { return Duration.ofSeconds(60); }
        public int maxTokenLength() { return 8192; }
    }
}
