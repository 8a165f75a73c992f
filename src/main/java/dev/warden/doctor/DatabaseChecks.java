package dev.warden.doctor;

import java.security.cert.CertificateException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.output.ValidateResult;

import dev.warden.config.DatabaseUrl;
import dev.warden.config.DevDatabaseServer;
import dev.warden.config.WardenEnvironment;
import dev.warden.errors.Causes;

/**
 * The database as the server would use it: the URL the server derived (the password never printed), a connection
 * within a few seconds, and the schema at the latest migration of this build (read by Flyway itself). Skipped, with
 * a note, when no database is configured.
 */
final class DatabaseChecks {

    private static final String GROUP = "Database";
    private static final int TIMEOUT_SECONDS = 3;
    /** Every wait bounded, so an unreachable host costs seconds, not the driver's defaults. */
    private static final Map<String, String> BOUNDS = Map.of("connectTimeout", "" + TIMEOUT_SECONDS,
            "loginTimeout", "" + TIMEOUT_SECONDS, "socketTimeout", "10");

    private final ServerConfig server;

    DatabaseChecks(ServerConfig server) {
        this.server = server;
    }

    List<Check> run() {
        Optional<String> jdbcUrl = server.value("quarkus.datasource.jdbc.url");
        if (jdbcUrl.isEmpty()) {
            return List.of(Check.skip(GROUP, "URL", "DATABASE_URL and NEON_DATABASE_URL are unset" + (server.dev()
                    ? " and no dev stack runs here: dev mode starts its own PostgreSQL (data in " + DevDatabaseServer.DATA_DIR
                            + ", port EMBEDDED_POSTGRESQL_PORT, default " + WardenEnvironment.port(null) + ")"
                    : ": nothing to check (Warden needs one in prod)")));
        }
        String variable = server.value("DATABASE_URL").isPresent() ? "DATABASE_URL"
                : server.value("NEON_DATABASE_URL").isPresent() ? "NEON_DATABASE_URL" : "QUARKUS_DATASOURCE_JDBC_URL";
        String from = !variable.startsWith("QUARKUS") ? variable + ", " + server.origin(variable)
                : server.usesDevDatabase() ? "the running dev stack's database (" + DevDatabaseServer.DATA_DIR + ")"
                : variable + ", " + server.origin("quarkus.datasource.jdbc.url");
        Optional<String> user = server.value("quarkus.datasource.username");
        Optional<String> password = server.value("quarkus.datasource.password");
        Check url = Check.pass(GROUP, "URL", jdbcUrl.get().replaceAll("(?i)([?&][^=&]*password=)[^&]*", "$1***")
                + ", user " + user.orElse("(none)") + (password.isPresent() ? ", password set (not shown)"
                        : ", no password") + " (" + from + ")");

        long start = System.nanoTime();
        Properties properties = new Properties();
        user.ifPresent(u -> properties.setProperty("user", u));
        password.ifPresent(p -> properties.setProperty("password", p));
        properties.putAll(BOUNDS);
        try (Connection connection = DriverManager.getConnection(jdbcUrl.get(), properties)) {
            DatabaseMetaData meta = connection.getMetaData();
            return List.of(url, Check.pass(GROUP, "connect", "in " + NetworkSteps.millis(start) + ": "
                    + meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion()),
                    schema(jdbcUrl.get(), user.orElse(null), password.orElse(null)));
        } catch (SQLException e) {
            return List.of(url, Check.fail(GROUP, "connect", "failed after " + NetworkSteps.millis(start) + " (bound "
                    + TIMEOUT_SECONDS + " s): " + connectFailure(e, jdbcUrl.get(), variable)),
                    Check.skip(GROUP, "schema", "no connection"));
        }
    }

    /** The driver's message, and the setting behind it when the server's certificate was refused. */
    static String connectFailure(SQLException e, String jdbcUrl, String source) {
        // pgjdbc's "PKIX path building failed" names neither the URL's sslmode nor where it came from.
        return Causes.find(e, CertificateException.class) == null ? e.getMessage() : "the database's certificate is not "
                + "trusted (sslmode=" + DatabaseUrl.parameter(jdbcUrl, "sslmode").orElse("unset") + " from " + source
                + "; a private CA needs a trust store, see docs/deploying.md): " + e.getMessage();
    }

    private Check schema(String jdbcUrl, String user, String password) {
        String table = server.value("quarkus.flyway.table").orElse("flyway_schema_history");
        boolean migrateAtStart = server.config().getOptionalValue("quarkus.flyway.migrate-at-start", Boolean.class)
                .orElse(false);
        try {
            var configuration = Flyway.configure(DatabaseChecks.class.getClassLoader()).dataSource(jdbcUrl, user, password)
                    .jdbcProperties(BOUNDS).connectRetries(0).table(table).ignoreMigrationPatterns("*:pending")
                    .locations(server.config().getOptionalValues("quarkus.flyway.locations", String.class)
                            .orElse(List.of("db/migration")).stream().map(l -> l.contains(":") ? l : "classpath:" + l)
                            .toArray(String[]::new));
            server.config().getOptionalValues("quarkus.flyway.schemas", String.class)
                    .ifPresent(schemas -> configuration.schemas(schemas.toArray(String[]::new)));
            Flyway flyway = configuration.load();
            MigrationInfoService info = flyway.info();
            List<MigrationInfo> all = Arrays.asList(info.all());
            String latest = all.stream().filter(m -> m.getVersion() != null && m.getState().isResolved())
                    .map(m -> m.getVersion().getVersion()).reduce((a, b) -> b).orElse("none");
            String at = info.current() == null ? "empty (no " + table + ")" : "at version " + info.current().getVersion();
            Optional<MigrationInfo> ahead = all.stream().filter(m -> m.getState().isApplied() && !m.getState().isResolved())
                    .findFirst();
            if (ahead.isPresent()) {
                return Check.fail(GROUP, "schema", at + ", ahead of this build (latest " + latest + "): version "
                        + ahead.get().getVersion() + " was applied by a newer Warden");
            }
            if (all.stream().anyMatch(m -> m.getState().isFailed())) {
                return Check.fail(GROUP, "schema", at + ": a migration failed; see " + table);
            }
            ValidateResult validation = flyway.validateWithResult();
            if (!validation.validationSuccessful) {
                return Check.fail(GROUP, "schema", at + ": " + validation.getAllErrorMessages());
            }
            String pending = Arrays.stream(info.pending()).map(m -> "V" + m.getVersion()).collect(Collectors.joining(", "));
            return pending.isEmpty() ? Check.pass(GROUP, "schema", at + ", the latest migration of this build (" + table
                    + ")") : Check.of(migrateAtStart, GROUP, "schema", at + "; " + pending + " pending" + (migrateAtStart
                            ? ": Warden applies them at start (quarkus.flyway.migrate-at-start)"
                            : " and quarkus.flyway.migrate-at-start is off: apply them before Warden starts"));
        } catch (RuntimeException e) {
            return Check.fail(GROUP, "schema", "Flyway could not read " + table + ": " + e.getMessage());
        }
    }
}
