package dev.warden.doctor;

import java.nio.file.Path;

/**
 * The command line: {@code [--token JWT | --token -] [--json] [--frontend-env FILE] [--profile NAME]}.
 *
 * @param token the token to judge, {@code -} for standard input, or null for none
 * @param profile the configuration profile to check, or null to choose it as {@link ServerConfig} does
 * @param json print JSON instead of text
 * @param frontendEnv the frontend's env file
 * @param help print the usage and stop
 */
record Arguments(String token, String profile, boolean json, Path frontendEnv, boolean help) {

    static final String USAGE = """
            usage: scripts/validate-jwt-config.sh [--token JWT | --token -] [--json] [--frontend-env FILE]
                                                  [--profile NAME]

            Checks Warden's token-verification configuration with Warden's own code, as the server would run it
            (environment, then .env in this directory): the JWKS, issuer, audience and origins,
            BETTER_AUTH_SECRET, the database, and with --token a token. The first line says which profile it
            checks and why: --profile, else QUARKUS_PROFILE, else dev next to a running dev stack
            (./mvnw quarkus:dev, whose database runs from .warden/postgresql here), else prod.

              --token JWT          the server's verdict on this token, and the values behind its reason
              --token -            read the token from standard input (keeps it out of the process list)
              --json               print the results as JSON
              --frontend-env FILE  the frontend's env file (default frontend/.env.local, when present)
              --profile NAME       check this profile (dev: the dev stack, with its running database)

            Exit status: 0 when every check passes, 1 when one fails, 2 for a usage error.
            """;

    /** Thrown for a command line that means nothing; the message says why. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static Arguments parse(String... args) throws UsageException {
        String token = null;
        String profile = null;
        boolean json = false;
        Path frontendEnv = FrontendSettings.DEFAULT_FILE;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-h", "--help" -> {
                    return new Arguments(null, null, false, frontendEnv, true);
                }
                case "--json" -> json = true;
                case "--token", "--frontend-env", "--profile" -> {
                    if (i + 1 >= args.length || args[i + 1].isBlank()) {
                        throw new UsageException(arg + " needs a value");
                    }
                    if (arg.equals("--token")) {
                        if (token != null) {
                            throw new UsageException("--token given twice");
                        }
                        token = args[++i];
                    } else if (arg.equals("--profile")) {
                        profile = args[++i].strip();
                    } else {
                        frontendEnv = Path.of(args[++i]);
                    }
                }
                default -> throw new UsageException("unknown argument: " + (arg.startsWith("-") ? arg : "(a value without "
                        + "an option)"));
            }
        }
        return new Arguments(token, profile, json, frontendEnv, false);
    }

    /** A token as pasted: surrounding blanks and a {@code Bearer } prefix removed. */
    static String clean(String token) {
        String t = token.strip();
        return t.regionMatches(true, 0, "Bearer ", 0, 7) ? t.substring(7).strip() : t;
    }
}
