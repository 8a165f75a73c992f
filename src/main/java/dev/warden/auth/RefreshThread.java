package dev.warden.auth;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one thread the key set changes on: a fetch now, and two pending tasks, the next refresh and the expiry of the
 * keys in use, each replacing its previous schedule. Nothing is scheduled before {@link #start()} (a key set used
 * outside the server, by the doctor or a benchmark, fetches only when asked) or after {@link #stop()}.
 */
final class RefreshThread {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "warden-jwks-refresh");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean started;
    // Touched on the thread itself only.
    private ScheduledFuture<?> nextRefresh;
    private ScheduledFuture<?> expiry;

    void start() {
        started = true;
    }

    void execute(Runnable task) {
        scheduler.execute(task);
    }

    /** From the thread itself: run {@code refresh} after {@code delay}, instead of any refresh scheduled before. */
    void refreshIn(Duration delay, Runnable refresh) {
        nextRefresh = reschedule(nextRefresh, refresh, delay);
    }

    /** From the thread itself: run {@code expire} after {@code delay}, instead of any expiry scheduled before. */
    void expireIn(Duration delay, Runnable expire) {
        expiry = reschedule(expiry, expire, delay);
    }

    /** From the thread itself, after the {@code failures}+1st failure in a row: min, doubled per failure, at most max. */
    void retryIn(int failures, Duration min, Duration max, Runnable refresh) {
        long delay = Math.min(max.toMillis(), min.toMillis() << Math.min(20, failures));
        refreshIn(Duration.ofMillis(Math.max(min.toMillis(), delay)), refresh);
    }

    private ScheduledFuture<?> reschedule(ScheduledFuture<?> previous, Runnable task, Duration delay) {
        if (previous != null) {
            previous.cancel(false);
        }
        if (!started || scheduler.isShutdown()) {
            return null;
        }
        return scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop() {
        scheduler.shutdownNow();
    }
}
