package dev.warden.doctor;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.jose4j.json.JsonUtil;

import dev.warden.auth.Algorithm;
import dev.warden.auth.KeyPolicy;
import dev.warden.auth.KeySet;
import dev.warden.auth.VerificationSettings;
import dev.warden.errors.Printable;

/**
 * The server's verdict on a token ({@link Outcome}) and, for the reason the server gives, the values an operator
 * needs to fix it: the claim against the value Warden expects, the key named against the keys held, the clock.
 * The header and claims are decoded for display only; the signature never.
 */
final class TokenChecks {

    static final String GROUP = "Token";

    private final VerificationSettings settings;
    private final Duration maxTokenLifetime;
    private final List<KeyPolicy.Verdict> published;

    TokenChecks(VerificationSettings settings, Duration maxTokenLifetime, List<KeyPolicy.Verdict> published) {
        this.settings = settings;
        this.maxTokenLifetime = maxTokenLifetime;
        this.published = published;
    }

    /**
     * @param keys the keys the server holds after judging the token, null for none
     * @param refetched whether the token's kid made the server fetch the JWKS again
     */
    List<Check> explain(Map<String, Object> header, Map<String, Object> claims, Outcome verdict, KeySet keys,
            boolean refetched) {
        Map<String, Object> h = header == null ? Map.of() : header;
        Map<String, Object> c = claims == null ? Map.of() : claims;
        long now = System.currentTimeMillis() / 1000;
        long skew = settings.clockSkew().toSeconds();
        List<Check> checks = new ArrayList<>(List.of(Check.of(verdict.accepted(), GROUP, "verdict", "Warden answers "
                + verdict.words() + (verdict.accepted() ? " for user " + quoted(c.get("sub")) : ""))));
        if (verdict.accepted()) {
            checks.add(Check.pass(GROUP, "exp", expiry(c.get("exp"), now, skew)));
            checks.add(c.get("sid") instanceof String ? Check.pass(GROUP, "sid", "names its session: Warden refuses "
                    + "it as soon as that session ends (sign-out, revocation)") : Check.skip(GROUP, "sid", "none: a "
                    + "sign-out does not end this token before its exp (the frontend's definePayload adds sid)"));
            return checks;
        }
        if (verdict.reason() == null) {
            checks.add(Check.fail(GROUP, "why", "Warden holds no usable key (see JWKS above), so it answers every "
                    + "token with 503 until the JWKS serves one"));
            return checks;
        }
        Object alg = h.get("alg");
        String why = switch (verdict.reason()) {
            case MALFORMED -> "not a JWT Warden reads: " + (verdict.refusal().detail() != null ? verdict.refusal().detail()
                    : "three non-empty base64url parts, a JSON header and payload, no crit/zip/enc");
            case ALGORITHM_NOT_ALLOWED -> "alg " + quoted(alg) + ", JWT_ALGORITHMS=" + settings.algorithmNames()
                    + (String.valueOf(alg).startsWith("HS") ? ": a shared-secret algorithm, which Warden never accepts "
                            + "(it holds public keys only)" : Algorithm.EDDSA.jwa().equals(alg) ? ": Better Auth signs "
                            + "EdDSA unless `jwks.keyPairConfig.alg` says otherwise — set that to an allowed algorithm, "
                            + "or add EdDSA to JWT_ALGORITHMS" : "");
            case UNKNOWN_KEY -> unknownKey(h.get("kid"), alg, keys, refetched);
            case SIGNATURE_INVALID -> "does not verify with " + (h.get("kid") == null ? "any published key of its "
                    + "algorithm" : "key " + quoted(h.get("kid"))) + ": the token was changed after signing, or signed "
                    + "by another key under the same kid";
            case ISSUER_MISMATCH -> "iss: expected \"" + settings.issuer() + "\", saw " + quoted(c.get("iss"))
                    + slashOnly(List.of(settings.issuer()), c.get("iss"));
            case AUDIENCE_MISMATCH -> "aud: expected " + String.join(" or ", settings.audiences().stream().sorted()
                    .map(a -> "\"" + a + "\"").toList()) + ", saw " + quoted(c.get("aud"))
                    + slashOnly(settings.audiences(), c.get("aud"));
            case EXPIRED -> "exp: " + expiry(c.get("exp"), now, skew);
            case NOT_YET_VALID -> "nbf: " + future(c.get("nbf"), now) + "; iat: " + future(c.get("iat"), now)
                    + " (leeway " + skew + " s): is this machine's clock or the issuer's off?";
            case CLAIM_MISSING -> "a claim Warden requires (exp, iat, a non-blank sub, smallrye.jwt.required.claims) is "
                    + "missing; this token has " + String.join(", ", new TreeSet<>(c.keySet()))
                    + (c.get("sub") instanceof String s && s.isBlank() ? ", but its sub is blank" : "");
            case SESSION_ENDED -> "the session it names (sid " + quoted(c.get("sid")) + ") has ended: the user signed out, "
                    + "or the session was revoked (sign-out everywhere, a password change, an admin); sign in again";
            case LIFETIME_TOO_LONG -> "exp is " + (c.get("exp") instanceof Number n ? Durations.words(Duration.ofSeconds(
                    n.longValue() - now)) : quoted(c.get("exp"))) + " ahead, more than WARDEN_AUTH_MAX_TOKEN_LIFETIME="
                    + Durations.words(maxTokenLifetime) + ": Better Auth's tokens live 15 min unless its JWT plugin's "
                    + "expirationTime says otherwise";
        };
        checks.add(Check.fail(GROUP, "why", why));
        return checks;
    }

    private String unknownKey(Object kid, Object alg, KeySet keys, boolean refetched) {
        String held = keys == null ? "none" : String.join(", ", new TreeSet<>(keys.byKid().keySet()));
        String fetched = refetched ? "the JWKS fetched at start, nor after the refetch an unknown kid triggers (as in "
                + "the server, at most once per cooldown)" : "the JWKS the server holds";
        if (kid == null) {
            return "no kid in the header, and no key in " + fetched + " fits " + alg;
        }
        return published.stream().filter(v -> kid.equals(v.jwk().getKeyId()) && !v.usable()).findFirst()
                .map(v -> quoted(kid) + " is published (" + JwksChecks.describe(v.jwk()) + ") but Warden does not use "
                        + "it: " + v.whyNot())
                .orElse(quoted(kid) + " is not in " + fetched + "; it holds " + held + ". The token was signed with a "
                        + "key the issuer does not publish (rotated out, or another Better Auth instance or database)");
    }

    static String expiry(Object exp, long now, long skew) {
        if (!(exp instanceof Number n)) {
            return exp == null ? "missing: Warden requires an expiry" : "not a number: " + quoted(exp);
        }
        long at = n.longValue();
        String when = " (" + Instant.ofEpochSecond(at) + ", this machine's clock " + Instant.ofEpochSecond(now) + ")";
        if (at > now) {
            return "expires in " + Durations.words(Duration.ofSeconds(at - now)) + when;
        }
        return "expired " + Durations.words(Duration.ofSeconds(now - at)) + " ago" + when
                + (now - at < skew ? ", within" : ", beyond") + " the leeway of " + skew + " s";
    }

    private static String future(Object at, long now) {
        if (!(at instanceof Number n)) {
            return at == null ? "absent" : "not a number: " + quoted(at);
        }
        String instant = " (" + Instant.ofEpochSecond(n.longValue()) + ")";
        long ahead = n.longValue() - now;
        return ahead <= 0 ? "in the past" + instant : Durations.words(Duration.ofSeconds(ahead)) + " in the future" + instant;
    }

    private static String slashOnly(Collection<String> expected, Object seen) {
        Collection<?> values = seen instanceof Collection<?> list ? list : seen == null ? List.of() : List.of(seen);
        boolean slash = values.stream().map(String::valueOf).map(FrontendSettings::stripTrailingSlashes)
                .anyMatch(v -> expected.stream().map(FrontendSettings::stripTrailingSlashes).anyMatch(v::equals));
        return slash ? ": only a trailing slash differs, and Warden compares exactly" : "";
    }

    private static String quoted(Object value) {
        if (value instanceof Collection<?> list) {
            return list.stream().map(TokenChecks::quoted).toList().toString();
        }
        return value == null ? "none" : value instanceof String s ? "\"" + Printable.of(s, 200) + "\""
                : Printable.of(value.toString(), 200);
    }

    /** Header (part 0) or claims (part 1) as JSON, for display only; null when the part does not decode. */
    static Map<String, Object> decode(String token, int part) {
        String[] parts = token.split("\\.", -1);
        try {
            return parts.length <= part ? null : new LinkedHashMap<>(JsonUtil.parseJson(
                    new String(Base64.getUrlDecoder().decode(parts[part]), StandardCharsets.UTF_8)));
        } catch (Exception e) {
            return null;
        }
    }
}
