package dev.warden.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.warden.config.DatabaseUrl;
import dev.warden.support.TestDatabase;

/**
 * The frontend's Vitest suite (token store, renewal, API client, Better Auth over HTTP on PostgreSQL) as part of
 * {@code ./mvnw verify}.
 */
class FrontendUnitTestsIT {

    @Test
    void frontendUnitTestsPass() throws Exception {
        FrontendEndToEndIT.requireTools();
        Path frontend = Path.of("frontend").toAbsolutePath();
        Path log = Path.of("target/e2e/vitest.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(frontend.resolve("node_modules/.bin/vitest").toString(), "run")
                .directory(frontend.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        // Plain text: CI=true makes Vitest colour its summary, which would break the check below.
        builder.environment().put("NO_COLOR", "1");
        builder.environment().put("FORCE_COLOR", "0");
        // The tests' PostgreSQL: the Better Auth tests make a schema of their own in it and drop it.
        builder.environment().put("TEST_DATABASE_URL", databaseUrl());
        Process vitest = builder.start();
        if (!vitest.waitFor(5, TimeUnit.MINUTES)) {
            vitest.descendants().forEach(ProcessHandle::destroyForcibly);
            vitest.destroyForcibly();
        }
        String output = Files.readString(log);
        System.out.println(output.lines().filter(l -> l.contains("Test Files") || l.contains("Tests "))
                .reduce("", (a, b) -> a + b.strip() + System.lineSeparator()));
        assertThat(vitest.exitValue()).as(output).isZero();
        assertThat(output).containsPattern("Tests\\s+\\d+ passed").doesNotContainPattern("\\d+ skipped");
    }

    /** The tests' database server as libpq spells it (node-postgres takes no JDBC URL). */
    private static String databaseUrl() {
        String server = System.getenv("DATABASE_URL");
        if (server != null && !server.isBlank() && !server.startsWith("jdbc:")) {
            return server;
        }
        DatabaseUrl url = TestDatabase.url();
        return url.jdbcUrl().replaceFirst("^jdbc:postgresql://", "postgresql://" + url.username().orElse("postgres") + ":"
                + url.password().orElse("postgres") + "@");
    }
}
