package dev.warden.auth;

import java.util.Set;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;

/**
 * The signature algorithms Warden can verify and the key each one needs: the one table that the header pre-check,
 * the key policy and the start-up check of {@code JWT_ALGORITHMS} all read. Better Auth's JWT plugin signs with one of
 * EdDSA (its default), ES256, ES512, PS256 or RS256. Symmetric algorithms ({@code HS*}) are absent on purpose: Warden
 * only ever holds the issuer's public keys, so a token "signed" with one of those is an algorithm-confusion attempt.
 */
public enum Algorithm {
    RS256("RS256", "RSA"),
    RS384("RS384", "RSA"),
    RS512("RS512", "RSA"),
    PS256("PS256", "RSA"),
    PS384("PS384", "RSA"),
    PS512("PS512", "RSA"),
    ES256("ES256", "EC", "P-256"),
    ES384("ES384", "EC", "P-384"),
    ES512("ES512", "EC", "P-521"),
    EDDSA("EdDSA", "OKP", "Ed25519", "Ed448");

    private final String jwa;
    private final String keyType;
    private final Set<String> curves;

    Algorithm(String jwa, String keyType, String... curves) {
        this.jwa = jwa;
        this.keyType = keyType;
        this.curves = Set.of(curves);
    }

    /** The name a JOSE header and a JWK use, e.g. {@code EdDSA}. */
    public String jwa() {
        return jwa;
    }

    /** The JWK key type ({@code kty}) this algorithm verifies with: RSA, EC or OKP. */
    String keyType() {
        return keyType;
    }

    /** Whether a key of this type ({@code kty}) and curve ({@code crv}, null for RSA) can verify this algorithm. */
    boolean fits(String kty, String crv) {
        return keyType.equals(kty) && (curves.isEmpty() || curves.contains(crv));
    }

    /** The algorithm a header or JWK names, matched exactly as JOSE does (case-sensitive); null if Warden has none. */
    public static Algorithm byJwa(String name) {
        for (Algorithm a : values()) {
            if (a.jwa.equals(name)) {
                return a;
            }
        }
        return null;
    }

    /** The algorithm an issuer usually signs with using a key of this type and curve (the first that fits), or null. */
    public static Algorithm usualFor(String kty, String crv) {
        for (Algorithm a : values()) {
            if (a.fits(kty, crv)) {
                return a;
            }
        }
        return null;
    }

    /** SmallRye's name for the same algorithm, or null for the ones Warden refuses (HS*). */
    static Algorithm of(SignatureAlgorithm smallrye) {
        return byJwa(smallrye.getAlgorithm());
    }
}
