package dev.warden.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.warden.config.WardenConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * Fetches the JWKS before the first request. In prod a missing or empty JWKS stops start-up, since every
 * request would be refused anyway; in dev and test it only warns, so the app can start before Better Auth.
 */
@ApplicationScoped
class JwksStartupCheck {

    private static final Logger LOG = Logger.getLogger(JwksStartupCheck.class);

    private final JwksProbe probe;
    private final boolean failFast;

    JwksStartupCheck(JwksProbe probe, WardenConfig config) {
        this.probe = probe;
        this.failFast = config.auth().failFastOnJwks();
    }

    void onStart(@Observes StartupEvent event) {
        JwksProbe.Result result = probe.probe();
        if (result.ok()) {
            LOG.infof("JWKS at %s: %d usable signing key(s)", result.url(), result.usableKeys());
            return;
        }
        String message = String.format("JWKS at %s is not usable (%s). Set BETTER_AUTH_JWKS_URL to the JWKS of a "
                + "running Better Auth with the JWT plugin (RS256), usually <BETTER_AUTH_URL>/api/auth/jwks.",
                result.url(), result.problem());
        if (failFast) {
            throw new IllegalStateException(message);
        }
        LOG.warn(message + " Starting anyway: tokens will be refused until it is reachable.");
    }
}
