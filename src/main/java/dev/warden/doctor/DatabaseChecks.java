package dev.warden.doctor;

import java.sql.Connection;
import java.sql.DriverManager;
import java.security.cert.CertificateException;
import java.sql.SQLException;
import java.util.ArrayList;
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
 * The database as the server would use it: the URL parses ({@link DatabaseUrl}, the server's own parser; the password
 * is never printed), a connection opens within a few seconds, and the schema is at the latest migration this build
 * carries (Flyway's {@code flyway_schema_history}, read by Flyway itself). Skipped, with a note, when no database is
 * configured.
 */
final class DatabaseChecks {

    static final String GROUP = "Database";
    private static final int TIMEOUT_SECONDS = 3;

    private final ServerConfig server;

    DatabaseChecks(ServerConfig server) {
        this.server = server;
    }

    List<Check> run() {
        List<Check> checks = new ArrayList<>();
        String variable = server.value("DATABASE_URL").isPresent() ? "DATABASE_URL" : "NEON_DATABASE_URL";
        Optional<String> jdbcUrl = server.value("quarkus.datasource.jdbc.url");
        if (jdbcUrl.isEmpty() && server.dev()) {
            checks.add(Check.skip(GROUP, "URL", "DATABASE_URL and NEON_DATABASE_URL are unset and no dev stack runs "
                    + "here: dev mode starts its own PostgreSQL (data in " + DevDatabaseServer.DATA_DIR + ", port "
                    + "EMBEDDED_POSTGRESQL_PORT, default " + WardenEnvironment.port(null) + ")"));
            return checks;
        }
        if (jdbcUrl.isEmpty()) {
            checks.add(Check.skip(GROUP, "URL", "DATABASE_URL and NEON_DATABASE_URL are unset: nothing to check (Warden "
                    + "needs one in prod)"));
            return checks;
        }
        Optional<String> user = server.value("quarkus.datasource.username");
        Optional<String> password = server.value("quarkus.datasource.password");
        String source = server.value(variable).isPresent() ? variable : "QUARKUS_DATASOURCE_JDBC_URL";
        String from = server.value(variable).isPresent() ? variable + ", " + server.origin(variable)
                : server.usesDevDatabase() ? "the running dev stack's database (" + DevDatabaseServer.DATA_DIR + ")"
                : "QUARKUS_DATASOURCE_JDBC_URL, " + server.origin("quarkus.datasource.jdbc.url");
        checks.add(Check.pass(GROUP, "URL", withoutPasswords(jdbcUrl.get()) + ", user " + user.orElse("(none)")
                + (password.isPresent() ? ", password set (not shown)" : ", no password") + " (" + from + ")"));

        long start = System.nanoTime();
        Properties properties = new Properties();
        user.ifPresent(u -> properties.setProperty("user", u));
        password.ifPresent(p -> properties.setProperty("password", p));
        bounds().forEach(properties::setProperty);
        try (Connection connection = DriverManager.getConnection(jdbcUrl.get(), properties)) {
            var meta = connection.getMetaData();
            checks.add(Check.pass(GROUP, "connect", "in " + NetworkSteps.millis(start) + ": " + meta.getDatabaseProductName()
                    + " " + meta.getDatabaseProductVersion()));
        } catch (SQLException e) {
            checks.add(Check.fail(GROUP, "connect", "failed after " + NetworkSteps.millis(start) + " (bound "
                    + TIMEOUT_SECONDS + " s): " + connectFailure(e, jdbcUrl.get(), source)));
            checks.add(Check.skip(GROUP, "schema", "no connection"));
            return checks;
        }
        checks.add(schema(jdbcUrl.get(), user.orElse(null), password.orElse(null)));
        return checks;
    }

    private Check schema(String jdbcUrl, String user, String password) {
        List<String> locations = server.config().getOptionalValues("quarkus.flyway.locations", String.class)
                .orElse(List.of("db/migration"));
        String table = server.value("quarkus.flyway.table").orElse("flyway_schema_history");
        boolean migrateAtStart = server.config().getOptionalValue("quarkus.flyway.migrate-at-start", Boolean.class)
                .orElse(false);
        try {
            var configuration = Flyway.configure(DatabaseChecks.class.getClassLoader())
                    .dataSource(jdbcUrl, user, password)
                    .jdbcProperties(bounds())
                    .connectRetries(0)
                    .locations(locations.stream().map(l -> l.contains(":") ? l : "classpath:" + l).toArray(String[]::new))
                    .table(table)
                    .ignoreMigrationPatterns("*:pending");
            server.config().getOptionalValues("quarkus.flyway.schemas", String.class)
                    .ifPresent(schemas -> configuration.schemas(schemas.toArray(String[]::new)));
            Flyway flyway = configuration.load();
            MigrationInfoService info = flyway.info();
            String latest = Arrays.stream(info.all()).filter(m -> m.getVersion() != null && m.getState().isResolved())
                    .map(m -> m.getVersion().getVersion()).reduce((a, b) -> b).orElse("none");
            MigrationInfo current = info.current();
            String at = current == null ? "empty (no " + table + ")" : "at version " + current.getVersion();
            List<MigrationInfo> ahead = Arrays.stream(info.all())
                    .filter(m -> m.getState().isApplied() && !m.getState().isResolved()).toList();
            if (!ahead.isEmpty()) {
                return Check.fail(GROUP, "schema", at + ", ahead of this build (latest " + latest + "): version "
                        + ahead.get(0).getVersion() + " was applied by a newer Warden");
            }
            if (Arrays.stream(info.all()).anyMatch(m -> m.getState().isFailed())) {
                return Check.fail(GROUP, "schema", at + ": a migration failed; see " + table);
            }
            ValidateResult validation = flyway.validateWithResult();
            if (!validation.validationSuccessful) {
                return Check.fail(GROUP, "schema", at + ": " + validation.getAllErrorMessages());
            }
            MigrationInfo[] pending = info.pending();
            if (pending.length == 0) {
                return Check.pass(GROUP, "schema", at + ", the latest migration of this build (" + table + ")");
            }
            String names = Arrays.stream(pending).map(m -> "V" + m.getVersion()).collect(Collectors.joining(", "));
            return Check.of(migrateAtStart, GROUP, "schema", at + "; " + names + " pending"
                    + (migrateAtStart ? ": Warden applies them at start (quarkus.flyway.migrate-at-start)"
                            : " and quarkus.flyway.migrate-at-start is off: apply them before Warden starts"));
        } catch (RuntimeException e) {
            return Check.fail(GROUP, "schema", "Flyway could not read " + table + ": " + e.getMessage());
        }
    }

    /**
     * The driver's message, and the setting behind it when the server's certificate was refused: pgjdbc's "PKIX path
     * building failed" names neither the URL's sslmode nor where it came from.
     */
    static String connectFailure(SQLException e, String jdbcUrl, String source) {
        if (Causes.find(e, CertificateException.class) == null) {
            return e.getMessage();
        }
        return "the database's certificate is not trusted (sslmode=" + DatabaseUrl.parameter(jdbcUrl, "sslmode")
                .orElse("unset") + " from " + source + "; a private CA needs a trust store, see docs/deploying.md): "
                + e.getMessage();
    }

    /** Every wait bounded, so an unreachable host costs seconds, not the driver's defaults. */
    private static Map<String, String> bounds() {
        String seconds = Integer.toString(TIMEOUT_SECONDS);
        return Map.of("connectTimeout", seconds, "loginTimeout", seconds, "socketTimeout", "10");
    }

    /** A JDBC URL with the value of any {@code password}-like parameter replaced. */
    static String withoutPasswords(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)([?&][^=&]*password=)[^&]*", "$1***");
    }
}
