package dev.warden.doctor;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.warden.auth.VerificationSettings;
import io.quarkus.vertx.http.runtime.cors.CORSFilter;

/**
 * The two values every token is compared with, exactly (no normalisation, as SmallRye compares them), and whether
 * the frontend's tokens will carry them: the frontend strips trailing slashes from {@code BETTER_AUTH_URL} (its
 * {@code iss}) and from its audience, so a trailing slash on Warden's side alone is a mismatch. Then CORS: the
 * browser calls Warden from the frontend's origin, which {@code ALLOWED_ORIGINS} must allow (by Quarkus' own rule)
 * and, in prod, not as {@code *}.
 */
final class IssuerAudienceChecks {

    static final String GROUP = "Issuer, audience, origins";
    private static final String COMPARE = " to compare";

    private final ServerConfig server;
    private final VerificationSettings settings;
    private final FrontendSettings frontend;
    private final List<Check> checks = new ArrayList<>();

    IssuerAudienceChecks(ServerConfig server, VerificationSettings settings, FrontendSettings frontend) {
        this.server = server;
        this.settings = settings;
        this.frontend = frontend;
    }

    List<Check> run() {
        issuer();
        audience();
        origins();
        return checks;
    }

    private void issuer() {
        String issuer = settings.issuer();
        String from = server.provenance("mp.jwt.verify.issuer", "BETTER_AUTH_URL", "default");
        URI uri = ServerConfig.httpUrl(issuer);
        String seen = "\"" + issuer + "\" (" + from + ")";
        if (uri == null) {
            checks.add(Check.fail(GROUP, "issuer", seen + " is not an absolute http(s) URL: BETTER_AUTH_URL is the "
                    + "frontend's public base URL, e.g. https://app.example.com"));
        } else if (issuer.endsWith("/")) {
            String stripped = FrontendSettings.stripTrailingSlashes(issuer);
            checks.add(Check.fail(GROUP, "issuer", seen + " ends with \"/\": the frontend strips trailing slashes, so its "
                    + "tokens say iss=\"" + stripped + "\", and Warden compares exactly: set BETTER_AUTH_URL=" + stripped));
        } else if (uri.getPath() != null && uri.getPath().contains("/api/auth")) {
            checks.add(Check.fail(GROUP, "issuer", seen + " has Better Auth's path in it: BETTER_AUTH_URL is the app's "
                    + "base URL (Better Auth's baseURL, the tokens' iss), without /api/auth"));
        } else if (server.prod() && from.equals("default")) {
            checks.add(Check.fail(GROUP, "issuer", issuer + " is only the default: set BETTER_AUTH_URL to the "
                    + "frontend's public URL"));
        } else {
            checks.add(Check.pass(GROUP, "issuer", issuer + " (" + from + ")"));
        }
        Optional<String> theirs = frontend.issuer();
        checks.add(theirs.isEmpty() ? Check.skip(GROUP, "frontend's issuer", "its BETTER_AUTH_URL is not known here: "
                + FrontendSettings.PASS_FILE + COMPARE) : Check.of(theirs.get().equals(issuer), GROUP, "frontend's issuer",
                "the frontend's tokens say iss=\"" + theirs.get() + "\" (BETTER_AUTH_URL, " + frontend.origin(
                        "BETTER_AUTH_URL") + "), Warden expects \"" + issuer + "\""));
    }

    private void audience() {
        Set<String> audiences = settings.audiences();
        List<String> sorted = audiences.stream().sorted().toList();
        String from = server.provenance("mp.jwt.verify.audiences", "JWT_AUDIENCE", "default");
        Optional<String> slashed = sorted.stream().filter(a -> a.endsWith("/")).findFirst();
        checks.add(audiences.isEmpty() ? Check.fail(GROUP, "audience", "none: set JWT_AUDIENCE to the URL clients call "
                + "Warden at (the frontend's NEXT_PUBLIC_API_URL)") : slashed.map(a -> Check.fail(GROUP, "audience", "\""
                + a + "\" (" + from + ") ends with \"/\": the frontend strips trailing slashes, so its tokens say aud=\""
                + FrontendSettings.stripTrailingSlashes(a) + "\", and Warden compares exactly")).orElse(Check.pass(GROUP,
                "audience", String.join(", ", sorted) + " (" + from + ")")));
        Optional<String> theirs = frontend.audience();
        if (theirs.isEmpty()) {
            checks.add(Check.skip(GROUP, "frontend's audience", "not known here: set NEXT_PUBLIC_API_URL or "
                    + FrontendSettings.PASS_FILE + COMPARE));
            return;
        }
        String variable = frontend.audienceVariable();
        boolean match = audiences.contains(theirs.get());
        String detail = "the frontend's tokens say aud=\"" + theirs.get() + "\" (its " + variable + ", "
                + frontend.origin(variable) + "), Warden expects " + String.join(" or ", sorted.stream()
                        .map(a -> "\"" + a + "\"").toList());
        if (!match) {
            detail += audiences.stream().map(FrontendSettings::stripTrailingSlashes).anyMatch(theirs.get()::equals)
                    ? ": only the trailing slash differs; remove it from JWT_AUDIENCE"
                    : ": set JWT_AUDIENCE=" + theirs.get() + " here, or the frontend's " + variable
                            + " to Warden's public URL";
        }
        checks.add(Check.of(match, GROUP, "frontend's audience", detail));
    }

    private void origins() {
        Optional<List<String>> configured = server.config().getOptionalValues("quarkus.http.cors.origins", String.class);
        List<String> origins = configured.orElse(List.of());
        String from = server.provenance("quarkus.http.cors.origins", "ALLOWED_ORIGINS", "default");
        URI app = ServerConfig.httpUrl(frontend.issuer().orElse(settings.issuer()));
        if (server.prod() && origins.contains("*")) {
            checks.add(Check.fail(GROUP, "ALLOWED_ORIGINS", "\"*\" (" + from + "): any web site may call Warden with a "
                    + "user's token; list the frontend's origin instead"));
        } else if (app == null) {
            checks.add(Check.skip(GROUP, "ALLOWED_ORIGINS", "the frontend's URL is unknown, so there is no origin to look for"));
        } else if (origins.isEmpty()) {
            String origin = app.getScheme() + "://" + app.getRawAuthority();
            checks.add(Check.fail(GROUP, "ALLOWED_ORIGINS", "empty: browsers at " + origin + " cannot call Warden; set "
                    + "ALLOWED_ORIGINS=" + origin));
        } else {
            String origin = app.getScheme() + "://" + app.getRawAuthority();
            boolean allowed = CORSFilter.isConfiguredWithWildcard(configured) || origins.contains(origin)
                    || CORSFilter.isOriginAllowedByRegex(CORSFilter.parseAllowedOriginsRegex(configured), origin);
            checks.add(Check.of(allowed, GROUP, "ALLOWED_ORIGINS", String.join(",", origins) + " (" + from + ") "
                    + (allowed ? "allows" : "does not allow") + " the frontend's origin " + origin));
        }
    }
}
