package dev.warden.auth;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

/**
 * The checks that cost no cryptography and need no key, run before either: a compact JWS of bounded size, strict
 * base64url (no padding, no characters a lenient decoder would skip, one spelling per token), a header that is
 * strict UTF-8 JSON (no duplicate members), an {@code alg} on the allow-list, and no {@code crit}, {@code zip} or {@code enc} (Better Auth
 * uses none; refusing them is cheaper than reasoning about them). Header URLs ({@code jku}, {@code x5u}) and embedded
 * keys ({@code jwk}, {@code x5c}) are never read: keys come from the configured JWKS only.
 */
final class TokenPrecheck {

    /** The header facts the key lookup needs. */
    record Header(Algorithm algorithm, String kid) {
    }

    static final int MAX_KID_LENGTH = 256;
    private static final Base64.Decoder B64 = Base64.getUrlDecoder();
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    /** Each ASCII character's base64url value, -1 outside the alphabet. */
    private static final int[] BASE64URL = new int[128];

    static {
        Arrays.fill(BASE64URL, -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            BASE64URL[alphabet.charAt(i)] = i;
        }
    }

    private final Set<Algorithm> allowed;
    private final int maxLength;

    /** Pre-checks for the allowed algorithms and the longest accepted token. */
    TokenPrecheck(Set<Algorithm> allowed, int maxLength) {
        this.allowed = Set.copyOf(allowed);
        this.maxLength = maxLength;
    }

    /** The header facts of a token that passes every pre-check; else a {@link TokenRefused} saying which failed. */
    Header check(String token) {
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
        Fields header = header(utf8(B64.decode(token.substring(0, first))));
        if (header.refused != null) {
            throw new TokenRefused(Refusal.MALFORMED, "header has \"" + header.refused + "\"");
        }
        if (header.alg == null) {
            throw new TokenRefused(Refusal.MALFORMED, "header has no \"alg\" string");
        }
        Algorithm algorithm = Algorithm.byJwa(header.alg);
        if (algorithm == null || !allowed.contains(algorithm)) {
            throw new TokenRefused(Refusal.ALGORITHM_NOT_ALLOWED, algorithm == null
                    ? "\"alg\" is not a public-key algorithm Warden knows" : "\"alg\" is not in JWT_ALGORITHMS");
        }
        String kid = header.kid;
        if (header.kidPresent && (kid == null || kid.isEmpty() || kid.length() > MAX_KID_LENGTH)) {
            throw new TokenRefused(Refusal.MALFORMED, "\"kid\" is not a string of 1 to " + MAX_KID_LENGTH + " characters");
        }
        return new Header(algorithm, kid);
    }

    /**
     * Only the base64url alphabet, a length that encodes whole bytes (never 1 mod 4), and the one canonical spelling:
     * the last character's bits past the last byte are zero. Java's decoder ignores those bits, so without this rule
     * one signed token has up to 16 spellings per part that all verify, and whatever keys on the token's text (the
     * verified-token cache, a deny-list, a log search) would take them for different tokens.
     */
    private static void requireBase64Url(String token, int from, int to, String part) {
        int unusedBits = switch ((to - from) % 4) {
            case 1 -> throw new TokenRefused(Refusal.MALFORMED, "the " + part + " has a length no base64url encoding has");
            case 2 -> 0b1111; // two characters, 12 bits, for one byte
            case 3 -> 0b11; // three characters, 18 bits, for two bytes
            default -> 0;
        };
        for (int i = from; i < to; i++) {
            char c = token.charAt(i);
            if (c >= BASE64URL.length || BASE64URL[c] < 0) {
                throw new TokenRefused(Refusal.MALFORMED, "the " + part + " has a character outside base64url (no padding)");
            }
        }
        if ((BASE64URL[token.charAt(to - 1)] & unusedBits) != 0) {
            throw new TokenRefused(Refusal.MALFORMED, "the " + part + " is not canonical base64url (its last character "
                    + "sets bits that encode nothing)");
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

    /** The header members the checks read; any other member is skipped unread. */
    private static final class Fields {
        String alg;
        String kid;
        boolean kidPresent;
        String refused;
    }

    /**
     * One streaming pass over the header: a JSON object with no member twice. A streaming parser rather than a
     * map-building one because it runs for every token not in the cache, and jose4j's parser allocates a 32 KB
     * buffer per document.
     */
    private static Fields header(String text) {
        Fields fields = new Fields();
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw notAnObject();
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "alg" -> fields.alg = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "kid" -> {
                        fields.kidPresent = true;
                        fields.kid = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    }
                    case "crit", "zip", "enc" -> fields.refused = fields.refused == null ? name : fields.refused;
                    default -> parser.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw notAnObject();
            }
            return fields;
        } catch (IOException e) { // Jackson's parse errors, duplicate members included
            throw notAnObject();
        }
    }

    private static TokenRefused notAnObject() {
        return new TokenRefused(Refusal.MALFORMED, "the header is not a JSON object (or repeats a member)");
    }
}
