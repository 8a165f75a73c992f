package dev.warden.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

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
}
