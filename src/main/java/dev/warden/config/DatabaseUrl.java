package dev.warden.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code postgresql://user:pass@host[:port]/db?params} URL, as Neon and most hosts print it, turned into
 * the JDBC URL and credentials Agroal needs, its TLS parameters in pgjdbc's words. A URL
 * that already starts with {@code jdbc:} is passed through: it speaks pgjdbc already.
 */
public record DatabaseUrl(String jdbcUrl, Optional<String> username, Optional<String> password) {

    /** pgjdbc's factory that checks the server's certificate with the JVM's own trust store, no file to ship. */
    public static final String JVM_TRUST_STORE = "org.postgresql.ssl.DefaultJavaSSLFactory";
    private static final Set<String> CHANNEL_BINDINGS = Set.of("require", "prefer", "disable");

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
            jdbc.append('?').append(inPgjdbcTerms(uri.getRawQuery()));
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

    /**
     * libpq's parameters in pgjdbc's words. pgjdbc's {@code sslmode=require} (and {@code verify-ca}) accepts any
     * certificate (or any certificate of any host), so a machine in the middle could relay the login: both become
     * {@code verify-full}, checked against the JVM's trust store, where the public CA of a host such as Neon already
     * is. {@code sslrootcert} or {@code sslfactory} in the URL keep pgjdbc's own way of finding the trusted CA.
     */
    private static String inPgjdbcTerms(String query) {
        List<String> pairs = new ArrayList<>(List.of(query.split("&")));
        pairs.removeIf(String::isEmpty);
        boolean ownTrust = pairs.stream().anyMatch(p -> p.startsWith("sslrootcert=") || p.startsWith("sslfactory="));
        List<String> kept = new ArrayList<>();
        for (String pair : pairs) {
            if (pair.startsWith("channel_binding=")) {
                String mode = pair.substring("channel_binding=".length());
                if (!CHANNEL_BINDINGS.contains(mode)) {
                    throw new IllegalArgumentException("channel_binding must be require, prefer or disable");
                }
                kept.add("channelBinding=" + mode);
            } else if (pair.equals("sslmode=require") || pair.equals("sslmode=verify-ca") || pair.equals("sslmode=verify-full")) {
                kept.add("sslmode=verify-full");
                if (!ownTrust) {
                    kept.add("sslfactory=" + JVM_TRUST_STORE);
                }
            } else {
                kept.add(pair);
            }
        }
        return String.join("&", kept);
    }

    /**
     * Whether a connection made from {@code jdbcUrl} can be read or relayed by a machine on the way: any host other
     * than this machine reached without {@code sslmode=verify-full} (pgjdbc's default, {@code prefer}, falls back to
     * plaintext), or with the factory that trusts every certificate.
     */
    public static boolean interceptable(String jdbcUrl) {
        if (parameter(jdbcUrl, "sslmode").filter("verify-full"::equals).isPresent()
                && parameter(jdbcUrl, "sslfactory").filter(f -> f.endsWith(".NonValidatingFactory")).isEmpty()) {
            return false;
        }
        return !hosts(jdbcUrl).stream().allMatch(Loopback::isLoopback);
    }

    /** The value of the query parameter {@code name} of a JDBC URL. */
    public static Optional<String> parameter(String jdbcUrl, String name) {
        int query = jdbcUrl.indexOf('?');
        if (query < 0) {
            return Optional.empty();
        }
        for (String pair : jdbcUrl.substring(query + 1).split("&")) {
            if (pair.startsWith(name + "=")) {
                return Optional.of(URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    /** The hosts of {@code jdbc:postgresql://h1[:p],h2[:p]/db}; {@code jdbc:postgresql:db} means localhost. */
    static List<String> hosts(String jdbcUrl) {
        String rest = jdbcUrl.substring(jdbcUrl.indexOf(':', "jdbc:".length()) + 1);
        if (!rest.startsWith("//")) {
            return List.of("localhost");
        }
        String authority = rest.substring(2).split("[/?]", 2)[0];
        List<String> hosts = new ArrayList<>();
        for (String hostPort : authority.split(",")) {
            hosts.add(hostPort.startsWith("[") ? hostPort.substring(1, Math.max(1, hostPort.indexOf(']')))
                    : hostPort.replaceFirst(":\\d*$", ""));
        }
        return hosts;
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
