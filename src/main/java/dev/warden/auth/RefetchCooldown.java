package dev.warden.auth;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * At most one fetch per cooldown on demand (a token naming a key Warden does not hold), whoever asks and however
 * often: an anonymous client can send unknown kids as fast as it likes, the issuer sees one fetch per cooldown.
 */
final class RefetchCooldown {

    private final long cooldownNanos;
    private final AtomicLong lastNanos;
    private final AtomicLong passed = new AtomicLong();

    RefetchCooldown(Duration cooldown) {
        this.cooldownNanos = cooldown.toNanos();
        this.lastNanos = new AtomicLong(System.nanoTime() - cooldownNanos);
    }

    /** Whether a fetch may start now; true for one caller per cooldown. */
    boolean tryPass() {
        long now = System.nanoTime();
        long last = lastNanos.get();
        if (now - last < cooldownNanos || !lastNanos.compareAndSet(last, now)) {
            return false;
        }
        passed.incrementAndGet();
        return true;
    }

    /** Fetches let through so far. */
    long passed() {
        return passed.get();
    }
}
