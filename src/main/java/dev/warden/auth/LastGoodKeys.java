package dev.warden.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

/**
 * The last JWKS document fetched successfully, kept in PostgreSQL (table {@code last_good_jwks}) so that a Warden
 * starting while the issuer is unreachable, this replica or any other, can start from the keys known a moment ago
 * instead of refusing to start. Only the public document is stored, as the issuer serves it to anyone.
 */
@ApplicationScoped
class LastGoodKeys {

    private static final Logger LOG = Logger.getLogger(LastGoodKeys.class);

    /** A stored document and when it was fetched. */
    record Stored(String document, long fetchedAtMillis) {
    }

    // An Instance: the doctor boots without a database when none is configured, and must not fail for it.
    private final Instance<DataSource> database;

    LastGoodKeys(Instance<DataSource> database) {
        this.database = database;
    }

    /** Records {@code document} as the last good one for {@code url}; a failure only costs the cold-start fallback. */
    void save(String url, String document, long fetchedAtMillis) {
        try (Connection connection = database.get().getConnection();
                PreparedStatement upsert = connection.prepareStatement("INSERT INTO last_good_jwks (url, document, "
                        + "fetched_at) VALUES (?, ?, ?) ON CONFLICT (url) DO UPDATE SET document = excluded.document, "
                        + "fetched_at = excluded.fetched_at WHERE last_good_jwks.fetched_at < excluded.fetched_at")) {
            upsert.setString(1, url);
            upsert.setString(2, document);
            upsert.setTimestamp(3, new Timestamp(fetchedAtMillis));
            upsert.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("JWKS at %s: could not store the keys for a cold start (%s)", url, e.getMessage());
        }
    }

    /** The last good document for {@code url}, if one is stored and the database answers. */
    Optional<Stored> load(String url) {
        try (Connection connection = database.get().getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT document, fetched_at FROM last_good_jwks WHERE url = ?")) {
            select.setString(1, url);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new Stored(row.getString(1), row.getTimestamp(2).getTime()))
                        : Optional.empty();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("JWKS at %s: no stored keys to start from (%s)", url, e.getMessage());
            return Optional.empty();
        }
    }
}
