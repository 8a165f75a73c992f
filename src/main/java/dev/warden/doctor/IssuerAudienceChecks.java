package dev.warden.doctor;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.warden.auth.VerificationSettings;

/**
 * The two values every token is compared with, exactly (no normalisation, as SmallRye compares them), and whether
 * the frontend's tokens will carry them: the frontend strips trailing slashes from {@code BETTER_AUTH_URL} (its
 * {@code iss}) and from its audience, so a trailing slash on Warden's side alone is a mismatch. Then CORS: the
 * browser calls Warden from the frontend's origin, which {@code ALLOWED_ORIGINS} must list (and, in prod, not
 * {@code *}).
 */
final class IssuerAudienceChecks {

    static final String GROUP = "Issuer, audience, origins";

    private final ServerConfig server;
    private final VerificationSettings settings;
    private final FrontendSettings frontend;

    IssuerAudienceChecks(ServerConfig server, VerificationSettings settings, FrontendSettings frontend) {
        this.server = server;
        this.settings = settings;
        this.frontend = frontend;
    }

    List<Check> run() {
        List<Check> checks = new ArrayList<>();
        issuer(checks);
        audience(checks);
        origins(checks);
        return checks;
    }

    private void issuer(List<Check> checks) {
        String issuer = settings.issuer();
        String from = server.provenance("mp.jwt.verify.issuer", "BETTER_AUTH_URL", "default");
        if (issuer == null || issuer.isBlank()) {
            checks.add(Check.fail(GROUP, "issuer", "none: set BETTER_AUTH_URL to the frontend's public URL"));
            return;
        }
        URI uri = absolute(issuer);
        if (uri == null) {
            checks.add(Check.fail(GROUP, "issuer", "\"" + issuer + "\" (" + from + ") is not an absolute http(s) URL: "
                    + "BETTER_AUTH_URL is the frontend's public base URL, e.g. https://app.example.com"));
        } else if (issuer.endsWith("/")) {
            checks.add(Check.fail(GROUP, "issuer", "\"" + issuer + "\" (" + from + ") ends with \"/\": the frontend strips "
                    + "trailing slashes, so its tokens say iss=\"" + FrontendSettings.stripTrailingSlashes(issuer)
                    + "\", and Warden compares exactly: set BETTER_AUTH_URL=" + FrontendSettings.stripTrailingSlashes(issuer)));
        } else if (uri.getPath() != null && uri.getPath().contains("/api/auth")) {
            checks.add(Check.fail(GROUP, "issuer", "\"" + issuer + "\" (" + from + ") has Better Auth's path in it: "
                    + "BETTER_AUTH_URL is the app's base URL (Better Auth's baseURL, the tokens' iss), without /api/auth"));
        } else if (server.prod() && from.equals("default")) {
            checks.add(Check.fail(GROUP, "issuer", issuer + " is only the default: set BETTER_AUTH_URL to the "
                    + "frontend's public URL"));
        } else {
            checks.add(Check.pass(GROUP, "issuer", issuer + " (" + from + ")"));
        }
        Optional<String> theirs = frontend.issuer();
        if (theirs.isEmpty()) {
            checks.add(Check.skip(GROUP, "frontend's issuer", "its BETTER_AUTH_URL is not known here: pass --frontend-env "
                    + "FILE (default " + FrontendSettings.DEFAULT_FILE + ") to compare"));
        } else {
            checks.add(Check.of(theirs.get().equals(issuer), GROUP, "frontend's issuer", "the frontend's tokens say iss=\""
                    + theirs.get() + "\" (BETTER_AUTH_URL, " + frontend.origin("BETTER_AUTH_URL") + "), Warden expects \""
                    + issuer + "\""));
        }
    }

    private void audience(List<Check> checks) {
        Set<String> audiences = settings.audiences();
        String from = server.provenance("mp.jwt.verify.audiences", "JWT_AUDIENCE", "default");
        if (audiences.isEmpty()) {
            checks.add(Check.fail(GROUP, "audience", "none: set JWT_AUDIENCE to the URL clients call Warden at (the "
                    + "frontend's NEXT_PUBLIC_API_URL)"));
        } else {
            List<String> slashed = audiences.stream().filter(a -> a.endsWith("/")).sorted().toList();
            if (slashed.isEmpty()) {
                checks.add(Check.pass(GROUP, "audience", String.join(", ", sorted(audiences)) + " (" + from + ")"));
            } else {
                checks.add(Check.fail(GROUP, "audience", "\"" + slashed.get(0) + "\" (" + from + ") ends with \"/\": the "
                        + "frontend strips trailing slashes, so its tokens say aud=\"" + FrontendSettings.stripTrailingSlashes(
                                slashed.get(0)) + "\", and Warden compares exactly"));
            }
        }
        Optional<String> theirs = frontend.audience();
        if (theirs.isEmpty()) {
            checks.add(Check.skip(GROUP, "frontend's audience", "not known here: set NEXT_PUBLIC_API_URL or pass "
                    + "--frontend-env FILE (default " + FrontendSettings.DEFAULT_FILE + ") to compare"));
            return;
        }
        String variable = frontend.audienceVariable();
        boolean match = audiences.contains(theirs.get());
        String detail = "the frontend's tokens say aud=\"" + theirs.get() + "\" (its " + variable + ", "
                + frontend.origin(variable) + "), Warden expects " + (audiences.isEmpty() ? "none"
                        : String.join(" or ", sorted(audiences).stream().map(a -> "\"" + a + "\"").toList()));
        if (!match && audiences.stream().map(FrontendSettings::stripTrailingSlashes).anyMatch(theirs.get()::equals)) {
            detail += ": only the trailing slash differs; remove it from JWT_AUDIENCE";
        } else if (!match) {
            detail += ": set JWT_AUDIENCE=" + theirs.get() + " here, or the frontend's " + variable
                    + " to Warden's public URL";
        }
        checks.add(Check.of(match, GROUP, "frontend's audience", detail));
    }

    private void origins(List<Check> checks) {
        List<String> origins = server.config().getOptionalValues("quarkus.http.cors.origins", String.class).orElse(List.of());
        String from = server.provenance("quarkus.http.cors.origins", "ALLOWED_ORIGINS", "default");
        String frontendUrl = frontend.issuer().orElse(settings.issuer());
        URI app = frontendUrl == null ? null : absolute(frontendUrl);
        if (server.prod() && origins.contains("*")) {
            checks.add(Check.fail(GROUP, "ALLOWED_ORIGINS", "\"*\" (" + from + "): any web site may call Warden with a "
                    + "user's token; list the frontend's origin instead"));
            return;
        }
        if (app == null) {
            checks.add(Check.skip(GROUP, "ALLOWED_ORIGINS", "the frontend's URL is unknown, so there is no origin to look for"));
            return;
        }
        String origin = app.getScheme() + "://" + app.getRawAuthority();
        if (origins.isEmpty()) {
            checks.add(Check.fail(GROUP, "ALLOWED_ORIGINS", "empty: browsers at " + origin + " cannot call Warden; set "
                    + "ALLOWED_ORIGINS=" + origin));
        } else {
            boolean allowed = origins.stream().anyMatch(o -> allows(o, origin));
            checks.add(Check.of(allowed, GROUP, "ALLOWED_ORIGINS", String.join(",", origins) + " (" + from + ") "
                    + (allowed ? "allows" : "does not allow") + " the frontend's origin " + origin));
        }
    }

    /** Quarkus CORS: an exact origin, {@code *}, or a regular expression between slashes. */
    private static boolean allows(String configured, String origin) {
        String entry = configured.strip();
        if (entry.equals("*") || entry.equals(origin)) {
            return true;
        }
        if (entry.length() > 2 && entry.startsWith("/") && entry.endsWith("/")) {
            try {
                return Pattern.matches(entry.substring(1, entry.length() - 1), origin);
            } catch (PatternSyntaxException e) {
                return false;
            }
        }
        return false;
    }

    private static URI absolute(String url) {
        try {
            URI uri = URI.create(url.strip());
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null ? uri : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
