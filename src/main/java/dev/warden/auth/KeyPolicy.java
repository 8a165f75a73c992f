package dev.warden.auth;

import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
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
        return judge(jwks).stream().filter(Verdict::usable).map(Verdict::key).toList();
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

    private String names() {
        return allowed.stream().sorted().map(Algorithm::jwa).collect(Collectors.joining(","));
    }
}
