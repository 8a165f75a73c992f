package dev.warden.sessions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import dev.warden.config.Command;
import dev.warden.config.WardenConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Hears of ended sessions: one connection of its own that {@code LISTEN}s on {@code warden_session_ended}; on every
 * (re)connect it first reloads table {@code ended_sessions}, so nothing said while it was away is missed, deletes
 * the rows whose tokens have all expired, and attaches the trigger to Better Auth's session table once that table
 * exists. A lost connection is retried with back-off; {@link EndedSessions} knows for how long it was down.
 */
@ApplicationScoped
class SessionListener {

    static final String CHANNEL = "warden_session_ended";
    private static final Logger LOG = Logger.getLogger(SessionListener.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
    /** How often the listening connection is probed and the trigger looked for. */
    private static final int POLL_MILLIS = 1000;
    private static final int PROBE_EVERY = 10;

    /** Where the listening connection comes from: the app's pool, whose TLS settings it shares. */
    interface Connector {
        Connection open() throws SQLException;
    }

    private final EndedSessions sessions;
    private final Connector database;
    private final WardenConfig.Sessions config;
    private volatile Thread thread;
    private volatile boolean stopped;

    // An Instance: the doctor boots without a database when none is configured, and never listens.
    @Inject
    SessionListener(EndedSessions sessions, Instance<DataSource> database, WardenConfig config) {
        this(sessions, () -> database.get().getConnection(), config.sessions());
    }

    SessionListener(EndedSessions sessions, Connector database, WardenConfig.Sessions config) {
        this.sessions = sessions;
        this.database = database;
        this.config = config;
        if (!IDENTIFIER.matcher(this.config.schema()).matches()) {
            throw new ConfigurationException("WARDEN_SESSIONS_SCHEMA must be a lower-case SQL identifier (the "
                    + "frontend's AUTH_DB_SCHEMA), got \"" + this.config.schema() + "\"");
        }
    }

    void onStart(@Observes StartupEvent event) {
        if (config.enabled() && Command.isDoctor()) {
            loadOnce(); // the doctor's verdict is the server's, ended sessions included; it never listens
        } else if (config.enabled()) {
            start();
        }
    }

    private void loadOnce() {
        try (Connection connection = database.open()) {
            reload(connection);
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("Ended sessions not loaded: %s", e.getMessage());
        }
    }

    void start() {
        sessions.down();
        thread = new Thread(this::run, "warden-session-listener");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        long backoff = 1000;
        while (!stopped) {
            try (Connection connection = database.open()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                deleteExpired(connection);
                reload(connection);
                boolean attached = attach(connection);
                sessions.listening();
                backoff = 1000;
                LOG.debugf("Listening for ended sessions (%d known)", sessions.size());
                PGConnection pg = connection.unwrap(PGConnection.class);
                for (int poll = 1; !stopped; poll++) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    long now = System.currentTimeMillis();
                    for (PGNotification notification : notifications == null ? new PGNotification[0] : notifications) {
                        sessions.ended(notification.getParameter(), now);
                    }
                    if (poll % PROBE_EVERY == 0) { // a silently dead connection answers no notification either
                        try (Statement probe = connection.createStatement()) {
                            probe.execute("SELECT 1");
                        }
                        attached = attached || attach(connection);
                        sessions.purge();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (stopped) {
                    return;
                }
                boolean wasListening = sessions.isListening();
                sessions.down();
                if (wasListening) {
                    LOG.warnf("Not hearing of ended sessions (%s); reconnecting", e.getMessage());
                }
                sleep(backoff);
                backoff = Math.min(30_000, backoff * 2);
            }
        }
    }

    /** The rows no token can outlive any more. */
    private void deleteExpired(Connection connection) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM ended_sessions WHERE ended_at < now() - make_interval(secs => ?)")) {
            delete.setLong(1, sessions.keep().toSeconds());
            delete.executeUpdate();
        }
    }

    /** Everything ended, heard of or not. */
    private void reload(Connection connection) throws SQLException {
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("SELECT sid, ended_at FROM ended_sessions")) {
            while (rows.next()) {
                sessions.ended(rows.getString(1), rows.getTimestamp(2).getTime());
            }
        }
    }

    /** Attaches the trigger to Better Auth's session table when that exists; true once it is attached. */
    private boolean attach(Connection connection) throws SQLException {
        String table = "\"" + config.schema() + "\".\"session\"";
        try (Statement statement = connection.createStatement();
                ResultSet found = statement.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL, EXISTS "
                        + "(SELECT 1 FROM pg_trigger WHERE tgname = 'warden_session_ended' AND tgrelid = "
                        + "to_regclass('" + table + "'))")) {
            found.next();
            if (!found.getBoolean(1)) {
                return false;
            }
            if (found.getBoolean(2)) {
                return true;
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TRIGGER warden_session_ended AFTER DELETE ON " + table
                    + " FOR EACH ROW EXECUTE FUNCTION warden_session_ended()");
            LOG.infof("Ended sessions: watching %s", table);
        } catch (SQLException e) {
            // Another replica attached it a moment before.
            LOG.debugf("Trigger on %s not created: %s", table, e.getMessage());
        }
        return true;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() {
        stopped = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }
}
