import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for Better Auth's JWT plugin, for benchmarks and the soak: a JWKS and a token mint on loopback.
 * Keys live in a directory, so the process can be stopped and started again with the same keys.
 *
 *   java bench/Issuer.java <port> <state-dir> <audience>
 *   GET  /api/auth/jwks                  the published keys (RS256)
 *   GET  /token?sub=<id>[&ttl=<s>]       a token signed by the current signing key
 *   GET  /tokens?count=N&prefix=p        N tokens (one per line) for subjects p0..p(N-1), valid 1 h
 *   POST /control/rotate                 add a new key, publish old + new, sign with the new one
 *   POST /control/retire                 publish only the signing key
 *   GET  /control/stop                   exit (the soak also simply kills the process)
 * Exits by itself after 30 minutes.
 */
public class Issuer {

    static Path dir;
    static String issuer;
    static String audience;

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        dir = Path.of(args[1]);
        audience = args[2];
        issuer = "http://127.0.0.1:" + port;
        Files.createDirectories(dir);
        if (!Files.exists(dir.resolve("published"))) {
            String kid = newKey();
            Files.writeString(dir.resolve("published"), kid);
            Files.writeString(dir.resolve("signing"), kid);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/api/auth/jwks", ex -> send(ex, 200, jwks()));
        server.createContext("/token", ex -> {
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            long ttl = Long.parseLong(q.getOrDefault("ttl", "900"));
            send(ex, 200, token(q.get("sub"), ttl));
        });
        server.createContext("/tokens", ex -> {
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            int count = Math.min(100_000, Integer.parseInt(q.getOrDefault("count", "1")));
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < count; i++) {
                out.append(token(q.getOrDefault("prefix", "user-") + i, 3600)).append('\n');
            }
            send(ex, 200, out.toString());
        });
        server.createContext("/control/rotate", ex -> {
            String kid;
            try {
                kid = newKey();
            } catch (Exception e) {
                send(ex, 500, "{}");
                return;
            }
            String published = read("published");
            Files.writeString(dir.resolve("published"), published + "," + kid);
            Files.writeString(dir.resolve("signing"), kid);
            send(ex, 200, kid);
        });
        server.createContext("/control/retire", ex -> {
            Files.writeString(dir.resolve("published"), read("signing"));
            send(ex, 200, read("signing"));
        });
        server.createContext("/control/stop", ex -> {
            send(ex, 200, "bye");
            System.exit(0);
        });
        server.start();
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(30 * 60 * 1000L);
            } catch (InterruptedException e) {
                return;
            }
            System.exit(0);
        });
        stopper.setDaemon(true);
        stopper.start();
        System.out.println("issuer " + issuer + " ready");
    }

    static String read(String name) throws IOException {
        return Files.readString(dir.resolve(name)).strip();
    }

    static synchronized String newKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        String kid = "soak-" + Long.toHexString(System.nanoTime());
        Files.write(dir.resolve(kid + ".key"), pair.getPrivate().getEncoded());
        return kid;
    }

    static RSAPrivateCrtKey key(String kid) throws Exception {
        byte[] der = Files.readAllBytes(dir.resolve(kid + ".key"));
        return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String unsigned(BigInteger n) {
        byte[] bytes = n.toByteArray();
        if (bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return b64(bytes);
    }

    static String jwks() {
        try {
            List<String> keys = new ArrayList<>();
            for (String kid : read("published").split(",")) {
                RSAPrivateCrtKey k = key(kid);
                keys.add("{\"kty\":\"RSA\",\"alg\":\"RS256\",\"use\":\"sig\",\"kid\":\"" + kid + "\",\"n\":\""
                        + unsigned(k.getModulus()) + "\",\"e\":\"" + unsigned(k.getPublicExponent()) + "\"}");
            }
            return "{\"keys\":[" + String.join(",", keys) + "]}";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String token(String sub, long ttl) {
        try {
            String kid = read("signing");
            long now = System.currentTimeMillis() / 1000;
            String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
            String payload = "{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"sub\":\"" + sub
                    + "\",\"email\":\"" + sub + "@example.test\",\"name\":\"Soak " + sub + "\",\"iat\":" + now
                    + ",\"exp\":" + (now + ttl) + "}";
            String input = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(payload.getBytes(StandardCharsets.UTF_8));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key(kid));
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + b64(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> q = new java.util.HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                q.put(kv[0], kv.length > 1 ? java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return q;
    }

    static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
