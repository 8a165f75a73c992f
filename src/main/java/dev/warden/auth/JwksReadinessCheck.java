package dev.warden.auth;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while Warden holds keys to verify with, fresh or (within the stale bound) stale: without any, every
 * authenticated request gets 503. Reports what {@link JwksRefresher} knows; it never fetches.
 */
@Readiness
@ApplicationScoped
class JwksReadinessCheck implements HealthCheck {

    private final JwksRefresher keys;

    JwksReadinessCheck(JwksRefresher keys) {
        this.keys = keys;
    }

    @Override
    public HealthCheckResponse call() {
        JwksStatus status = keys.status();
        var builder = HealthCheckResponse.named("jwks")
                .status(status.ready())
                .withData("url", status.url())
                .withData("usable_keys", status.keys())
                .withData("stale", status.stale())
                .withData("age_seconds", status.ageSeconds());
        if (status.problem() != null) {
            builder.withData("problem", status.problem());
        }
        return builder.build();
    }
}
