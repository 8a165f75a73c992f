package dev.warden.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The {@link FakeIssuer} of a {@code @QuarkusTest} or {@code @QuarkusIntegrationTest}, with every key the tests sign
 * with. The test class may live in another class loader than this manager, so its private keys reach the test as a
 * system property ({@link TestTokens#load}) and the test changes what it publishes over HTTP ({@link JwksControl}).
 * Init args: {@code mode} the {@link FakeIssuer.Mode} it starts in ({@code down}: the issuer is down when Warden
 * starts), {@code publish} the kids it publishes at start (default {@link #PUBLISHED_AT_START}), {@code https}
 * {@code true} to serve over HTTPS with a certificate the app trusts through its trust store only.
 */
public class JwksServer implements QuarkusTestResourceLifecycleManager {

    public static final String AUDIENCE = "http://127.0.0.1:8081";
    /** Signs with alg RS256 stated in its JWK. */
    public static final String KID_WITH_ALG = "test-rs256";
    /** Published without an {@code alg} member, as some JWKS do: it must still verify. */
    public static final String KID_WITHOUT_ALG = "test-no-alg";
    /** Rotation keys, not published at start. */
    public static final String KID_ROTATION_A = "rotation-a";
    public static final String KID_ROTATION_B = "rotation-b";
    /** ES256 (P-256) and EdDSA (Ed25519): usable only where {@code JWT_ALGORITHMS} lists them. */
    public static final String KID_EC = "test-es256";
    public static final String KID_ED = "test-eddsa";
    /** A 1024-bit RSA key: published, never usable. */
    public static final String KID_WEAK_RSA = "test-rsa-1024";
    public static final List<String> PUBLISHED_AT_START = List.of(KID_WITH_ALG, KID_WITHOUT_ALG, KID_EC, KID_ED, KID_WEAK_RSA);

    static final String CONTROL_PROPERTY = "test.jwks.control";
    /** Where the tests find the issuer's base URL and its JWKS. */
    public static final String ISSUER_PROPERTY = "test.jwks.issuer";
    public static final String URL_PROPERTY = "test.jwks.url";

    private final Map<String, String> initArgs = new HashMap<>();
    private FakeIssuer issuer;

    @Override
    public void init(Map<String, String> initArgs) {
        this.initArgs.putAll(initArgs);
    }

    @Override
    public Map<String, String> start() {
        IssuerKeys keys = new IssuerKeys()
                .add(KID_WITH_ALG, IssuerKeys.Kind.RS256)
                .add(KID_WITHOUT_ALG, IssuerKeys.Kind.RSA_WITHOUT_ALG)
                .add(KID_ROTATION_A, IssuerKeys.Kind.RS256)
                .add(KID_ROTATION_B, IssuerKeys.Kind.RS256)
                .add(KID_EC, IssuerKeys.Kind.ES256)
                .add(KID_ED, IssuerKeys.Kind.EDDSA)
                .add(KID_WEAK_RSA, IssuerKeys.Kind.RSA_1024);
        List<String> published = initArgs.containsKey("publish") ? List.of(initArgs.get("publish").split(",")) : PUBLISHED_AT_START;
        issuer = FakeIssuer.start(keys, published, 0, Boolean.parseBoolean(initArgs.get("https")));
        issuer.mode(FakeIssuer.Mode.valueOf(initArgs.getOrDefault("mode", "ok").toUpperCase()));
        // The test's side, as system properties: they cross class loaders, the test reads its signing keys there.
        Map<String, String> testSide = Map.of(
                ISSUER_PROPERTY, issuer.url(),
                URL_PROPERTY, issuer.jwksUrl(),
                CONTROL_PROPERTY, issuer.url() + "/control",
                TestTokens.KEYS_PROPERTY, keys.encode());
        testSide.forEach(System::setProperty);
        // The app's side: SmallRye JWT's own keys, as an operator would set them.
        Map<String, String> appConfig = new HashMap<>(issuer.trustedBy());
        appConfig.put("mp.jwt.verify.issuer", issuer.url());
        appConfig.put("mp.jwt.verify.audiences", AUDIENCE);
        appConfig.put("mp.jwt.verify.publickey.location", issuer.jwksUrl());
        // The packaged app of a @QuarkusIntegrationTest gets these as -D options: keep it on loopback.
        appConfig.put("quarkus.http.host", "127.0.0.1");
        appConfig.putAll(extraAppConfig());
        return appConfig;
    }

    /** More settings for the app only (not copied into the test JVM's system properties). */
    protected Map<String, String> extraAppConfig() {
        return Map.of();
    }

    @Override
    public void stop() {
        if (issuer != null) {
            issuer.close();
        }
    }
}
