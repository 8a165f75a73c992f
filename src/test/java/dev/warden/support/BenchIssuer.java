package dev.warden.support;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

import com.sun.net.httpserver.HttpExchange;

/**
 * The {@link FakeIssuer} as a process, for the benchmarks and the soak (bench/lib.sh starts it): its RS256 keys and
 * which of them it publishes live in a directory, so it can be killed and started again with the same keys.
 *
 *   java -cp target/test-classes:&lt;test classpath&gt; dev.warden.support.BenchIssuer &lt;port&gt; &lt;state-dir&gt; &lt;audience&gt;
 *   GET  /api/auth/jwks                  the published keys
 *   GET  /token?sub=&lt;id&gt;[&amp;ttl=&lt;s&gt;][&amp;sid=&lt;session&gt;]  a token signed by the current signing key
 *   GET  /tokens?count=N&amp;prefix=p        N tokens (one per line) for subjects p0..p(N-1), valid 1 h
 *   POST /control/rotate                 add a new key, publish old + new, sign with the new one
 *   POST /control/retire                 publish only the signing key
 *   GET  /control/stop                   exit (the soak also simply kills the process)
 * Binds 127.0.0.1 only, and exits by itself after 30 minutes.
 */
public final class BenchIssuer {

    private final Path dir;
    private final String audience;
    private final FakeIssuer issuer;
    private volatile TestTokens tokens;

    private BenchIssuer(int port, Path dir, String audience) throws IOException {
        this.dir = dir;
        this.audience = audience;
        IssuerKeys keys = IssuerKeys.load(dir.resolve("keys"));
        if (!Files.exists(dir.resolve("published"))) {
            String kid = newKey(keys);
            write("published", kid);
            write("signing", kid);
        }
        issuer = FakeIssuer.start(keys, List.of(read("published").split(",")), port, false);
        tokens = new TestTokens(keys, issuer.url(), audience, read("signing"));
        issuer.serve("/token", ex -> {
            Map<String, String> q = query(ex);
            long ttl = Long.parseLong(q.getOrDefault("ttl", "900"));
            if (!q.containsKey("sid")) {
                FakeIssuer.send(ex, 200, tokens.forUser(q.get("sub"), ttl));
                return;
            }
            JwtClaims claims = tokens.claims(q.get("sub"));
            claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() + ttl));
            claims.setClaim("sid", q.get("sid"));
            FakeIssuer.send(ex, 200, tokens.sign(claims, read("signing")));
        });
        issuer.serve("/tokens", ex -> {
            Map<String, String> q = query(ex);
            int count = Math.min(100_000, Integer.parseInt(q.getOrDefault("count", "1")));
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < count; i++) {
                out.append(tokens.forUser(q.getOrDefault("prefix", "user-") + i, 3600)).append('\n');
            }
            FakeIssuer.send(ex, 200, out.toString());
        });
        issuer.serve("/control/rotate", ex -> {
            String kid = newKey(keys);
            publish(read("published") + "," + kid, kid);
            FakeIssuer.send(ex, 200, kid);
        });
        issuer.serve("/control/retire", ex -> {
            publish(read("signing"), read("signing"));
            FakeIssuer.send(ex, 200, read("signing"));
        });
        issuer.serve("/control/stop", ex -> {
            FakeIssuer.send(ex, 200, "bye");
            System.exit(0);
        });
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: BenchIssuer <port> <state-dir> <audience>");
            System.exit(2);
        }
        Path dir = Path.of(args[1]);
        Files.createDirectories(dir);
        BenchIssuer bench = new BenchIssuer(Integer.parseInt(args[0]), dir, args[2]);
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
        System.out.println("issuer " + bench.issuer.url() + " ready");
    }

    private synchronized String newKey(IssuerKeys keys) {
        String kid = "bench-" + Long.toHexString(System.nanoTime());
        keys.add(kid, IssuerKeys.Kind.RS256);
        keys.save(dir.resolve("keys"));
        return kid;
    }

    private synchronized void publish(String published, String signing) throws IOException {
        write("published", published);
        write("signing", signing);
        issuer.publish(published.split(","));
        tokens = new TestTokens(issuer.keys(), issuer.url(), audience, signing);
    }

    private String read(String name) throws IOException {
        return Files.readString(dir.resolve(name)).strip();
    }

    private void write(String name, String value) throws IOException {
        Files.writeString(dir.resolve(name), value);
    }

    private static Map<String, String> query(HttpExchange ex) {
        Map<String, String> q = new HashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                q.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return q;
    }
}
