package dev.warden.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import dev.warden.config.DatabaseUrl;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The tests' PostgreSQL, for every {@code @QuarkusTest} and packaged-app test: the server {@code DATABASE_URL} names
 * (then there is nothing to do, {@code WardenEnvironment} translates it), else one embedded server for the whole
 * test JVM, started on first use and stopped by the library's shutdown hook when the JVM exits.
 */
@WithTestResource(value = TestDatabase.class, scope = TestResourceScope.GLOBAL)
public class TestDatabase implements QuarkusTestResourceLifecycleManager {

    /** The embedded server's JDBC URL once it runs; a system property, since test resources may be loaded more than once. */
    private static final String EMBEDDED_URL = "test.database.embedded-url";

    @Override
    public Map<String, String> start() {
        if (fromEnvironment() != null) {
            return Map.of();
        }
        return Map.of("quarkus.datasource.jdbc.url", embeddedJdbcUrl(),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
    }

    /** The embedded server outlives one app: the next test class's app uses it too. */
    @Override
    public void stop() {
    }

    /** Started before the resources that build on it ({@link PostgresProxy}), whose settings then win. */
    @Override
    public int order() {
        return -100;
    }

    /** Where the tests' database is: host and port come from here for anything that connects to it itself. */
    public static DatabaseUrl url() {
        String raw = fromEnvironment();
        return raw != null ? DatabaseUrl.parse(raw) : DatabaseUrl.parse(embeddedJdbcUrl());
    }

    private static String fromEnvironment() {
        String raw = System.getenv("DATABASE_URL");
        return raw == null || raw.isBlank() ? null : raw;
    }

    private static synchronized String embeddedJdbcUrl() {
        String url = System.getProperty(EMBEDDED_URL);
        if (url == null) {
            try {
                EmbeddedPostgres server = EmbeddedPostgres.builder().start();
                url = "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres";
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL for the tests failed to start", e);
            }
            System.setProperty(EMBEDDED_URL, url);
        }
        return url;
    }
}
