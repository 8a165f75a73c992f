package dev.warden.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.io.TempDir;

import dev.warden.config.DatabaseUrl;
import dev.warden.support.FakeIssuer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The doctor's database checks against a real PostgreSQL (the server {@code DATABASE_URL} names, else an embedded
 * one), on a database of this test's own: the URL parses without its password ever showing, the connection is
 * bounded, and the schema is compared with the migrations of this build by Flyway itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DoctorDatabaseIT {

    private static final String PASSWORD = "s3cret-db-passw0rd";

    @TempDir
    Path dir;

    private EmbeddedPostgres embedded;
    private FakeIssuer issuer;
    private String admin;
    private String name;
    /** The test database in Neon's form, with a password (trust authentication ignores it, the doctor must hide it). */
    private String url;

    @BeforeAll
    void createDatabase() throws Exception {
        issuer = DoctorIssuer.start();
        String server = System.getenv("DATABASE_URL");
        if (server == null || server.isBlank()) {
            embedded = EmbeddedPostgres.builder().start();
            server = "postgresql://postgres:postgres@127.0.0.1:" + embedded.getPort() + "/postgres";
        }
        admin = server;
        name = "warden_doctor_" + ProcessHandle.current().pid();
        execute("DROP DATABASE IF EXISTS " + name);
        execute("CREATE DATABASE " + name);
        URI uri = URI.create(server);
        String user = uri.getRawUserInfo() == null ? "postgres" : uri.getRawUserInfo().split(":")[0];
        url = "postgresql://" + user + ":" + PASSWORD + "@" + uri.getHost()
                + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + "/" + name + "?sslmode=disable&channel_binding=prefer";
    }

    @AfterAll
    void dropDatabase() throws Exception {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        issuer.close();
        if (embedded != null) {
            embedded.close();
        }
    }

    /** The migrations this build carries, by version, as Flyway orders them. */
    private static List<Integer> versions() {
        try (var files = Files.list(Path.of("src", "main", "resources", "db", "migration"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.+\\.sql"))
                    .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** e.g. {@code V1, V2, V3}: what the doctor lists as pending on an empty database. */
    private static String pending() {
        return String.join(", ", versions().stream().map(v -> "V" + v).toList());
    }

    private static int latest() {
        return versions().get(versions().size() - 1);
    }

    @Test
    @Order(1)
    void aFreshDatabaseIsFineWhenWardenMigratesAtStart() {
        String out = doctor(Map.of("DATABASE_URL", url));
        assertThat(out).containsPattern("✓ URL +jdbc:postgresql://[^ ]+/" + name + "\\?sslmode=disable&channelBinding=prefer, user \\w+, password set "
                + "\\(not shown\\) \\(DATABASE_URL, environment\\)");
        assertThat(out).containsPattern("✓ connect +in \\d+ ms: PostgreSQL \\d+");
        assertThat(out).contains("✓ schema").contains("empty (no flyway_schema_history); " + pending() + " pending: Warden applies them at start");
        assertThat(out).doesNotContain(PASSWORD);
    }

    @Test
    @Order(2)
    void pendingMigrationsFailWhenWardenDoesNotMigrate() {
        String out = doctor(Map.of("DATABASE_URL", url, "QUARKUS_FLYWAY_MIGRATE_AT_START", "false"));
        assertThat(out).contains("✗ schema").contains(pending() + " pending and quarkus.flyway.migrate-at-start is off");
    }

    @Test
    @Order(3)
    void aMigratedDatabaseIsAtTheLatestVersion() {
        DatabaseUrl parsed = DatabaseUrl.parse(url);
        Flyway.configure().dataSource(parsed.jdbcUrl(), parsed.username().orElse(null), parsed.password().orElse(null))
                .locations("classpath:db/migration").load().migrate();
        String out = doctor(Map.of("NEON_DATABASE_URL", url));
        assertThat(out).contains("(NEON_DATABASE_URL, environment)")
                .contains("✓ schema").contains("at version " + latest() + ", the latest migration of this build");
    }

    @Test
    @Order(4)
    void aDatabaseAheadOfThisBuildFails() throws Exception {
        execute(name, "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum, "
                + "installed_by, execution_time, success) VALUES (99, '99', 'from the future', 'SQL', "
                + "'V99__from_the_future.sql', 0, 'test', 0, true)");
        String out = doctor(Map.of("DATABASE_URL", url));
        assertThat(out).contains("✗ schema").contains("ahead of this build (latest " + latest() + "): version 99 was applied by a newer Warden");
    }

    @Test
    @Order(5)
    void anUnreachableDatabaseFailsWithinTheBound() {
        long start = System.nanoTime();
        String out = doctor(Map.of("DATABASE_URL", "postgresql://postgres:" + PASSWORD + "@127.0.0.1:1/warden"));
        assertThat(out).contains("✗ connect").contains("(bound 3 s)").contains("– schema").doesNotContain(PASSWORD);
        assertThat(System.nanoTime() - start).isLessThan(15_000_000_000L);
    }

    /** A URL the server cannot use stops its start-up, and the doctor's boot, with a message that never quotes it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "mysql://root:PASSWORD@db/warden | DATABASE_URL: database URL must start with postgresql://",
        "postgresql://postgres:PASSWORD@db.internal/warden?sslmode=prefer | DATABASE_URL: the database at db.internal is "
                + "reached without verified TLS (sslmode=prefer)"})
    @Order(6)
    void aUrlTheServerRefusesStopsTheBootNamingTheVariableNotTheUrl(String databaseUrl, String message) {
        String out = doctor(Map.of("DATABASE_URL", databaseUrl.replace("PASSWORD", PASSWORD)));
        assertThat(out).contains("Warden does not start with this configuration").contains(message)
                .doesNotContain(PASSWORD).doesNotContain(databaseUrl.substring(0, databaseUrl.indexOf(":PASSWORD")));
    }

    @Test
    @Order(8)
    void noDatabaseIsSkippedWithANote() {
        assertThat(doctor(Map.of())).contains("– URL").contains("DATABASE_URL and NEON_DATABASE_URL are unset");
    }

    @Test
    @Order(9)
    void nextToARunningDevStackChecksTheDevProfileAndItsRunningDatabase(@TempDir Path project) throws Exception {
        try (EmbeddedPostgres devDatabase = EmbeddedPostgres.builder()
                .setDataDirectory(project.resolve(".warden/postgresql").toFile())
                .setCleanDataDirectory(false)
                .start()) {
            String out = doctor(project, Map.of());
            assertThat(out.lines().findFirst()).as(out).hasValueSatisfying(line -> assertThat(line)
                    .startsWith("profile: dev (a dev stack is running here: .warden/postgresql, PostgreSQL pid ")
                    .endsWith(" on port " + devDatabase.getPort() + ")"));
            assertThat(out).contains("✓ URL").contains("jdbc:postgresql://localhost:" + devDatabase.getPort()
                    + "/postgres, user postgres, password set (not shown) (the running dev stack's database "
                    + "(.warden/postgresql))");
            assertThat(out).contains("✓ connect").contains("✓ schema");
        }
    }

    private String doctor(Map<String, String> database) {
        return doctor(dir, database);
    }

    private String doctor(Path in, Map<String, String> database) {
        Map<String, String> env = new HashMap<>(database);
        env.put("BETTER_AUTH_URL", issuer.url());
        env.put("JWT_AUDIENCE", DoctorIssuer.AUDIENCE);
        env.put("ALLOWED_ORIGINS", issuer.url());
        String text = null;
        for (String format : new String[] {"--json", null}) {
            DoctorProcess.Result run = DoctorProcess.run(in, env, "", format == null ? new String[0] : new String[] {format});
            assertThat(run.text()).doesNotContain(PASSWORD);
            text = run.text();
        }
        return text;
    }

    private void execute(String sql) throws Exception {
        execute(null, sql);
    }

    private void execute(String database, String sql) throws Exception {
        DatabaseUrl server = DatabaseUrl.parse(admin);
        String jdbc = database == null ? server.jdbcUrl() : server.jdbcUrl().replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1");
        try (Connection c = DriverManager.getConnection(jdbc, server.username().orElse("postgres"), server.password().orElse(null))) {
            c.createStatement().execute(sql);
        }
    }
}
