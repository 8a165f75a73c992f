package dev.warden.auth;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The usable keys of one successful JWKS fetch and the choice of key for a token, immutable (the part jose4j's
 * {@code VerificationKeyResolver} plays): the key its {@code kid} names, if it fits the token's algorithm; for a
 * token without {@code kid}, a few keys of its family.
 *
 * @param byKid the keys that have a {@code kid} (the first one wins when a kid repeats)
 * @param all every usable key, in document order
 * @param fetchedAtMillis when the fetch answered
 * @param freshUntilMillis until when no refresh is due (the TTL); past it the keys are stale but still used
 */
public record KeySet(Map<String, VerificationKey> byKid, List<VerificationKey> all, long fetchedAtMillis,
        long freshUntilMillis) {

    /** A header without a {@code kid} may be tried against this many keys of its family, no more. */
    private static final int MAX_KIDLESS_CANDIDATES = 4;

    static KeySet of(List<VerificationKey> keys, long fetchedAtMillis, long freshUntilMillis) {
        Map<String, VerificationKey> byKid = new HashMap<>();
        for (VerificationKey key : keys) {
            if (key.kid() != null) {
                byKid.putIfAbsent(key.kid(), key);
            }
        }
        return new KeySet(Map.copyOf(byKid), List.copyOf(keys), fetchedAtMillis, freshUntilMillis);
    }

    /** Seconds since the fetch that published these keys. */
    long ageSeconds() {
        return (System.currentTimeMillis() - fetchedAtMillis) / 1000;
    }

    /** The keys a token with this header may be verified with: the one its kid names, if it fits. */
    List<VerificationKey> candidates(TokenPrecheck.Header header) {
        if (header.kid() != null) {
            VerificationKey key = byKid.get(header.kid());
            return key != null && key.fits(header.algorithm()) ? List.of(key) : List.of();
        }
        return all.stream().filter(k -> k.fits(header.algorithm())).limit(MAX_KIDLESS_CANDIDATES).toList();
    }

    /** Whether {@code key} (by what it is, not which fetch built it) is in this set, under its kid. */
    boolean contains(VerificationKey key) {
        return key.kid() == null ? all.contains(key) : key.equals(byKid.get(key.kid()));
    }

    /** The keys of this set that {@code next} no longer holds. */
    Set<VerificationKey> removedIn(KeySet next) {
        Set<VerificationKey> removed = new HashSet<>(all);
        removed.removeIf(next::contains);
        return removed;
    }
}
