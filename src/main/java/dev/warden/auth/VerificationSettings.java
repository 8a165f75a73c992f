package dev.warden.auth;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.warden.config.Loopback;
import dev.warden.config.WardenConfig;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/**
 * What SmallRye JWT was configured with ({@code mp.jwt.verify.*}, {@code smallrye.jwt.*}), read once, in the form
 * Warden's own steps need it: the key fetcher its URL, the header pre-check its allow-list, the cache and the
 * {@code iat} rule its leeway. Reading SmallRye's {@link JWTAuthContextInfo} rather than keys of our own keeps one
 * source of truth: a setting changed for SmallRye changes Warden's steps with it. A configuration Warden cannot
 * honour stops start-up with a message naming the environment variables to fix.
 */
@Singleton
public class VerificationSettings {

    private final String issuer;
    private final Set<String> audiences;
    private final String jwksUrl;
    private final Set<Algorithm> algorithms;
    private final Duration clockSkew;

    @Inject
    VerificationSettings(JWTAuthContextInfo info, WardenConfig config) {
        this(info, config.auth().requireHttps());
    }

    /** The settings of {@code info}, refusing plain-http URLs to other hosts when {@code requireHttps}. */
    public VerificationSettings(JWTAuthContextInfo info, boolean requireHttps) {
        List<String> problems = new ArrayList<>();
        issuer = info.getIssuedBy();
        if (issuer == null || issuer.isBlank()) {
            problems.add("no expected issuer: set BETTER_AUTH_URL to the Better Auth base URL (the tokens' iss)");
        } else if (requireHttps && plainHttpElsewhere(issuer)) {
            problems.add("BETTER_AUTH_URL is plain http to a host other than this machine (" + issuer + "): the keys "
                    + "are fetched from it unless BETTER_AUTH_JWKS_URL says otherwise, and whoever answers a plain-http "
                    + "request can publish a key and sign tokens for any user; use https");
        }
        audiences = info.getExpectedAudience() == null ? Set.of() : Set.copyOf(info.getExpectedAudience());
        if (audiences.isEmpty() || audiences.stream().anyMatch(String::isBlank)) {
            problems.add("no expected audience: set JWT_AUDIENCE to the URL clients call Warden at, the same value as "
                    + "the frontend's NEXT_PUBLIC_API_URL, which Better Auth puts into every token's aud");
        }
        jwksUrl = info.getPublicKeyLocation();
        if (jwksUrl == null || !(jwksUrl.startsWith("http://") || jwksUrl.startsWith("https://"))) {
            problems.add("no JWKS URL: set BETTER_AUTH_JWKS_URL (or BETTER_AUTH_URL, whose /api/auth/jwks is the "
                    + "default) to an http(s) URL");
        } else if (requireHttps && plainHttpElsewhere(jwksUrl)) {
            problems.add("BETTER_AUTH_JWKS_URL is plain http to a host other than this machine (" + jwksUrl + "): "
                    + "whoever answers a plain-http fetch can publish a key and sign tokens for any user; use https "
                    + "(plain http is allowed to 127.0.0.0/8, ::1 and localhost only)");
        }
        EnumSet<Algorithm> allowed = EnumSet.noneOf(Algorithm.class);
        for (SignatureAlgorithm configured : info.getSignatureAlgorithm()) {
            Algorithm algorithm = Algorithm.of(configured);
            if (algorithm == null) {
                problems.add("JWT_ALGORITHMS lists " + configured.getAlgorithm() + ", which needs a shared secret; "
                        + "Warden verifies with the issuer's public keys only (" + names(EnumSet.allOf(Algorithm.class)) + ")");
            } else {
                allowed.add(algorithm);
            }
        }
        algorithms = Set.copyOf(allowed);
        // SmallRye hands jose4j the grace period when one is set, else the clock skew: the same leeway everywhere.
        clockSkew = Duration.ofSeconds(info.getExpGracePeriodSecs() > 0 ? info.getExpGracePeriodSecs() : info.getClockSkew());
        if (!problems.isEmpty()) {
            // Quarkus prints a ConfigurationException as its message alone: the operator sees what to fix, not a stack.
            throw new ConfigurationException("Token verification is misconfigured: " + String.join("; ", problems));
        }
    }

    /** Expected {@code iss} ({@code mp.jwt.verify.issuer}). */
    public String issuer() {
        return issuer;
    }

    /** Accepted {@code aud} values ({@code mp.jwt.verify.audiences}). */
    public Set<String> audiences() {
        return audiences;
    }

    /** The JWKS Warden fetches ({@code mp.jwt.verify.publickey.location}). */
    public String jwksUrl() {
        return jwksUrl;
    }

    /** The allow-list ({@code mp.jwt.verify.publickey.algorithm}). */
    public Set<Algorithm> algorithms() {
        return algorithms;
    }

    /** Leeway for {@code exp}, {@code nbf} and {@code iat} ({@code mp.jwt.verify.clock.skew}). */
    public Duration clockSkew() {
        return clockSkew;
    }

    /** The allow-list as an operator writes it, e.g. {@code RS256,EdDSA}. */
    public String algorithmNames() {
        return names(algorithms);
    }

    /** An {@code http://} URL whose host is not {@link Loopback loopback} (a URL without a readable host is not). */
    static boolean plainHttpElsewhere(String url) {
        if (!url.regionMatches(true, 0, "http://", 0, 7)) {
            return false;
        }
        try {
            return !Loopback.isLoopback(URI.create(url).getHost());
        } catch (IllegalArgumentException e) {
            return true; // not a URL Warden can read: not one it can call loopback either
        }
    }

    private static String names(Set<Algorithm> algorithms) {
        return algorithms.stream().sorted().map(Algorithm::jwa).collect(Collectors.joining(","));
    }
}
