package dev.warden.sessions;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The listener's state for dashboards and alerts: {@code warden_sessions_listening} (1 while connected),
 * {@code warden_sessions_listener_down_seconds} and {@code warden_sessions_ended} (ended sessions held in memory).
 */
@Singleton
class SessionMetrics implements MeterBinder {

    private final EndedSessions sessions;

    SessionMetrics(EndedSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("warden.sessions.listening", sessions, s -> s.isListening() ? 1 : 0)
                .description("1 while Warden hears of ended sessions").register(registry);
        Gauge.builder("warden.sessions.listener.down", sessions, s -> s.downMillis() / 1000.0).baseUnit("seconds")
                .description("How long the ended-sessions listener has been disconnected, 0 while it listens")
                .register(registry);
        Gauge.builder("warden.sessions.ended", sessions, EndedSessions::size)
                .description("Ended sessions whose tokens could still be alive, refused on sight").register(registry);
    }
}
