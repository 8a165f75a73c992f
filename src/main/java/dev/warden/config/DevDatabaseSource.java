package dev.warden.config;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Dev mode with no datasource URL ({@code DATABASE_URL} unset): starts the dev database, which keeps its data in
 * {@code .warden/}, and points the datasource at it. It runs while Quarkus reads its configuration, so the server is
 * up before the datasource, Flyway or the frontend's dev server need it. Outside the {@code dev} profile it does
 * nothing. The server itself ({@code dev.warden.devdb.DevDatabase}, in {@code src/dev}) is compiled only in the
 * {@code dev-stack} Maven profile, with the PostgreSQL binaries, so it is reached by name: production builds have
 * neither.
 */
public class DevDatabaseSource implements ConfigSourceFactory {

    static final int DEFAULT_PORT = 54329;
    private static final String SERVER = "dev.warden.devdb.DevDatabase";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        boolean configured = context.getValue("quarkus.datasource.jdbc.url").getValue() != null;
        if (!context.getProfiles().contains("dev") || configured) {
            return List.of();
        }
        int port = start(port(context.getValue("EMBEDDED_POSTGRESQL_PORT").getValue()));
        return List.of(new PropertiesConfigSource(Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + port + "/postgres",
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres"), "warden-dev-database", 260));
    }

    private static int start(int port) {
        Class<?> server;
        try {
            server = Class.forName(SERVER, true, DevDatabaseSource.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Dev mode without DATABASE_URL needs the dev-stack Maven profile (left out by"
                    + " -Dprod and -Dnative), or set DATABASE_URL");
        }
        try {
            return (int) server.getMethod("ensureRunning", int.class).invoke(null, port);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static int port(String configured) {
        if (configured == null || configured.isBlank()) {
            return DEFAULT_PORT;
        }
        try {
            return Integer.parseInt(configured.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("EMBEDDED_POSTGRESQL_PORT must be a port number, not " + configured);
        }
    }
}
