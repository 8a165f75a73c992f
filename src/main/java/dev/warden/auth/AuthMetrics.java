package dev.warden.auth;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The meters of token verification, registered at start-up (Quarkus binds every {@link MeterBinder} bean then), so
 * each series exists (at zero) before the first token: alert rules and dashboards then see {@code 0}, not "no
 * data". Names as Prometheus shows them: {@code warden_jwt_verify_seconds}, {@code warden_jwt_cache_total{result}},
 * {@code warden_jwt_refused_total{reason}}. The key set's meters are {@link JwksMetrics}.
 */
@Singleton
public class AuthMetrics implements MeterBinder {

    private Timer verify;
    private Counter cacheHit;
    private Counter cacheMiss;
    private final Map<Refusal, Counter> refused = new EnumMap<>(Refusal.class);

    AuthMetrics() {
    }

    /** Outside CDI (the benchmarks): bound to {@code registry} at once. */
    public AuthMetrics(MeterRegistry registry) {
        bindTo(registry);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        verify = Timer.builder("warden.jwt.verify")
                .description("Signature and claims verification of a token not in the cache")
                // A bucket edge at 10 ms, the latency alert's threshold (docs/monitoring.md), so the alert compares
                // against a measured count rather than an interpolation between wider buckets.
                .publishPercentileHistogram().serviceLevelObjectives(Duration.ofMillis(10)).register(registry);
        cacheHit = cache(registry, "hit");
        cacheMiss = cache(registry, "miss");
        for (Refusal reason : Refusal.values()) {
            refused.put(reason, Counter.builder("warden.jwt.refused").tag("reason", reason.tag())
                    .description("Tokens refused, by the check that failed").register(registry));
        }
    }

    private static Counter cache(MeterRegistry registry, String result) {
        return Counter.builder("warden.jwt.cache").tag("result", result)
                .description("Verified-token cache lookups").register(registry);
    }

    void verified(long nanos) {
        verify.record(nanos, TimeUnit.NANOSECONDS);
    }

    void cacheHit() {
        cacheHit.increment();
    }

    void cacheMiss() {
        cacheMiss.increment();
    }

    void refused(Refusal reason) {
        refused.get(reason).increment();
    }
}
