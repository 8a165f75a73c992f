package dev.warden.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import dev.warden.config.DevStack;
import io.smallrye.config.common.utils.ConfigSourceUtil;

/**
 * The profile checked and why: named on the command line, then as the server takes it (the system property, then
 * {@code QUARKUS_PROFILE} from the environment or {@code .env}), then {@code dev} next to a running dev stack, else
 * the packaged server's {@code prod}.
 */
record Profile(String name, String reason) {

    static Profile choose(String requested, String property, Map<String, String> env, Path dotEnv,
            Optional<DevStack> devStack) {
        if (requested != null) {
            return new Profile(requested.strip(), "--profile");
        }
        if (property != null && !property.isBlank()) {
            return new Profile(property.strip(), "system property quarkus.profile");
        }
        String variable = env.get("QUARKUS_PROFILE");
        if (variable != null && !variable.isBlank()) {
            return new Profile(variable.strip(), "QUARKUS_PROFILE, environment");
        }
        variable = dotEnv(dotEnv).get("QUARKUS_PROFILE");
        if (variable != null && !variable.isBlank()) {
            return new Profile(variable.strip(), "QUARKUS_PROFILE, .env");
        }
        return devStack.map(stack -> new Profile("dev", "a dev stack is running here: " + stack.dataDir()
                        + ", PostgreSQL pid " + stack.pid() + " on port " + stack.port()))
                .orElse(new Profile("prod", "the default; --profile dev for the dev stack"));
    }

    /** {@code .env} read as Quarkus reads it, for the one name that must be known before Quarkus boots. */
    private static Map<String, String> dotEnv(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            return ConfigSourceUtil.urlToMap(file.toUri().toURL());
        } catch (IOException e) {
            return Map.of();
        }
    }
}
