package dev.warden.config;

/**
 * The dev database, as {@link WardenEnvironment} starts it: implemented in {@code src/dev}
 * ({@code dev.warden.devdb.DevDatabase}), which only the {@code dev-stack} Maven profile compiles, with the PostgreSQL
 * binaries, and registers as a service. Production builds have neither (their profiles also delete what a dev build
 * left in {@code target/classes}, so no jar carries a provider whose class is gone).
 */
public interface DevDatabaseServer {

    /**
     * Where the dev database keeps its data, relative to the directory dev mode runs in; the doctor looks there for a
     * running one.
     */
    String DATA_DIR = ".warden/postgresql";

    /** Starts the server on {@code port} unless this JVM already runs it; returns the port it listens on. */
    int ensureRunning(int port);
}
