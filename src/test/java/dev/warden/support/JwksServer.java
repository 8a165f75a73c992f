package dev.warden.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Plays Better Auth's JWKS endpoint on a loopback port. Its private keys reach the tests as a config (and
 * system) property, since the test class may live in another class loader than this manager.
 */
public class JwksServer implements QuarkusTestResourceLifecycleManager {

    public static final String AUDIENCE = "http://127.0.0.1:8081";
    /** Signs with alg RS256 stated in its JWK. */
    public static final String KID_WITH_ALG = "test-rs256";
    /** Published without an {@code alg} member, as some JWKS do: it must still verify. */
    public static final String KID_WITHOUT_ALG = "test-no-alg";

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @Override
    public Map<String, String> start() {
        try {
            List<JsonWebKey> published = new ArrayList<>();
            StringBuilder privateKeys = new StringBuilder();
            for (String kid : List.of(KID_WITH_ALG, KID_WITHOUT_ALG)) {
                KeyPair pair = rsa();
                RsaJsonWebKey jwk = new RsaJsonWebKey((java.security.interfaces.RSAPublicKey) pair.getPublic());
                jwk.setKeyId(kid);
                if (kid.equals(KID_WITH_ALG)) {
                    jwk.setAlgorithm("RS256");
                }
                published.add(jwk);
                privateKeys.append(privateKeys.length() == 0 ? "" : ",").append(kid).append(':')
                        .append(Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
            }
            String jwks = new JsonWebKeySet(published).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);

            server = createServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            server.createContext("/api/auth/jwks", exchange -> {
                requests.incrementAndGet();
                send(exchange, jwks);
            });
            server.start();
            String issuer = scheme() + "://127.0.0.1:" + server.getAddress().getPort();
            Map<String, String> config = Map.of(
                    "warden.auth.issuer", issuer,
                    "warden.auth.audience", AUDIENCE,
                    "warden.auth.jwks-url", issuer + "/api/auth/jwks",
                    TestTokens.KEYS_PROPERTY, privateKeys.toString());
            // System properties cross class loaders: the test reads its signing keys from there.
            config.forEach(System::setProperty);
            Map<String, String> appConfig = new HashMap<>(config);
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

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static void send(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
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
