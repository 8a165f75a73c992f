package dev.warden.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The frontend's Vitest suite (token store, renewal, API client) as part of {@code ./mvnw verify}. */
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
        Process vitest = builder.start();
        if (!vitest.waitFor(5, TimeUnit.MINUTES)) {
            vitest.descendants().forEach(ProcessHandle::destroyForcibly);
            vitest.destroyForcibly();
        }
        String output = Files.readString(log);
        System.out.println(output.lines().filter(l -> l.contains("Test Files") || l.contains("Tests "))
                .reduce("", (a, b) -> a + b.strip() + System.lineSeparator()));
        assertThat(vitest.exitValue()).as(output).isZero();
        assertThat(output).containsPattern("Tests\\s+\\d+ passed");
    }
}
