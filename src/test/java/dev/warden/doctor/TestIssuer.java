package dev.warden.doctor;

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
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

import com.sun.net.httpserver.HttpServer;

import dev.warden.support.TestTokens;

/**
 * A Better Auth stand-in on a loopback port for the doctor's tests: its JWKS endpoint publishes whichever of its keys
 * (RSA 2048 {@code rs}, RSA 1024 {@code weak}, Ed25519 {@code ed}, EC P-256 {@code ec}) a test chooses, or answers
 * with a raw body, a status, a {@code Cache-Control} and a {@code Date} of its choosing; and it signs tokens as Better
 * Auth's JWT plugin would.
 */
final class TestIssuer implements AutoCloseable {

    static final String AUDIENCE = "http://127.0.0.1:8080";

    private final Map<String, KeyPair> pairs = new LinkedHashMap<>();
    private final Map<String, JsonWebKey> jwks = new LinkedHashMap<>();
    private final HttpServer server;
    private volatile List<String> published = List.of("rs");
    private volatile String rawBody;
    private volatile int status = 200;
    private volatile String cacheControl;
    private volatile long clockOffsetSeconds;
    private final java.net.ServerSocket skewed;

    TestIssuer() throws Exception {
        add("rs", rsa(2048), "RS256");
        add("weak", rsa(1024), null);
        add("ed", KeyPairGenerator.getInstance("Ed25519").generateKeyPair(), "EdDSA");
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        add("ec", ec.generateKeyPair(), "ES256");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/auth/jwks", exchange -> {
            byte[] body = (rawBody != null ? rawBody : jwks()).getBytes(StandardCharsets.UTF_8);
            if (cacheControl != null) {
                exchange.getResponseHeaders().add("Cache-Control", cacheControl);
            }
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        skewed = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(this::serveSkewed, "test-issuer-skewed");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The same JWKS from a raw HTTP/1.1 responder whose {@code Date} header is off by {@link #clockOffset}: the JDK's
     * server always stamps its own Date.
     */
    private void serveSkewed() {
        while (!skewed.isClosed()) {
            try (java.net.Socket socket = skewed.accept()) {
                var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                String line = in.readLine();
                if (line == null) {
                    continue; // a bare connect, as the doctor's connect check makes
                }
                while (line != null && !line.isEmpty()) {
                    line = in.readLine();
                }
                byte[] body = jwks().getBytes(StandardCharsets.UTF_8);
                String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\nDate: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)
                                .plusSeconds(clockOffsetSeconds)) + "\r\nConnection: close\r\n\r\n";
                OutputStream out = socket.getOutputStream();
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            } catch (IOException e) {
                // closed, or the client went away
            }
        }
    }

    /** The JWKS URL of the responder whose clock is off. */
    String skewedJwksUrl() {
        return "http://127.0.0.1:" + skewed.getLocalPort() + "/api/auth/jwks";
    }

    private static KeyPair rsa(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    private void add(String kid, KeyPair pair, String alg) throws Exception {
        JsonWebKey jwk = pair.getPublic() instanceof RSAPublicKey rsa ? new RsaJsonWebKey(rsa)
                : pair.getPublic() instanceof ECPublicKey ec ? new EllipticCurveJsonWebKey(ec)
                : new OctetKeyPairJsonWebKey(pair.getPublic());
        jwk.setKeyId(kid);
        jwk.setUse("sig");
        if (alg != null) {
            jwk.setAlgorithm(alg);
        }
        pairs.put(kid, pair);
        jwks.put(kid, jwk);
    }

    private String jwks() {
        List<JsonWebKey> list = new ArrayList<>();
        published.forEach(kid -> list.add(jwks.get(kid)));
        return new JsonWebKeySet(list).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** The issuer's base URL: Warden's BETTER_AUTH_URL. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void publish(String... kids) {
        published = List.of(kids);
        rawBody = null;
    }

    void answer(int status, String body) {
        this.status = status;
        this.rawBody = body;
    }

    void cacheControl(String value) {
        cacheControl = value;
    }

    void clockOffset(long seconds) {
        clockOffsetSeconds = seconds;
    }

    /** Claims of a valid token from this issuer for Warden's audience. */
    JwtClaims claims() {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(url());
        claims.setAudience(AUDIENCE);
        claims.setSubject("user-1");
        claims.setClaim("email", "user-1@example.test");
        claims.setIssuedAtToNow();
        claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() + 900));
        return claims;
    }

    String sign(JwtClaims claims, String kid) {
        String alg = switch (kid) {
            case "ed" -> AlgorithmIdentifiers.EDDSA;
            case "ec" -> AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256;
            default -> AlgorithmIdentifiers.RSA_USING_SHA256;
        };
        return TestTokens.sign(claims, kid, pairs.get(kid).getPrivate(), alg);
    }

    @Override
    public void close() throws IOException {
        server.stop(0);
        skewed.close();
    }
}
