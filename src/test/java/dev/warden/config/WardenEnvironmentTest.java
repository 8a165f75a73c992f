package dev.warden.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.smallrye.config.DotEnvConfigSourceProvider;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class WardenEnvironmentTest {

    private static final String WARDEN_LOG_LEVEL = "quarkus.log.category.\"dev.warden\".level";

    private static Map<String, String> translate(Map<String, String> env) {
        return WardenEnvironment.translate(env::get);
    }

    private static SmallRyeConfig config(String profile, Map<String, String> env, Path dotEnv) throws Exception {
        return new SmallRyeConfigBuilder().withProfile(profile).addDefaultInterceptors().addDiscoveredConverters()
                .withSources(new EnvConfigSource(env, 300))
                .withSources(new DotEnvConfigSourceProvider(dotEnv.toUri().toString()))
                .withSources(new WardenEnvironment())
                .withMapping(WardenConfig.class).build();
    }

    @Test
    void debugTrueLogsWardensDecisionsAtDebug() {
        assertThat(translate(Map.of("DEBUG", "true"))).containsEntry(WARDEN_LOG_LEVEL, "DEBUG");
        assertThat(translate(Map.of("DEBUG", "1"))).containsEntry(WARDEN_LOG_LEVEL, "DEBUG");
        assertThat(translate(Map.of("DEBUG", "false"))).doesNotContainKey(WARDEN_LOG_LEVEL);
        assertThat(translate(Map.of())).doesNotContainKey(WARDEN_LOG_LEVEL);
    }

    @Test
    void dotEnvFillsInWhatTheEnvironmentLeavesOut(@TempDir Path dir) throws Exception {
        Path dotEnv = dir.resolve(".env");
        Files.writeString(dotEnv, """
                # copied from .env.example
                DATABASE_URL=postgresql://app:secret@db.example:5432/warden?sslmode=require
                DEBUG=true
                JWKS_CACHE_TTL=120
                """);
        SmallRyeConfig config = config("prod", Map.of("JWKS_CACHE_TTL", "42"), dotEnv);

        assertThat(config.getRawValue("quarkus.datasource.jdbc.url")).isEqualTo("jdbc:postgresql://db.example:5432/warden"
                + "?sslmode=verify-full&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory");
        assertThat(config.getRawValue("quarkus.datasource.username")).isEqualTo("app");
        assertThat(config.getRawValue(WARDEN_LOG_LEVEL)).isEqualTo("DEBUG");
        assertThat(config.getConfigMapping(WardenConfig.class).auth().jwksCacheTtl()).as("the real environment wins")
                .isEqualTo(Duration.ofSeconds(42));
    }

    @Test
    void jwksCacheTtlIsSecondsWithItsDefaultInTheMapping(@TempDir Path dir) throws Exception {
        Path none = dir.resolve("absent");
        assertThat(config("prod", Map.of(), none).getConfigMapping(WardenConfig.class).auth().jwksCacheTtl())
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(config("prod", Map.of("JWKS_CACHE_TTL", " 120 "), none).getConfigMapping(WardenConfig.class).auth()
                .jwksCacheTtl()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void startsNoDevDatabaseForTestsProductionOrAUrlOfTheUsers(@TempDir Path dir) throws Exception {
        Path none = dir.resolve("absent");
        assertThat(config("test", Map.of(), none).getRawValue("quarkus.datasource.jdbc.url")).isNull();
        assertThat(config("prod", Map.of(), none).getRawValue("quarkus.datasource.jdbc.url")).isNull();
        assertThat(config("dev", Map.of("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/mine"), none)
                .getRawValue("quarkus.datasource.jdbc.url")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/mine");
        assertThat(config("dev", Map.of("DATABASE_URL", "postgresql://me@127.0.0.1:5432/mine"), none)
                .getRawValue("quarkus.datasource.jdbc.url")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/mine");
    }

    @Test
    void productionRefusesADatabaseElsewhereWithoutVerifiedTlsNamingTheVariable() {
        assertThatThrownBy(() -> WardenEnvironment.translate(Map.of("DATABASE_URL",
                "postgresql://u:hunter2@ep-x.neon.tech/db?sslmode=prefer")::get, true))
                .hasMessageStartingWith("DATABASE_URL: the database at ep-x.neon.tech is reached without verified TLS "
                        + "(sslmode=prefer)")
                .hasMessageContaining("DATABASE_ALLOW_UNVERIFIED=true").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> WardenEnvironment.translate(Map.of("NEON_DATABASE_URL",
                "jdbc:postgresql://ep-x.neon.tech/db?sslmode=require")::get, true))
                .hasMessageStartingWith("NEON_DATABASE_URL: ").hasMessageContaining("(sslmode=require)");
        assertThatThrownBy(() -> WardenEnvironment.translate(Map.of("DATABASE_URL", "postgresql://u@db.internal/db")::get,
                true)).hasMessageContaining("(sslmode=unset, pgjdbc's prefer)");
    }

    @Test
    void productionTakesVerifiedTlsThisMachineOrTheOptOut() {
        assertThat(WardenEnvironment.translate(Map.of("DATABASE_URL",
                "postgresql://u@ep-x.neon.tech/db?sslmode=require&channel_binding=require")::get, true))
                .containsEntry("quarkus.datasource.jdbc.url", "jdbc:postgresql://ep-x.neon.tech/db?sslmode=verify-full"
                        + "&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory&channelBinding=require");
        assertThat(WardenEnvironment.translate(Map.of("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/warden")::get,
                true)).containsEntry("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/warden");
        assertThat(WardenEnvironment.translate(Map.of("DATABASE_URL", "postgresql://u@db.internal/db?sslmode=disable",
                "DATABASE_ALLOW_UNVERIFIED", "true")::get, true))
                .containsEntry("quarkus.datasource.jdbc.url", "jdbc:postgresql://db.internal/db?sslmode=disable");
        assertThat(translate(Map.of("DATABASE_URL", "postgresql://u@db.internal/db?sslmode=disable")))
                .as("dev and tests").containsKey("quarkus.datasource.jdbc.url");
    }

    @Test
    void theProdProfileAppliesTheRuleAndDevDoesNot(@TempDir Path dir) throws Exception {
        Map<String, String> env = Map.of("DATABASE_URL", "postgresql://u@db.internal/db?sslmode=prefer");
        assertThatThrownBy(() -> config("prod", env, dir.resolve("absent"))).hasMessageContaining("DATABASE_URL: ");
        assertThat(config("test", env, dir.resolve("absent")).getRawValue("quarkus.datasource.jdbc.url"))
                .isEqualTo("jdbc:postgresql://db.internal/db?sslmode=prefer");
    }

    @Test
    void productionWithoutAnIssuerLeavesTheJwksLocationUnsetForStartUpToNameBetterAuthUrl() {
        assertThat(WardenEnvironment.translate(Map.<String, String>of()::get, true))
                .containsEntry("mp.jwt.verify.publickey.location", "NONE");
        assertThat(WardenEnvironment.translate(Map.of("mp.jwt.verify.issuer", "${BETTER_AUTH_URL:NONE}")::get, true))
                .as("the shipped expression is no issuer").containsEntry("mp.jwt.verify.publickey.location", "NONE");
        for (Map<String, String> env : List.of(Map.of("BETTER_AUTH_URL", "https://app.example"),
                Map.of("BETTER_AUTH_JWKS_URL", "https://app.example/jwks"),
                Map.of("mp.jwt.verify.issuer", "https://app.example"))) {
            assertThat(WardenEnvironment.translate(env::get, true)).as("%s", env)
                    .doesNotContainKey("mp.jwt.verify.publickey.location");
        }
        assertThat(translate(Map.of())).as("dev and tests").doesNotContainKey("mp.jwt.verify.publickey.location");
    }

    @Test
    void devDatabaseListensOn54329UnlessToldOtherwiseAndRefusesAPortThatIsNotANumber() {
        assertThat(WardenEnvironment.port(null)).isEqualTo(54329);
        assertThat(WardenEnvironment.port(" 55000 ")).isEqualTo(55000);
        assertThatThrownBy(() -> WardenEnvironment.port("fifty")).hasMessageContaining("EMBEDDED_POSTGRESQL_PORT");
    }
}
