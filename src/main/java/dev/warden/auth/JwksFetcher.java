package dev.warden.auth;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One GET of the JWKS, bounded in every way a slow or hostile endpoint could stretch it: connect and read timeouts,
 * no redirects, at most {@link #MAX_BYTES} of body. A plain {@link HttpURLConnection}: no HttpClient to build (its
 * selector and TLS set-up cost most of a second at start-up), and it speaks HTTP/1.1, which {@code next start}
 * requires (it drops h2c upgrade requests). How long an answer may be kept is the {@code Cache-Control} rule of
 * {@link #ttl}.
 */
public final class JwksFetcher {

    /** A JWKS larger than this is garbage, not keys. */
    static final int MAX_BYTES = 1 << 20;
    private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])max-age\\s*=\\s*\"?(\\d{1,9})");
    private static final Pattern NO_CACHE = Pattern.compile("(?:^|[,\\s])(no-store|no-cache)(?:$|[,\\s=])");

    /** A 200 answer: the body and the two headers that matter (each null when absent). */
    public record Document(String body, String cacheControl, String date) {
    }

    /** Why there is no document, in words fit for a log line and the readiness report. */
    public static final class Unavailable extends Exception {
        Unavailable(String why) {
            super(why, null, false, false);
        }
    }

    private final String url;
    private final Duration timeout;

    /** A fetcher of {@code url} whose every step (connect, each read) gives up after {@code timeout}. */
    public JwksFetcher(String url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
    }

    /** The JWKS URL it fetches. */
    String url() {
        return url;
    }

    /** One GET: the document when the answer is 200 and small enough, else why not. */
    public Document fetch() throws Unavailable {
        HttpURLConnection connection;
        try {
            connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        } catch (IllegalArgumentException | IOException | ClassCastException e) {
            throw new Unavailable("invalid URL");
        }
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        connection.setConnectTimeout(millis);
        connection.setReadTimeout(millis);
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setRequestProperty("Accept", "application/json");
        try {
            int status = connection.getResponseCode();
            if (status != 200) {
                throw new Unavailable("HTTP " + status);
            }
            byte[] body;
            try (InputStream in = connection.getInputStream()) {
                body = in.readNBytes(MAX_BYTES + 1);
            }
            if (body.length > MAX_BYTES) {
                throw new Unavailable("JWKS over " + MAX_BYTES + " bytes");
            }
            return new Document(new String(body, StandardCharsets.UTF_8), connection.getHeaderField("Cache-Control"),
                    connection.getHeaderField("Date"));
        } catch (SocketTimeoutException e) {
            throw new Unavailable("timed out after " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw new Unavailable(e.getClass().getSimpleName());
        } finally {
            connection.disconnect();
        }
    }

    /**
     * How long keys served with this {@code Cache-Control} (null: none) are kept: {@code configured}, shortened by
     * the response's {@code max-age} ({@code no-store} / {@code no-cache}: not at all), never under {@code floor}.
     */
    public static Duration ttl(String cacheControl, Duration configured, Duration floor) {
        Duration ttl = configured;
        if (cacheControl != null) {
            Matcher m = MAX_AGE.matcher(cacheControl);
            if (m.find()) {
                Duration maxAge = Duration.ofSeconds(Long.parseLong(m.group(1)));
                ttl = maxAge.compareTo(ttl) < 0 ? maxAge : ttl;
            } else if (NO_CACHE.matcher(cacheControl).find()) {
                ttl = Duration.ZERO;
            }
        }
        return ttl.compareTo(floor) < 0 ? floor : ttl;
    }
}
