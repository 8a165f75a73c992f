package dev.warden.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertificateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.warden.config.DatabaseUrl;
import dev.warden.errors.Causes;
import dev.warden.support.PostgresProxy;
import dev.warden.support.TestDatabase;

/**
 * A machine in the middle of the database connection ({@link PostgresProxy#withSelfSignedTls}: TLS ended with a
 * certificate of its own, plaintext on to the tests' PostgreSQL), seen through the URL a host prints.
 */
class InterceptedDatabaseTest {

    private static PostgresProxy proxy;

    @BeforeAll
    static void startProxy() {
        proxy = PostgresProxy.withSelfSignedTls();
        proxy.start();
    }

    @AfterAll
    static void stopProxy() {
        proxy.stop();
    }

    private static String neonStyle() {
        return "postgresql://" + TestDatabase.url().username().orElse("postgres") + "@127.0.0.1:" + proxy.port()
                + "/postgres?sslmode=require";
    }

    private static Connection connect(String jdbcUrl) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", TestDatabase.url().username().orElse("postgres"));
        TestDatabase.url().password().ifPresent(p -> properties.setProperty("password", p));
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    @Test
    void pgjdbcsOwnSslmodeRequireLogsInThroughTheInterceptor() throws Exception {
        try (Connection connection = connect("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres?sslmode=require");
                ResultSet row = connection.createStatement()
                        .executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getBoolean(1)).as("the client believes in TLS, the server got plaintext from the proxy")
                    .isFalse();
        }
    }

    @Test
    void theTranslatedUrlRefusesTheInterceptorsCertificateAndTheDoctorNamesTheSetting() {
        String jdbcUrl = DatabaseUrl.parse(neonStyle()).jdbcUrl();
        assertThat(jdbcUrl).contains("sslmode=verify-full");

        assertThatThrownBy(() -> connect(jdbcUrl).close()).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(Causes.find(e, CertificateException.class)).as("refused for its certificate").isNotNull();
            assertThat(DatabaseChecks.connectFailure(e, jdbcUrl, "DATABASE_URL"))
                    .startsWith("the database's certificate is not trusted (sslmode=verify-full from DATABASE_URL");
        });
    }
}
