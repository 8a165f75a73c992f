package dev.warden.auth;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the issuer's keys can be fetched: without them every authenticated request fails. */
@Readiness
@ApplicationScoped
class JwksReadinessCheck implements HealthCheck {

    private final JwksProbe probe;

    JwksReadinessCheck(JwksProbe probe) {
        this.probe = probe;
    }

    @Override
    public HealthCheckResponse call() {
        JwksProbe.Result result = probe.probe();
        var builder = HealthCheckResponse.named("jwks")
                .status(result.ok())
                .withData("url", result.url())
                .withData("usable_keys", result.usableKeys());
        if (result.problem() != null) {
            builder.withData("problem", result.problem());
        }
        return builder.build();
    }
}
