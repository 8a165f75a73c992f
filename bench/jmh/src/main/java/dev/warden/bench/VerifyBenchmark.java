package dev.warden.bench;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import dev.warden.auth.AuthMetrics;
import dev.warden.auth.JwksRefresher;
import dev.warden.auth.TokenVerifier;
import dev.warden.auth.VerificationSettings;
import dev.warden.config.WardenConfig;
import dev.warden.support.TestConfig;
import dev.warden.support.FakeIssuer;
import dev.warden.support.IssuerKeys;
import dev.warden.support.TestTokens;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/**
 * One token verified by Warden's {@link TokenVerifier} (keys and token from the tests' fake issuer on loopback,
 * signature and claims checked by SmallRye JWT configured as application.properties does), cold (no cache) and
 * through the verified-token cache, beside the bare JDK {@code Signature.verify} of the same bytes: the floor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class VerifyBenchmark {

    static final String AUDIENCE = "https://warden.bench";

    FakeIssuer issuer;
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
        issuer = FakeIssuer.start(new IssuerKeys().add("rs", IssuerKeys.Kind.RS256).add("ed", IssuerKeys.Kind.EDDSA),
                List.of("rs", "ed"));
        rsPublic = issuer.keys().publicKey("rs");
        edPublic = issuer.keys().publicKey("ed");
        cold = verifier(issuer, 0);
        cached = verifier(issuer, 10_000);

        TestTokens tokens = new TestTokens(issuer.keys(), issuer.url(), AUDIENCE, "rs");
        rsToken = tokens.forUser("user-1", 3600);
        edToken = TestTokens.sign(tokens.claims("user-1"), "ed", issuer.keys().privateKey("ed"), AlgorithmIdentifiers.EDDSA);
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
        issuer.close();
    }

    private static TokenVerifier verifier(FakeIssuer issuer, long cacheSize) {
        WardenConfig config = TestConfig.warden(java.util.Map.of("warden.auth.token-cache-size", Long.toString(cacheSize)));
        // What application.properties gives SmallRye JWT.
        JWTAuthContextInfo info = new JWTAuthContextInfo(issuer.jwksUrl(), issuer.url());
        info.setExpectedAudience(java.util.Set.of(AUDIENCE));
        info.setSignatureAlgorithm(java.util.Set.of(SignatureAlgorithm.RS256, SignatureAlgorithm.EDDSA));
        info.setClockSkew(30);
        info.setRequiredClaims(java.util.Set.of("sub"));
        info.setRelaxVerificationKeyValidation(false);
        VerificationSettings settings = new VerificationSettings(info, true);
        AuthMetrics metrics = new AuthMetrics(new SimpleMeterRegistry());
        JwksRefresher keys = new JwksRefresher(config, settings);
        if (!keys.start().ready()) {
            throw new IllegalStateException("no keys from " + issuer.jwksUrl());
        }
        return new TokenVerifier(config, settings, keys, new DefaultJWTParser(info), metrics);
    }

    // One method per measured path, alike in shape: JMH reports each by its name, which RESULTS.md cites.
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
}
