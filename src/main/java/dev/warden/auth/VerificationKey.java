package dev.warden.auth;

import java.security.PublicKey;
import java.util.Objects;

/**
 * One of the issuer's public keys that Warden may verify with. Two keys are equal when they are the same key
 * published again: same {@code kid}, same pinned {@code alg}, same RFC 7638 thumbprint (the key material), whatever
 * fetch built them, so a refresh that returns the same JWKS leaves every cached verification valid.
 *
 * @param kid its {@code kid}, or null when the JWKS gives none
 * @param keyType {@code kty}: RSA, EC or OKP
 * @param curve {@code crv} for EC and OKP keys, else null
 * @param algorithm the {@code alg} the JWK pins, or null when it pins none
 * @param publicKey the key itself
 * @param thumbprint its RFC 7638 SHA-256 thumbprint, base64url
 */
record VerificationKey(String kid, String keyType, String curve, Algorithm algorithm, PublicKey publicKey,
        String thumbprint) {

    /** Whether this key may verify a token whose header says {@code alg}: the JWK's own alg (if any) and family match. */
    boolean fits(Algorithm alg) {
        return (algorithm == null || algorithm == alg) && alg.fits(keyType, curve);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VerificationKey key && Objects.equals(kid, key.kid) && algorithm == key.algorithm
                && thumbprint.equals(key.thumbprint);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kid, thumbprint);
    }
}
