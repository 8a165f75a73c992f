package dev.warden.auth;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Who is calling, as the verified token says. */
@RegisterForReflection
public record Caller(String userId, String email, String name, long exp, String iss) {

    public static Caller from(JsonWebToken token) {
        return new Caller(token.getSubject(), stringClaim(token, Claims.email.name()), stringClaim(token, "name"),
                token.getExpirationTime(), token.getIssuer());
    }

    private static String stringClaim(JsonWebToken token, String name) {
        Object value = token.getClaim(name);
        return value == null ? null : value instanceof jakarta.json.JsonString s ? s.getString() : value.toString();
    }
}
