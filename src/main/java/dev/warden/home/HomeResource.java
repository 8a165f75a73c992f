package dev.warden.home;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Warden's own address is the one people open first (dev mode prints only that one), but the app lives at the
 * frontend's: the root says so and links there, rather than a JSON 404 or a copy of the app that cannot work on
 * Warden's origin.
 */
@Path("/")
@PermitAll
public class HomeResource {

    private final String page;

    /** {@code appUrl}: Better Auth's URL, the tokens' issuer, is the app's own address. */
    HomeResource(@ConfigProperty(name = "mp.jwt.verify.issuer") String appUrl) {
        String app = escape(appUrl);
        page = """
                <!doctype html>
                <html lang="en">
                <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Warden</title></head>
                <body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem">
                <main>
                <h1>Warden is running</h1>
                <p>This is the task API. The app is at <a href="%1$s" data-testid="open-app">%1$s</a>.</p>
                </main>
                </body>
                </html>
                """.formatted(app);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response home() {
        return Response.ok(page)
                .header("Content-Security-Policy",
                        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
