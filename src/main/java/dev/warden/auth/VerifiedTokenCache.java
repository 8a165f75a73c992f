package dev.warden.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Tokens already verified, by the SHA-256 of their bytes, so a token seen again costs one hash instead of parsing
 * and a signature check. An entry lives until its {@code exp} plus the leeway (checked again on every hit) or until
 * its key leaves the JWKS; the size bound keeps a flood of distinct tokens from growing it: each entry holds the
 * parsed token (≈ 2.4 KB for a Better Auth token, measured by bench/cache-memory.sh), so the default 10,000
 * entries hold ≈ 23 MB.
 */
final class VerifiedTokenCache {

    /** A verified token and what it was verified with. */
    record Entry(JsonWebToken token, VerificationKey key, long expMillis) {
    }

    /** 256-bit digest as a compact map key. */
    record Digest(long a, long b, long c, long d) {
    }

    private final long skewMillis;
    private final Cache<Digest, Entry> cache;
    private final ThreadLocal<MessageDigest> sha256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    VerifiedTokenCache(long maximumSize, Duration skew) {
        this.skewMillis = skew.toMillis();
        this.cache = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfter(new Expiry<Digest, Entry>() {
                    @Override
                    public long expireAfterCreate(Digest key, Entry value, long currentTime) {
                        long left = value.expMillis() + skewMillis - System.currentTimeMillis();
                        return TimeUnit.MILLISECONDS.toNanos(Math.max(0, left));
                    }

                    @Override
                    public long expireAfterUpdate(Digest key, Entry value, long currentTime, long currentDuration) {
                        return expireAfterCreate(key, value, currentTime);
                    }

                    @Override
                    public long expireAfterRead(Digest key, Entry value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                // Maintenance on the calling thread: no ForkJoinPool task per write on a 2-core machine.
                .executor(Runnable::run)
                .build();
    }

    Digest digest(String token) {
        MessageDigest md = sha256.get();
        md.reset();
        // A header value is ISO-8859-1 already: one byte per character, no encoding work.
        ByteBuffer hash = ByteBuffer.wrap(md.digest(token.getBytes(StandardCharsets.ISO_8859_1)));
        return new Digest(hash.getLong(), hash.getLong(), hash.getLong(), hash.getLong());
    }

    /** The entry for this digest while its token is unexpired (leeway included); a read changes nothing. */
    Entry get(Digest digest) {
        Entry hit = cache.getIfPresent(digest);
        return hit != null && System.currentTimeMillis() < hit.expMillis() + skewMillis ? hit : null;
    }

    void put(Digest digest, Entry entry) {
        cache.put(digest, entry);
    }

    /** Drops whatever these keys verified: they are no longer published. */
    void forget(Set<VerificationKey> removed) {
        cache.asMap().values().removeIf(e -> removed.contains(e.key()));
    }

    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
