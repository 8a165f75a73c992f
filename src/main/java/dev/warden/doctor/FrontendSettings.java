package dev.warden.doctor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the frontend (Next.js + Better Auth) is configured with, as far as the doctor can know it: its env file
 * ({@code frontend/.env.local} or the one given), under the variables that only the frontend reads
 * ({@code NEXT_PUBLIC_API_URL}, {@code BETTER_AUTH_SECRET}) when they are set where Warden runs, since Next.js lets the
 * environment win over its files. The frontend's {@code BETTER_AUTH_URL} and {@code JWT_AUDIENCE} come from its file
 * only: in Warden's environment those names are Warden's own. Values are derived as {@code frontend/lib/server-env.ts}
 * does: trailing slashes stripped, the audience defaulting to the API URL.
 */
final class FrontendSettings {

    static final Path DEFAULT_FILE = Path.of("frontend", ".env.local");

    private final Path file;
    private final Map<String, String> values;
    private final Map<String, String> origins;

    private FrontendSettings(Path file, Map<String, String> values, Map<String, String> origins) {
        this.file = file;
        this.values = values;
        this.origins = origins;
    }

    /**
     * @param file the frontend's env file (absent: none)
     * @param serverSide a lookup of the frontend-only variables where the doctor runs (environment and {@code .env})
     */
    static FrontendSettings read(Path file, java.util.function.Function<String, Optional<String>> serverSide) {
        Map<String, String> values = new HashMap<>();
        Map<String, String> origins = new HashMap<>();
        boolean present = file != null && Files.isRegularFile(file);
        if (present) {
            parse(file).forEach((name, value) -> {
                if (!value.isBlank()) {
                    values.put(name, value);
                    origins.put(name, file.toString());
                }
            });
        }
        for (String name : new String[] {"NEXT_PUBLIC_API_URL", "BETTER_AUTH_SECRET"}) {
            serverSide.apply(name).ifPresent(value -> {
                values.put(name, value);
                origins.put(name, "environment");
            });
        }
        return new FrontendSettings(present ? file : null, values, origins);
    }

    /** The env file read, when there was one. */
    Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    Optional<String> raw(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** Where {@code name} was found: the env file's path or {@code environment}. */
    String origin(String name) {
        return origins.getOrDefault(name, "unset");
    }

    /** The issuer the frontend puts into {@code iss} (its {@code BETTER_AUTH_URL}, slashes stripped), when known. */
    Optional<String> issuer() {
        return raw("BETTER_AUTH_URL").map(FrontendSettings::stripTrailingSlashes);
    }

    /** The audience the frontend puts into {@code aud}: its {@code JWT_AUDIENCE}, else {@code NEXT_PUBLIC_API_URL}. */
    Optional<String> audience() {
        return raw("JWT_AUDIENCE").or(() -> raw("NEXT_PUBLIC_API_URL")).map(FrontendSettings::stripTrailingSlashes);
    }

    /** Which variable the audience came from. */
    String audienceVariable() {
        return raw("JWT_AUDIENCE").isPresent() ? "JWT_AUDIENCE" : "NEXT_PUBLIC_API_URL";
    }

    static String stripTrailingSlashes(String url) {
        return url.strip().replaceAll("/+$", "");
    }

    /** {@code KEY=value} lines as dotenv reads them: comments, {@code export} and matching quotes allowed. */
    static Map<String, String> parse(Path file) {
        Map<String, String> values = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                if (text.startsWith("export ")) {
                    text = text.substring("export ".length()).strip();
                }
                int eq = text.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String value = text.substring(eq + 1).strip();
                if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                        && value.charAt(value.length() - 1) == value.charAt(0)) {
                    value = value.substring(1, value.length() - 1);
                } else {
                    int comment = value.indexOf(" #");
                    value = comment < 0 ? value : value.substring(0, comment).strip();
                }
                values.put(text.substring(0, eq).strip(), value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return values;
    }
}
