package dev.warden.devdb;

import java.io.IOException;
import java.nio.file.Path;

import org.jboss.logging.Logger;

import dev.warden.config.DevDatabaseServer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The dev database: a PostgreSQL of its own on localhost, whose data directory lives in the project
 * ({@value DevDatabaseServer#DATA_DIR}), so the accounts, sessions and tasks of one {@code ./mvnw quarkus:dev} are
 * still there in the next; deleting {@code .warden/} starts clean. It stops when dev mode exits.
 * <p>
 * This source set is compiled only in the {@code dev-stack} Maven profile, the one that carries the PostgreSQL
 * binaries, and registered as the {@link DevDatabaseServer} service that {@code dev.warden.config.WardenEnvironment}
 * starts in dev mode only.
 */
public final class DevDatabase implements DevDatabaseServer {

    /** Set once the server runs: a system property, since a live reload reads the configuration from a new class loader. */
    private static final String RUNNING_PORT = "warden-dev-database.port";

    private static final Logger LOG = Logger.getLogger(DevDatabase.class);

    @Override
    public int ensureRunning(int port) {
        synchronized (DevDatabase.class) {
            return start(port);
        }
    }

    private static int start(int port) {
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
}
