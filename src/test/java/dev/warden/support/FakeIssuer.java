package dev.warden.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;

/**
 * Better Auth as Warden sees it: {@code /api/auth/jwks} on loopback, over HTTP or HTTPS, publishing some of its
 * {@link IssuerKeys}, and failing on demand. The same knobs are reachable over HTTP, for a test in another class
 * loader ({@link JwksControl}) or a benchmark script:
 * <ul>
 * <li>{@code POST /control/publish} with a comma-separated list of kids;</li>
 * <li>{@code POST /control/mode} with a {@link Mode} in lower case;</li>
 * <li>{@code GET /control/hits/jwks} and {@code /control/hits/other}: requests to the JWKS and to any other path
 * (a header URL such as {@code jku} pointing here would show up there).</li>
 * </ul>
 */
public final class FakeIssuer implements AutoCloseable {

    public static final String JWKS_PATH = "/api/auth/jwks";

    /** How the JWKS endpoint answers. */
    public enum Mode {
        OK,
        /** HTTP 500. */
        DOWN,
        /** HTTP 200 with HTML. */
        GARBAGE,
        /** No answer for 3 s, then the connection closes. */
        HANG
    }

    private final IssuerKeys keys;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(16, r -> {
        Thread t = new Thread(r, "fake-issuer");
        t.setDaemon(true);
        return t;
    });
    private final SelfSignedTls tls;
    private volatile Set<String> published;
    private volatile Mode mode = Mode.OK;
    private volatile int rawStatus;
    private volatile String rawBody;
    private volatile String cacheControl;
    private final AtomicInteger jwksHits = new AtomicInteger();
    private final AtomicInteger otherHits = new AtomicInteger();

    private FakeIssuer(IssuerKeys keys, Collection<String> published, int port, boolean https) throws Exception {
        this.keys = keys;
        this.published = Set.copyOf(published);
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        if (https) {
            tls = new SelfSignedTls();
            HttpsServer secure = HttpsServer.create(address, 256);
            secure.setHttpsConfigurator(tls.configurator());
            server = secure;
        } else {
            tls = null;
            server = HttpServer.create(address, 256);
        }
        server.setExecutor(threads);
        server.createContext(JWKS_PATH, this::jwks);
        server.createContext("/control/", this::control);
        server.createContext("/", exchange -> {
            otherHits.incrementAndGet();
            send(exchange, 404, "{}");
        });
        server.start();
    }

    /** Over HTTP on a free loopback port. */
    public static FakeIssuer start(IssuerKeys keys, Collection<String> published) {
        return start(keys, published, 0, false);
    }

    /** {@code port} 0 for a free one; {@code https} with a certificate only {@link #trustedBy} trusts. */
    public static FakeIssuer start(IssuerKeys keys, Collection<String> published, int port, boolean https) {
        try {
            return new FakeIssuer(keys, published, port, https);
        } catch (Exception e) {
            throw new IllegalStateException("the fake issuer failed to start", e);
        }
    }

    /** Serves one more endpoint, e.g. a token mint; a longer path wins over a shorter one. */
    public void serve(String path, HttpHandler handler) {
        server.createContext(path, handler);
    }

    public IssuerKeys keys() {
        return keys;
    }

    /** The issuer URL, which is what {@code iss} must say. */
    public String url() {
        return (tls != null ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort();
    }

    public String jwksUrl() {
        return url() + JWKS_PATH;
    }

    /** The system properties that make the app trust this issuer's HTTPS; empty over HTTP. */
    public Map<String, String> trustedBy() {
        return tls != null ? tls.trustedBy() : Map.of();
    }

    public void publish(Collection<String> kids) {
        published = Set.copyOf(kids);
    }

    public void publish(String... kids) {
        publish(List.of(kids));
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** The JWKS endpoint answers this status and body instead, until {@code answer(200, null)}. */
    public void answer(int status, String body) {
        rawStatus = status;
        rawBody = body;
    }

    /** The {@code Cache-Control} the JWKS is served with; null for none. */
    public void cacheControl(String value) {
        cacheControl = value;
    }

    public int jwksHits() {
        return jwksHits.get();
    }

    public int otherHits() {
        return otherHits.get();
    }

    private void jwks(HttpExchange exchange) throws IOException {
        jwksHits.incrementAndGet();
        if (cacheControl != null) {
            exchange.getResponseHeaders().add("Cache-Control", cacheControl);
        }
        if (rawBody != null) {
            send(exchange, rawStatus, rawBody);
            return;
        }
        switch (mode) {
            case DOWN -> send(exchange, 500, "{\"error\":\"down\"}");
            case GARBAGE -> send(exchange, 200, "<html>not a jwks</html>");
            case HANG -> {
                try {
                    Thread.sleep(3_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
            }
            case OK -> send(exchange, 200, keys.jwks(published));
        }
    }

    private void control(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).strip();
        switch (exchange.getRequestURI().getPath()) {
            case "/control/publish" -> publish(body.isEmpty() ? List.of() : List.of(body.split(",")));
            case "/control/mode" -> mode(Mode.valueOf(body.toUpperCase()));
            case "/control/hits/jwks" -> {
                send(exchange, 200, Integer.toString(jwksHits()));
                return;
            }
            case "/control/hits/other" -> {
                send(exchange, 200, Integer.toString(otherHits()));
                return;
            }
            default -> {
                send(exchange, 404, "");
                return;
            }
        }
        send(exchange, 204, null);
    }

    /** A JSON answer, or none for a null body. */
    public static void send(HttpExchange exchange, int status, String body) throws IOException {
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
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        if (tls != null) {
            tls.close();
        }
    }
}
