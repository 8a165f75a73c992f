package dev.warden.doctor;

import java.util.List;

import org.jose4j.jwt.JwtClaims;

import dev.warden.support.FakeIssuer;
import dev.warden.support.IssuerKeys;
import dev.warden.support.TestTokens;

/**
 * The fake issuer as the doctor's tests use it: the keys an operator may meet (RSA 2048 {@code rs}, RSA 1024
 * {@code weak}, Ed25519 {@code ed}, EC P-256 {@code ec}), {@code rs} published, and tokens for Warden's audience.
 */
final class DoctorIssuer {

    static final String AUDIENCE = "http://127.0.0.1:8080";

    private DoctorIssuer() {
    }

    static FakeIssuer start() {
        IssuerKeys keys = new IssuerKeys().add("rs", IssuerKeys.Kind.RS256).add("weak", IssuerKeys.Kind.RSA_1024)
                .add("ed", IssuerKeys.Kind.EDDSA).add("ec", IssuerKeys.Kind.ES256);
        return FakeIssuer.start(keys, List.of("rs"));
    }

    static TestTokens tokens(FakeIssuer issuer) {
        return new TestTokens(issuer.keys(), issuer.url(), AUDIENCE, "rs");
    }

    /** Claims of a valid token for user-1. */
    static JwtClaims claims(FakeIssuer issuer) {
        return tokens(issuer).claims("user-1");
    }

    static String sign(FakeIssuer issuer, JwtClaims claims, String kid) {
        return tokens(issuer).sign(claims, kid);
    }
}
