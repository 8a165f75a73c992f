package dev.warden.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.common.utils.ConfigSourceUtil;

/**
 * The environment variables that need more than a rename to become configuration keys: {@code DATABASE_URL} /
 * {@code NEON_DATABASE_URL} in the {@code postgresql://} form hosts print, {@code DEBUG}, {@code JWKS_CACHE_TTL} (set
 * only when given, so the default stays in {@link WardenConfig}), and whether {@code npm} is there to run the frontend
 * in dev mode. Its ordinal sits above {@code application.properties} (250) and below environment variables (300), so
 * an explicit {@code QUARKUS_*} or {@code WARDEN_*} variable still wins.
 * <p>
 * It reads the environment over the {@code .env} file of the working directory, as SmallRye Config does for every
 * other key: a {@code DATABASE_URL} copied from {@code .env.example} into {@code .env} counts like the rest of it.
 */
public class EnvironmentConfigSource implements ConfigSource {

    static final int ORDINAL = 275;

    private static final boolean QUINOA_PRESENT = isPresent("io.quarkiverse.quinoa.QuinoaDevProxyHandlerConfig");

    private final Map<String, String> properties;

    public EnvironmentConfigSource() {
        this(withDotEnv(System.getenv(), Path.of(System.getProperty("user.dir"), ".env")));
    }

    /** The translation of this environment (already merged with a {@code .env}, if any). */
    public EnvironmentConfigSource(Map<String, String> env) {
        this.properties = translate(env);
    }

    /**
     * {@code env} over the variables of the {@code dotEnv} file (absent: none), the file read the way SmallRye
     * Config's own {@code .env} source reads it (properties syntax), so both see the same values.
     */
    public static Map<String, String> withDotEnv(Map<String, String> env, Path dotEnv) {
        Map<String, String> merged = new HashMap<>();
        if (Files.isRegularFile(dotEnv)) {
            try {
                merged.putAll(ConfigSourceUtil.urlToMap(dotEnv.toUri().toURL()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + dotEnv, e);
            }
        }
        merged.putAll(env);
        return merged;
    }

    static Map<String, String> translate(Map<String, String> env) {
        Map<String, String> props = new HashMap<>();
        String databaseUrl = firstNonBlank(env.get("DATABASE_URL"), env.get("NEON_DATABASE_URL"));
        if (databaseUrl != null) {
            DatabaseUrl url = DatabaseUrl.parse(databaseUrl);
            props.put("quarkus.datasource.jdbc.url", url.jdbcUrl());
            url.username().ifPresent(u -> props.put("quarkus.datasource.username", u));
            url.password().ifPresent(p -> props.put("quarkus.datasource.password", p));
        }
        String ttl = env.get("JWKS_CACHE_TTL");
        if (ttl != null && !ttl.isBlank()) {
            props.put("warden.auth.jwks-cache-ttl", ttl.strip()); // seconds: a bare number is read as seconds
        }
        String debug = env.get("DEBUG");
        if (debug != null && (debug.equalsIgnoreCase("true") || debug.equals("1"))) {
            props.put("quarkus.log.category.\"dev.warden\".level", "DEBUG");
        }
        if (QUINOA_PRESENT) {
            // Quinoa (dev-stack Maven profile) is for dev mode; in a prod build it would run `next build` into the jar.
            // Off in tests too, said explicitly so that Quinoa does not warn that it is off by default there.
            props.put("%prod.quarkus.quinoa", "false");
            props.put("%test.quarkus.quinoa", "false");
        }
        if (!onPath(env.get("PATH"), "npm")) {
            // Dev mode would fail to start the frontend's dev server: start Warden alone instead.
            props.put("%dev.quarkus.quinoa", "false");
        }
        return props;
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, EnvironmentConfigSource.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    static boolean onPath(String path, String command) {
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b != null && !b.isBlank() ? b : null;
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return "warden-environment";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
