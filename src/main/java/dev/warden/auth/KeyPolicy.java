package dev.warden.auth;

import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.HashUtil;
import org.jose4j.lang.JoseException;

/**
 * Which published keys Warden verifies with: signing keys ({@code use} absent or {@code sig}) of a type and curve
 * that fits an allowed algorithm, the JWK's own {@code alg} (when given) allowed, RSA of at least 2048 bits. Every
 * other key is left out, with the reason, so a JWKS that yields no key can be explained rather than guessed at.
 */
public final class KeyPolicy {

    /** RSA keys shorter than this are refused: 1024-bit RSA is within reach of a determined attacker. */
    public static final int MIN_RSA_BITS = 2048;

    /** A published key and Warden's verdict on it: {@code key} when usable, else {@code whyNot}. */
    public record Verdict(JsonWebKey jwk, VerificationKey key, String whyNot) {
        /** Whether Warden verifies with this key. */
        public boolean usable() {
            return key != null;
        }
    }

    private final Set<Algorithm> allowed;

    /** The policy for the algorithms of {@code JWT_ALGORITHMS}. */
    public KeyPolicy(Set<Algorithm> allowed) {
        this.allowed = Set.copyOf(allowed);
    }

    /** The keys of a JWKS document that Warden would use. */
    List<VerificationKey> usable(String jwks) throws JoseException {
        return usable(judge(jwks));
    }

    static List<VerificationKey> usable(List<Verdict> verdicts) {
        return verdicts.stream().filter(Verdict::usable).map(Verdict::key).toList();
    }

    /** A verdict for every key of a JWKS document; throws if it is not a JWKS at all. */
    public List<Verdict> judge(String jwks) throws JoseException {
        List<Verdict> verdicts = new ArrayList<>();
        for (JsonWebKey jwk : new JsonWebKeySet(jwks).getJsonWebKeys()) {
            verdicts.add(judge(jwk));
        }
        return verdicts;
    }

    Verdict judge(JsonWebKey jwk) {
        if (jwk.getUse() != null && !"sig".equals(jwk.getUse())) {
            return refused(jwk, "use is \"" + jwk.getUse() + "\", not \"sig\"");
        }
        Algorithm pinned = null;
        if (jwk.getAlgorithm() != null) {
            pinned = Algorithm.byJwa(jwk.getAlgorithm());
            if (pinned == null || !allowed.contains(pinned)) {
                return refused(jwk, "its alg " + jwk.getAlgorithm() + " is not in JWT_ALGORITHMS (" + names() + ")");
            }
        }
        VerificationKey key;
        if (jwk instanceof RsaJsonWebKey rsa && rsa.getKey() instanceof RSAPublicKey pub) {
            int bits = pub.getModulus().bitLength();
            if (bits < MIN_RSA_BITS) {
                return refused(jwk, "RSA key of " + bits + " bits (at least " + MIN_RSA_BITS + " required)");
            }
            key = new VerificationKey(jwk.getKeyId(), jwk.getKeyType(), null, pinned, pub, thumbprint(jwk));
        } else if (jwk instanceof EllipticCurveJsonWebKey ec) {
            key = new VerificationKey(jwk.getKeyId(), jwk.getKeyType(), ec.getCurveName(), pinned, ec.getPublicKey(),
                    thumbprint(jwk));
        } else if (jwk instanceof OctetKeyPairJsonWebKey okp) {
            key = new VerificationKey(jwk.getKeyId(), jwk.getKeyType(), okp.getSubtype(), pinned, okp.getPublicKey(),
                    thumbprint(jwk));
        } else {
            return refused(jwk, "key type " + jwk.getKeyType() + " never verifies a token here (public RSA, EC or OKP keys only)");
        }
        if (allowed.stream().noneMatch(key::fits)) {
            String what = key.keyType() + (key.curve() == null ? "" : " " + key.curve());
            return refused(jwk, "no algorithm in JWT_ALGORITHMS (" + names() + ") verifies with an " + what + " key");
        }
        return new Verdict(jwk, key, null);
    }

    /** RFC 7638: the key's required members, hashed; what makes two published keys the same key. */
    private static String thumbprint(JsonWebKey jwk) {
        return jwk.calculateBase64urlEncodedThumbprint(HashUtil.SHA_256);
    }

    private static Verdict refused(JsonWebKey jwk, String why) {
        return new Verdict(jwk, null, why);
    }

    /**
     * Why no key of {@code verdicts} is usable, in Better Auth's terms, e.g. "only Ed25519 keys, but
     * JWT_ALGORITHMS=RS256: Better Auth signs EdDSA unless `jwks.keyPairConfig.alg` is RS256 — set that, or
     * JWT_ALGORITHMS=EdDSA": the start-up error and the doctor say the same.
     */
    public String whyNone(List<Verdict> verdicts) {
        Set<String> kinds = new LinkedHashSet<>();
        Set<String> signs = new LinkedHashSet<>();
        boolean weak = false;
        for (Verdict verdict : verdicts) {
            JsonWebKey jwk = verdict.jwk();
            weak |= verdict.whyNot() != null && verdict.whyNot().startsWith("RSA key of");
            String curve = jwk instanceof EllipticCurveJsonWebKey ec ? ec.getCurveName()
                    : jwk instanceof OctetKeyPairJsonWebKey okp ? okp.getSubtype() : null;
            // The algorithm the issuer signs with using this key: its own alg, else its family's usual one.
            Algorithm natural = jwk.getAlgorithm() != null ? Algorithm.byJwa(jwk.getAlgorithm())
                    : Algorithm.usualFor(jwk.getKeyType(), curve);
            if (natural != null) {
                kinds.add(jwk instanceof EllipticCurveJsonWebKey ? "EC " + curve : curve != null ? curve : jwk.getKeyType());
                signs.add(natural.jwa());
            }
        }
        String preferred = allowed.stream().sorted().map(Algorithm::jwa).findFirst().orElse(Algorithm.RS256.jwa());
        boolean familyMismatch = signs.stream().map(Algorithm::byJwa).noneMatch(allowed::contains);
        if (weak && !familyMismatch) {
            return "the RSA keys are shorter than " + MIN_RSA_BITS + " bits: have the issuer create a new key "
                    + "(Better Auth: `jwks.keyPairConfig.modulusLength` 2048 or more)";
        }
        if (kinds.isEmpty() || !familyMismatch) {
            return "every key was refused";
        }
        String only = "only " + String.join(" and ", kinds) + " keys, but JWT_ALGORITHMS=" + names();
        String algorithms = String.join(",", signs);
        if (signs.contains(Algorithm.EDDSA.jwa())) {
            return only + ": Better Auth signs EdDSA unless `jwks.keyPairConfig.alg` is " + preferred
                    + " — set that, or JWT_ALGORITHMS=" + algorithms;
        }
        return only + ": this Better Auth signs " + algorithms + " (its `jwks.keyPairConfig.alg`) — set JWT_ALGORITHMS="
                + algorithms + ", or `jwks.keyPairConfig.alg` to " + preferred;
    }

    private String names() {
        return allowed.stream().sorted().map(Algorithm::jwa).collect(Collectors.joining(","));
    }
}
