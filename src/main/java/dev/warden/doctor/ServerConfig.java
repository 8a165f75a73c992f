package dev.warden.doctor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigValue;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.PropertiesConfigSourceLoader;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.utils.ConfigSourceUtil;

import dev.warden.config.WardenEnvironment;
import dev.warden.config.WardenConfig;

/**
 * Warden's configuration as the packaged server reads it at run time: SmallRye Config's default sources in their
 * ordinals (system properties 400, environment 300, {@code .env} of the working directory 295,
 * {@code config/application.properties} 260, the jar's {@code application.properties} 250), Warden's own
 * {@link WardenEnvironment} (275) and converter, the default interceptors (profiles, expressions) and the
 * {@link WardenConfig} mapping, with its defaults. The sources are the ones SmallRye's {@code addDefaultSources()}
 * builds, given the environment, system properties and directory explicitly so that a test can hand them in.
 */
final class ServerConfig {

    private static final List<String> DATABASE_VARIABLES = List.of("DATABASE_URL", "NEON_DATABASE_URL");

    private final SmallRyeConfig config;
    private final String profile;
    private final Path dotEnv;
    private final String databaseUrlProblem;

    private ServerConfig(SmallRyeConfig config, String profile, Path dotEnv, String databaseUrlProblem) {
        this.config = config;
        this.profile = profile;
        this.dotEnv = dotEnv;
        this.databaseUrlProblem = databaseUrlProblem;
    }

    /** The configuration the server would read with this environment, these system properties, in {@code dir}. */
    static ServerConfig load(Map<String, String> env, Map<String, String> systemProperties, Path dir) {
        ClassLoader loader = ServerConfig.class.getClassLoader();
        Path dotEnv = dir.resolve(".env").toAbsolutePath().normalize();
        Map<String, String> merged = new HashMap<>(Files.isRegularFile(dotEnv) ? DotEnvSource.read(dotEnv) : Map.of());
        merged.putAll(env); // the environment over .env, as the server reads them
        String profile = firstNonBlank(systemProperties.get("quarkus.profile"), merged.get("QUARKUS_PROFILE"), "prod");

        // A DATABASE_URL the server cannot parse stops its start-up; here it is reported, and the rest still checked.
        Map<String, String> translated;
        String databaseUrlProblem = null;
        try {
            translated = WardenEnvironment.translate(merged::get);
        } catch (IllegalArgumentException e) {
            databaseUrlProblem = e.getMessage();
            Map<String, String> withoutDatabase = new HashMap<>(merged);
            DATABASE_VARIABLES.forEach(withoutDatabase::remove);
            translated = WardenEnvironment.translate(withoutDatabase::get);
        }

        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .forClassLoader(loader)
                .withProfile(profile)
                .addDefaultInterceptors()
                .addDiscoveredConverters()
                .withSources(new PropertiesConfigSource(systemProperties, "SysPropConfigSource", 400))
                .withSources(new EnvConfigSource(env, 300))
                .withSources(new PropertiesConfigSource(translated, "warden-environment", WardenEnvironment.ORDINAL))
                .withSources(PropertiesConfigSourceLoader.inFileSystem(
                        dir.resolve("config/application.properties").toAbsolutePath().toUri().toString(), 260, loader))
                .withSources(PropertiesConfigSourceLoader.inClassPath("application.properties", 250, loader))
                .withMapping(WardenConfig.class);
        if (Files.isRegularFile(dotEnv)) {
            builder.withSources(new DotEnvSource(dotEnv));
        }
        return new ServerConfig(builder.build(), profile, dotEnv, databaseUrlProblem);
    }

    SmallRyeConfig config() {
        return config;
    }

    String profile() {
        return profile;
    }

    boolean prod() {
        return "prod".equals(profile);
    }

    /** The {@code .env} file read, if there is one. */
    Optional<Path> dotEnv() {
        return Files.isRegularFile(dotEnv) ? Optional.of(dotEnv) : Optional.empty();
    }

    WardenConfig warden() {
        return config.getConfigMapping(WardenConfig.class);
    }

    /** Why {@code DATABASE_URL} / {@code NEON_DATABASE_URL} does not parse (never quoting it), or null. */
    String databaseUrlProblem() {
        return databaseUrlProblem;
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

    /** The {@code .env} file as SmallRye's {@code DotEnvConfigSourceProvider} reads it: environment names, ordinal 295. */
    private static final class DotEnvSource extends EnvConfigSource {
        private final String name;

        DotEnvSource(Path file) {
            super(read(file), 295);
            this.name = "EnvConfigSource[source=" + file.toUri() + "]";
        }

        private static Map<String, String> read(Path file) {
            try {
                return ConfigSourceUtil.urlToMap(file.toUri().toURL());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }

        @Override
        public String getName() {
            return name;
        }
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

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }
}
