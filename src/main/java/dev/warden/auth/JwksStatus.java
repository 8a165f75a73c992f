package dev.warden.auth;

/**
 * What readiness, the start-up check and the doctor report about the keys in use.
 *
 * @param url the JWKS URL
 * @param keys usable keys held (0: tokens get 503)
 * @param stale whether the keys are past their TTL because refreshes fail
 * @param ageSeconds age of the keys in use, -1 when there are none
 * @param problem why the last fetch failed, or null after a success
 */
public record JwksStatus(String url, int keys, boolean stale, long ageSeconds, String problem) {

    static JwksStatus of(String url, KeySet keys, String problem) {
        return new JwksStatus(url, keys == null ? 0 : keys.all().size(), keys != null
                && System.currentTimeMillis() > keys.freshUntilMillis(), keys == null ? -1 : keys.ageSeconds(), problem);
    }

    public boolean ready() {
        return keys > 0;
    }
}
