package dev.warden.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Plays Better Auth's JWKS endpoint on a loopback port. Its private keys reach the tests as a config (and
 * system) property, since the test class may live in another class loader than this manager; for the same reason
 * tests change what it publishes, and read how often it was asked, over HTTP ({@link JwksControl}):
 * <ul>
 * <li>{@code POST /control/publish} with a comma-separated list of kids;</li>
 * <li>{@code POST /control/mode} with {@code ok}, {@code down} (HTTP 500), {@code garbage} or {@code hang};</li>
 * <li>{@code GET /control/hits/jwks} and {@code /control/hits/other}: requests to the JWKS and to any other path
 * (a header URL such as {@code jku} pointing here would show up there).</li>
 * </ul>
 * Init arg {@code mode} sets the mode it starts in ({@code down}: the issuer is down when Warden starts), init arg
 * {@code publish} the kids it publishes at start (default {@link #PUBLISHED_AT_START}).
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

    private HttpServer server;
    private final Map<String, JsonWebKey> keys = new LinkedHashMap<>();
    private volatile Set<String> published = Set.copyOf(PUBLISHED_AT_START);
    private volatile String mode = "ok";
    private final AtomicInteger jwksHits = new AtomicInteger();
    private final AtomicInteger otherHits = new AtomicInteger();
    private final Map<String, String> initArgs = new HashMap<>();

    @Override
    public void init(Map<String, String> initArgs) {
        this.initArgs.putAll(initArgs);
    }

    @Override
    public Map<String, String> start() {
        try {
            mode = initArgs.getOrDefault("mode", "ok");
            if (initArgs.containsKey("publish")) {
                published = Set.of(initArgs.get("publish").split(","));
            }
            StringBuilder privateKeys = new StringBuilder();
            for (String kid : List.of(KID_WITH_ALG, KID_WITHOUT_ALG, KID_ROTATION_A, KID_ROTATION_B, KID_EC, KID_ED,
                    KID_WEAK_RSA)) {
                KeyPair pair;
                JsonWebKey jwk;
                String type;
                if (kid.equals(KID_EC)) {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec("secp256r1"));
                    pair = generator.generateKeyPair();
                    jwk = new EllipticCurveJsonWebKey((ECPublicKey) pair.getPublic());
                    jwk.setAlgorithm("ES256");
                    type = "EC";
                } else if (kid.equals(KID_ED)) {
                    pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                    jwk = new OctetKeyPairJsonWebKey(pair.getPublic());
                    jwk.setAlgorithm("EdDSA");
                    type = "Ed25519";
                } else {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(kid.equals(KID_WEAK_RSA) ? 1024 : 2048);
                    pair = generator.generateKeyPair();
                    jwk = new RsaJsonWebKey((RSAPublicKey) pair.getPublic());
                    if (!kid.equals(KID_WITHOUT_ALG) && !kid.equals(KID_WEAK_RSA)) {
                        jwk.setAlgorithm("RS256");
                    }
                    type = "RSA";
                }
                jwk.setKeyId(kid);
                jwk.setUse("sig");
                keys.put(kid, jwk);
                privateKeys.append(privateKeys.length() == 0 ? "" : ",").append(kid).append(':').append(type).append(':')
                        .append(Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
            }

            server = createServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            server.setExecutor(Executors.newFixedThreadPool(16, r -> {
                Thread t = new Thread(r, "test-jwks");
                t.setDaemon(true);
                return t;
            }));
            server.createContext("/api/auth/jwks", this::jwks);
            server.createContext("/control/", this::control);
            server.createContext("/", exchange -> {
                otherHits.incrementAndGet();
                send(exchange, 404, "{}");
            });
            server.start();
            String base = scheme() + "://127.0.0.1:" + server.getAddress().getPort();
            // The test's side, as system properties: they cross class loaders, the test reads its signing keys there.
            Map<String, String> testSide = Map.of(
                    ISSUER_PROPERTY, base,
                    URL_PROPERTY, base + "/api/auth/jwks",
                    CONTROL_PROPERTY, base + "/control",
                    TestTokens.KEYS_PROPERTY, privateKeys.toString());
            testSide.forEach(System::setProperty);
            // The app's side: SmallRye JWT's own keys, as an operator would set them.
            Map<String, String> appConfig = new HashMap<>();
            appConfig.put("mp.jwt.verify.issuer", base);
            appConfig.put("mp.jwt.verify.audiences", AUDIENCE);
            appConfig.put("mp.jwt.verify.publickey.location", base + "/api/auth/jwks");
            // The packaged app of a @QuarkusIntegrationTest gets these as -D options: keep it on loopback.
            appConfig.put("quarkus.http.host", "127.0.0.1");
            appConfig.putAll(extraAppConfig());
            return appConfig;
        } catch (Exception e) {
            throw new IllegalStateException("test JWKS server failed to start", e);
        }
    }

    /** The JWKS endpoint's server; a subclass may serve it over HTTPS. */
    protected HttpServer createServer(InetSocketAddress address) throws Exception {
        return HttpServer.create(address, 0);
    }

    protected String scheme() {
        return "http";
    }

    /** More settings for the app only (not copied into the test JVM's system properties). */
    protected Map<String, String> extraAppConfig() {
        return Map.of();
    }

    private void jwks(HttpExchange exchange) throws IOException {
        jwksHits.incrementAndGet();
        switch (mode) {
            case "down" -> send(exchange, 500, "{\"error\":\"down\"}");
            case "garbage" -> send(exchange, 200, "<html>not a jwks</html>");
            case "hang" -> {
                try {
                    Thread.sleep(3_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
            }
            default -> {
                List<JsonWebKey> list = new ArrayList<>();
                keys.forEach((kid, jwk) -> {
                    if (published.contains(kid)) {
                        list.add(jwk);
                    }
                });
                send(exchange, 200, new JsonWebKeySet(list).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
            }
        }
    }

    private void control(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).strip();
        switch (path) {
            case "/control/publish" -> published = body.isEmpty() ? Set.of() : Set.of(body.split(","));
            case "/control/mode" -> mode = body;
            case "/control/hits/jwks" -> {
                send(exchange, 200, Integer.toString(jwksHits.get()));
                return;
            }
            case "/control/hits/other" -> {
                send(exchange, 200, Integer.toString(otherHits.get()));
                return;
            }
            default -> {
                send(exchange, 404, "");
                return;
            }
        }
        send(exchange, 204, null);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
