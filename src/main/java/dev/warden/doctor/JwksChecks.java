package dev.warden.doctor;

import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;

import dev.warden.auth.JwksFetcher;
import dev.warden.auth.KeyPolicy;
import dev.warden.auth.VerificationSettings;
import dev.warden.config.WardenConfig;
import dev.warden.errors.Printable;

/**
 * The JWKS as the server fetches it: the URL and where it came from, each step of reaching it with its time (DNS, TCP,
 * TLS, then the GET through the server's {@link JwksFetcher}), the document, and each key with {@link KeyPolicy}'s
 * verdict, and when none is usable the server's own reason why.
 */
final class JwksChecks {

    static final String GROUP = "JWKS";

    /** The lines, and the verdict on every published key (empty when there was no JWKS). */
    record Result(List<Check> checks, List<KeyPolicy.Verdict> published) {
    }

    private final ServerConfig server;
    private final VerificationSettings settings;
    private final WardenConfig.Auth auth;
    private final List<Check> checks = new ArrayList<>();

    JwksChecks(ServerConfig server, VerificationSettings settings, WardenConfig.Auth auth) {
        this.server = server;
        this.settings = settings;
        this.auth = auth;
    }

    Result run() {
        String url = settings.jwksUrl();
        URI uri = ServerConfig.httpUrl(url);
        checks.add(Check.of(uri != null, GROUP, "URL", (url == null ? "none" : url) + (uri == null ? " is not an http(s) "
                + "URL" : "") + " (" + source() + ")"));
        if (uri == null) {
            return new Result(checks, List.of());
        }
        if (!new NetworkSteps(GROUP, auth.jwksTimeout()).reach(uri, checks)) {
            checks.add(Check.skip(GROUP, "HTTP", "not tried: the endpoint cannot be reached"));
            return new Result(checks, List.of());
        }
        long start = System.nanoTime();
        JwksFetcher.Document document;
        try {
            document = new JwksFetcher(url, auth.jwksTimeout()).fetch();
        } catch (JwksFetcher.Unavailable e) {
            String problem = e.getMessage();
            checks.add(Check.fail(GROUP, "HTTP", "GET failed after " + NetworkSteps.millis(start) + ": " + problem
                    + (problem.startsWith("HTTP 3") ? " — Warden does not follow redirects: set BETTER_AUTH_JWKS_URL to "
                            + "the final URL" : problem.equals("HTTP 404") ? " — is the JWT plugin enabled, and is the "
                            + "path right (Better Auth serves <BETTER_AUTH_URL>/api/auth/jwks)?" : "")));
            return new Result(checks, List.of());
        }
        long answeredAt = System.currentTimeMillis();
        checks.add(Check.pass(GROUP, "HTTP", "200 in " + NetworkSteps.millis(start) + ", " + document.body().length()
                + " characters"));
        clock(document.date(), answeredAt);
        List<KeyPolicy.Verdict> verdicts = keys(document.body());
        if (verdicts != null) {
            Duration kept = JwksFetcher.ttl(document.cacheControl(), auth.jwksCacheTtl(), auth.jwksRefetchCooldown());
            long configured = auth.jwksCacheTtl().toSeconds();
            String header = document.cacheControl();
            checks.add(Check.pass(GROUP, "Cache-Control", (header == null ? "none" : "\"" + Printable.of(header, 80)
                    + "\"") + ": Warden refreshes the keys every " + kept.toSeconds() + " s (" + (kept.toSeconds()
                    == configured ? "JWKS_CACHE_TTL=" + configured + " s, " + server.provenance(
                            "warden.auth.jwks-cache-ttl", "JWKS_CACHE_TTL", "default") : "the response's max-age or "
                    + "no-cache shortens JWKS_CACHE_TTL=" + configured + " s, down to the refetch cooldown") + ")"));
        }
        return new Result(checks, verdicts == null ? List.of() : verdicts);
    }

    private String source() {
        String key = "smallrye.jwt.verify.key.location";
        if (server.setDirectly(key)) {
            return ServerConfig.environmentName(key) + ", " + server.origin(key);
        }
        if (server.value("BETTER_AUTH_JWKS_URL").isPresent() || server.setDirectly("mp.jwt.verify.publickey.location")) {
            return server.provenance("mp.jwt.verify.publickey.location", "BETTER_AUTH_JWKS_URL", "");
        }
        return "derived: " + server.provenance("mp.jwt.verify.issuer", "BETTER_AUTH_URL", "the default issuer")
                + " + /api/auth/jwks";
    }

    /** The document and each key; null when there is no key set to judge. */
    private List<KeyPolicy.Verdict> keys(String body) {
        Object keys;
        try {
            keys = JsonUtil.parseJson(body).get("keys");
        } catch (Exception e) {
            checks.add(Check.fail(GROUP, "JSON", "the answer is not JSON (it starts with \"" + Printable.of(body, 40) + "\")"));
            return null;
        }
        List<KeyPolicy.Verdict> verdicts;
        try {
            verdicts = keys instanceof List<?> ? new KeyPolicy(settings.algorithms()).judge(body) : null;
        } catch (Exception e) {
            checks.add(Check.fail(GROUP, "JSON", "a \"keys\" array whose keys do not parse as JWKs"));
            return null;
        }
        if (verdicts == null) {
            checks.add(Check.fail(GROUP, "JSON", "JSON, but no \"keys\" array: not a JWKS document"));
            return null;
        }
        if (verdicts.isEmpty()) {
            checks.add(Check.fail(GROUP, "JSON", "an empty key set {\"keys\":[]}: the issuer has published no key yet "
                    + "(Better Auth creates one on its first token)"));
            return verdicts;
        }
        checks.add(Check.pass(GROUP, "JSON", "a JWKS with " + verdicts.size() + (verdicts.size() == 1 ? " key" : " keys")));
        long usable = verdicts.stream().filter(KeyPolicy.Verdict::usable).count();
        for (KeyPolicy.Verdict verdict : verdicts) {
            String name = "key " + (verdict.jwk().getKeyId() == null ? "(no kid)" : verdict.jwk().getKeyId());
            String what = describe(verdict.jwk());
            boolean weak = !verdict.usable() && verdict.whyNot().startsWith("RSA key of");
            checks.add(verdict.usable() ? Check.pass(GROUP, name, what + ": Warden verifies with it")
                    : new Check(GROUP, name, usable > 0 && !weak ? Check.Status.SKIP : Check.Status.FAIL, what
                            + ": not used, " + verdict.whyNot()));
        }
        checks.add(usable > 0 ? Check.pass(GROUP, "usable keys", usable + " of " + verdicts.size() + " under "
                + "JWT_ALGORITHMS=" + settings.algorithmNames()) : Check.fail(GROUP, "usable keys", "none: "
                + new KeyPolicy(settings.algorithms()).whyNone(verdicts) + ". Until then Warden refuses to start in "
                + "prod and answers 503 auth_unavailable to every token"));
        return verdicts;
    }

    /**
     * This machine's clock against the issuer's {@code Date} header (whole seconds): a difference beyond the leeway
     * makes fresh tokens look expired or not yet valid.
     */
    private void clock(String date, long localMillis) {
        long issuer;
        try {
            issuer = date == null ? -1 : ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()
                    .toEpochMilli();
        } catch (DateTimeException e) {
            checks.add(Check.skip(GROUP, "clock", "the issuer's Date header does not parse"));
            return;
        }
        if (issuer < 0) {
            checks.add(Check.skip(GROUP, "clock", "the issuer sent no Date header to compare this machine's clock with"));
            return;
        }
        // Up to a second of difference is the header's rounding, not drift.
        long drift = localMillis - issuer;
        long beyond = Math.max(0, Math.abs(drift) - 1000);
        String words = Durations.words(Duration.ofMillis(Math.abs(drift)));
        long leeway = settings.clockSkew().toSeconds();
        checks.add(beyond <= settings.clockSkew().toMillis() ? Check.pass(GROUP, "clock", "this machine and the issuer "
                + "agree within " + (beyond == 0 ? "a second" : words) + " (leeway " + leeway + " s)")
                : Check.fail(GROUP, "clock", "this machine is " + words + (drift > 0 ? " ahead of" : " behind")
                        + " the issuer (its Date: " + date + "), beyond the leeway of " + leeway + " s: tokens will "
                        + "look " + (drift > 0 ? "expired early" : "not yet valid") + "; sync both clocks (NTP)"));
    }

    /** A published key in an operator's words, e.g. {@code RSA 2048 bits, alg RS256, use sig}. */
    static String describe(JsonWebKey jwk) {
        String size = jwk instanceof RsaJsonWebKey rsa ? " " + rsa.getRsaPublicKey().getModulus().bitLength() + " bits"
                : jwk instanceof EllipticCurveJsonWebKey ec ? " " + ec.getCurveName()
                : jwk instanceof OctetKeyPairJsonWebKey okp ? " " + okp.getSubtype() : "";
        return (jwk.getKeyType() == null ? "?" : jwk.getKeyType()) + size + ", alg " + (jwk.getAlgorithm() == null
                ? "not stated" : jwk.getAlgorithm()) + (jwk.getUse() == null ? "" : ", use " + jwk.getUse());
    }
}
