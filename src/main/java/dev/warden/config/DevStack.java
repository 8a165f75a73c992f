package dev.warden.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A dev stack ({@code ./mvnw quarkus:dev}) running from a directory, seen through its dev database: PostgreSQL writes
 * {@code postmaster.pid} into {@value DevDatabaseServer#DATA_DIR} when it starts and removes it when it stops, naming
 * its process and its port. The file alone is not enough, since a killed dev mode leaves it behind, so the process it
 * names must be alive, and, where the system says what that process runs, be a PostgreSQL server rather than an
 * unrelated process that was given the same number since. Dev mode's HTTP port tells less: it is configurable, and
 * another service may hold it.
 *
 * @param dataDir the dev database's data directory, as dev mode names it
 * @param pid the PostgreSQL server's process
 * @param port the port it listens on, which is where the dev profile's datasource points
 */
public record DevStack(String dataDir, long pid, int port) {

    /** The dev stack running from {@code dir}, if one is. */
    public static Optional<DevStack> runningIn(Path dir) {
        Path pidFile = dir.resolve(DevDatabaseServer.DATA_DIR).resolve("postmaster.pid");
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile);
        } catch (IOException e) {
            return Optional.empty();
        }
        // The layout PostgreSQL documents: the process first, the port fourth.
        if (lines.size() < 4) {
            return Optional.empty();
        }
        long pid;
        int port;
        try {
            pid = Long.parseLong(lines.get(0).strip());
            port = Integer.parseInt(lines.get(3).strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        boolean postgres = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(process -> process.info().command().map(DevStack::isPostgres).orElse(true))
                .orElse(false);
        return postgres ? Optional.of(new DevStack(DevDatabaseServer.DATA_DIR, pid, port)) : Optional.empty();
    }

    private static boolean isPostgres(String command) {
        String name = Path.of(command).getFileName().toString();
        return name.equals("postgres") || name.equals("postmaster");
    }
}
