package dev.warden.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.warden.config.Command;
import dev.warden.config.WardenConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Fetches the JWKS before the first request and starts the background refresh. In prod a missing or empty JWKS
 * stops start-up (fail-fast); with fail-fast off Warden starts anyway, answers 503 {@code auth_unavailable} to
 * tokens while it has no key, and picks the keys up by itself once the issuer answers.
 */
@ApplicationScoped
class JwksStartupCheck {

    private static final Logger LOG = Logger.getLogger(JwksStartupCheck.class);

    private final JwksRefresher keys;
    private final boolean failFast;

    JwksStartupCheck(JwksRefresher keys, WardenConfig config) {
        this.keys = keys;
        this.failFast = config.auth().failFastOnJwks();
    }

    void onStart(@Observes StartupEvent event) {
        JwksStatus status = keys.start();
        if (status.ready() || Command.isDoctor()) {
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
}
