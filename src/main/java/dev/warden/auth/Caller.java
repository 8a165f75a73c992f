package dev.warden.auth;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Who is calling, as the verified token says. */
@RegisterForReflection
@Schema(name = "Caller")
public record Caller(
        @Schema(required = true, description = "The token's sub: the {userId} of the caller's paths") String userId,
        @Schema(required = true, nullable = true) String email,
        @Schema(required = true, nullable = true) String name,
        @Schema(required = true, description = "The token's expiry, in seconds since the epoch") long exp,
        @Schema(required = true, description = "The token's issuer") String iss) {

    public static Caller from(JsonWebToken token) {
        return new Caller(token.getSubject(), stringClaim(token, Claims.email.name()), stringClaim(token, "name"),
                token.getExpirationTime(), token.getIssuer());
    }

    private static String stringClaim(JsonWebToken token, String name) {
        Object value = token.getClaim(name);
        return value == null ? null : value instanceof jakarta.json.JsonString s ? s.getString() : value.toString();
    }
}
