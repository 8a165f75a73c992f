package dev.warden.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.lang.JoseException;

/**
 * The fake issuer's key pairs by kid, of every kind the tests need, and the JWKS that publishes some of them. They
 * travel as one string ({@link #encode}), because the issuer and the test that signs may live in different class
 * loaders or, for the benchmarks, in a process that is stopped and started again ({@link #save}, {@link #load}).
 */
public final class IssuerKeys {

    /** What Better Auth may publish, and what it must never be trusted with. */
    public enum Kind {
        /** RSA 2048 with {@code "alg":"RS256"} in its JWK: Better Auth's default. */
        RS256("RSA", "RS256"),
        /** RSA 2048 published without an {@code alg} member, as some JWKS do. */
        RSA_WITHOUT_ALG("RSA", null),
        /** RSA 1024, without {@code alg}: too weak to be used whatever the JWKS says. */
        RSA_1024("RSA", null),
        ES256("EC", "ES256"),
        EDDSA("Ed25519", "EdDSA");

        final String keyFactory;
        final String alg;

        Kind(String keyFactory, String alg) {
            this.keyFactory = keyFactory;
            this.alg = alg;
        }

        KeyPair generate() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance(keyFactory);
                switch (this) {
                    case ES256 -> generator.initialize(new ECGenParameterSpec("secp256r1"));
                    case EDDSA -> {
                    }
                    default -> generator.initialize(this == RSA_1024 ? 1024 : 2048);
                }
                return generator.generateKeyPair();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private record Entry(Kind kind, KeyPair pair) {
    }

    private final Map<String, Entry> keys = new LinkedHashMap<>();

    /** Generates a key of this kind under this kid (replacing any key of that kid). */
    public synchronized IssuerKeys add(String kid, Kind kind) {
        keys.put(kid, new Entry(kind, kind.generate()));
        return this;
    }

    public synchronized PrivateKey privateKey(String kid) {
        return entry(kid).pair.getPrivate();
    }

    /** The JWS algorithm a token signed with this kid's key names: the key's own, RS256 for RSA published without. */
    public synchronized String signingAlgorithm(String kid) {
        Kind kind = entry(kid).kind();
        return kind.alg != null ? kind.alg : "RS256";
    }

    public synchronized PublicKey publicKey(String kid) {
        return entry(kid).pair.getPublic();
    }

    /** The JWKS with the public halves of these kids, in the order they were added; kids it does not hold are left out. */
    public synchronized String jwks(Collection<String> kids) {
        List<JsonWebKey> list = new ArrayList<>();
        keys.forEach((kid, entry) -> {
            if (kids.contains(kid)) {
                list.add(jwkObject(kid, entry.pair.getPublic(), entry.kind.alg));
            }
        });
        return new JsonWebKeySet(list).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** One JWK for any public key, under any kid: also for tests that publish a key under a kid that is not its own. */
    public static String jwk(String kid, PublicKey key, String alg) {
        return jwkObject(kid, key, alg).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    private static JsonWebKey jwkObject(String kid, PublicKey key, String alg) {
        try {
            JsonWebKey jwk = JsonWebKey.Factory.newJwk(key);
            jwk.setKeyId(kid);
            jwk.setUse("sig");
            if (alg != null) {
                jwk.setAlgorithm(alg);
            }
            return jwk;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code kid:KIND:private:public,...}, base64 of PKCS#8 and X.509. */
    public synchronized String encode() {
        Base64.Encoder b64 = Base64.getEncoder();
        List<String> entries = new ArrayList<>();
        keys.forEach((kid, e) -> entries.add(kid + ":" + e.kind + ":" + b64.encodeToString(e.pair.getPrivate().getEncoded())
                + ":" + b64.encodeToString(e.pair.getPublic().getEncoded())));
        return String.join(",", entries);
    }

    public static IssuerKeys decode(String encoded) {
        IssuerKeys decoded = new IssuerKeys();
        Base64.Decoder b64 = Base64.getDecoder();
        try {
            for (String entry : encoded.isBlank() ? new String[0] : encoded.split(",")) {
                String[] parts = entry.split(":", 4);
                Kind kind = Kind.valueOf(parts[1]);
                KeyFactory factory = KeyFactory.getInstance(kind.keyFactory);
                decoded.keys.put(parts[0], new Entry(kind, new KeyPair(
                        factory.generatePublic(new X509EncodedKeySpec(b64.decode(parts[3]))),
                        factory.generatePrivate(new PKCS8EncodedKeySpec(b64.decode(parts[2]))))));
            }
        } catch (Exception e) {
            throw new IllegalStateException("unreadable issuer keys", e);
        }
        return decoded;
    }

    public void save(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, encode());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The keys saved in {@code file}, or none if there is no such file yet. */
    public static IssuerKeys load(Path file) {
        try {
            return Files.exists(file) ? decode(Files.readString(file).strip()) : new IssuerKeys();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Entry entry(String kid) {
        Entry entry = keys.get(kid);
        if (entry == null) {
            throw new IllegalArgumentException("the fake issuer has no key " + kid);
        }
        return entry;
    }
}
