package dev.warden.auth;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Every meter of the bearer-token path, registered once at start so each series exists (at zero) before the first
 * event: alert rules and dashboards then see {@code 0}, not "no data". Names as Prometheus shows them:
 * {@code warden_jwt_verify_seconds}, {@code warden_jwt_cache_total{result}}, {@code warden_jwt_refused_total{reason}},
 * {@code warden_jwks_fetches_total{outcome}}, {@code warden_jwks_demand_fetches_total}, {@code warden_jwks_keys},
 * {@code warden_jwks_stale}, {@code warden_jwks_age_seconds}.
 */
@Singleton
public class AuthMetrics {

    private final MeterRegistry registry;
    private final Timer verify;
    private final Counter cacheHit;
    private final Counter cacheMiss;
    private final Map<Refusal, Counter> refused = new EnumMap<>(Refusal.class);
    private final Counter fetchSuccess;
    private final Counter fetchFailure;
    private final Counter demandFetches;

    public AuthMetrics(MeterRegistry registry) {
        this.registry = registry;
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
        fetchSuccess = fetches(registry, "success");
        fetchFailure = fetches(registry, "failure");
        demandFetches = Counter.builder("warden.jwks.demand.fetches")
                .description("JWKS fetches caused by an unknown kid or by having no keys").register(registry);
    }

    private static Counter cache(MeterRegistry registry, String result) {
        return Counter.builder("warden.jwt.cache").tag("result", result)
                .description("Verified-token cache lookups").register(registry);
    }

    private static Counter fetches(MeterRegistry registry, String outcome) {
        return Counter.builder("warden.jwks.fetches").tag("outcome", outcome)
                .description("JWKS fetches").register(registry);
    }

    /** Gauges that read the key set's status; reading it has no side effects, so a scrape changes nothing. */
    void watch(JwksKeys keys) {
        Gauge.builder("warden.jwks.keys", keys, k -> k.status().keys())
                .description("Usable verification keys; 0 means tokens get 503").register(registry);
        Gauge.builder("warden.jwks.stale", keys, k -> k.status().stale() ? 1 : 0)
                .description("1 while the keys in use are past their TTL because refreshes fail").register(registry);
        Gauge.builder("warden.jwks.age", keys, k -> k.status().ageSeconds()).baseUnit("seconds")
                .description("Age of the key set in use; -1 when there is none").register(registry);
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

    void fetched(boolean success) {
        (success ? fetchSuccess : fetchFailure).increment();
    }

    void demandFetch() {
        demandFetches.increment();
    }
}
