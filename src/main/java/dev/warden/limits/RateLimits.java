package dev.warden.limits;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.warden.config.WardenConfig;
import dev.warden.errors.TooManyRequests;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;

/**
 * The per-user buckets, in PostgreSQL ({@code rate_limit_buckets}, created by Flyway) so that every replica spends
 * from the same ones; every request takes one token in its own short transaction, before the request's own work.
 */
@ApplicationScoped
public class RateLimits {

    /** Which bucket a request spends from: reads are cheap and come in bursts (a page load), so they get more. */
    public enum Kind {
        READ, WRITE
    }

    private final boolean enabled;
    private final ProxyManager<String> buckets;
    private final BucketConfiguration reads;
    private final BucketConfiguration writes;

    @Inject
    RateLimits(DataSource dataSource, WardenConfig config) {
        this(dataSource, config.rateLimit());
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
            throw new TooManyRequests(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() - 1) + 1));
        }
    }

    /** The user's bucket as the database holds it now. */
    public Bucket bucket(String userId, Kind kind) {
        BucketConfiguration configuration = kind == Kind.READ ? reads : writes;
        // The limit is part of the key: Bucket4j keeps the configuration a bucket was made with next to its tokens, so
        // a changed limit must name new buckets to take effect. Batching merges one user's concurrent requests on this
        // replica into one round trip, and counts every one of them.
        return buckets.builder().withOptimization(Optimizations.batching())
                .build(key(userId, kind, configuration), () -> configuration);
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
