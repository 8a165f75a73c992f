package dev.warden.doctor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigValue;
import io.smallrye.config.SmallRyeConfig;

import dev.warden.config.DevStack;
import dev.warden.config.WardenConfig;

/**
 * The configuration the booted server holds, read for an operator: a value as the server sees it, and where it came
 * from (environment, {@code .env}, {@code application.properties}, a default), the one thing beans do not say.
 */
final class ServerConfig {

    private final SmallRyeConfig config;
    private final Profile profile;
    private final Optional<DevStack> devStack;
    private final Path dotEnv;

    ServerConfig(SmallRyeConfig config, Profile profile, Optional<DevStack> devStack, Path dir) {
        this.config = config;
        this.profile = profile;
        this.devStack = devStack;
        this.dotEnv = dir.resolve(".env").toAbsolutePath().normalize();
    }

    SmallRyeConfig config() {
        return config;
    }

    WardenConfig warden() {
        return config.getConfigMapping(WardenConfig.class);
    }

    Profile profile() {
        return profile;
    }

    boolean prod() {
        return "prod".equals(profile.name());
    }

    boolean dev() {
        return "dev".equals(profile.name());
    }

    /** The dev stack running from the working directory, if one is. */
    Optional<DevStack> devStack() {
        return devStack;
    }

    /** Whether the datasource is the running dev stack's database, found rather than configured. */
    boolean usesDevDatabase() {
        String source = config.getConfigValue("quarkus.datasource.jdbc.url").getConfigSourceName();
        return dev() && devStack.isPresent() && "warden-environment".equals(source) && value("DATABASE_URL").isEmpty()
                && value("NEON_DATABASE_URL").isEmpty();
    }

    /** The {@code .env} file read, if there is one. */
    Optional<Path> dotEnv() {
        return Files.isRegularFile(dotEnv) ? Optional.of(dotEnv) : Optional.empty();
    }

    /** A variable or key as the server sees it, blank counting as unset. */
    Optional<String> value(String name) {
        ConfigValue value = config.getConfigValue(name);
        return value.getValue() == null || value.getValue().isBlank() ? Optional.empty() : Optional.of(value.getValue());
    }

    /** Where the value of {@code name} comes from, in an operator's words: environment, .env, application.properties… */
    String origin(String name) {
        ConfigValue value = config.getConfigValue(name);
        String source = value.getConfigSourceName();
        if (value.getValue() == null || source == null) {
            return "unset";
        }
        if (source.contains(".env")) {
            return ".env";
        }
        if (source.startsWith("EnvConfigSource")) {
            return "environment";
        }
        if (source.contains("DefaultValues")) {
            return "default";
        }
        if (source.equals("SysPropConfigSource")) {
            return "system property";
        }
        if (source.contains("application.properties")) {
            return source.contains("/config/application.properties") ? "config/application.properties"
                    : "application.properties";
        }
        return source;
    }

    /** Whether {@code key} was given by the operator rather than by Warden's {@code application.properties}. */
    boolean setDirectly(String key) {
        String origin = origin(key);
        return !origin.equals("unset") && !origin.equals("application.properties") && !origin.equals("default");
    }

    /**
     * Where a SmallRye key got its value, e.g. {@code JWT_ALGORITHMS, environment}: set directly (by its environment
     * name), through Warden's variable {@code variable} (may be null), else {@code fallback}.
     */
    String provenance(String key, String variable, String fallback) {
        if (setDirectly(key)) {
            return environmentName(key) + ", " + origin(key);
        }
        if (variable != null && value(variable).isPresent()) {
            return variable + ", " + origin(variable);
        }
        return fallback;
    }

    /** {@code mp.jwt.verify.clock.skew} → {@code MP_JWT_VERIFY_CLOCK_SKEW}, as an operator sets it. */
    static String environmentName(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

}
