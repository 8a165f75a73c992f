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

import dev.warden.config.DevDatabaseServer;
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

    /** The name of the source that points the dev profile at a running dev stack's database. */
    static final String DEV_DATABASE_SOURCE = "the running dev stack's database (" + DevDatabaseServer.DATA_DIR + ")";

    private final SmallRyeConfig config;
    private final Profile profile;
    private final Optional<DevStack> devStack;
    private final Path dotEnv;
    private final String databaseUrlProblem;

    private ServerConfig(SmallRyeConfig config, Profile profile, Optional<DevStack> devStack, Path dotEnv,
            String databaseUrlProblem) {
        this.config = config;
        this.profile = profile;
        this.devStack = devStack;
        this.dotEnv = dotEnv;
        this.databaseUrlProblem = databaseUrlProblem;
    }

    /**
     * The profile checked and why: named on the command line, then as the server takes it (the system property, then
     * {@code QUARKUS_PROFILE}), then {@code dev} next to a running dev stack, else the packaged server's {@code prod}.
     */
    record Profile(String name, String reason) {
    }

    /**
     * The configuration the server would read with this environment, these system properties, in {@code dir}, for the
     * profile {@code requested} on the command line (null: none).
     */
    static ServerConfig load(Map<String, String> env, Map<String, String> systemProperties, Path dir, String requested) {
        Path dotEnv = dir.resolve(".env").toAbsolutePath().normalize();
        Map<String, String> dotEnvValues = Files.isRegularFile(dotEnv) ? DotEnvSource.read(dotEnv) : Map.of();
        Map<String, String> merged = new HashMap<>(dotEnvValues);
        merged.putAll(env); // the environment over .env, as the server reads them
        Optional<DevStack> devStack = DevStack.runningIn(dir);
        Profile profile = profile(requested, systemProperties, env, dotEnvValues, devStack);

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

        SmallRyeConfig config = build(env, systemProperties, dir, dotEnv, profile, translated, Map.of());
        // Dev mode without a database URL starts its dev database, or, here, finds the one a running dev mode started;
        // the doctor never starts one of its own.
        if (profile.name().equals("dev") && devStack.isPresent() && databaseUrlProblem == null
                && config.getConfigValue("quarkus.datasource.jdbc.url").getValue() == null) {
            config = build(env, systemProperties, dir, dotEnv, profile, translated,
                    WardenEnvironment.devDatabase(devStack.get().port()));
        }
        return new ServerConfig(config, profile, devStack, dotEnv, databaseUrlProblem);
    }

    private static Profile profile(String requested, Map<String, String> systemProperties, Map<String, String> env,
            Map<String, String> dotEnvValues, Optional<DevStack> devStack) {
        if (requested != null) {
            return new Profile(requested.strip(), "--profile");
        }
        String property = firstNonBlank(systemProperties.get("quarkus.profile"));
        if (property != null) {
            return new Profile(property, "system property quarkus.profile");
        }
        String variable = firstNonBlank(env.get("QUARKUS_PROFILE"));
        if (variable != null) {
            return new Profile(variable, "QUARKUS_PROFILE, environment");
        }
        variable = firstNonBlank(dotEnvValues.get("QUARKUS_PROFILE"));
        if (variable != null) {
            return new Profile(variable, "QUARKUS_PROFILE, .env");
        }
        return devStack.map(stack -> new Profile("dev", "a dev stack is running here: " + stack.dataDir()
                        + ", PostgreSQL pid " + stack.pid() + " on port " + stack.port()))
                .orElse(new Profile("prod", "the default; --profile dev for the dev stack"));
    }

    private static SmallRyeConfig build(Map<String, String> env, Map<String, String> systemProperties, Path dir,
            Path dotEnv, Profile profile, Map<String, String> translated, Map<String, String> devDatabase) {
        ClassLoader loader = ServerConfig.class.getClassLoader();
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .forClassLoader(loader)
                .withProfile(profile.name())
                .addDefaultInterceptors()
                .addDiscoveredConverters()
                .withSources(new PropertiesConfigSource(systemProperties, "SysPropConfigSource", 400))
                .withSources(new EnvConfigSource(env, 300))
                .withSources(new PropertiesConfigSource(translated, "warden-environment", WardenEnvironment.ORDINAL))
                .withSources(PropertiesConfigSourceLoader.inFileSystem(
                        dir.resolve("config/application.properties").toAbsolutePath().toUri().toString(), 260, loader))
                .withSources(PropertiesConfigSourceLoader.inClassPath("application.properties", 250, loader))
                .withMapping(WardenConfig.class);
        if (!devDatabase.isEmpty()) {
            builder.withSources(new PropertiesConfigSource(devDatabase, DEV_DATABASE_SOURCE, WardenEnvironment.ORDINAL));
        }
        if (Files.isRegularFile(dotEnv)) {
            builder.withSources(new DotEnvSource(dotEnv));
        }
        return builder.build();
    }

    SmallRyeConfig config() {
        return config;
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
        return source != null && source.contains(DEV_DATABASE_SOURCE); // as PropertiesConfigSource[source=…]
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
