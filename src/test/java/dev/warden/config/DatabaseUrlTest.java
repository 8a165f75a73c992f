package dev.warden.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    private static Map<String, String> translate(Map<String, String> env) {
        return WardenEnvironment.translate(env::get);
    }

    @Test
    void convertsNeonUrlToJdbcThatVerifiesTheServerAndBindsTheChannel() {
        DatabaseUrl url = DatabaseUrl.parse(
                "postgresql://neondb_owner:p%40ss:w0rd@ep-cool-fog-123.eu-central-1.aws.neon.tech/neondb?sslmode=require&channel_binding=require");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://ep-cool-fog-123.eu-central-1.aws.neon.tech/neondb"
                + "?sslmode=verify-full&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory&channelBinding=require");
        assertThat(url.username()).contains("neondb_owner");
        assertThat(url.password()).contains("p@ss:w0rd");
    }

    @Test
    void everySslmodeThatChecksLessThanTheHostBecomesVerifyFullAgainstTheJvmTrustStore() {
        String verified = "jdbc:postgresql://h/db?sslmode=verify-full&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory";
        assertThat(DatabaseUrl.parse("postgresql://u@h/db?sslmode=require").jdbcUrl()).isEqualTo(verified);
        assertThat(DatabaseUrl.parse("postgresql://u@h/db?sslmode=verify-ca").jdbcUrl()).isEqualTo(verified);
        assertThat(DatabaseUrl.parse("postgresql://u@h/db?sslmode=verify-full").jdbcUrl()).isEqualTo(verified);
        assertThat(DatabaseUrl.parse("postgresql://u@h/db?sslmode=require&sslrootcert=/ca.pem").jdbcUrl())
                .as("a CA file of the operator's own").isEqualTo("jdbc:postgresql://h/db?sslmode=verify-full&sslrootcert=/ca.pem");
        assertThat(DatabaseUrl.parse("postgresql://u@h/db?sslmode=prefer").jdbcUrl()).isEqualTo("jdbc:postgresql://h/db?sslmode=prefer");
        assertThat(DatabaseUrl.parse("postgresql://u@h/db?sslmode=disable").jdbcUrl()).isEqualTo("jdbc:postgresql://h/db?sslmode=disable");
    }

    @Test
    void channelBindingKeepsItsModeInPgjdbcsName() {
        assertThat(DatabaseUrl.parse("postgresql://u@h/db?channel_binding=prefer").jdbcUrl()).isEqualTo("jdbc:postgresql://h/db?channelBinding=prefer");
        assertThat(DatabaseUrl.parse("postgresql://u@h/db?channel_binding=disable").jdbcUrl()).isEqualTo("jdbc:postgresql://h/db?channelBinding=disable");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://u:secret@h/db?channel_binding=maybe"))
                .hasMessage("channel_binding must be require, prefer or disable");
    }

    @Test
    void onlyVerifiedTlsOrThisMachineIsOutOfReachOfAMachineInTheMiddle() {
        assertThat(DatabaseUrl.interceptable(DatabaseUrl.parse("postgresql://u@ep-x.neon.tech/db?sslmode=require").jdbcUrl())).isFalse();
        assertThat(DatabaseUrl.interceptable("jdbc:postgresql://ep-x.neon.tech/db?sslmode=require")).as("pgjdbc's require").isTrue();
        assertThat(DatabaseUrl.interceptable("jdbc:postgresql://ep-x.neon.tech/db?sslmode=prefer")).isTrue();
        assertThat(DatabaseUrl.interceptable("jdbc:postgresql://ep-x.neon.tech/db")).isTrue();
        assertThat(DatabaseUrl.interceptable("jdbc:postgresql://db.internal/db?sslmode=verify-full&sslfactory=org.postgresql.ssl.NonValidatingFactory")).isTrue();
        assertThat(DatabaseUrl.interceptable("jdbc:postgresql://127.0.0.1:5432,db.internal:5432/db")).isTrue();
        assertThat(DatabaseUrl.interceptable("jdbc:postgresql://127.0.0.1:5432/db")).isFalse();
        assertThat(DatabaseUrl.interceptable("jdbc:postgresql://localhost/db?sslmode=disable")).isFalse();
        assertThat(DatabaseUrl.interceptable("jdbc:postgresql://[::1]:5432/db")).isFalse();
        assertThat(DatabaseUrl.interceptable("jdbc:postgresql:db")).isFalse();
        assertThat(DatabaseUrl.interceptable("jdbc:postgresql://127.attacker.example/db"))
                .as("a name that starts like a loopback address is still a name").isTrue();
    }

    @Test
    void keepsPortAndAcceptsPostgresScheme() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app@127.0.0.1:5432/warden");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/warden");
        assertThat(url.username()).contains("app");
        assertThat(url.password()).isEmpty();
    }

    @Test
    void passesJdbcUrlThrough() {
        assertThat(DatabaseUrl.parse("jdbc:postgresql://h/db").jdbcUrl()).isEqualTo("jdbc:postgresql://h/db");
    }

    @Test
    void refusesOtherSchemesWithoutEchoingThePassword() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://u:secret@h/db"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("secret");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://u:sec ret@h/db"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("sec ret");
        assertThatThrownBy(() -> DatabaseUrl.parse(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringHidesThePassword() {
        assertThat(DatabaseUrl.parse("postgresql://u:hunter2@h/db").toString()).doesNotContain("hunter2");
    }

    @Test
    void environmentPrefersDatabaseUrlOverNeonAndReadsDebug() {
        Map<String, String> props = translate(Map.of(
                "DATABASE_URL", "postgresql://a:b@primary/db",
                "NEON_DATABASE_URL", "postgresql://c:d@neon/db",
                "DEBUG", "true"));
        assertThat(props).containsEntry("quarkus.datasource.jdbc.url", "jdbc:postgresql://primary/db")
                .containsEntry("quarkus.datasource.username", "a")
                .containsEntry("quarkus.datasource.password", "b")
                .containsEntry("quarkus.log.category.\"dev.warden\".level", "DEBUG");
        assertThat(translate(Map.of("NEON_DATABASE_URL", "postgresql://c@neon/db")))
                .containsEntry("quarkus.datasource.jdbc.url", "jdbc:postgresql://neon/db");
        assertThat(translate(Map.of())).doesNotContainKey("quarkus.datasource.jdbc.url")
                .containsEntry("%dev.quarkus.quinoa", "false");
    }

    @Test
    void devModeSkipsTheFrontendOnlyWithoutNpm(@org.junit.jupiter.api.io.TempDir java.nio.file.Path bin) throws Exception {
        java.nio.file.Path npm = java.nio.file.Files.createFile(bin.resolve("npm"));
        assertThat(translate(Map.of("PATH", bin.toString())))
                .containsEntry("%dev.quarkus.quinoa", "false");
        npm.toFile().setExecutable(true);
        assertThat(translate(Map.of("PATH", "/nonexistent:" + bin)))
                .doesNotContainKey("%dev.quarkus.quinoa");
        assertThat(translate(Map.of("PATH", "/nonexistent")))
                .containsEntry("%dev.quarkus.quinoa", "false");
    }
}
