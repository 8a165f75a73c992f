package dev.warden.config;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Warden's own settings. Each key is filled from the environment names of the quickstart through
 * {@code application.properties}.
 */
@ConfigMapping(prefix = "warden")
public interface WardenConfig {

    Auth auth();

    interface Auth {
        /** Expected {@code iss}: the Better Auth base URL ({@code BETTER_AUTH_URL}). */
        String issuer();

        /** Expected {@code aud} ({@code JWT_AUDIENCE}); Better Auth's default audience is its base URL. */
        String audience();

        /** Where Better Auth publishes its public keys ({@code BETTER_AUTH_JWKS_URL}). */
        String jwksUrl();

        /** Signature algorithms a token may use ({@code JWT_ALGORITHMS}, comma separated). */
        @WithDefault("RS256")
        List<String> algorithms();

        /** How long fetched keys are trusted before a refresh ({@code JWKS_CACHE_TTL}, seconds). */
        @WithDefault("300s")
        Duration jwksCacheTtl();

        /** Upper bound for one JWKS request, so a hanging issuer cannot hang start-up or readiness. */
        @WithDefault("5s")
        Duration jwksTimeout();

        /** Stop start-up when the JWKS cannot be fetched or has no usable key (on in prod). */
        @WithDefault("true")
        boolean failFastOnJwks();

        /** Leeway for {@code exp}, {@code nbf} and {@code iat}, for clocks a little apart. */
        @WithDefault("30s")
        Duration clockSkew();

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

        /** Longest accepted token, in characters; longer ones are refused before any parsing. */
        @WithDefault("8192")
        int maxTokenLength();

        /** Verified tokens remembered (by SHA-256) so a token seen again skips signature work; 0 turns it off. */
        @WithDefault("10000")
        long tokenCacheSize();
    }
}
