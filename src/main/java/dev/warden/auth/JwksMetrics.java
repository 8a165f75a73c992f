package dev.warden.auth;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The key set's meters, read from {@link JwksRefresher} at each scrape (reading it has no side effects, so a scrape
 * changes nothing): {@code warden_jwks_keys}, {@code warden_jwks_stale}, {@code warden_jwks_age_seconds},
 * {@code warden_jwks_fetches_total{outcome}}, {@code warden_jwks_demand_fetches_total}. Quarkus binds it to the
 * registry; the refresher knows nothing of metrics.
 */
@Singleton
class JwksMetrics implements MeterBinder {

    private final JwksRefresher keys;

    JwksMetrics(JwksRefresher keys) {
        this.keys = keys;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("warden.jwks.keys", keys, k -> k.status().keys())
                .description("Usable verification keys; 0 means tokens get 503").register(registry);
        Gauge.builder("warden.jwks.stale", keys, k -> k.status().stale() ? 1 : 0)
                .description("1 while the keys in use are past their TTL because refreshes fail").register(registry);
        Gauge.builder("warden.jwks.age", keys, k -> k.status().ageSeconds()).baseUnit("seconds")
                .description("Age of the key set in use; -1 when there is none").register(registry);
        for (boolean success : new boolean[] { true, false }) {
            FunctionCounter.builder("warden.jwks.fetches", keys, k -> k.fetches(success))
                    .tag("outcome", success ? "success" : "failure").description("JWKS fetches").register(registry);
        }
        FunctionCounter.builder("warden.jwks.demand.fetches", keys, JwksRefresher::demandFetches)
                .description("JWKS fetches caused by an unknown kid or by having no keys").register(registry);
    }
}
