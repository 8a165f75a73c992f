package dev.warden.doctor;

import java.util.List;
import java.util.Optional;

/**
 * The check of {@code BETTER_AUTH_SECRET} (the frontend's: Better Auth signs cookies and encrypts its private keys
 * with it; Warden never needs it): at least 32 characters, the length the frontend itself refuses to start below
 * ({@code MIN_SECRET_LENGTH} in frontend/lib/server-env.ts), since anyone who guesses the secret can forge sessions;
 * and neither the dev-mode default nor the example's placeholder, which are public (the frontend refuses the same two
 * in production: {@code PUBLISHED_SECRETS} there; {@code SecretCheckTest} pins both copies to the files that publish
 * them). Its value is never printed, only its length.
 */
final class SecretCheck {

    static final String GROUP = "Secret";
    static final int MIN_LENGTH = 32;
    /** The secret dev mode hands the frontend (application.properties). */
    static final String DEV_DEFAULT = "local-dev-only-secret-not-for-production-use";
    /** The placeholder of frontend/.env.example. */
    static final String EXAMPLE = "change-me-to-a-random-string-of-32-chars-or-more";

    private final FrontendSettings frontend;

    SecretCheck(FrontendSettings frontend) {
        this.frontend = frontend;
    }

    List<Check> run() {
        Optional<String> secret = frontend.raw("BETTER_AUTH_SECRET");
        if (secret.isEmpty()) {
            return List.of(Check.skip(GROUP, "BETTER_AUTH_SECRET", "not given (it is the frontend's: set it here or pass "
                    + "--frontend-env FILE to check it)"));
        }
        String from = frontend.origin("BETTER_AUTH_SECRET");
        String value = secret.get();
        if (value.equals(DEV_DEFAULT) || value.equals(EXAMPLE)) {
            return List.of(Check.fail(GROUP, "BETTER_AUTH_SECRET", "(" + from + ") is the " + (value.equals(DEV_DEFAULT)
                    ? "dev-mode default" : "placeholder of frontend/.env.example") + ", known to everyone: generate one "
                    + "with `openssl rand -base64 32`"));
        }
        if (value.length() < MIN_LENGTH) {
            return List.of(Check.fail(GROUP, "BETTER_AUTH_SECRET", value.length() + " characters (" + from + "), at least "
                    + MIN_LENGTH + " needed: generate one with `openssl rand -base64 32`"));
        }
        return List.of(Check.pass(GROUP, "BETTER_AUTH_SECRET", value.length() + " characters (" + from + "), not shown"));
    }
}
