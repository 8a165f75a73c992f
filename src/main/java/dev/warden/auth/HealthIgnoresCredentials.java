package dev.warden.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Health answers whoever asks. Probes and load balancers may pass an {@code Authorization} header along (one meant
 * for the app behind them, or a stale one), and Quarkus authenticates every request that carries one before it
 * routes it, so a bad token turned a healthy instance's probe into a 401 and took it out of service. The header is
 * dropped before authentication runs: health never reads a caller, so nothing is lost. The path is Quarkus' default,
 * the one {@code src/main/docker/healthcheck.c} probes.
 */
@ApplicationScoped
class HealthIgnoresCredentials {

    private static final String HEALTH = "/q/health";

    void install(@Observes Router router) {
        // Before every Quarkus filter, authentication included (the filters' orders are above Integer.MIN_VALUE).
        router.route(HEALTH + "/*").order(Integer.MIN_VALUE).handler(rc -> {
            rc.request().headers().remove(HttpHeaders.AUTHORIZATION);
            rc.next();
        });
    }
}
