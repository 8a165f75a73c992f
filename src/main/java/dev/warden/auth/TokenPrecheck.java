package dev.warden.auth;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import org.jose4j.json.JsonUtil;

/**
 * The checks that cost no cryptography and need no key, run before either: a compact JWS of bounded size, strict
 * base64url (no padding, no characters a lenient decoder would skip), a header that is strict UTF-8 JSON (no
 * duplicate members), an {@code alg} on the allow-list, and no {@code crit}, {@code zip} or {@code enc} (Better Auth
 * uses none; refusing them is cheaper than reasoning about them). Header URLs ({@code jku}, {@code x5u}) and embedded
 * keys ({@code jwk}, {@code x5c}) are never read: keys come from the configured JWKS only.
 */
public final class TokenPrecheck {

    /** The header facts the key lookup needs. */
    public record Header(Algorithm algorithm, String kid) {
    }

    static final int MAX_KID_LENGTH = 256;
    private static final Base64.Decoder B64 = Base64.getUrlDecoder();

    private final Set<Algorithm> allowed;
    private final int maxLength;

    /** Pre-checks for the allowed algorithms and the longest accepted token. */
    public TokenPrecheck(Set<Algorithm> allowed, int maxLength) {
        this.allowed = Set.copyOf(allowed);
        this.maxLength = maxLength;
    }

    /** The header facts of a token that passes every pre-check; else a {@link TokenRefused} saying which failed. */
    public Header check(String token) {
        if (token == null || token.isEmpty()) {
            throw new TokenRefused(Refusal.MALFORMED, "empty");
        }
        if (token.length() > maxLength) {
            throw new TokenRefused(Refusal.MALFORMED, "longer than " + maxLength + " characters");
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first <= 0 || second <= first + 1 || second == token.length() - 1 || token.indexOf('.', second + 1) >= 0) {
            // JWE (five parts), unsigned (empty signature) or garbage.
            throw new TokenRefused(Refusal.MALFORMED, "not three non-empty parts separated by dots");
        }
        requireBase64Url(token, 0, first, "header");
        requireBase64Url(token, first + 1, second, "payload");
        requireBase64Url(token, second + 1, token.length(), "signature");
        Map<String, Object> header = json(utf8(B64.decode(token.substring(0, first))));
        String refused = header.containsKey("crit") ? "crit" : header.containsKey("zip") ? "zip"
                : header.containsKey("enc") ? "enc" : null;
        if (refused != null) {
            throw new TokenRefused(Refusal.MALFORMED, "header has \"" + refused + "\"");
        }
        if (!(header.get("alg") instanceof String name)) {
            throw new TokenRefused(Refusal.MALFORMED, "header has no \"alg\" string");
        }
        Algorithm algorithm = Algorithm.byJwa(name);
        if (algorithm == null || !allowed.contains(algorithm)) {
            throw new TokenRefused(Refusal.ALGORITHM_NOT_ALLOWED, algorithm == null
                    ? "\"alg\" is not a public-key algorithm Warden knows" : "\"alg\" is not in JWT_ALGORITHMS");
        }
        Object kid = header.get("kid");
        if (kid != null && (!(kid instanceof String k) || k.isEmpty() || k.length() > MAX_KID_LENGTH)) {
            throw new TokenRefused(Refusal.MALFORMED, "\"kid\" is not a string of 1 to " + MAX_KID_LENGTH + " characters");
        }
        return new Header(algorithm, (String) kid);
    }

    /** Only the base64url alphabet, and a length that encodes whole bytes (never 1 mod 4). */
    private static void requireBase64Url(String token, int from, int to, String part) {
        if ((to - from) % 4 == 1) {
            throw new TokenRefused(Refusal.MALFORMED, "the " + part + " has a length no base64url encoding has");
        }
        for (int i = from; i < to; i++) {
            char c = token.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                throw new TokenRefused(Refusal.MALFORMED, "the " + part + " has a character outside base64url (no padding)");
            }
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new TokenRefused(Refusal.MALFORMED, "the header is not UTF-8");
        }
    }

    private static Map<String, Object> json(String text) {
        try {
            return JsonUtil.parseJson(text); // refuses duplicate member names
        } catch (Exception e) {
            throw new TokenRefused(Refusal.MALFORMED, "the header is not a JSON object (or repeats a member)");
        }
    }
}
