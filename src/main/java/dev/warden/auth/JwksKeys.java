package dev.warden.auth;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.warden.config.WardenConfig;

/**
 * The issuer's public keys and their whole lifecycle, the one place Warden fetches the JWKS (from
 * {@code mp.jwt.verify.publickey.location}):
 * <ul>
 * <li>keys are kept for {@code JWKS_CACHE_TTL} (or the response's {@code Cache-Control: max-age} when shorter) and
 * refreshed in the background, never by a request;</li>
 * <li>an unknown {@code kid} asks for a refresh at once, single-flight and at most once per cooldown;</li>
 * <li>a failing or garbage-serving endpoint keeps the last good keys in use for a bounded stale period, retried
 * with exponential backoff; past that bound they are dropped and tokens get 503;</li>
 * <li>a key removed from the JWKS is forgotten on the next successful refresh (listeners hear of it).</li>
 * </ul>
 * Reads take one volatile snapshot and change nothing; fetching, expiry, logging and listeners all run on the one
 * refresh thread.
 */
@ApplicationScoped
public class JwksKeys {

    private static final Logger LOG = Logger.getLogger(JwksKeys.class);
    private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])max-age\\s*=\\s*\"?(\\d{1,9})");
    private static final Pattern NO_CACHE = Pattern.compile("(?:^|[,\\s])(no-store|no-cache)(?:$|[,\\s=])");
    /** A header without a {@code kid} may be tried against this many keys of its family, no more. */
    private static final int MAX_KIDLESS_CANDIDATES = 4;

    /** Keys of one successful fetch. */
    public record Snapshot(Map<String, VerificationKey> byKid, List<VerificationKey> all, long fetchedAtMillis,
            long freshUntilMillis) {

        /** The keys a token with this header may be verified with: the one its kid names, if it fits. */
        public List<VerificationKey> candidates(TokenPrecheck.Header header) {
            if (header.kid() != null) {
                VerificationKey key = byKid.get(header.kid());
                return key != null && key.fits(header.algorithm()) ? List.of(key) : List.of();
            }
            return all.stream().filter(k -> k.fits(header.algorithm())).limit(MAX_KIDLESS_CANDIDATES).toList();
        }
    }

    /** What readiness, metrics and the start-up check report. */
    public record Status(String url, int keys, boolean stale, long ageSeconds, String problem) {
        public boolean ready() {
            return keys > 0;
        }
    }

    private final WardenConfig.Auth config;
    private final JwksFetcher fetcher;
    private final KeyPolicy policy;
    private final AuthMetrics metrics;
    private final ScheduledExecutorService scheduler;
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<Snapshot>> inFlight = new AtomicReference<>();
    private final AtomicLong lastDemandFetchNanos;
    private final List<Consumer<Set<VerificationKey>>> removalListeners = new CopyOnWriteArrayList<>();
    private volatile String problem = "not fetched yet";
    // Touched by the refresh thread only.
    private int consecutiveFailures;
    private ScheduledFuture<?> nextRefresh;
    private ScheduledFuture<?> expiry;
    private volatile boolean started;

    public JwksKeys(WardenConfig config, VerificationSettings settings, AuthMetrics metrics) {
        this.config = config.auth();
        this.fetcher = new JwksFetcher(settings.jwksUrl(), this.config.jwksTimeout());
        this.policy = new KeyPolicy(settings.algorithms());
        this.metrics = metrics;
        this.lastDemandFetchNanos = new AtomicLong(System.nanoTime() - this.config.jwksRefetchCooldown().toNanos());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "warden-jwks-refresh");
            t.setDaemon(true);
            return t;
        });
        metrics.watch(this);
    }

    /** Fetches once and waits (start-up only, never on a request), then keeps refreshing in the background. */
    public Status start() {
        started = true;
        try {
            refresh().get(config.jwksTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // Recorded by the fetch; the background retry is already scheduled.
        }
        return status();
    }

    /** Called on the refresh thread with the keys a refresh removed, so whatever they verified can be forgotten. */
    public void onKeysRemoved(Consumer<Set<VerificationKey>> listener) {
        removalListeners.add(listener);
    }

    /** The keys in use: the last good fetch while it is within the stale bound, else {@code null}. */
    public Snapshot current() {
        Snapshot s = snapshot.get();
        return s == null || System.currentTimeMillis() - s.fetchedAtMillis() > config.jwksMaxStale().toMillis() ? null : s;
    }

    /** Whether {@code key} is still published (a cached verification is only good while it is). */
    boolean isCurrent(VerificationKey key) {
        Snapshot s = current();
        return s != null && (key.kid() == null ? s.all().contains(key) : s.byKid().get(key.kid()) == key);
    }

    /**
     * A refresh because a token named a key we do not have (or we have none): at once, shared by everyone
     * asking meanwhile, and at most once per cooldown; otherwise the keys we hold, without a request.
     */
    CompletableFuture<Snapshot> refreshOnDemand() {
        CompletableFuture<Snapshot> running = inFlight.get();
        if (running != null) {
            return running;
        }
        long now = System.nanoTime();
        long last = lastDemandFetchNanos.get();
        if (now - last < config.jwksRefetchCooldown().toNanos() || !lastDemandFetchNanos.compareAndSet(last, now)) {
            return CompletableFuture.completedFuture(current());
        }
        metrics.demandFetch();
        return refresh();
    }

    /** Single-flight fetch on the refresh thread; the caller, an event loop included, only ever gets a future. */
    public CompletableFuture<Snapshot> refresh() {
        CompletableFuture<Snapshot> mine = new CompletableFuture<>();
        CompletableFuture<Snapshot> running = inFlight.compareAndExchange(null, mine);
        if (running != null) {
            return running;
        }
        scheduler.execute(() -> {
            try {
                accept(fetcher.fetch());
            } catch (JwksFetcher.Unavailable e) {
                failed(e.getMessage());
            } catch (RuntimeException e) {
                failed(e.getClass().getSimpleName());
            } finally {
                inFlight.set(null);
                mine.complete(current());
            }
        });
        return mine;
    }

    private void accept(JwksFetcher.Document document) {
        List<VerificationKey> keys;
        try {
            keys = policy.usable(document.body());
        } catch (Exception e) {
            failed("not a JWKS document");
            return;
        }
        if (keys.isEmpty()) {
            failed("no usable signing key");
            return;
        }
        long now = System.currentTimeMillis();
        Duration ttl = ttl(document.cacheControl());
        Map<String, VerificationKey> byKid = new HashMap<>();
        for (VerificationKey key : keys) {
            if (key.kid() != null) {
                byKid.putIfAbsent(key.kid(), key);
            }
        }
        Snapshot fresh = new Snapshot(Map.copyOf(byKid), List.copyOf(keys), now, now + ttl.toMillis());
        Snapshot old = snapshot.getAndSet(fresh);
        boolean recovered = consecutiveFailures > 0;
        consecutiveFailures = 0;
        problem = null;
        metrics.fetched(true);
        if (recovered || old == null) {
            LOG.infof("JWKS at %s: %d usable signing key(s)", fetcher.url(), keys.size());
        }
        if (old != null) {
            Set<VerificationKey> removed = new HashSet<>(old.all());
            // Keys are rebuilt per fetch: a kid that survives keeps verifying, only its object is new.
            removed.removeIf(k -> k.kid() != null && fresh.byKid().containsKey(k.kid()) && k.sameAs(fresh.byKid().get(k.kid())));
            notifyRemoved(removed);
        }
        nextRefresh = reschedule(nextRefresh, this::refresh, ttl);
        expiry = reschedule(expiry, () -> expire(fresh), config.jwksMaxStale());
    }

    /** Runs when the last good keys reach the stale bound with no successful refresh since. */
    private void expire(Snapshot s) {
        if (snapshot.compareAndSet(s, null)) {
            LOG.errorf("JWKS at %s: no successful refresh for %s; dropping all keys, tokens now get 503",
                    fetcher.url(), config.jwksMaxStale());
            notifyRemoved(Set.copyOf(s.all()));
        }
    }

    private void notifyRemoved(Set<VerificationKey> removed) {
        if (removed.isEmpty()) {
            return;
        }
        for (Consumer<Set<VerificationKey>> listener : removalListeners) {
            listener.accept(removed);
        }
    }

    private void failed(String why) {
        problem = why;
        int failures = ++consecutiveFailures;
        metrics.fetched(false);
        Snapshot s = current();
        if (s == null) {
            LOG.warnf("JWKS at %s unavailable (%s) and no keys held: tokens get 503 until it answers", fetcher.url(), why);
        } else {
            LOG.warnf("JWKS at %s unavailable (%s): using the last good keys, fetched %d s ago", fetcher.url(), why,
                    (System.currentTimeMillis() - s.fetchedAtMillis()) / 1000);
        }
        long min = config.jwksRetryMin().toMillis();
        long delay = Math.min(config.jwksRetryMax().toMillis(), min << Math.min(20, failures - 1));
        nextRefresh = reschedule(nextRefresh, this::refresh, Duration.ofMillis(Math.max(min, delay)));
    }

    private ScheduledFuture<?> reschedule(ScheduledFuture<?> previous, Runnable task, Duration delay) {
        if (previous != null) {
            previous.cancel(false);
        }
        if (!started || scheduler.isShutdown()) {
            return null;
        }
        return scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** TTL from config, shortened by the response's {@code max-age}; never under the cooldown. */
    public Duration ttl(String cacheControl) {
        Duration ttl = config.jwksCacheTtl();
        if (cacheControl != null) {
            Matcher m = MAX_AGE.matcher(cacheControl);
            if (m.find()) {
                Duration maxAge = Duration.ofSeconds(Long.parseLong(m.group(1)));
                ttl = maxAge.compareTo(ttl) < 0 ? maxAge : ttl;
            } else if (NO_CACHE.matcher(cacheControl).find()) {
                ttl = Duration.ZERO;
            }
        }
        Duration floor = config.jwksRefetchCooldown();
        return ttl.compareTo(floor) < 0 ? floor : ttl;
    }

    public Status status() {
        Snapshot s = current();
        long now = System.currentTimeMillis();
        return new Status(fetcher.url(), s == null ? 0 : s.all().size(), s != null && now > s.freshUntilMillis(),
                s == null ? -1 : (now - s.fetchedAtMillis()) / 1000, problem);
    }

    /** Stops the refresh thread. */
    @PreDestroy
    public void stop() {
        scheduler.shutdownNow();
    }
}
