package dev.warden.doctor;

import java.util.List;

/**
 * The check of {@code BETTER_AUTH_SECRET} (the frontend's: Better Auth signs cookies and encrypts its private keys
 * with it; Warden never needs it): at least 32 characters, the length the frontend itself refuses to start below
 * ({@code MIN_SECRET_LENGTH} in frontend/lib/server-env.ts), and neither the dev-mode default nor the example's
 * placeholder, which are public (the frontend refuses the same two in production: {@code PUBLISHED_SECRETS};
 * {@code SecretCheckTest} pins both copies to the files that publish them). Only its length is ever printed.
 */
final class SecretCheck {

    static final int MIN_LENGTH = 32;
    /** The secret dev mode hands the frontend (application.properties). */
    static final String DEV_DEFAULT = "local-dev-only-secret-not-for-production-use";
    /** The placeholder of frontend/.env.example. */
    static final String EXAMPLE = "change-me-to-a-random-string-of-32-chars-or-more";
    private static final String GROUP = "Secret";
    private static final String NAME = "BETTER_AUTH_SECRET";
    private static final String GENERATE = ": generate one with `openssl rand -base64 32`";

    private final FrontendSettings frontend;

    SecretCheck(FrontendSettings frontend) {
        this.frontend = frontend;
    }

    List<Check> run() {
        String value = frontend.raw(NAME).orElse(null);
        String from = frontend.origin(NAME);
        if (value == null) {
            return List.of(Check.skip(GROUP, NAME, "not given (it is the frontend's: set it here or "
                    + FrontendSettings.PASS_FILE + " to check it)"));
        }
        if (value.equals(DEV_DEFAULT) || value.equals(EXAMPLE)) {
            return List.of(Check.fail(GROUP, NAME, "(" + from + ") is the " + (value.equals(DEV_DEFAULT)
                    ? "dev-mode default" : "placeholder of frontend/.env.example") + ", known to everyone" + GENERATE));
        }
        return List.of(Check.of(value.length() >= MIN_LENGTH, GROUP, NAME, value.length() + " characters (" + from + ")"
                + (value.length() >= MIN_LENGTH ? ", not shown" : ", at least " + MIN_LENGTH + " needed" + GENERATE)));
    }
}
