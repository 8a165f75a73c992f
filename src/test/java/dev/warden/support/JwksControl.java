package dev.warden.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** The test's side of the control endpoint of {@link JwksServer}'s {@link FakeIssuer}: what it publishes, how it fails, how often it was asked. */
public final class JwksControl {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private JwksControl() {
    }

    public static void publish(String... kids) {
        post("/publish", String.join(",", kids));
    }

    public static void publishDefaults() {
        post("/publish", String.join(",", JwksServer.PUBLISHED_AT_START));
    }

    /** A {@link FakeIssuer.Mode} in lower case: {@code ok}, {@code down}, {@code garbage} or {@code hang}. */
    public static void mode(String mode) {
        post("/mode", mode);
    }

    public static int jwksHits() {
        return Integer.parseInt(get("/hits/jwks"));
    }

    public static int otherHits() {
        return Integer.parseInt(get("/hits/other"));
    }

    public static List<String> startKids() {
        return JwksServer.PUBLISHED_AT_START;
    }

    private static String base() {
        String base = System.getProperty(JwksServer.CONTROL_PROPERTY);
        if (base == null) {
            throw new IllegalStateException("JwksServer has not started");
        }
        return base;
    }

    private static void post(String path, String body) {
        send(HttpRequest.newBuilder(URI.create(base() + path)).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static String get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build());
    }

    private static String send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException("JWKS control request failed", e);
        }
    }
}
