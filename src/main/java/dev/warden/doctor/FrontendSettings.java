package dev.warden.doctor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the frontend is configured with, as far as the doctor can know it: its env file ({@code frontend/.env.local}
 * or the one given), under the variables only the frontend reads ({@code NEXT_PUBLIC_API_URL},
 * {@code BETTER_AUTH_SECRET}) when they are set where Warden runs, since Next.js lets the environment win over its
 * files. Its {@code BETTER_AUTH_URL} and {@code JWT_AUDIENCE} come from its file only: in Warden's environment those
 * names are Warden's own. Values are derived as {@code frontend/lib/server-env.ts} does: trailing slashes stripped,
 * the audience defaulting to the API URL.
 */
final class FrontendSettings {

    static final Path DEFAULT_FILE = Path.of("frontend", ".env.local");
    static final String PASS_FILE = "pass --frontend-env FILE (default " + DEFAULT_FILE + ")";

    private final Path file;
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, String> origins = new HashMap<>();

    /** @param serverSide the frontend-only variables where the doctor runs (environment and {@code .env}) */
    FrontendSettings(Path file, Function<String, Optional<String>> serverSide) {
        this.file = file != null && Files.isRegularFile(file) ? file : null;
        if (this.file != null) {
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
        return raw(audienceVariable()).map(FrontendSettings::stripTrailingSlashes);
    }

    String audienceVariable() {
        return raw("JWT_AUDIENCE").isPresent() ? "JWT_AUDIENCE" : "NEXT_PUBLIC_API_URL";
    }

    static String stripTrailingSlashes(String url) {
        return url.strip().replaceAll("/+$", "");
    }

    /**
     * {@code KEY=value} lines as Next.js (dotenv) reads them, which is not how Quarkus reads {@code .env}: comments,
     * {@code export} and matching quotes allowed.
     */
    private static Map<String, String> parse(Path file) {
        Map<String, String> values = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String text = line.strip().replaceFirst("^export\\s+", "");
                int eq = text.indexOf('=');
                if (text.startsWith("#") || eq <= 0) {
                    continue;
                }
                String value = text.substring(eq + 1).strip();
                boolean quoted = value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                        && value.charAt(value.length() - 1) == value.charAt(0);
                values.put(text.substring(0, eq).strip(), quoted ? value.substring(1, value.length() - 1)
                        : value.replaceFirst("\\s+#.*$", ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return values;
    }
}
