package dev.warden.auth;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import dev.warden.config.WardenConfig;
import dev.warden.errors.ApiException;
import dev.warden.errors.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;

/**
 * Verifies a Better Auth JWT with the keys {@link JwksKeys} holds: compact JWS only, an allow-listed asymmetric
 * {@code alg} whose key type and curve match, no {@code crit}/{@code zip}, header URLs ({@code jku}, {@code x5u},
 * {@code jwk}, {@code x5c}) ignored, then {@code iss}, {@code aud}, {@code sub}, {@code exp}, {@code nbf},
 * {@code iat} with the configured leeway. A verified token is remembered by its SHA-256 until its {@code exp}
 * (checked again on every hit) or until its key leaves the JWKS, so a token seen again costs one hash.
 * <p>
 * With the key in memory, {@link #verify} completes before it returns and never blocks; only an unknown
 * {@code kid} waits for a (single-flight, rate-limited) JWKS fetch, asynchronously.
 */
@ApplicationScoped
public class TokenVerifier {

    /** Algorithms Warden can verify at all; anything else in {@code JWT_ALGORITHMS} is ignored. */
    static final Set<String> SUPPORTED = Set.of("RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "EdDSA");
    private static final int MAX_KID_LENGTH = 256;
    private static final Base64.Decoder B64 = Base64.getUrlDecoder();

    /** A verified token: what a later request with the same bytes gets back. */
    record Verified(JsonWebToken token, JwksKeys.Key key, long expMillis) {
    }

    /** 256-bit digest as a compact map key. */
    record Digest(long a, long b, long c, long d) {
        static Digest of(byte[] h) {
            ByteBuffer buf = ByteBuffer.wrap(h);
            return new Digest(buf.getLong(), buf.getLong(), buf.getLong(), buf.getLong());
        }
    }

    private final WardenConfig.Auth config;
    private final JwksKeys keys;
    private final Set<String> algorithms;
    private final long skewMillis;
    private final int maxLength;
    private final Cache<Digest, Verified> cache;
    private final Timer verifyTimer;
    private final Counter hits;
    private final Counter misses;
    private final ThreadLocal<MessageDigest> sha256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });
    private final ThreadLocal<Map<String, Signature>> signatures = ThreadLocal.withInitial(HashMap::new);

    public TokenVerifier(WardenConfig config, JwksKeys keys, MeterRegistry registry) {
        this.config = config.auth();
        this.keys = keys;
        this.algorithms = Set.copyOf(this.config.algorithms().stream().filter(SUPPORTED::contains).toList());
        this.skewMillis = this.config.clockSkew().toMillis();
        this.maxLength = this.config.maxTokenLength();
        long size = this.config.tokenCacheSize();
        this.cache = size <= 0 ? null : Caffeine.newBuilder()
                .maximumSize(size)
                .expireAfter(new Expiry<Digest, Verified>() {
                    @Override
                    public long expireAfterCreate(Digest key, Verified value, long currentTime) {
                        long left = value.expMillis() + skewMillis - System.currentTimeMillis();
                        return TimeUnit.MILLISECONDS.toNanos(Math.max(0, left));
                    }

                    @Override
                    public long expireAfterUpdate(Digest key, Verified value, long currentTime, long currentDuration) {
                        return expireAfterCreate(key, value, currentTime);
                    }

                    @Override
                    public long expireAfterRead(Digest key, Verified value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .executor(Runnable::run)
                .build();
        this.verifyTimer = Timer.builder("warden.jwt.verify").description("Signature and claims verification of a token "
                + "not in the cache").publishPercentileHistogram().register(registry);
        this.hits = Counter.builder("warden.jwt.cache").tag("result", "hit").register(registry);
        this.misses = Counter.builder("warden.jwt.cache").tag("result", "miss").register(registry);
        keys.onKeysRemoved(this::forget);
    }

    /** Verifies {@code token}; the stage fails with an {@link ApiException} saying why. */
    public CompletionStage<JsonWebToken> verify(String token) {
        if (token == null || token.isEmpty() || token.length() > maxLength) {
            return failed(ErrorCode.INVALID_TOKEN);
        }
        Digest digest = null;
        if (cache != null) {
            digest = digest(token);
            Verified hit = cache.getIfPresent(digest);
            if (hit != null) {
                if (System.currentTimeMillis() < hit.expMillis() + skewMillis && keys.isCurrent(hit.key())) {
                    hits.increment();
                    return CompletableFuture.completedFuture(hit.token());
                }
                cache.invalidate(digest);
            }
            misses.increment();
        }
        Digest cacheKey = digest;
        try {
            Parsed parsed = parse(token);
            JwksKeys.Snapshot snapshot = keys.usable();
            List<JwksKeys.Key> candidates = candidates(snapshot, parsed);
            if (!candidates.isEmpty()) {
                return CompletableFuture.completedFuture(check(parsed, candidates, cacheKey));
            }
            // Unknown kid, or no keys at all: one (shared, rate-limited) fetch, then decide.
            return keys.refreshOnDemand().thenApply(fresh -> {
                if (fresh == null) {
                    throw new ApiException(ErrorCode.AUTH_UNAVAILABLE);
                }
                List<JwksKeys.Key> after = candidates(fresh, parsed);
                if (after.isEmpty()) {
                    throw new ApiException(ErrorCode.INVALID_TOKEN);
                }
                return check(parsed, after, cacheKey);
            });
        } catch (ApiException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static CompletionStage<JsonWebToken> failed(ErrorCode code) {
        return CompletableFuture.failedFuture(new ApiException(code));
    }

    private Digest digest(String token) {
        MessageDigest md = sha256.get();
        md.reset();
        byte[] bytes = new byte[token.length()];
        token.getBytes(0, token.length(), bytes, 0); // a header value is ISO-8859-1 already
        return Digest.of(md.digest(bytes));
    }

    private List<JwksKeys.Key> candidates(JwksKeys.Snapshot snapshot, Parsed parsed) {
        if (snapshot == null) {
            return List.of();
        }
        if (parsed.kid != null) {
            JwksKeys.Key key = snapshot.byKid().get(parsed.kid);
            return key != null && key.fits(parsed.alg) ? List.of(key) : List.of();
        }
        return snapshot.all().stream().filter(k -> k.fits(parsed.alg)).limit(4).toList();
    }

    /** The parts of a compact JWS, checked for shape and header before any key is looked up. */
    record Parsed(String raw, String alg, String kid, byte[] signingInput, byte[] signature, String payload) {
    }

    Parsed parse(String token) {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first <= 0 || second < 0 || token.indexOf('.', second + 1) >= 0 || second == token.length() - 1) {
            throw new ApiException(ErrorCode.INVALID_TOKEN); // not three non-empty parts: JWE, unsigned or garbage
        }
        Map<String, Object> header = json(utf8(decode(token.substring(0, first))));
        if (header.containsKey("crit") || header.containsKey("zip") || header.containsKey("enc")) {
            throw new ApiException(ErrorCode.INVALID_TOKEN);
        }
        if (!(header.get("alg") instanceof String alg) || !algorithms.contains(alg)) {
            throw new ApiException(ErrorCode.INVALID_TOKEN);
        }
        Object kid = header.get("kid");
        if (kid != null && (!(kid instanceof String k) || k.isEmpty() || k.length() > MAX_KID_LENGTH)) {
            throw new ApiException(ErrorCode.INVALID_TOKEN);
        }
        String payload = utf8(decode(token.substring(first + 1, second)));
        byte[] signature = decode(token.substring(second + 1));
        byte[] signingInput = new byte[second];
        token.getBytes(0, second, signingInput, 0);
        return new Parsed(token, alg, (String) kid, signingInput, signature, payload);
    }

    private JsonWebToken check(Parsed parsed, List<JwksKeys.Key> candidates, Digest cacheKey) {
        long start = System.nanoTime();
        try {
            JwksKeys.Key key = null;
            for (JwksKeys.Key candidate : candidates) {
                if (signatureValid(parsed, candidate)) {
                    key = candidate;
                    break;
                }
            }
            if (key == null) {
                throw new ApiException(ErrorCode.INVALID_TOKEN);
            }
            JwtClaims claims = claims(parsed.payload);
            long exp = checkClaims(claims);
            JsonWebToken token = new DefaultJWTCallerPrincipal(parsed.raw, "JWT", claims);
            if (cacheKey != null && keys.isCurrent(key)) {
                cache.put(cacheKey, new Verified(token, key, exp));
            }
            return token;
        } finally {
            verifyTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private boolean signatureValid(Parsed parsed, JwksKeys.Key key) {
        try {
            byte[] signature = parsed.signature;
            String jca;
            switch (parsed.alg) {
                case "RS256" -> jca = "SHA256withRSA";
                case "RS384" -> jca = "SHA384withRSA";
                case "RS512" -> jca = "SHA512withRSA";
                case "ES256", "ES384", "ES512" -> {
                    if (!ecSignatureInRange(signature, (ECPublicKey) key.publicKey())) {
                        return false;
                    }
                    jca = "SHA" + parsed.alg.substring(2) + "withECDSAinP1363Format";
                }
                case "EdDSA" -> jca = key.crv();
                default -> {
                    return false;
                }
            }
            Map<String, Signature> mine = signatures.get();
            Signature verifier = mine.get(jca);
            if (verifier == null) {
                verifier = Signature.getInstance(jca);
                mine.put(jca, verifier);
            }
            verifier.initVerify(key.publicKey());
            verifier.update(parsed.signingInput);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** r and s must each be in [1, n-1], the check CVE-2022-21449 ("psychic signatures") skipped. */
    static boolean ecSignatureInRange(byte[] signature, ECPublicKey key) {
        BigInteger n = key.getParams().getOrder();
        int size = (n.bitLength() + 7) / 8;
        if (signature.length != 2 * size) {
            return false;
        }
        BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(signature, 0, size));
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(signature, size, 2 * size));
        return r.signum() > 0 && s.signum() > 0 && r.compareTo(n) < 0 && s.compareTo(n) < 0;
    }

    private static JwtClaims claims(String payload) {
        try {
            return JwtClaims.parse(payload);
        } catch (Exception e) {
            throw new ApiException(ErrorCode.INVALID_TOKEN);
        }
    }

    /** Returns {@code exp} in milliseconds; throws when a claim is wrong, expiry last so only a good token is "expired". */
    private long checkClaims(JwtClaims claims) {
        try {
            long now = System.currentTimeMillis();
            if (!config.issuer().equals(claims.getIssuer())) {
                throw new ApiException(ErrorCode.INVALID_TOKEN);
            }
            if (!claims.hasAudience() || !claims.getAudience().contains(config.audience())) {
                throw new ApiException(ErrorCode.INVALID_TOKEN);
            }
            String sub = claims.getSubject();
            if (sub == null || sub.isBlank()) {
                throw new ApiException(ErrorCode.INVALID_TOKEN);
            }
            NumericDate nbf = claims.getNotBefore();
            if (nbf != null && nbf.getValueInMillis() > now + skewMillis) {
                throw new ApiException(ErrorCode.INVALID_TOKEN);
            }
            NumericDate iat = claims.getIssuedAt();
            if (iat != null && iat.getValueInMillis() > now + skewMillis) {
                throw new ApiException(ErrorCode.INVALID_TOKEN);
            }
            NumericDate exp = claims.getExpirationTime();
            if (exp == null) {
                throw new ApiException(ErrorCode.INVALID_TOKEN);
            }
            if (exp.getValueInMillis() + skewMillis <= now) {
                throw new ApiException(ErrorCode.TOKEN_EXPIRED);
            }
            return exp.getValueInMillis();
        } catch (org.jose4j.jwt.MalformedClaimException e) {
            throw new ApiException(ErrorCode.INVALID_TOKEN);
        }
    }

    private void forget(Set<JwksKeys.Key> removed) {
        if (cache != null) {
            cache.asMap().values().removeIf(v -> removed.contains(v.key()));
        }
    }

    /** Cached verified tokens (for tests and metrics). */
    long cachedTokens() {
        if (cache == null) {
            return 0;
        }
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private static byte[] decode(String part) {
        // Strict base64url: no padding, no '+' or '/', nothing the decoder would silently skip.
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                throw new ApiException(ErrorCode.INVALID_TOKEN);
            }
        }
        try {
            return B64.decode(part);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_TOKEN);
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new ApiException(ErrorCode.INVALID_TOKEN);
        }
    }

    private static Map<String, Object> json(String text) {
        try {
            return JsonUtil.parseJson(text);
        } catch (Exception e) {
            throw new ApiException(ErrorCode.INVALID_TOKEN);
        }
    }
}
