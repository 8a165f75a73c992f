package dev.warden.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentConfigSourceTest {

    private static final String WARDEN_LOG_LEVEL = "quarkus.log.category.\"dev.warden\".level";

    @Test
    void debugTrueLogsWardensDecisionsAtDebug() {
        assertThat(EnvironmentConfigSource.translate(Map.of("DEBUG", "true"))).containsEntry(WARDEN_LOG_LEVEL, "DEBUG");
        assertThat(EnvironmentConfigSource.translate(Map.of("DEBUG", "1"))).containsEntry(WARDEN_LOG_LEVEL, "DEBUG");
        assertThat(EnvironmentConfigSource.translate(Map.of("DEBUG", "false"))).doesNotContainKey(WARDEN_LOG_LEVEL);
        assertThat(EnvironmentConfigSource.translate(Map.of())).doesNotContainKey(WARDEN_LOG_LEVEL);
    }

    @Test
    void jwksCacheTtlIsSecondsAndOnlySetWhenGiven() {
        assertThat(EnvironmentConfigSource.translate(Map.of("JWKS_CACHE_TTL", " 42 ")))
                .containsEntry("warden.auth.jwks-cache-ttl", "42");
        assertThat(EnvironmentConfigSource.translate(Map.of())).doesNotContainKey("warden.auth.jwks-cache-ttl");
    }

    @Test
    void dotEnvFillsInWhatTheEnvironmentLeavesOut(@TempDir Path dir) throws Exception {
        Path dotEnv = dir.resolve(".env");
        Files.writeString(dotEnv, """
                # copied from .env.example
                DATABASE_URL=postgresql://app:secret@db.example:5432/warden
                DEBUG=true
                JWKS_CACHE_TTL=120
                """);
        Map<String, String> merged = EnvironmentConfigSource.withDotEnv(Map.of("JWKS_CACHE_TTL", "42"), dotEnv);
        EnvironmentConfigSource source = new EnvironmentConfigSource(merged);

        assertThat(source.getValue("quarkus.datasource.jdbc.url")).isEqualTo("jdbc:postgresql://db.example:5432/warden");
        assertThat(source.getValue("quarkus.datasource.username")).isEqualTo("app");
        assertThat(source.getValue(WARDEN_LOG_LEVEL)).isEqualTo("DEBUG");
        assertThat(source.getValue("warden.auth.jwks-cache-ttl")).as("the real environment wins").isEqualTo("42");
        assertThat(EnvironmentConfigSource.withDotEnv(Map.of("DEBUG", "false"), dir.resolve("absent")))
                .containsExactly(Map.entry("DEBUG", "false"));
    }
}
