package dev.warden.config;

import org.eclipse.microprofile.config.spi.Converter;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;

/**
 * Reads {@code mp.jwt.verify.publickey.algorithm} the way JOSE and Better Auth write algorithm names. The implicit
 * enum converter SmallRye Config would use matches constant names, so it refuses {@code EdDSA} (it wants
 * {@code EDDSA}); SmallRye JWT's own {@link SignatureAlgorithm#fromAlgorithm} takes both.
 */
public class SignatureAlgorithmConverter implements Converter<SignatureAlgorithm> {

    @Override
    public SignatureAlgorithm convert(String value) {
        return value == null || value.isBlank() ? null : SignatureAlgorithm.fromAlgorithm(value.strip());
    }
}
