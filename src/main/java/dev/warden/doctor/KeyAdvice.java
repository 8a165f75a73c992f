package dev.warden.doctor;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;

import dev.warden.auth.Algorithm;
import dev.warden.auth.KeyPolicy;

/** A published key in an operator's words, and why none fits the allow-list in Better Auth's terms. */
final class KeyAdvice {

    private KeyAdvice() {
    }

    /** e.g. {@code RSA 2048 bits, alg RS256, use sig}. */
    static String describe(JsonWebKey jwk) {
        StringBuilder what = new StringBuilder(jwk.getKeyType() == null ? "?" : jwk.getKeyType());
        if (jwk instanceof RsaJsonWebKey rsa) {
            what.append(' ').append(rsa.getRsaPublicKey().getModulus().bitLength()).append(" bits");
        } else if (jwk instanceof EllipticCurveJsonWebKey ec) {
            what.append(' ').append(ec.getCurveName());
        } else if (jwk instanceof OctetKeyPairJsonWebKey okp) {
            what.append(' ').append(okp.getSubtype());
        }
        what.append(", alg ").append(jwk.getAlgorithm() == null ? "not stated" : jwk.getAlgorithm());
        if (jwk.getUse() != null) {
            what.append(", use ").append(jwk.getUse());
        }
        return what.toString();
    }

    /**
     * Why no published key fits the allow-list, in Better Auth's terms: e.g. "only Ed25519 keys, but
     * JWT_ALGORITHMS=RS256: Better Auth signs EdDSA unless `jwks.keyPairConfig.alg` is RS256 — set that, or
     * JWT_ALGORITHMS=EdDSA".
     */
    static String advice(List<KeyPolicy.Verdict> verdicts, Set<Algorithm> allowed) {
        Set<String> kinds = new LinkedHashSet<>();
        Set<String> signs = new LinkedHashSet<>();
        boolean weak = false;
        for (KeyPolicy.Verdict verdict : verdicts) {
            JsonWebKey jwk = verdict.jwk();
            weak |= verdict.whyNot() != null && verdict.whyNot().startsWith("RSA key of");
            String natural = naturalAlgorithm(jwk);
            if (natural != null) {
                kinds.add(kind(jwk));
                signs.add(natural);
            }
        }
        String allowedNames = allowed.stream().sorted().map(Algorithm::jwa).collect(Collectors.joining(","));
        String preferred = allowed.stream().sorted().map(Algorithm::jwa).findFirst().orElse(Algorithm.RS256.jwa());
        boolean familyMismatch = signs.stream().map(Algorithm::byJwa).noneMatch(allowed::contains);
        if (weak && !familyMismatch) {
            return "the RSA keys are shorter than " + KeyPolicy.MIN_RSA_BITS + " bits: have the issuer create a new key "
                    + "(Better Auth: `jwks.keyPairConfig.modulusLength` 2048 or more)";
        }
        if (kinds.isEmpty() || !familyMismatch) {
            return "every key was refused (see each key above)";
        }
        String only = "only " + String.join(" and ", kinds) + " keys, but JWT_ALGORITHMS=" + allowedNames;
        String algorithms = String.join(",", signs);
        if (signs.contains(Algorithm.EDDSA.jwa())) {
            return only + ": Better Auth signs EdDSA unless `jwks.keyPairConfig.alg` is " + preferred
                    + " — set that, or JWT_ALGORITHMS=" + algorithms;
        }
        return only + ": this Better Auth signs " + algorithms + " (its `jwks.keyPairConfig.alg`) — set JWT_ALGORITHMS="
                + algorithms + ", or `jwks.keyPairConfig.alg` to " + preferred;
    }

    /** The algorithm an issuer signs with using this key: its own {@code alg}, else its family's usual one. */
    private static String naturalAlgorithm(JsonWebKey jwk) {
        if (jwk.getAlgorithm() != null) {
            return Algorithm.byJwa(jwk.getAlgorithm()) == null ? null : jwk.getAlgorithm();
        }
        String curve = jwk instanceof EllipticCurveJsonWebKey ec ? ec.getCurveName()
                : jwk instanceof OctetKeyPairJsonWebKey okp ? okp.getSubtype() : null;
        Algorithm usual = Algorithm.usualFor(jwk.getKeyType(), curve);
        return usual == null ? null : usual.jwa();
    }

    private static String kind(JsonWebKey jwk) {
        if (jwk instanceof EllipticCurveJsonWebKey ec) {
            return "EC " + ec.getCurveName();
        }
        if (jwk instanceof OctetKeyPairJsonWebKey okp) {
            return okp.getSubtype();
        }
        return jwk.getKeyType();
    }
}
