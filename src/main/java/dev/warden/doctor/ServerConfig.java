package dev.warden.doctor;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import io.smallrye.config.ConfigValue;
import io.smallrye.config.SmallRyeConfig;

/**
 * The configuration the booted server holds, read for an operator: a value as the server sees it, and where it came
 * from (environment, {@code .env}, {@code application.properties}, a default), the one thing beans do not say.
 */
record ServerConfig(SmallRyeConfig config, Profile profile, boolean devStackRunning, Path dotEnvFile) {

    boolean prod() {
        return "prod".equals(profile.name());
    }

    boolean dev() {
        return "dev".equals(profile.name());
    }

    /** Whether the datasource is the running dev stack's database, found rather than configured. */
    boolean usesDevDatabase() {
        return dev() && devStackRunning && value("DATABASE_URL").isEmpty() && value("NEON_DATABASE_URL").isEmpty()
                && "warden-environment".equals(config.getConfigValue("quarkus.datasource.jdbc.url").getConfigSourceName());
    }

    /** The {@code .env} file read, if there is one. */
    Optional<Path> dotEnv() {
        return Optional.of(dotEnvFile.toAbsolutePath().normalize()).filter(Files::isRegularFile);
    }

    /** A variable or key as the server sees it, blank counting as unset. */
    Optional<String> value(String name) {
        return Optional.ofNullable(config.getConfigValue(name).getValue()).filter(v -> !v.isBlank());
    }

    /** Where the value of {@code name} comes from, in an operator's words: environment, .env, application.properties… */
    String origin(String name) {
        ConfigValue value = config.getConfigValue(name);
        String source = value.getConfigSourceName();
        if (value.getValue() == null || source == null) {
            return "unset";
        }
        return source.contains(".env") ? ".env" : source.startsWith("EnvConfigSource") ? "environment"
                : source.contains("DefaultValues") ? "default" : source.equals("SysPropConfigSource") ? "system property"
                : source.contains("/config/application.properties") ? "config/application.properties"
                : source.contains("application.properties") ? "application.properties" : source;
    }

    /** Whether {@code key} was given by the operator rather than by Warden's {@code application.properties}. */
    boolean setDirectly(String key) {
        String origin = origin(key);
        return !origin.equals("unset") && !origin.equals("application.properties") && !origin.equals("default");
    }

    /**
     * Where a key got its value, e.g. {@code JWT_ALGORITHMS, environment}: set directly (by its environment name),
     * through Warden's variable {@code variable} (may be null), else {@code fallback}.
     */
    String provenance(String key, String variable, String fallback) {
        if (setDirectly(key)) {
            return environmentName(key) + ", " + origin(key);
        }
        return variable != null && value(variable).isPresent() ? variable + ", " + origin(variable) : fallback;
    }

    /** {@code mp.jwt.verify.clock.skew} → {@code MP_JWT_VERIFY_CLOCK_SKEW}, as an operator sets it. */
    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** {@code url} as an absolute http(s) URL with a host, else null. */
    static URI httpUrl(String url) {
        try {
            URI uri = url == null ? null : URI.create(url.strip());
            return uri != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null ? uri : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
