package dev.warden.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

/**
 * The packaged jar carries nothing of the machine that built it: Quarkus records the configuration it sees at build
 * time as the jar's run-time defaults, and the build here runs with the tests' DATABASE_URL in its environment.
 */
class BuildEnvironmentIT {

    private static final Path GENERATED = Path.of("target/quarkus-app/quarkus/generated-bytecode.jar");

    @Test
    void theJarRecordsNoDatabaseOfTheBuildMachine() throws IOException {
        // Whatever DATABASE_URL the build saw (the tests' own, or the dev database's), it would be recorded as a JDBC
        // URL: application.properties itself holds none.
        StringBuilder recorded = new StringBuilder();
        try (JarFile jar = new JarFile(GENERATED.toFile())) {
            for (JarEntry entry : java.util.Collections.list(jar.entries())) {
                try (InputStream in = jar.getInputStream(entry)) {
                    recorded.append(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
                }
            }
        }
        assertThat(recorded).as("the build's datasource, recorded into " + GENERATED).doesNotContain("jdbc:postgresql:");
    }
}
