package dev.warden.sessions;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.warden.config.WardenConfig;

/**
 * Down once the ended-sessions listener has been disconnected longer than {@code warden.sessions.listener-max-down}:
 * a replica that cannot hear of a sign-out should not take traffic (it would, by default, answer 503 to tokens
 * issued before the outage anyway). Up while it listens, or within the bound, or when the feature is off.
 */
@Readiness
@ApplicationScoped
class SessionListenerReadiness implements HealthCheck {

    private final EndedSessions sessions;
    private final boolean enabled;

    SessionListenerReadiness(EndedSessions sessions, WardenConfig config) {
        this.sessions = sessions;
        this.enabled = config.sessions().enabled();
    }

    @Override
    public HealthCheckResponse call() {
        long down = sessions.downMillis();
        return HealthCheckResponse.named("ended-sessions")
                .status(!enabled || down <= sessions.maxDownMillis())
                .withData("listening", sessions.isListening())
                .withData("down_seconds", down / 1000)
                .withData("ended_sessions", sessions.size())
                .build();
    }
}
