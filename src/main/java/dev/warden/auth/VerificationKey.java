package dev.warden.auth;

import java.security.PublicKey;

/**
 * One of the issuer's public keys that Warden may verify with, built once per JWKS fetch.
 *
 * @param kid its {@code kid}, or null when the JWKS gives none
 * @param keyType {@code kty}: RSA, EC or OKP
 * @param curve {@code crv} for EC and OKP keys, else null
 * @param algorithm the {@code alg} the JWK pins, or null when it pins none
 * @param publicKey the key itself
 */
public record VerificationKey(String kid, String keyType, String curve, Algorithm algorithm, PublicKey publicKey) {

    /** Whether this key may verify a token whose header says {@code alg}: the JWK's own alg (if any) and family match. */
    boolean fits(Algorithm alg) {
        return (algorithm == null || algorithm == alg) && alg.fits(keyType, curve);
    }

    /** Whether {@code other} is the same key published again (a refresh rebuilds every key object). */
    boolean sameAs(VerificationKey other) {
        return publicKey.equals(other.publicKey) && algorithm == other.algorithm;
    }
}
