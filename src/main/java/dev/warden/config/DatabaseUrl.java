package dev.warden.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A {@code postgresql://user:pass@host[:port]/db?params} URL, as Neon and most hosts print it, turned into
 * the JDBC URL and credentials Agroal needs. A URL that already starts with {@code jdbc:} is passed through.
 */
public record DatabaseUrl(String jdbcUrl, Optional<String> username, Optional<String> password) {

    public static DatabaseUrl parse(String raw) {
        String url = raw == null ? "" : raw.strip();
        if (url.isEmpty()) {
            throw new IllegalArgumentException("database URL is empty");
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return new DatabaseUrl(url, Optional.empty(), Optional.empty());
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            // The message of URISyntaxException quotes the input, which holds the password.
            throw new IllegalArgumentException("database URL is not a valid URI (expected postgresql://user:pass@host/db)");
        }
        String scheme = uri.getScheme();
        if (!"postgresql".equals(scheme) && !"postgres".equals(scheme)) {
            throw new IllegalArgumentException("database URL must start with postgresql:// or jdbc:postgresql:");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("database URL has no host");
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() != -1) {
            jdbc.append(':').append(uri.getPort());
        }
        String path = uri.getRawPath();
        jdbc.append(path == null || path.isEmpty() ? "/" : path);
        if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
            jdbc.append('?').append(withoutUnsupportedParams(uri.getRawQuery()));
        }
        Optional<String> user = Optional.empty();
        Optional<String> pass = Optional.empty();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            user = Optional.of(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                pass = Optional.of(decode(userInfo.substring(colon + 1)));
            }
        }
        return new DatabaseUrl(jdbc.toString(), user, pass);
    }

    /** pgJDBC rejects libpq-only parameters that Neon adds ({@code channel_binding}); sslmode it understands. */
    private static String withoutUnsupportedParams(String query) {
        StringBuilder kept = new StringBuilder();
        for (String pair : query.split("&")) {
            if (pair.isEmpty() || pair.startsWith("channel_binding=")) {
                continue;
            }
            if (kept.length() > 0) {
                kept.append('&');
            }
            kept.append(pair);
        }
        return kept.toString();
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        // Never print the password, even by accident in a log line.
        return "DatabaseUrl[" + jdbcUrl + ", user=" + username.orElse("") + "]";
    }
}
