package dev.warden.errors;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Tells a database that cannot be reached (503) apart from a bug in how we use it (500). */
final class DatabaseFailures {

    private DatabaseFailures() {
    }

    static boolean isUnavailable(Throwable error) {
        return Causes.first(error, t -> t instanceof SQLTransientConnectionException
                || t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")
                || t instanceof SQLException sql && isConnectionState(sql)
                || t instanceof SQLException && String.valueOf(t.getMessage()).startsWith("Acquisition timeout")) != null;
    }

    /** SQLState class 08 is "connection exception"; 57P0x is the server shutting down. */
    private static boolean isConnectionState(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P0"));
    }

    static String describe(Throwable error) {
        Throwable root = Causes.root(error);
        String state = root instanceof SQLException sql && sql.getSQLState() != null ? " state " + sql.getSQLState() : "";
        return root.getClass().getSimpleName() + state;
    }
}
