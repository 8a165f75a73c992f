package dev.warden.auth;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.warden.scoping.UserScoped;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.NonBlocking;

/** Answers from the verified token alone: no database, no blocking, so it runs on the event loop. */
@Path("/api")
@Tag(name = "Caller", description = "Who the bearer token says is calling")
@Authenticated
@NonBlocking
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    private final JsonWebToken token;

    public MeResource(JsonWebToken token) {
        this.token = token;
    }

    @GET
    @Path("v1/me")
    @Operation(operationId = "me", summary = "The caller, as the verified token says")
    public Caller me() {
        return Caller.from(token);
    }

    @GET
    @Path("{userId}/me")
    @UserScoped
    @Operation(operationId = "scopedMe", summary = "The caller, under their own {userId} (403 for any other)")
    public Caller scopedMe() {
        return Caller.from(token);
    }
}
