package dev.warden.devdb;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Dev mode without {@code DATABASE_URL}: a PostgreSQL of its own on localhost, whose data directory lives in the
 * project ({@code .warden/postgresql}), so the accounts, sessions and tasks of one {@code ./mvnw quarkus:dev} are
 * still there in the next; deleting {@code .warden/} starts clean. The server starts while Quarkus reads its
 * configuration, before the datasource, Flyway or the frontend's dev server need it, and stops when dev mode exits.
 * <p>
 * This source set is compiled only in the {@code dev-stack} Maven profile (the one that carries the PostgreSQL
 * binaries), and the factory does nothing outside the {@code dev} profile, so tests and production never start it.
 */
public class DevDatabase implements ConfigSourceFactory {

    static final String DATA_DIR = ".warden/postgresql";
    static final int DEFAULT_PORT = 54329;
    /** Set once the server runs: a system property, since a live reload reads the configuration from a new class loader. */
    private static final String RUNNING_PORT = "warden-dev-database.port";

    private static final Logger LOG = Logger.getLogger(DevDatabase.class);

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        boolean configured = context.getValue("quarkus.datasource.jdbc.url").getValue() != null;
        if (!context.getProfiles().contains("dev") || configured) {
            return List.of();
        }
        int port = ensureRunning(port(context.getValue("EMBEDDED_POSTGRESQL_PORT").getValue()));
        return List.of(new PropertiesConfigSource(Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + port + "/postgres",
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres"), "warden-dev-database", 260));
    }

    private static synchronized int ensureRunning(int port) {
        String running = System.getProperty(RUNNING_PORT);
        if (running != null) {
            return Integer.parseInt(running);
        }
        Path dataDir = Path.of(DATA_DIR).toAbsolutePath();
        try {
            // Stopped by the library's own shutdown hook when dev mode exits; the data directory stays.
            EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir.toFile())
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Could not start the dev database on localhost:" + port + " with data in "
                    + dataDir + " (is another dev mode using it? Set EMBEDDED_POSTGRESQL_PORT, or DATABASE_URL to a"
                    + " PostgreSQL of yours)", e);
        }
        System.setProperty(RUNNING_PORT, Integer.toString(port));
        LOG.infof("Dev database: PostgreSQL on localhost:%d, data kept in %s (delete .warden/ to start clean)", port,
                DATA_DIR);
        return port;
    }

    private static int port(String configured) {
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
