package dev.warden.limits;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.warden.config.WardenConfig;
import dev.warden.errors.TooManyRequests;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimization;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The per-user buckets, in PostgreSQL ({@code rate_limit_buckets}, created by Flyway) so that every replica spends
 * from the same ones; every request takes one token before the request's own work (how often that reaches the
 * database: {@link #optimization}).
 */
// Caffeine builds its cache and node classes by name, by reflection: the native image must keep the two this cache
// uses (strong keys and values, maximum size, expire after access).
@RegisterForReflection(classNames = { "com.github.benmanes.caffeine.cache.SSMSA",
        "com.github.benmanes.caffeine.cache.PSAMS" })
@ApplicationScoped
public class RateLimits {

    /** Which bucket a request spends from: reads are cheap and come in bursts (a page load), so they get more. */
    public enum Kind {
        READ, WRITE
    }

    private static final long MAX_UNSYNCHRONIZED = 25;

    private final boolean enabled;
    /**
     * A bucket's proxy keeps what this replica has spent and not yet written back, so there is one per bucket in use,
     * forgotten two minutes after its user goes quiet (with at most {@value #MAX_UNSYNCHRONIZED} tokens unwritten).
     */
    private final Cache<String, Bucket> proxies = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(2)).build();
    private final ProxyManager<String> buckets;
    private final BucketConfiguration reads;
    private final BucketConfiguration writes;

    // An Instance: the doctor boots without a database when none is configured, and never limits anything.
    @Inject
    RateLimits(Instance<DataSource> dataSource, WardenConfig config) {
        this(dataSource.get(), config.rateLimit());
    }

    /** A limiter of its own over {@code dataSource}: what a second replica would have. */
    public RateLimits(DataSource dataSource, WardenConfig.RateLimit config) {
        this.enabled = config.enabled();
        // Select-for-update rather than Bucket4j's advisory-lock flavour: that one locks on the key itself and so
        // takes only numeric keys, and a user id is text.
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_buckets")
                .build();
        this.reads = perMinute(config.readsPerMinute());
        this.writes = perMinute(config.writesPerMinute());
    }

    /** Takes a token from the user's bucket of {@code kind}, or refuses the request with 429 and Retry-After. */
    public void spend(String userId, Kind kind) {
        if (!enabled) {
            return;
        }
        ConsumptionProbe probe = bucket(userId, kind).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            // Whole seconds, rounded up: a client that waits as told finds a token.
            long wait = probe.getNanosToWaitForRefill();
            throw new TooManyRequests(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait - 1) + 1));
        }
    }

    /** The user's bucket of {@code kind}, as this replica sees it (see {@link #optimization}). */
    public Bucket bucket(String userId, Kind kind) {
        BucketConfiguration configuration = kind == Kind.READ ? reads : writes;
        // The limit is part of the key: Bucket4j keeps the configuration a bucket was made with next to its tokens, so
        // a changed limit must name new buckets to take effect.
        String key = key(userId, kind, configuration);
        return proxies.get(key, k -> buckets.builder().withOptimization(optimization(configuration))
                .build(k, () -> configuration));
    }

    /**
     * A round trip per request made the limiter cost more than the list it guards (a transaction that writes, and so
     * waits for the WAL flush, on every read). A bucket of a large limit therefore spends up to 1 % of its capacity
     * (at most {@value #MAX_UNSYNCHRONIZED} tokens) here before it writes the sum back, and at least once a second:
     * each replica can let that many requests more through than the limit, a small share of a limit that large. A
     * small limit (under 100 a minute) is exact: every request asks the database, concurrent ones of a user in one
     * batch.
     */
    private static Optimization optimization(BucketConfiguration configuration) {
        long unsynchronized = Math.min(MAX_UNSYNCHRONIZED, configuration.getBandwidths()[0].getCapacity() / 100);
        return unsynchronized == 0 ? Optimizations.batching()
                : Optimizations.delaying(new DelayParameters(unsynchronized, Duration.ofSeconds(1)));
    }

    private static String key(String userId, Kind kind, BucketConfiguration configuration) {
        return (kind == Kind.READ ? "r" : "w") + configuration.getBandwidths()[0].getCapacity() + ":" + userId;
    }

    /** A minute's allowance at once, refilled evenly over the minute. */
    private static BucketConfiguration perMinute(long requests) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(requests).refillGreedy(requests, Duration.ofMinutes(1)))
                .build();
    }
}
