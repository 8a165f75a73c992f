package dev.warden.auth;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.jose4j.lang.JoseException;

import dev.warden.config.WardenConfig;

/**
 * Keeps the {@link KeySet} in use current; the one place Warden fetches the JWKS ({@link JwksFetcher}, judged by
 * {@link KeyPolicy}). Keys are refreshed in the background when their TTL runs out, never by a request; an unknown
 * {@code kid} asks for a refresh at once, single-flight and at most once per cooldown; a failing endpoint leaves the
 * last good keys in use for a bounded stale period, retried with exponential back-off, then they are dropped (503);
 * a key removed from the JWKS is forgotten on the next successful refresh (listeners hear of it). Reads change
 * nothing; fetches, expiry, logging and listeners run on the {@link RefreshThread}.
 */
@ApplicationScoped
public class JwksRefresher {

    private static final Logger LOG = Logger.getLogger(JwksRefresher.class);

    private final WardenConfig.Auth config;
    private final JwksFetcher fetcher;
    private final KeyPolicy policy;
    private final RefreshThread thread = new RefreshThread();
    private final AtomicReference<KeySet> keys = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<KeySet>> inFlight = new AtomicReference<>();
    private final RefetchCooldown onDemand;
    private final AtomicLong fetchSuccesses = new AtomicLong();
    private final AtomicLong fetchFailures = new AtomicLong();
    private final List<Consumer<Set<VerificationKey>>> removalListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<JwksFetcher.Document>> fetchListeners = new CopyOnWriteArrayList<>();
    private volatile String problem = "not fetched yet";
    private int consecutiveFailures; // touched by the refresh thread only

    public JwksRefresher(WardenConfig config, VerificationSettings settings) {
        this.config = config.auth();
        this.fetcher = new JwksFetcher(settings.jwksUrl(), this.config.jwksTimeout());
        this.policy = new KeyPolicy(settings.algorithms());
        this.onDemand = new RefetchCooldown(this.config.jwksRefetchCooldown());
    }

    /** Fetches once and waits (start-up only, never on a request), then keeps refreshing in the background. */
    public JwksStatus start() {
        thread.start();
        try {
            refresh().get(config.jwksTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (Exception e) { // recorded by the fetch; the background retry is already scheduled
        }
        return status();
    }

    /** Called on the refresh thread with the keys a refresh removed, so whatever they verified can be forgotten. */
    void onKeysRemoved(Consumer<Set<VerificationKey>> listener) {
        removalListeners.add(listener);
    }

    /** Called on the refresh thread with every document that yielded usable keys. */
    void onFetched(Consumer<JwksFetcher.Document> listener) {
        fetchListeners.add(listener);
    }

    /** With no keys held, those of a document fetched earlier: stale, dropped at the bound, replaced by a refresh. */
    boolean startFrom(String document, long fetchedAtMillis) throws JoseException {
        KeySet stored = KeySet.of(KeyPolicy.usable(policy.judge(document)), fetchedAtMillis, fetchedAtMillis);
        boolean taken = !stored.all().isEmpty() && keys.compareAndSet(null, stored);
        if (taken) {
            Duration left = config.jwksMaxStale().minusMillis(System.currentTimeMillis() - fetchedAtMillis);
            thread.execute(() -> thread.expireIn(left, () -> expire(stored)));
        }
        return taken;
    }

    /** The keys in use: the last good fetch while it is within the stale bound, else {@code null}. */
    public KeySet current() {
        KeySet s = keys.get();
        return s == null || System.currentTimeMillis() - s.fetchedAtMillis() > config.jwksMaxStale().toMillis() ? null : s;
    }

    /** Whether {@code key} is still published (a cached verification is only good while it is). */
    boolean isCurrent(VerificationKey key) {
        KeySet s = current();
        return s != null && s.contains(key);
    }

    /** A refresh for a token naming a key not held: at once, single-flight, at most once per cooldown. */
    CompletableFuture<KeySet> refreshOnDemand() {
        CompletableFuture<KeySet> running = inFlight.get();
        if (running != null) {
            return running;
        }
        return onDemand.tryPass() ? refresh() : CompletableFuture.completedFuture(current());
    }

    /** Single-flight fetch on the refresh thread; the caller, an event loop included, only ever gets a future. */
    CompletableFuture<KeySet> refresh() {
        CompletableFuture<KeySet> mine = new CompletableFuture<>();
        CompletableFuture<KeySet> running = inFlight.compareAndExchange(null, mine);
        if (running != null) {
            return running;
        }
        thread.execute(() -> {
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
        List<KeyPolicy.Verdict> verdicts;
        try {
            verdicts = policy.judge(document.body());
        } catch (Exception e) {
            failed("not a JWKS document");
            return;
        }
        List<VerificationKey> usable = KeyPolicy.usable(verdicts);
        if (usable.isEmpty()) {
            failed("no usable signing key" + (verdicts.isEmpty() ? "" : ": " + policy.whyNone(verdicts)));
            return;
        }
        long now = System.currentTimeMillis();
        Duration ttl = JwksFetcher.ttl(document.cacheControl(), config.jwksCacheTtl(), config.jwksRefetchCooldown());
        KeySet fresh = KeySet.of(usable, now, now + ttl.toMillis());
        KeySet old = keys.getAndSet(fresh);
        fetchSuccesses.incrementAndGet();
        if (consecutiveFailures > 0 || old == null) {
            LOG.infof("JWKS at %s: %d usable signing key(s)", fetcher.url(), usable.size());
        }
        consecutiveFailures = 0;
        problem = null;
        fetchListeners.forEach(listener -> listener.accept(document));
        notifyRemoved(old == null ? Set.of() : old.removedIn(fresh));
        thread.refreshIn(ttl, this::refresh);
        thread.expireIn(config.jwksMaxStale(), () -> expire(fresh));
    }

    /** Runs when the last good keys reach the stale bound with no successful refresh since. */
    private void expire(KeySet s) {
        if (keys.compareAndSet(s, null)) {
            LOG.errorf("JWKS at %s: no successful refresh for %s; dropping all keys, tokens now get 503",
                    fetcher.url(), config.jwksMaxStale());
            notifyRemoved(Set.copyOf(s.all()));
        }
    }

    private void notifyRemoved(Set<VerificationKey> removed) {
        if (!removed.isEmpty()) {
            removalListeners.forEach(listener -> listener.accept(removed));
        }
    }

    private void failed(String why) {
        problem = why;
        fetchFailures.incrementAndGet();
        KeySet s = current();
        LOG.warnf("JWKS at %s unavailable (%s)%s", fetcher.url(), why, s == null ? " and no keys held: tokens get 503 "
                + "until it answers" : ": using the last good keys, fetched " + s.ageSeconds() + " s ago");
        thread.retryIn(consecutiveFailures++, config.jwksRetryMin(), config.jwksRetryMax(), this::refresh);
    }

    JwksStatus status() {
        return JwksStatus.of(fetcher.url(), current(), problem);
    }

    /** Fetches so far: successful ({@code true}) or failed. */
    long fetches(boolean success) {
        return (success ? fetchSuccesses : fetchFailures).get();
    }

    long demandFetches() {
        return onDemand.passed();
    }

    @PreDestroy
    void stop() {
        thread.stop();
    }
}
