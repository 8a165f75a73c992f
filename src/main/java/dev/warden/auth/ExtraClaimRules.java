package dev.warden.auth;

import java.time.Duration;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The two claim rules Warden adds to SmallRye's, applied to a token SmallRye has verified: jose4j checks {@code iat}
 * only for presence, so one in the future (beyond the leeway) is refused here as not yet valid; and SmallRye's
 * {@code smallrye.jwt.required.claims=sub} only asks that {@code sub} exists, so a blank one is refused here.
 */
final class ExtraClaimRules {

    private final long skewSeconds;

    /** The rules with the leeway SmallRye uses for {@code exp} and {@code nbf}. */
    ExtraClaimRules(Duration skew) {
        this.skewSeconds = skew.toSeconds();
    }

    /** The refusal this verified token earns at {@code nowSeconds} (epoch seconds), or null when it breaks neither rule. */
    Refusal check(JsonWebToken token, long nowSeconds) {
        if (token.getIssuedAtTime() > nowSeconds + skewSeconds) {
            return Refusal.NOT_YET_VALID;
        }
        String sub = token.getSubject();
        if (sub == null || sub.isBlank()) {
            return Refusal.CLAIM_MISSING;
        }
        return null;
    }
}
