package dev.warden.auth;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtContext;

import dev.warden.config.WardenConfig;
import dev.warden.errors.ApiException;
import dev.warden.errors.Causes;
import dev.warden.errors.ErrorCode;
import dev.warden.errors.Printable;
import dev.warden.sessions.EndedSessions;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The bearer-token path: {@link TokenPrecheck} (shape and header, no crypto) → {@link VerifiedTokenCache} → the key
 * its header names from {@link JwksRefresher} → <b>SmallRye JWT verifies signature and claims</b> with that key
 * ({@link JWTParser#verify(String, java.security.PublicKey)}, which applies every {@code mp.jwt.verify.*} /
 * {@code smallrye.jwt.*} setting) → {@link ExtraClaimRules}, the two rules SmallRye lacks (an {@code iat} in the
 * future, a blank {@code sub}).
 * <p>
 * Warden looks the key up itself, rather than giving SmallRye a key resolver, so that an unknown {@code kid} waits
 * for the (single-flight, rate-limited) JWKS fetch asynchronously instead of blocking a worker thread; with the key in
 * memory, {@link #verify} completes before it returns, on the event loop. Only keys that fit the token's allowed
 * {@code alg} are handed over, since SmallRye substitutes an algorithm of the key's family when none is configured.
 */
@ApplicationScoped
public class TokenVerifier {

    private static final Logger LOG = Logger.getLogger(TokenVerifier.class);

    private final TokenPrecheck precheck;
    private final JwksRefresher keys;
    private final JWTParser parser;
    private final VerifiedTokenCache cache;
    private final AuthMetrics metrics;
    private final ExtraClaimRules rules;
    private final EndedSessions sessions;

    /** Outside CDI (tests, benchmarks): no session ends. */
    public TokenVerifier(WardenConfig config, VerificationSettings settings, JwksRefresher keys, JWTParser parser,
            AuthMetrics metrics) {
        this(config, settings, keys, parser, metrics, new EndedSessions(config));
    }

    @Inject
    public TokenVerifier(WardenConfig config, VerificationSettings settings, JwksRefresher keys, JWTParser parser,
            AuthMetrics metrics, EndedSessions sessions) {
        this.sessions = sessions;
        this.precheck = new TokenPrecheck(settings.algorithms(), config.auth().maxTokenLength());
        this.keys = keys;
        this.parser = parser;
        this.metrics = metrics;
        this.rules = new ExtraClaimRules(settings.clockSkew(), config.auth().maxTokenLifetime());
        long size = config.auth().tokenCacheSize();
        this.cache = size <= 0 ? null : new VerifiedTokenCache(size, settings.clockSkew());
        if (cache != null) {
            keys.onKeysRemoved(cache::forget);
        }
    }

    /** Verifies {@code token}; the stage fails with an {@link ApiException} saying why. */
    public CompletionStage<JsonWebToken> verify(String token) {
        VerifiedTokenCache.Digest digest = null;
        if (cache != null && token != null) {
            digest = cache.digest(token);
            VerifiedTokenCache.Entry hit = cache.get(digest);
            if (hit != null && keys.isCurrent(hit.key())) {
                metrics.cacheHit();
                return completed(() -> open(hit.token(), null));
            }
            metrics.cacheMiss();
        }
        TokenPrecheck.Header header;
        try {
            header = precheck.check(token);
        } catch (TokenRefused e) {
            return CompletableFuture.failedFuture(refuse(e, null, null));
        }
        VerifiedTokenCache.Digest cacheKey = digest;
        KeySet snapshot = keys.current();
        List<VerificationKey> candidates = snapshot == null ? List.of() : snapshot.candidates(header);
        if (!candidates.isEmpty()) {
            return completed(() -> verify(token, header, candidates, cacheKey));
        }
        // Unknown kid, or no keys at all: one (shared, rate-limited) fetch, then decide.
        return keys.refreshOnDemand().thenApply(fresh -> {
            if (fresh == null) {
                throw new ApiException(ErrorCode.AUTH_UNAVAILABLE);
            }
            List<VerificationKey> after = fresh.candidates(header);
            if (after.isEmpty()) {
                throw refuse(Refusal.UNKNOWN_KEY, header.kid(), null);
            }
            return verify(token, header, after, cacheKey);
        });
    }

    /** A refusal whose reason says it all, counted and explained as below. */
    private TokenRefused refuse(Refusal reason, String kid, JwtClaims claims) {
        return refuse(new TokenRefused(reason, null), kid, claims);
    }

    /**
     * Counts and explains a refusal: with {@code DEBUG=true} one line with the reason and the token's kid, iss, aud
     * and sub (as the token claims them, signature checked or not), never the token itself.
     */
    TokenRefused refuse(TokenRefused refusal, String kid, JwtClaims claims) {
        metrics.refused(refusal.reason());
        if (LOG.isDebugEnabled()) {
            LOG.debugf("Token refused: %s (kid=%s, iss=%s, aud=%s, sub=%s)", refusal.reason().phrase(), printable(kid),
                    printable(claim(claims, "iss")), printable(claim(claims, "aud")), printable(claim(claims, "sub")));
        }
        return refusal;
    }

    private JsonWebToken verify(String token, TokenPrecheck.Header header, List<VerificationKey> candidates,
            VerifiedTokenCache.Digest cacheKey) {
        long start = System.nanoTime();
        try {
            for (int i = 0;; i++) {
                VerificationKey key = candidates.get(i);
                JsonWebToken verified;
                try {
                    verified = parser.verify(token, key.publicKey());
                } catch (ParseException e) {
                    InvalidJwtException invalid = Causes.find(e, InvalidJwtException.class);
                    Refusal reason = invalid == null ? Refusal.MALFORMED : Refusal.of(invalid);
                    if (reason == Refusal.SIGNATURE_INVALID && i + 1 < candidates.size()) {
                        continue; // a kid-less token: the next key of its family may be the one
                    }
                    throw refuse(reason, header.kid(), claims(invalid));
                }
                Refusal broken = rules.check(verified, System.currentTimeMillis() / 1000);
                if (broken != null) {
                    throw refuse(broken, header.kid(), null);
                }
                open(verified, header.kid());
                if (cacheKey != null && keys.isCurrent(key)) {
                    cache.put(cacheKey, new VerifiedTokenCache.Entry(verified, key, verified.getExpirationTime() * 1000));
                }
                return verified;
            }
        } finally {
            metrics.verified(System.nanoTime() - start);
        }
    }

    /**
     * The token, if the session it names is not known to have ended; checked on every request, cache hits
     * included, so a sign-out takes effect at once. 503 while Warden cannot rule out a session ended unheard.
     */
    private JsonWebToken open(JsonWebToken token, String kid) {
        return switch (sessions.of(token)) {
            case OPEN -> token;
            case ENDED -> throw refuse(Refusal.SESSION_ENDED, kid, null);
            case UNKNOWN -> throw new ApiException(ErrorCode.AUTH_UNAVAILABLE);
        };
    }

    private static JwtClaims claims(InvalidJwtException e) {
        JwtContext context = e == null ? null : e.getJwtContext();
        return context == null ? null : context.getJwtClaims();
    }

    private static Object claim(JwtClaims claims, String name) {
        return claims == null ? null : claims.getClaimValue(name);
    }

    /** At most 120 characters, control characters escaped: the values come from whoever sent the token. */
    private static String printable(Object value) {
        return value == null ? "-" : Printable.of(value.toString(), 120);
    }

    private static CompletionStage<JsonWebToken> completed(java.util.function.Supplier<JsonWebToken> work) {
        try {
            return CompletableFuture.completedFuture(work.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Cached verified tokens (for tests and metrics). */
    long cachedTokens() {
        return cache == null ? 0 : cache.size();
    }
}
