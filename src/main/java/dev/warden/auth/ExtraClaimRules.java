package dev.warden.auth;

import java.time.Duration;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The claim rules Warden adds to SmallRye's, applied to a token SmallRye has verified: jose4j checks {@code iat}
 * only for presence, so one in the future (beyond the leeway) is refused here as not yet valid; SmallRye's
 * {@code smallrye.jwt.required.claims=sub} only asks that {@code sub} exists, so a blank one is refused here; and
 * nothing bounds {@code exp}, so a token that still has longer than {@code warden.auth.max-token-lifetime} to live
 * is refused here.
 */
final class ExtraClaimRules {

    private final long skewSeconds;
    private final long maxLifetimeSeconds;

    /** The rules with the leeway SmallRye uses for {@code exp} and {@code nbf}, and the longest lifetime left. */
    ExtraClaimRules(Duration skew, Duration maxLifetime) {
        this.skewSeconds = skew.toSeconds();
        this.maxLifetimeSeconds = maxLifetime.toSeconds();
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
        // The leeway again: an issuer whose clock runs ahead by it still gets its longest tokens through.
        if (token.getExpirationTime() > nowSeconds + maxLifetimeSeconds + skewSeconds) {
            return Refusal.LIFETIME_TOO_LONG;
        }
        return null;
    }
}
