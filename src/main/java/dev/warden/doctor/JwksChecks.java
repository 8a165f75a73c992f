package dev.warden.doctor;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;

import dev.warden.auth.Algorithm;
import dev.warden.auth.JwksFetcher;
import dev.warden.auth.KeyPolicy;
import dev.warden.auth.VerificationSettings;
import dev.warden.errors.Printable;

/**
 * The JWKS as the server would fetch it: the URL and where it came from, then each step of reaching it with its time
 * (DNS, TCP connect, TLS, the HTTP GET itself through Warden's {@link JwksFetcher}), the document, and each key with
 * {@link KeyPolicy}'s verdict. When no key is usable it says why in Better Auth's terms (its JWT plugin signs EdDSA
 * unless {@code jwks.keyPairConfig.alg} says otherwise).
 */
final class JwksChecks {

    static final String GROUP = "JWKS";

    /** What the other checks need from here: the verdict on every published key (empty when there was no JWKS). */
    record Result(List<Check> checks, List<KeyPolicy.Verdict> published) {
    }

    private final ServerConfig server;
    private final VerificationSettings settings;
    private final Duration timeout;
    private final Function<String, Duration> ttl;

    /**
     * @param ttl how long the server keeps keys for a given {@code Cache-Control} (its key set's own rule)
     */
    JwksChecks(ServerConfig server, VerificationSettings settings, Duration timeout, Function<String, Duration> ttl) {
        this.server = server;
        this.settings = settings;
        this.timeout = timeout;
        this.ttl = ttl;
    }

    Result run() {
        List<Check> checks = new ArrayList<>();
        String url = settings.jwksUrl();
        URI uri = parse(url);
        if (uri == null) {
            checks.add(Check.fail(GROUP, "URL", (url == null ? "none" : url) + " is not an http(s) URL (" + source() + ")"));
            return new Result(checks, List.of());
        }
        checks.add(Check.pass(GROUP, "URL", url + " (" + source() + ")"));
        boolean reachable = reach(uri, checks);
        if (!reachable) {
            checks.add(Check.skip(GROUP, "HTTP", "not tried: the endpoint cannot be reached"));
            return new Result(checks, List.of());
        }
        long start = System.nanoTime();
        JwksFetcher.Document document;
        try {
            document = new JwksFetcher(url, timeout).fetch();
        } catch (JwksFetcher.Unavailable e) {
            checks.add(Check.fail(GROUP, "HTTP", "GET failed after " + millis(start) + ": " + e.getMessage() + hint(e.getMessage())));
            return new Result(checks, List.of());
        }
        long answeredAt = System.currentTimeMillis();
        checks.add(Check.pass(GROUP, "HTTP", "200 in " + millis(start) + ", " + document.body().length() + " characters"));
        checks.add(clock(document.date(), answeredAt));
        List<KeyPolicy.Verdict> verdicts = keys(document.body(), checks);
        if (verdicts != null) {
            cacheControl(document.cacheControl(), checks);
        }
        return new Result(checks, verdicts == null ? List.of() : verdicts);
    }

    private String source() {
        if (server.setDirectly("smallrye.jwt.verify.key.location")) {
            return "SMALLRYE_JWT_VERIFY_KEY_LOCATION, " + server.origin("smallrye.jwt.verify.key.location");
        }
        if (server.value("BETTER_AUTH_JWKS_URL").isPresent() || server.setDirectly("mp.jwt.verify.publickey.location")) {
            return server.provenance("mp.jwt.verify.publickey.location", "BETTER_AUTH_JWKS_URL", "");
        }
        return "derived: " + server.provenance("mp.jwt.verify.issuer", "BETTER_AUTH_URL", "the default issuer")
                + " + /api/auth/jwks";
    }

    private static URI parse(String url) {
        try {
            URI uri = url == null ? null : URI.create(url);
            return uri != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    ? uri : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** DNS, TCP and (for https) TLS, each timed; false when a step fails, the later ones then skipped. */
    private boolean reach(URI uri, List<Check> checks) {
        String host = uri.getHost();
        boolean tls = "https".equals(uri.getScheme());
        int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
        long start = System.nanoTime();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            checks.add(Check.fail(GROUP, "DNS", host + " does not resolve from here (" + millis(start) + "): a name that works "
                    + "on your laptop may not exist where Warden runs"));
            checks.add(Check.skip(GROUP, "connect", "no address to connect to"));
            return false;
        }
        checks.add(Check.pass(GROUP, "DNS", host + " → " + Arrays.stream(addresses).limit(3)
                .map(InetAddress::getHostAddress).collect(Collectors.joining(", ")) + " in " + millis(start)));
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(addresses[0], port), millis);
            checks.add(Check.pass(GROUP, "connect", addresses[0].getHostAddress() + ":" + port + " in " + millis(start)));
            if (!tls) {
                checks.add(Check.skip(GROUP, "TLS", "plain http: no TLS"));
                return true;
            }
            return handshake(socket, host, port, millis, checks);
        } catch (java.io.IOException e) {
            checks.add(Check.fail(GROUP, "connect", addresses[0].getHostAddress() + ":" + port + " refused or unanswered "
                    + "within " + timeout.toMillis() + " ms (" + e.getClass().getSimpleName() + "): is the issuer up, and "
                    + "reachable from where Warden runs?"));
            if (tls) {
                checks.add(Check.skip(GROUP, "TLS", "no connection"));
            }
            return false;
        }
    }

    private boolean handshake(Socket socket, String host, int port, int millis, List<Check> checks) {
        long start = System.nanoTime();
        try (SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                .createSocket(socket, host, port, false)) {
            SSLParameters parameters = ssl.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the host name check HttpsURLConnection makes
            ssl.setSSLParameters(parameters);
            ssl.setSoTimeout(millis);
            ssl.startHandshake();
            String detail = ssl.getSession().getProtocol() + " in " + millis(start);
            Certificate[] chain = ssl.getSession().getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate cert) {
                long days = Duration.between(Instant.now(), cert.getNotAfter().toInstant()).toDays();
                detail += ", certificate for " + cert.getSubjectX500Principal().getName() + " valid " + days + " more days";
            }
            checks.add(Check.pass(GROUP, "TLS", detail));
            return true;
        } catch (java.io.IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            checks.add(Check.fail(GROUP, "TLS", "handshake with " + host + " failed: " + why
                    + (why.contains("PKIX") ? " — this JVM does not trust the certificate (a private CA? pass "
                            + "-Djavax.net.ssl.trustStore=…)" : "")));
            return false;
        }
    }

    private static String hint(String problem) {
        if (problem.startsWith("HTTP 3")) {
            return " — Warden does not follow redirects: set BETTER_AUTH_JWKS_URL to the final URL";
        }
        if (problem.equals("HTTP 404")) {
            return " — is the JWT plugin enabled, and is the path right (Better Auth serves <BETTER_AUTH_URL>/api/auth/jwks)?";
        }
        return "";
    }

    /** The document and each key; null when there is no key set to judge. */
    private List<KeyPolicy.Verdict> keys(String body, List<Check> checks) {
        Object keys;
        try {
            keys = JsonUtil.parseJson(body).get("keys");
        } catch (Exception e) {
            checks.add(Check.fail(GROUP, "JSON", "the answer is not JSON (it starts with \"" + Printable.of(body, 40) + "\")"));
            return null;
        }
        if (!(keys instanceof List<?> list)) {
            checks.add(Check.fail(GROUP, "JSON", "JSON, but no \"keys\" array: not a JWKS document"));
            return null;
        }
        List<KeyPolicy.Verdict> verdicts;
        try {
            verdicts = new KeyPolicy(settings.algorithms()).judge(body);
        } catch (Exception e) {
            checks.add(Check.fail(GROUP, "JSON", "a \"keys\" array whose keys do not parse as JWKs"));
            return null;
        }
        if (list.isEmpty()) {
            checks.add(Check.fail(GROUP, "JSON", "an empty key set {\"keys\":[]}: the issuer has published no key yet "
                    + "(Better Auth creates one on its first token)"));
            return verdicts;
        }
        checks.add(Check.pass(GROUP, "JSON", "a JWKS with " + list.size() + (list.size() == 1 ? " key" : " keys")));
        long usable = verdicts.stream().filter(KeyPolicy.Verdict::usable).count();
        for (KeyPolicy.Verdict verdict : verdicts) {
            String name = "key " + (verdict.jwk().getKeyId() == null ? "(no kid)" : verdict.jwk().getKeyId());
            String what = describe(verdict.jwk());
            if (verdict.usable()) {
                checks.add(Check.pass(GROUP, name, what + ": Warden verifies with it"));
            } else if (usable > 0 && !verdict.whyNot().startsWith("RSA key of")) {
                checks.add(Check.skip(GROUP, name, what + ": not used, " + verdict.whyNot()));
            } else {
                checks.add(Check.fail(GROUP, name, what + ": not used, " + verdict.whyNot()));
            }
        }
        if (usable > 0) {
            checks.add(Check.pass(GROUP, "usable keys", usable + " of " + verdicts.size() + " under JWT_ALGORITHMS="
                    + settings.algorithmNames()));
        } else if (!verdicts.isEmpty()) {
            checks.add(Check.fail(GROUP, "usable keys", "none: " + advice(verdicts, settings.algorithms())
                    + ". Until then Warden refuses to start in prod and answers 503 auth_unavailable to every token"));
        }
        return verdicts;
    }

    /**
     * This machine's clock against the issuer's, as its {@code Date} header shows it (to the second): a difference
     * beyond the leeway makes fresh tokens look expired or not yet valid.
     */
    private Check clock(String date, long localMillis) {
        if (date == null) {
            return Check.skip(GROUP, "clock", "the issuer sent no Date header to compare this machine's clock with");
        }
        Instant issuer;
        try {
            issuer = java.time.ZonedDateTime.parse(date, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (java.time.DateTimeException e) {
            return Check.skip(GROUP, "clock", "the issuer's Date header does not parse");
        }
        // The header has whole seconds: up to a second of difference is rounding, not drift.
        long drift = localMillis - issuer.toEpochMilli();
        long beyond = Math.max(0, Math.abs(drift) - 1000);
        String words = Durations.words(Duration.ofMillis(Math.abs(drift)));
        if (beyond <= settings.clockSkew().toMillis()) {
            return Check.pass(GROUP, "clock", "this machine and the issuer agree within " + (beyond == 0 ? "a second" : words)
                    + " (leeway " + settings.clockSkew().toSeconds() + " s)");
        }
        return Check.fail(GROUP, "clock", "this machine is " + words + (drift > 0 ? " ahead of" : " behind")
                + " the issuer (its Date: " + date + "), beyond the leeway of " + settings.clockSkew().toSeconds()
                + " s: tokens will look " + (drift > 0 ? "expired early" : "not yet valid") + "; sync both clocks (NTP)");
    }

    private void cacheControl(String header, List<Check> checks) {
        Duration kept = ttl.apply(header);
        long configured = server.warden().auth().jwksCacheTtl().toSeconds();
        String why = kept.toSeconds() == configured ? "JWKS_CACHE_TTL=" + configured + " s, "
                + server.provenance("warden.auth.jwks-cache-ttl", "JWKS_CACHE_TTL", "default")
                : "the response's max-age or no-cache shortens JWKS_CACHE_TTL=" + configured + " s, down to the refetch cooldown";
        checks.add(Check.pass(GROUP, "Cache-Control", (header == null ? "none" : "\"" + Printable.of(header, 80) + "\"")
                + ": Warden refreshes the keys every " + kept.toSeconds() + " s (" + why + ")"));
    }

    /** e.g. {@code RSA 2048 bits, alg RS256, use sig}. */
    static String describe(JsonWebKey jwk) {
        StringBuilder what = new StringBuilder(jwk.getKeyType() == null ? "?" : jwk.getKeyType());
        if (jwk instanceof RsaJsonWebKey rsa) {
            what.append(' ').append(rsa.getRsaPublicKey().getModulus().bitLength()).append(" bits");
        } else if (jwk instanceof EllipticCurveJsonWebKey ec) {
            what.append(' ').append(ec.getCurveName());
        } else if (jwk instanceof OctetKeyPairJsonWebKey okp) {
            what.append(' ').append(okp.getSubtype());
        }
        what.append(", alg ").append(jwk.getAlgorithm() == null ? "not stated" : jwk.getAlgorithm());
        if (jwk.getUse() != null) {
            what.append(", use ").append(jwk.getUse());
        }
        return what.toString();
    }

    /**
     * Why no published key fits the allow-list, in Better Auth's terms: e.g. "only Ed25519 keys, but
     * JWT_ALGORITHMS=RS256: Better Auth signs EdDSA unless `jwks.keyPairConfig.alg` is RS256 — set that, or
     * JWT_ALGORITHMS=EdDSA".
     */
    static String advice(List<KeyPolicy.Verdict> verdicts, Set<Algorithm> allowed) {
        Set<String> kinds = new LinkedHashSet<>();
        Set<String> signs = new LinkedHashSet<>();
        boolean weak = false;
        for (KeyPolicy.Verdict verdict : verdicts) {
            JsonWebKey jwk = verdict.jwk();
            weak |= verdict.whyNot() != null && verdict.whyNot().startsWith("RSA key of");
            String natural = naturalAlgorithm(jwk);
            if (natural != null) {
                kinds.add(kind(jwk));
                signs.add(natural);
            }
        }
        String allowedNames = allowed.stream().sorted().map(Algorithm::jwa).collect(Collectors.joining(","));
        String preferred = allowed.stream().sorted().map(Algorithm::jwa).findFirst().orElse("RS256");
        boolean familyMismatch = signs.stream().map(Algorithm::byJwa).noneMatch(allowed::contains);
        if (weak && !familyMismatch) {
            return "the RSA keys are shorter than " + KeyPolicy.MIN_RSA_BITS + " bits: have the issuer create a new key "
                    + "(Better Auth: `jwks.keyPairConfig.modulusLength` 2048 or more)";
        }
        if (kinds.isEmpty() || !familyMismatch) {
            return "every key was refused (see each key above)";
        }
        String only = "only " + String.join(" and ", kinds) + " keys, but JWT_ALGORITHMS=" + allowedNames;
        String algorithms = String.join(",", signs);
        if (signs.contains("EdDSA")) {
            return only + ": Better Auth signs EdDSA unless `jwks.keyPairConfig.alg` is " + preferred
                    + " — set that, or JWT_ALGORITHMS=" + algorithms;
        }
        return only + ": this Better Auth signs " + algorithms + " (its `jwks.keyPairConfig.alg`) — set JWT_ALGORITHMS="
                + algorithms + ", or `jwks.keyPairConfig.alg` to " + preferred;
    }

    /** The algorithm an issuer signs with using this key: its own {@code alg}, else its family's usual one. */
    private static String naturalAlgorithm(JsonWebKey jwk) {
        if (jwk.getAlgorithm() != null) {
            return Algorithm.byJwa(jwk.getAlgorithm()) == null ? null : jwk.getAlgorithm();
        }
        String curve = jwk instanceof EllipticCurveJsonWebKey ec ? ec.getCurveName()
                : jwk instanceof OctetKeyPairJsonWebKey okp ? okp.getSubtype() : null;
        Algorithm usual = Algorithm.usualFor(jwk.getKeyType(), curve);
        return usual == null ? null : usual.jwa();
    }

    private static String kind(JsonWebKey jwk) {
        if (jwk instanceof EllipticCurveJsonWebKey ec) {
            return "EC " + ec.getCurveName();
        }
        if (jwk instanceof OctetKeyPairJsonWebKey okp) {
            return okp.getSubtype();
        }
        return jwk.getKeyType();
    }

    static String millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000 + " ms";
    }

}
