package dev.warden.auth;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;

import dev.warden.config.WardenConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The issuer's public keys and their whole lifecycle, the one place Warden fetches the JWKS:
 * <ul>
 * <li>keys are kept for {@code JWKS_CACHE_TTL} (or the response's {@code Cache-Control: max-age} when shorter) and
 * refreshed in the background, never by a request;</li>
 * <li>an unknown {@code kid} asks for a refresh at once, single-flight and at most once per cooldown;</li>
 * <li>a failing or garbage-serving endpoint keeps the last good keys in use for a bounded stale period, retried
 * with exponential backoff;</li>
 * <li>a key removed from the JWKS is forgotten on the next successful refresh (listeners hear of it).</li>
 * </ul>
 * Lookups read one volatile snapshot and never block; fetches run on the one refresh thread.
 */
@ApplicationScoped
public class JwksKeys {

    private static final Logger LOG = Logger.getLogger(JwksKeys.class);
    /** RSA keys shorter than this are refused: 1024-bit RSA is within reach of a determined attacker. */
    static final int MIN_RSA_BITS = 2048;
    /** A JWKS larger than this is garbage, not keys. */
    static final int MAX_JWKS_BYTES = 1 << 20;
    private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])max-age\\s*=\\s*\"?(\\d{1,9})");
    private static final Pattern NO_CACHE = Pattern.compile("(?:^|[,\\s])(no-store|no-cache)(?:$|[,\\s=])");

    /** One verification key, built once per fetch. */
    public record Key(String kid, String kty, String crv, String alg, PublicKey publicKey) {

        /** Whether this key may verify a token signed with {@code tokenAlg}: family and curve must match. */
        boolean fits(String tokenAlg) {
            if (alg != null && !alg.equals(tokenAlg)) {
                return false;
            }
            return switch (tokenAlg) {
                case "RS256", "RS384", "RS512" -> "RSA".equals(kty);
                case "ES256" -> "EC".equals(kty) && "P-256".equals(crv);
                case "ES384" -> "EC".equals(kty) && "P-384".equals(crv);
                case "ES512" -> "EC".equals(kty) && "P-521".equals(crv);
                case "EdDSA" -> "OKP".equals(kty) && ("Ed25519".equals(crv) || "Ed448".equals(crv));
                default -> false;
            };
        }
    }

    /** Keys of one successful fetch. */
    record Snapshot(Map<String, Key> byKid, List<Key> all, long fetchedAtMillis, long freshUntilMillis) {
    }

    /** What readiness and metrics report. */
    public record Status(String url, int keys, boolean stale, long ageSeconds, String problem, long fetches,
            long failures) {
        public boolean ready() {
            return keys > 0;
        }
    }

    private final WardenConfig.Auth config;
    private final List<String> algorithms;
    private final ScheduledExecutorService scheduler;
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<Snapshot>> inFlight = new AtomicReference<>();
    private final AtomicLong lastDemandFetchNanos = new AtomicLong(System.nanoTime() - TimeUnit.DAYS.toNanos(1));
    private final List<Consumer<Set<Key>>> removalListeners = new CopyOnWriteArrayList<>();
    private final Counter fetchSuccess;
    private final Counter fetchFailure;
    private final Counter demandFetches;
    private volatile String problem = "not fetched yet";
    private volatile int consecutiveFailures;
    private volatile ScheduledFuture<?> next;
    private volatile boolean started;

    public JwksKeys(WardenConfig config, MeterRegistry registry) {
        this.config = config.auth();
        this.algorithms = List.copyOf(this.config.algorithms());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "warden-jwks-refresh");
            t.setDaemon(true);
            return t;
        });
        this.fetchSuccess = Counter.builder("warden.jwks.fetches").tag("outcome", "success")
                .description("JWKS fetches").register(registry);
        this.fetchFailure = Counter.builder("warden.jwks.fetches").tag("outcome", "failure")
                .description("JWKS fetches").register(registry);
        this.demandFetches = Counter.builder("warden.jwks.demand.fetches")
                .description("JWKS fetches caused by an unknown kid or by having no keys").register(registry);
        Gauge.builder("warden.jwks.keys", this, k -> k.usable() == null ? 0 : k.usable().all().size())
                .description("Usable verification keys").register(registry);
        Gauge.builder("warden.jwks.stale", this, k -> k.status().stale() ? 1 : 0)
                .description("1 while the last good keys are past their TTL because refreshes fail").register(registry);
    }

    /** Fetches once and waits (start-up only, never on a request), then keeps refreshing in the background. */
    public Status start() {
        started = true;
        try {
            refresh().get(config.jwksTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // Recorded by refresh(); the background retry is already scheduled.
        }
        return status();
    }

    /** Called with the keys a refresh removed, so whatever was verified with them can be forgotten. */
    public void onKeysRemoved(Consumer<Set<Key>> listener) {
        removalListeners.add(listener);
    }

    /** The keys in use: the last good fetch while it is within the stale bound, else {@code null}. */
    Snapshot usable() {
        Snapshot s = snapshot.get();
        if (s == null) {
            return null;
        }
        if (System.currentTimeMillis() - s.fetchedAtMillis() > config.jwksMaxStale().toMillis()) {
            if (snapshot.compareAndSet(s, null)) {
                LOG.errorf("JWKS at %s: no successful refresh for %s; dropping all keys, tokens now get 503",
                        config.jwksUrl(), config.jwksMaxStale());
                notifyRemoved(Set.copyOf(s.all()));
            }
            return null;
        }
        return s;
    }

    /** Whether {@code key} is still published (a cached verification is only good while it is). */
    boolean isCurrent(Key key) {
        Snapshot s = usable();
        return s != null && (key.kid() == null ? s.all().contains(key) : s.byKid().get(key.kid()) == key);
    }

    /**
     * A refresh because a token named a key we do not have (or we have none): at once, shared by everyone
     * asking meanwhile, and at most once per cooldown; otherwise a completed future and no request.
     */
    CompletableFuture<Snapshot> refreshOnDemand() {
        CompletableFuture<Snapshot> running = inFlight.get();
        if (running != null) {
            return running;
        }
        long now = System.nanoTime();
        long last = lastDemandFetchNanos.get();
        if (now - last < config.jwksRefetchCooldown().toNanos() || !lastDemandFetchNanos.compareAndSet(last, now)) {
            return CompletableFuture.completedFuture(usable());
        }
        demandFetches.increment();
        return refresh();
    }

    /** Single-flight fetch; on success replaces the keys, on failure keeps them and schedules a retry. */
    CompletableFuture<Snapshot> refresh() {
        CompletableFuture<Snapshot> mine = new CompletableFuture<>();
        CompletableFuture<Snapshot> running = inFlight.compareAndExchange(null, mine);
        if (running != null) {
            return running;
        }
        // A plain HttpURLConnection on the refresh thread: no HttpClient to build (its selector and TLS set-up cost
        // most of a second at start-up), and the caller, an event loop included, only ever gets a future.
        scheduler.execute(() -> {
            try {
                fetch();
            } catch (RuntimeException e) {
                failed(e.getClass().getSimpleName());
            } finally {
                inFlight.set(null);
                mine.complete(usable());
            }
        });
        return mine;
    }

    private void fetch() {
        HttpURLConnection connection;
        try {
            connection = (HttpURLConnection) URI.create(config.jwksUrl()).toURL().openConnection();
        } catch (IllegalArgumentException | IOException e) {
            failed("invalid URL");
            return;
        }
        int timeout = (int) Math.min(Integer.MAX_VALUE, config.jwksTimeout().toMillis());
        connection.setConnectTimeout(timeout);
        connection.setReadTimeout(timeout);
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setRequestProperty("Accept", "application/json");
        try {
            int status = connection.getResponseCode();
            if (status != 200) {
                failed("HTTP " + status);
                return;
            }
            byte[] body;
            try (InputStream in = connection.getInputStream()) {
                body = in.readNBytes(MAX_JWKS_BYTES + 1);
            }
            if (body.length > MAX_JWKS_BYTES) {
                failed("JWKS over " + MAX_JWKS_BYTES + " bytes");
                return;
            }
            accept(new String(body, StandardCharsets.UTF_8), connection.getHeaderField("Cache-Control"));
        } catch (SocketTimeoutException e) {
            failed("timed out after " + config.jwksTimeout().toMillis() + " ms");
        } catch (IOException e) {
            failed(e.getClass().getSimpleName());
        } finally {
            connection.disconnect();
        }
    }

    private void accept(String body, String cacheControl) {
        List<Key> keys;
        try {
            keys = parse(body, algorithms);
        } catch (Exception e) {
            failed("not a JWKS document");
            return;
        }
        if (keys.isEmpty()) {
            failed("no usable signing key");
            return;
        }
        long now = System.currentTimeMillis();
        Duration ttl = ttl(cacheControl);
        Map<String, Key> byKid = new HashMap<>();
        for (Key key : keys) {
            if (key.kid() != null) {
                byKid.putIfAbsent(key.kid(), key);
            }
        }
        Snapshot fresh = new Snapshot(Map.copyOf(byKid), List.copyOf(keys), now, now + ttl.toMillis());
        Snapshot old = snapshot.getAndSet(fresh);
        boolean recovered = consecutiveFailures > 0;
        consecutiveFailures = 0;
        problem = null;
        fetchSuccess.increment();
        if (recovered || old == null) {
            LOG.infof("JWKS at %s: %d usable signing key(s)", config.jwksUrl(), keys.size());
        }
        if (old != null) {
            Set<Key> removed = new java.util.HashSet<>(old.all());
            // Keys are rebuilt per fetch: a kid that survives keeps verifying, only its Key object is new.
            removed.removeIf(k -> k.kid() != null && fresh.byKid().containsKey(k.kid())
                    && sameKey(k, fresh.byKid().get(k.kid())));
            if (!removed.isEmpty()) {
                notifyRemoved(removed);
            }
        }
        schedule(ttl);
    }

    private static boolean sameKey(Key a, Key b) {
        return a.publicKey().equals(b.publicKey()) && java.util.Objects.equals(a.alg(), b.alg());
    }

    private void notifyRemoved(Set<Key> removed) {
        for (Consumer<Set<Key>> listener : removalListeners) {
            listener.accept(removed);
        }
    }

    private void failed(String why) {
        problem = why;
        int failures = ++consecutiveFailures;
        fetchFailure.increment();
        Snapshot s = usable();
        if (s == null) {
            LOG.warnf("JWKS at %s unavailable (%s) and no keys held: tokens get 503 until it answers", config.jwksUrl(), why);
        } else {
            LOG.warnf("JWKS at %s unavailable (%s): using the last good keys, fetched %d s ago", config.jwksUrl(), why,
                    (System.currentTimeMillis() - s.fetchedAtMillis()) / 1000);
        }
        long min = config.jwksRetryMin().toMillis();
        long delay = Math.min(config.jwksRetryMax().toMillis(), min << Math.min(20, failures - 1));
        schedule(Duration.ofMillis(Math.max(min, delay)));
    }

    private synchronized void schedule(Duration delay) {
        if (!started || scheduler.isShutdown()) {
            return;
        }
        ScheduledFuture<?> previous = next;
        if (previous != null) {
            previous.cancel(false);
        }
        next = scheduler.schedule(this::refresh, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** TTL from config, shortened by the response's {@code max-age}; never under the cooldown. */
    Duration ttl(String cacheControl) {
        Duration ttl = config.jwksCacheTtl();
        if (cacheControl != null) {
            Matcher m = MAX_AGE.matcher(cacheControl);
            if (m.find()) {
                ttl = min(ttl, Duration.ofSeconds(Long.parseLong(m.group(1))));
            } else if (NO_CACHE.matcher(cacheControl).find()) {
                ttl = Duration.ZERO;
            }
        }
        Duration floor = config.jwksRefetchCooldown();
        return ttl.compareTo(floor) < 0 ? floor : ttl;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    public Status status() {
        Snapshot s = usable();
        long now = System.currentTimeMillis();
        return new Status(config.jwksUrl(), s == null ? 0 : s.all().size(), s != null && now > s.freshUntilMillis(),
                s == null ? -1 : (now - s.fetchedAtMillis()) / 1000, problem,
                (long) fetchSuccess.count(), (long) fetchFailure.count());
    }

    /** Every key Warden can verify with: a signing key of a supported type, curve and safe size, allowed alg. */
    static List<Key> parse(String json, List<String> algorithms) throws Exception {
        List<Key> keys = new ArrayList<>();
        for (JsonWebKey jwk : new JsonWebKeySet(json).getJsonWebKeys()) {
            Key key = toKey(jwk, algorithms);
            if (key != null) {
                keys.add(key);
            }
        }
        return keys;
    }

    private static Key toKey(JsonWebKey jwk, List<String> algorithms) {
        if (jwk.getUse() != null && !"sig".equals(jwk.getUse())) {
            return null;
        }
        String alg = jwk.getAlgorithm();
        if (alg != null && !algorithms.contains(alg)) {
            return null;
        }
        Key key;
        if (jwk instanceof RsaJsonWebKey rsa && rsa.getKey() instanceof RSAPublicKey pub) {
            if (pub.getModulus().bitLength() < MIN_RSA_BITS) {
                return null;
            }
            key = new Key(jwk.getKeyId(), "RSA", null, alg, pub);
        } else if (jwk instanceof EllipticCurveJsonWebKey ec) {
            key = new Key(jwk.getKeyId(), "EC", ec.getCurveName(), alg, ec.getPublicKey());
        } else if (jwk instanceof OctetKeyPairJsonWebKey okp) {
            key = new Key(jwk.getKeyId(), "OKP", okp.getSubtype(), alg, okp.getPublicKey());
        } else {
            return null; // symmetric or unknown key types never verify anything
        }
        return algorithms.stream().anyMatch(key::fits) ? key : null;
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
