package dev.warden.auth;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.warden.config.Command;
import dev.warden.config.WardenConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Fetches the JWKS before the first request and starts the background refresh. When the JWKS yields no usable key
 * at start, Warden starts from the last good keys any replica stored ({@link LastGoodKeys}) if they are younger than
 * the stale bound, as a running Warden keeps its keys through an outage; without them, in prod, start-up stops
 * (fail-fast); with fail-fast off Warden starts anyway, answers 503 {@code auth_unavailable} to tokens while it has no
 * key, and picks the keys up by itself once the issuer answers.
 */
@ApplicationScoped
class JwksStartupCheck {

    private static final Logger LOG = Logger.getLogger(JwksStartupCheck.class);

    private final JwksRefresher keys;
    private final LastGoodKeys store;
    private final boolean failFast;
    private final boolean stored;
    private final Duration maxStale;

    JwksStartupCheck(JwksRefresher keys, LastGoodKeys store, WardenConfig config) {
        this.keys = keys;
        this.store = store;
        this.failFast = config.auth().failFastOnJwks();
        this.stored = config.auth().storeJwks();
        this.maxStale = config.auth().jwksMaxStale();
    }

    void onStart(@Observes StartupEvent event) {
        if (stored && !Command.isDoctor()) { // the doctor only reads
            keys.onFetched(document -> store.save(keys.status().url(), document.body(), System.currentTimeMillis()));
        }
        JwksStatus status = keys.start();
        if (status.ready() || (stored && startFromStoredKeys(status)) || Command.isDoctor()) {
            return; // the doctor reports an unusable JWKS itself, step by step
        }
        String message = String.format("JWKS at %s is not usable (%s). Set BETTER_AUTH_JWKS_URL to the JWKS of a "
                + "running Better Auth with the JWT plugin, usually <BETTER_AUTH_URL>/api/auth/jwks, and JWT_ALGORITHMS "
                + "to its key's algorithm.", status.url(), status.problem());
        if (failFast) {
            throw new ConfigurationException(message); // printed as the message alone, no stack trace
        }
        LOG.warn(message + " Starting anyway: tokens get 503 until it is reachable; retrying in the background.");
    }

    private boolean startFromStoredKeys(JwksStatus status) {
        LastGoodKeys.Stored stored = store.load(status.url()).orElse(null);
        if (stored == null) {
            return false;
        }
        long age = System.currentTimeMillis() - stored.fetchedAtMillis();
        boolean young = age < maxStale.toMillis();
        try {
            if (young && keys.startFrom(stored.document(), stored.fetchedAtMillis())) {
                LOG.warnf("JWKS at %s is not usable (%s): starting from the keys fetched %d s ago (stored in the "
                        + "database, younger than WARDEN_AUTH_JWKS_MAX_STALE=%s); readiness reports them stale until a "
                        + "refresh succeeds, retrying in the background", status.url(), status.problem(), age / 1000, maxStale);
                return true;
            }
        } catch (org.jose4j.lang.JoseException e) {
            LOG.warnf("JWKS at %s: the stored keys do not parse (%s)", status.url(), e.getMessage());
            return false;
        }
        if (!young) {
            LOG.warnf("JWKS at %s: the stored keys were fetched %d s ago, beyond WARDEN_AUTH_JWKS_MAX_STALE=%s: not used",
                    status.url(), age / 1000, maxStale);
        }
        return false;
    }
}
