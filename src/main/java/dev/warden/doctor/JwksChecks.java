package dev.warden.doctor;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jose4j.json.JsonUtil;

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
        boolean reachable = new NetworkSteps(GROUP, timeout).reach(uri, checks);
        if (!reachable) {
            checks.add(Check.skip(GROUP, "HTTP", "not tried: the endpoint cannot be reached"));
            return new Result(checks, List.of());
        }
        long start = System.nanoTime();
        JwksFetcher.Document document;
        try {
            document = new JwksFetcher(url, timeout).fetch();
        } catch (JwksFetcher.Unavailable e) {
            checks.add(Check.fail(GROUP, "HTTP", "GET failed after " + NetworkSteps.millis(start) + ": " + e.getMessage() + hint(e.getMessage())));
            return new Result(checks, List.of());
        }
        long answeredAt = System.currentTimeMillis();
        checks.add(Check.pass(GROUP, "HTTP", "200 in " + NetworkSteps.millis(start) + ", " + document.body().length() + " characters"));
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
            String what = KeyAdvice.describe(verdict.jwk());
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
            checks.add(Check.fail(GROUP, "usable keys", "none: " + KeyAdvice.advice(verdicts, settings.algorithms())
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
}
