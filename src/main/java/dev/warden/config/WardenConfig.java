package dev.warden.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Warden's own settings, each with its one default here ({@code WARDEN_AUTH_*}, {@code WARDEN_TASKS_*} and
 * {@code WARDEN_RATE_LIMIT_*} in the environment). The rest of the configuration is {@code application.properties} (Quarkus, SmallRye JWT, profiles) and the few environment variables
 * {@link WardenEnvironment} translates.
 */
@ConfigMapping(prefix = "warden")
public interface WardenConfig {

    Auth auth();

    Sessions sessions();

    Tasks tasks();

    RateLimit rateLimit();

    /** What one account may hold. */
    interface Tasks {
        /** Most tasks one user may have; a create past it is refused with 409 {@code task_quota_exceeded}. */
        @WithDefault("10000")
        long maxPerUser();
    }

    /**
     * Per-user token buckets, kept in PostgreSQL so that every replica spends from the same ones. Writes and reads
     * have a bucket each; a bucket holds a minute's worth of requests and refills continuously, so a burst of a
     * minute's allowance passes and then the rate holds.
     */
    interface RateLimit {
        /** Off: no bucket is read or written, nothing is refused with 429. */
        @WithDefault("true")
        boolean enabled();

        /** Creates, replacements, patches, toggles and deletes one user may send per minute. */
        @WithDefault("600")
        long writesPerMinute();

        /** Lists and reads one user may send per minute. */
        @WithDefault("3000")
        long readsPerMinute();
    }

    /**
     * Warden's own side of token verification: the key lifecycle, the pre-check bound and the verified-token cache.
     * What a token must say (issuer, audience, algorithms, leeway) is SmallRye JWT's configuration, {@code mp.jwt.verify.*}.
     */
    interface Auth {
        /** How long fetched keys are trusted before a refresh ({@code JWKS_CACHE_TTL}: a bare number is seconds). */
        @WithDefault("${JWKS_CACHE_TTL:300s}")
        Duration jwksCacheTtl();

        /** Upper bound for one JWKS request, so a hanging issuer cannot hang start-up or readiness. */
        @WithDefault("5s")
        Duration jwksTimeout();

        /** Stop start-up when the JWKS cannot be fetched or has no usable key (on in prod). */
        @WithDefault("true")
        boolean failFastOnJwks();

        /**
         * Keep the last good JWKS in the database and, when the JWKS yields no usable key at start, start from it while
         * it is younger than {@link #jwksMaxStale()}; off: every start needs the issuer.
         */
        @WithDefault("true")
        boolean storeJwks();

        /** Least time between two fetches caused by an unknown {@code kid}, so a flood of random kids costs one fetch. */
        @WithDefault("10s")
        Duration jwksRefetchCooldown();

        /** How long the last good keys stay in use while the JWKS endpoint fails, before tokens get 503. */
        @WithDefault("24h")
        Duration jwksMaxStale();

        /** First retry delay after a failed JWKS fetch; doubles per failure up to {@link #jwksRetryMax()}. */
        @WithDefault("1s")
        Duration jwksRetryMin();

        /** Longest delay between two background retries of a failing JWKS endpoint. */
        @WithDefault("60s")
        Duration jwksRetryMax();

        /**
         * Refuse to start with a plain-http {@code BETTER_AUTH_URL} or {@code BETTER_AUTH_JWKS_URL} to a host other
         * than loopback: whoever answers a plain-http JWKS fetch could publish a key and sign tokens for any user.
         */
        @WithDefault("true")
        boolean requireHttps();

        /**
         * Longest a token may still have to live: one whose {@code exp} is further ahead is refused. Better Auth's
         * tokens live 15 minutes; a token good for years is a leaked signing key's or a misconfigured issuer's.
         */
        @WithDefault("1d")
        Duration maxTokenLifetime();

        /** Longest accepted token, in characters; longer ones are refused before any parsing. */
        @WithDefault("8192")
        int maxTokenLength();

        /** Verified tokens remembered (by SHA-256) so a token seen again skips signature work; 0 turns it off. */
        @WithDefault("10000")
        long tokenCacheSize();
    }

    /**
     * Sessions that Better Auth ended (sign-out, revocation) and whose tokens Warden therefore refuses, learnt through
     * PostgreSQL's LISTEN/NOTIFY with no query per request. Tokens without a {@code sid} claim are not affected.
     */
    interface Sessions {
        /** Listen for ended sessions and refuse their tokens. */
        @WithDefault("true")
        boolean enabled();

        /** The frontend's schema ({@code AUTH_DB_SCHEMA} there), whose {@code session} table Warden watches. */
        @WithDefault("auth")
        String schema();

        /** How long the listener may be disconnected before readiness reports it and {@link #whenListenerDown()} applies. */
        @WithDefault("30s")
        Duration listenerMaxDown();

        /** What tokens get once the listener has been down longer than {@link #listenerMaxDown()}. */
        @WithDefault("refuse-older")
        WhenListenerDown whenListenerDown();
    }

    /** Tokens while Warden cannot hear of ended sessions. */
    enum WhenListenerDown {
        /** Tokens issued before the listener went down get 503: a session ended meanwhile cannot be ruled out. */
        REFUSE_OLDER,
        /** Every token is judged as usual; a session ended meanwhile is refused once the listener is back. */
        ACCEPT
    }
}
