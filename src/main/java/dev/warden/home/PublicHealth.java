package dev.warden.home;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Liveness and readiness on the public port, for the platform's probes and load balancers, which reach nothing
 * else: the management interface keeps the full report. The public answer is only the verdict, because the checks'
 * data (the JWKS URL, the last fetch error) tells a stranger how Warden is wired; and readiness is computed at most
 * once a second, because the database check borrows a pool connection, so a flood of probes would otherwise starve
 * the API of connections.
 */
@ApplicationScoped
class PublicHealth {

    static final String LIVE = "/q/health/live";
    static final String READY = "/q/health/ready";
    private static final long READINESS_REUSE_NANOS = Duration.ofSeconds(1).toNanos();

    private final SmallRyeHealthReporter reporter;
    private boolean ready;
    private long readyAt;
    private boolean known;

    PublicHealth(SmallRyeHealthReporter reporter) {
        this.reporter = reporter;
    }

    void install(@Observes Router router) {
        // Liveness has no blocking check and answers on the event loop; readiness asks the database, on a worker.
        router.get(LIVE).handler(rc -> reporter.getLivenessAsync().subscribe()
                .with(health -> answer(rc, !health.isDown()), rc::fail));
        router.get(READY).blockingHandler(rc -> answer(rc, ready()), false);
    }

    private synchronized boolean ready() {
        long now = System.nanoTime();
        if (!known || now - readyAt >= READINESS_REUSE_NANOS) {
            SmallRyeHealth health = reporter.getReadiness();
            ready = !health.isDown();
            readyAt = now;
            known = true;
        }
        return ready;
    }

    private static void answer(RoutingContext rc, boolean up) {
        rc.response().setStatusCode(up ? 200 : 503)
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
    }
}
