package dev.warden.doctor;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.jose4j.json.JsonUtil;

import dev.warden.auth.Algorithm;
import dev.warden.auth.KeyPolicy;
import dev.warden.auth.KeySet;
import dev.warden.auth.Refusal;
import dev.warden.auth.VerificationSettings;
import dev.warden.errors.ErrorCode;
import dev.warden.errors.Printable;

/**
 * The server's verdict on a token ({@link ServerVerdict}) and, for the reason it gives, what an operator needs to see
 * to fix it: the claim the token carries against the value Warden expects, the key it names against the keys Warden
 * holds, the clock. The verdict is the server's alone; these lines only put the values beside it. The header and
 * claims are decoded for display and never trusted; the signature is never decoded.
 */
final class TokenChecks {

    static final String GROUP = "Token";

    /** The lines, the decoded header and claims (null when they do not decode) and the verdict. */
    record Result(List<Check> checks, Map<String, Object> header, Map<String, Object> claims, Outcome verdict) {
    }

    private final VerificationSettings settings;
    private final int maxTokenLength;
    private final Duration maxTokenLifetime;
    private final List<KeyPolicy.Verdict> published;

    TokenChecks(VerificationSettings settings, int maxTokenLength, Duration maxTokenLifetime,
            List<KeyPolicy.Verdict> published) {
        this.settings = settings;
        this.maxTokenLength = maxTokenLength;
        this.maxTokenLifetime = maxTokenLifetime;
        this.published = published;
    }

    /**
     * @param keys the keys the server holds after judging the token, null for none
     * @param refetched whether the token's kid made the server fetch the JWKS again
     */
    Result explain(String token, Outcome verdict, KeySet keys, boolean refetched) {
        Map<String, Object> header = decode(token, 0);
        Map<String, Object> claims = decode(token, 1);
        Map<String, Object> c = claims == null ? Map.of() : claims;
        long now = System.currentTimeMillis() / 1000;
        long skew = settings.clockSkew().toSeconds();
        List<Check> checks = new ArrayList<>();
        checks.add(Check.of(verdict.accepted(), GROUP, "verdict", "Warden answers " + verdict.words()
                + (verdict.accepted() ? " for user " + quoted(c.get("sub")) : "")));
        if (verdict.accepted()) {
            checks.add(Check.pass(GROUP, "exp", expiry(c.get("exp"), now, skew)));
            return new Result(checks, header, claims, verdict);
        }
        if (verdict.errorCode().equals(ErrorCode.AUTH_UNAVAILABLE.code())) {
            checks.add(Check.fail(GROUP, "why", "Warden holds no usable key (see JWKS above), so it answers every "
                    + "token with 503 until the JWKS serves one"));
            return new Result(checks, header, claims, verdict);
        }
        Refusal reason = Arrays.stream(Refusal.values()).filter(r -> r.message().equals(verdict.message())).findFirst()
                .orElse(Refusal.MALFORMED);
        Object alg = header == null ? null : header.get("alg");
        Object kid = header == null ? null : header.get("kid");
        String why = switch (reason) {
            case MALFORMED -> "not a JWT Warden reads: three non-empty base64url parts, at most " + maxTokenLength
                    + " characters (this one: " + token.length() + ", " + token.split("\\.", -1).length + " parts), a "
                    + "JSON header and payload, no crit/zip/enc";
            case ALGORITHM_NOT_ALLOWED -> "alg " + quoted(alg) + ", JWT_ALGORITHMS=" + settings.algorithmNames()
                    + algorithmHint(String.valueOf(alg));
            case UNKNOWN_KEY -> unknownKey(kid, alg, keys, refetched);
            case SIGNATURE_INVALID -> "does not verify with " + (kid == null ? "any published key of its algorithm"
                    : "key " + quoted(kid)) + ": the token was changed after signing, or signed by another key under "
                    + "the same kid";
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
            case LIFETIME_TOO_LONG -> "exp is " + (c.get("exp") instanceof Number n ? Durations.words(Duration.ofSeconds(
                    n.longValue() - now)) : quoted(c.get("exp"))) + " ahead, more than WARDEN_AUTH_MAX_TOKEN_LIFETIME="
                    + Durations.words(maxTokenLifetime) + ": Better Auth's tokens live 15 min unless its JWT plugin's "
                    + "expirationTime says otherwise";
        };
        checks.add(Check.fail(GROUP, "why", why));
        return new Result(checks, header, claims, verdict);
    }

    private String unknownKey(Object kid, Object alg, KeySet keys, boolean refetched) {
        String held = keys == null ? "none" : String.join(", ", new TreeSet<>(keys.byKid().keySet()));
        String fetched = refetched ? "the JWKS fetched at start, nor after the refetch an unknown kid triggers (as in "
                + "the server, at most once per cooldown)" : "the JWKS the server holds";
        if (kid == null) {
            return "no kid in the header, and no key in " + fetched + " fits " + alg;
        }
        Optional<KeyPolicy.Verdict> named = published.stream().filter(v -> kid.equals(v.jwk().getKeyId())).findFirst();
        if (named.isPresent() && !named.get().usable()) {
            return quoted(kid) + " is published (" + KeyAdvice.describe(named.get().jwk()) + ") but Warden does not "
                    + "use it: " + named.get().whyNot();
        }
        return quoted(kid) + " is not in " + fetched + "; it holds " + held + ". The token was signed with a key the "
                + "issuer does not publish (rotated out, or another Better Auth instance or database)";
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
        String ago = "expired " + Durations.words(Duration.ofSeconds(now - at)) + " ago" + when;
        return ago + (now - at < skew ? ", within" : ", beyond") + " the leeway of " + skew + " s";
    }

    private static String future(Object at, long now) {
        if (!(at instanceof Number n)) {
            return at == null ? "absent" : "not a number: " + quoted(at);
        }
        long seconds = n.longValue() - now;
        return seconds <= 0 ? "in the past (" + Instant.ofEpochSecond(n.longValue()) + ")"
                : Durations.words(Duration.ofSeconds(seconds)) + " in the future (" + Instant.ofEpochSecond(n.longValue()) + ")";
    }

    private static String slashOnly(Collection<String> expected, Object seen) {
        Collection<?> values = seen instanceof Collection<?> list ? list : seen == null ? List.of() : List.of(seen);
        boolean slash = values.stream().map(String::valueOf).map(FrontendSettings::stripTrailingSlashes)
                .anyMatch(v -> expected.stream().map(FrontendSettings::stripTrailingSlashes).anyMatch(v::equals));
        return slash ? ": only a trailing slash differs, and Warden compares exactly" : "";
    }

    private static String algorithmHint(String alg) {
        if (alg.startsWith("HS")) {
            return ": a shared-secret algorithm, which Warden never accepts (it holds public keys only)";
        }
        if (alg.equals(Algorithm.EDDSA.jwa())) {
            return ": Better Auth signs EdDSA unless `jwks.keyPairConfig.alg` says otherwise — set that to an allowed "
                    + "algorithm, or add EdDSA to JWT_ALGORITHMS";
        }
        return "";
    }

    private static String quoted(Object value) {
        if (value == null) {
            return "none";
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(TokenChecks::quoted).toList().toString();
        }
        return value instanceof String s ? "\"" + Printable.of(s, 200) + "\"" : Printable.of(value.toString(), 200);
    }

    /** Header (part 0) or claims (part 1) as JSON, for display only; null when the part does not decode. */
    static Map<String, Object> decode(String token, int part) {
        String[] parts = token.split("\\.", -1);
        if (parts.length <= part) {
            return null;
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(parts[part]);
            return new LinkedHashMap<>(JsonUtil.parseJson(new String(bytes, StandardCharsets.UTF_8)));
        } catch (Exception e) {
            return null;
        }
    }
}
