package dev.warden.scoping;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;

/** A test-only endpoint that says nothing about who may call it: what a forgotten annotation would look like. */
@Path("/unannotated-probe")
public class UnannotatedProbe {

    @GET
    @Operation(hidden = true)
    public String get() {
        return "open";
    }
}
