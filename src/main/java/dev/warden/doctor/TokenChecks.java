package dev.warden.doctor;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwt.consumer.ErrorCodeValidator;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;

import dev.warden.auth.ExtraClaimRules;
import dev.warden.auth.KeySet;
import dev.warden.auth.KeyPolicy;
import dev.warden.auth.Refusal;
import dev.warden.auth.TokenPrecheck;
import dev.warden.auth.TokenRefused;
import dev.warden.auth.VerificationKey;
import dev.warden.auth.VerificationSettings;
import dev.warden.errors.ApiException;
import dev.warden.errors.Causes;
import dev.warden.errors.ErrorCode;
import dev.warden.errors.Printable;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Walks a token through the server's steps, in the server's order and with the server's classes — {@link TokenPrecheck},
 * the key the freshly fetched key set holds for it, SmallRye's {@link DefaultJWTParser#verify} with that key and
 * {@link Refusal#of} on its verdict, then {@link ExtraClaimRules} — and says at each step what was expected and what
 * was seen. Which claim failed comes from jose4j's own error codes, so the walk cannot judge a claim differently from
 * SmallRye; the lines only add the values and the clock. The header and claims are decoded for display; the
 * signature never is.
 */
final class TokenChecks {

    static final String GROUP = "Token";

    /** The walk's lines, the decoded header and claims (null when they do not decode) and the walk's conclusion. */
    record Walk(List<Check> checks, Map<String, Object> header, Map<String, Object> claims, Outcome outcome) {
    }

    private final VerificationSettings settings;
    private final JWTAuthContextInfo info;
    private final int maxTokenLength;
    private final List<KeyPolicy.Verdict> published;

    TokenChecks(VerificationSettings settings, JWTAuthContextInfo info, int maxTokenLength, List<KeyPolicy.Verdict> published) {
        this.settings = settings;
        this.info = info;
        this.maxTokenLength = maxTokenLength;
        this.published = published;
    }

    /**
     * @param keys the key set after the server's start-up fetch and whatever refetch the token caused
     * @param refetched whether the token's kid made the server fetch the JWKS again
     */
    Walk walk(String token, KeySet keys, boolean refetched) {
        List<Check> checks = new ArrayList<>();
        Map<String, Object> header = decode(token, 0);
        Map<String, Object> claims = decode(token, 1);
        long now = System.currentTimeMillis() / 1000;

        TokenPrecheck.Header facts;
        try {
            facts = new TokenPrecheck(settings.algorithms(), maxTokenLength).check(token);
        } catch (TokenRefused e) {
            if (e.reason() == Refusal.ALGORITHM_NOT_ALLOWED) {
                checks.add(shapeOk(token));
                checks.add(Check.fail(GROUP, "alg", "\"" + header.get("alg") + "\" — " + e.detail() + " (JWT_ALGORITHMS="
                        + settings.algorithmNames() + ")" + algorithmHint(String.valueOf(header.get("alg")))));
            } else {
                checks.add(Check.fail(GROUP, "shape", e.detail()));
            }
            notReached(checks, "kid", "signature", "claims");
            return new Walk(checks, header, claims, Outcome.of(e.reason().toApiException()));
        }
        checks.add(shapeOk(token));
        checks.add(Check.pass(GROUP, "alg", facts.algorithm().jwa() + ", in JWT_ALGORITHMS (" + settings.algorithmNames() + ")"));

        if (keys == null) {
            checks.add(Check.fail(GROUP, "kid", "Warden holds no usable key (see JWKS above), so it answers every token "
                    + "with 503 until the JWKS serves one"));
            notReached(checks, "signature", "claims");
            return new Walk(checks, header, claims, Outcome.of(new ApiException(ErrorCode.AUTH_UNAVAILABLE)));
        }
        List<VerificationKey> candidates = keys.candidates(facts);
        if (candidates.isEmpty()) {
            checks.add(Check.fail(GROUP, "kid", unknownKey(facts, keys, refetched)));
            notReached(checks, "signature", "claims");
            return new Walk(checks, header, claims, Outcome.of(Refusal.UNKNOWN_KEY.toApiException()));
        }
        checks.add(Check.pass(GROUP, "kid", facts.kid() == null
                ? "none in the header: tried against " + candidates.size() + " published key(s) that fit " + facts.algorithm().jwa()
                : "\"" + facts.kid() + "\" is in the JWKS the server holds" + (refetched ? " after a refetch" : "")
                        + ": " + kind(candidates.get(0))));

        DefaultJWTParser parser = new DefaultJWTParser(info);
        JsonWebToken verified = null;
        InvalidJwtException invalid = null;
        Refusal refusal = null;
        VerificationKey used = null;
        for (VerificationKey key : candidates) {
            used = key;
            try {
                verified = parser.verify(token, key.publicKey());
                refusal = null;
                break;
            } catch (ParseException e) {
                invalid = invalidJwt(e);
                refusal = invalid == null ? Refusal.MALFORMED : Refusal.of(invalid);
                if (refusal != Refusal.SIGNATURE_INVALID) {
                    break;
                }
            }
        }
        Set<Integer> failed = new HashSet<>();
        if (invalid != null && invalid.getErrorDetails() != null) {
            invalid.getErrorDetails().stream().map(ErrorCodeValidator.Error::getErrorCode).forEach(failed::add);
        }
        if (refusal == Refusal.SIGNATURE_INVALID) {
            checks.add(Check.fail(GROUP, "signature", "does not verify with " + describe(used) + ": the token was changed "
                    + "after signing, or signed by another key under the same kid"));
            notReached(checks, "claims");
            return new Walk(checks, header, claims, Outcome.of(refusal.toApiException()));
        }
        if (refusal != null && failed.isEmpty() && refusal == Refusal.MALFORMED) {
            checks.add(Check.fail(GROUP, "signature", "SmallRye JWT could not process the token with " + describe(used)));
            notReached(checks, "claims");
            return new Walk(checks, header, claims, Outcome.of(refusal.toApiException()));
        }
        checks.add(Check.pass(GROUP, "signature", facts.algorithm().jwa() + ", verified by SmallRye JWT with " + describe(used)));

        Refusal extra = verified == null ? null : new ExtraClaimRules(settings.clockSkew()).check(verified, now);
        Map<String, Object> c = claims == null ? Map.of() : claims;
        long skew = settings.clockSkew().toSeconds();
        checks.add(claim("iss", failed, issuer(c), ErrorCodes.ISSUER_INVALID, ErrorCodes.ISSUER_MISSING));
        checks.add(claim("aud", failed, audience(c), ErrorCodes.AUDIENCE_INVALID, ErrorCodes.AUDIENCE_MISSING));
        checks.add(claim("exp", failed, expiry(c.get("exp"), now, skew), ErrorCodes.EXPIRED, ErrorCodes.EXPIRATION_MISSING));
        checks.add(claim("nbf", failed, notBefore(c.get("nbf"), now, skew), ErrorCodes.NOT_YET_VALID,
                ErrorCodes.NOT_BEFORE_MISSING));
        Check iat = claim("iat", failed, issuedAt(c.get("iat"), now, skew), ErrorCodes.ISSUED_AT_INVALID_FUTURE,
                ErrorCodes.ISSUED_AT_INVALID_PAST, ErrorCodes.ISSUED_AT_MISSING);
        checks.add(extra == Refusal.NOT_YET_VALID ? failed(iat, " (Warden's own rule: SmallRye does not check this)") : iat);
        Check sub = claim("sub", failed, subject(c.get("sub")), ErrorCodes.SUBJECT_MISSING);
        checks.add(extra == Refusal.CLAIM_MISSING ? failed(sub, " (Warden's own rule: a blank sub names no user)") : sub);
        if (refusal == Refusal.CLAIM_MISSING && failed.isEmpty()) {
            checks.add(Check.fail(GROUP, "required claims", "smallrye.jwt.required.claims=" + String.join(",",
                    new TreeSet<>(orEmpty(info.getRequiredClaims()))) + "; missing: " + missing(c)));
        }
        for (ErrorCodeValidator.Error error : invalid == null || invalid.getErrorDetails() == null
                ? List.<ErrorCodeValidator.Error>of() : invalid.getErrorDetails()) {
            if (!KNOWN_CODES.contains(error.getErrorCode())) {
                checks.add(Check.fail(GROUP, "claims", error.getErrorMessage()));
            }
        }
        Refusal reason = refusal != null ? refusal : extra;
        return new Walk(checks, header, claims, reason == null ? Outcome.ACCEPTED : Outcome.of(reason.toApiException()));
    }

    private static final Set<Integer> KNOWN_CODES = Set.of(ErrorCodes.ISSUER_INVALID, ErrorCodes.ISSUER_MISSING,
            ErrorCodes.AUDIENCE_INVALID, ErrorCodes.AUDIENCE_MISSING, ErrorCodes.EXPIRED, ErrorCodes.EXPIRATION_MISSING,
            ErrorCodes.NOT_YET_VALID, ErrorCodes.NOT_BEFORE_MISSING, ErrorCodes.ISSUED_AT_INVALID_FUTURE,
            ErrorCodes.ISSUED_AT_INVALID_PAST, ErrorCodes.ISSUED_AT_MISSING, ErrorCodes.SUBJECT_MISSING);

    private Check shapeOk(String token) {
        return Check.pass(GROUP, "shape", "three base64url parts, " + token.length() + " characters (at most "
                + maxTokenLength + "), header is JSON without crit/zip/enc");
    }

    private static void notReached(List<Check> checks, String... steps) {
        for (String step : steps) {
            checks.add(Check.skip(GROUP, step, "not reached: the server stops at the first failed check"));
        }
    }

    private static Check claim(String name, Set<Integer> failed, String detail, int... codes) {
        for (int code : codes) {
            if (failed.contains(code)) {
                return Check.fail(GROUP, name, detail);
            }
        }
        return Check.pass(GROUP, name, detail);
    }

    private static Check failed(Check check, String why) {
        return Check.fail(check.group(), check.name(), check.detail() + why);
    }

    private String unknownKey(TokenPrecheck.Header facts, KeySet keys, boolean refetched) {
        String fetched = refetched ? "the JWKS fetched at start, nor after the refetch an unknown kid triggers (as in the "
                + "server, at most once per cooldown)" : "the JWKS the server holds";
        if (facts.kid() == null) {
            return "no kid in the header, and no key in " + fetched + " fits " + facts.algorithm().jwa();
        }
        Optional<KeyPolicy.Verdict> named = published.stream().filter(v -> facts.kid().equals(v.jwk().getKeyId())).findFirst();
        if (named.isPresent() && !named.get().usable()) {
            return "\"" + facts.kid() + "\" is published (" + JwksChecks.describe(named.get().jwk()) + ") but Warden does "
                    + "not use it: " + named.get().whyNot();
        }
        VerificationKey held = keys.byKid().get(facts.kid());
        if (held != null) {
            return "\"" + facts.kid() + "\" is " + describe(held) + ", which cannot verify " + facts.algorithm().jwa();
        }
        return "\"" + facts.kid() + "\" is not in " + fetched + "; it holds " + String.join(", ", new TreeSet<>(
                keys.byKid().keySet())) + ". The token was signed with a key the issuer does not publish (rotated out, or "
                + "another Better Auth instance or database)";
    }

    private String issuer(Map<String, Object> claims) {
        Object iss = claims.get("iss");
        String text = "expected \"" + settings.issuer() + "\", saw " + quoted(iss);
        if (iss instanceof String seen && !seen.equals(settings.issuer())
                && FrontendSettings.stripTrailingSlashes(seen).equals(FrontendSettings.stripTrailingSlashes(settings.issuer()))) {
            text += ": only a trailing slash differs, and Warden compares exactly";
        }
        return text;
    }

    private String audience(Map<String, Object> claims) {
        Object aud = claims.get("aud");
        String expected = String.join(" or ", settings.audiences().stream().sorted().map(a -> "\"" + a + "\"").toList());
        String text = "expected " + (expected.isEmpty() ? "none configured" : expected) + ", saw " + quoted(aud);
        Collection<?> seen = aud instanceof Collection<?> list ? list : aud == null ? List.of() : List.of(aud);
        boolean slashOnly = seen.stream().map(String::valueOf).map(FrontendSettings::stripTrailingSlashes)
                .anyMatch(s -> settings.audiences().stream().map(FrontendSettings::stripTrailingSlashes).anyMatch(s::equals));
        if (slashOnly && seen.stream().noneMatch(settings.audiences()::contains)) {
            text += ": only a trailing slash differs, and Warden compares exactly";
        }
        return text;
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
        return now - at < skew ? ago + ", within the leeway of " + skew + " s" : ago + ", beyond the leeway of " + skew + " s";
    }

    static String notBefore(Object nbf, long now, long skew) {
        if (!(nbf instanceof Number n)) {
            return nbf == null ? "absent (optional)" : "not a number: " + quoted(nbf);
        }
        long at = n.longValue();
        if (at <= now) {
            return "valid since " + Durations.words(Duration.ofSeconds(now - at)) + " ago (" + Instant.ofEpochSecond(at) + ")";
        }
        return "not valid for another " + Durations.words(Duration.ofSeconds(at - now)) + " (" + Instant.ofEpochSecond(at)
                + ", leeway " + skew + " s): is this machine's clock or the issuer's off?";
    }

    static String issuedAt(Object iat, long now, long skew) {
        if (!(iat instanceof Number n)) {
            return iat == null ? "absent" : "not a number: " + quoted(iat);
        }
        long at = n.longValue();
        if (at <= now) {
            return "issued " + Durations.words(Duration.ofSeconds(now - at)) + " ago (" + Instant.ofEpochSecond(at) + ")";
        }
        return "issued " + Durations.words(Duration.ofSeconds(at - now)) + " in the future (" + Instant.ofEpochSecond(at)
                + ", leeway " + skew + " s): the issuer's clock is ahead of this machine's";
    }

    private static String subject(Object sub) {
        if (sub == null) {
            return "missing: Warden needs the user id";
        }
        return sub instanceof String s && !s.isBlank() ? "\"" + s + "\"" : "blank or not a string: " + quoted(sub);
    }

    private String missing(Map<String, Object> claims) {
        List<String> missing = new ArrayList<>();
        for (String name : new TreeSet<>(orEmpty(info.getRequiredClaims()))) {
            if (!claims.containsKey(name)) {
                missing.add(name);
            }
        }
        return missing.isEmpty() ? "(none: a named principal, sub/upn/preferred_username, is required)" : String.join(", ", missing);
    }

    private static Set<String> orEmpty(Set<String> values) {
        return values == null ? Set.of() : values;
    }

    private static String describe(VerificationKey key) {
        return (key.kid() == null ? "a key without kid" : "key \"" + key.kid() + "\"") + " (" + kind(key) + ")";
    }

    /** e.g. {@code RSA, alg RS256} or {@code OKP Ed25519, alg EdDSA}. */
    private static String kind(VerificationKey key) {
        return key.keyType() + (key.curve() == null ? "" : " " + key.curve())
                + (key.algorithm() == null ? "" : ", alg " + key.algorithm().jwa());
    }

    private static String algorithmHint(String alg) {
        if (alg.startsWith("HS")) {
            return ": a shared-secret algorithm, which Warden never accepts (it holds public keys only)";
        }
        if (alg.equals("EdDSA")) {
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

    private static InvalidJwtException invalidJwt(Throwable e) {
        return Causes.find(e, InvalidJwtException.class);
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
