package dev.warden.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The header pass of the pre-checks, byte by byte: what it accepts, what it refuses and with which reason. */
class TokenPrecheckTest {

    private final TokenPrecheck precheck = new TokenPrecheck(Set.of(Algorithm.RS256), 8192);

    private static String token(String header) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + ".e30.c2ln";
    }

    private void refused(String header, Refusal reason) {
        assertThatThrownBy(() -> precheck.check(token(header))).isInstanceOfSatisfying(TokenRefused.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void readsAlgAndKidAndSkipsEveryOtherMemberUnread() {
        TokenPrecheck.Header header = precheck.check(token(
                "{\"typ\":\"JWT\",\"jwk\":{\"kty\":\"RSA\",\"n\":[1,{\"x\":2}]},\"alg\":\"RS256\",\"x5c\":[\"AA\"],\"kid\":\"k1\"}"));
        assertThat(header).isEqualTo(new TokenPrecheck.Header(Algorithm.RS256, "k1"));
        assertThat(precheck.check(token("{\"alg\":\"RS256\"}")).kid()).isNull();
    }

    /**
     * Headers that are not one JSON object with unique members, algs that are not an allowed string, kids that are not
     * short strings, and crit, zip or enc whatever the alg: each with the reason it is refused for.
     */
    static Stream<Arguments> refusedHeaders() {
        return Stream.of(
                arguments("not an object", "[\"alg\",\"RS256\"]", Refusal.MALFORMED),
                arguments("text after the object", "{\"alg\":\"RS256\"}trailing", Refusal.MALFORMED),
                arguments("two objects", "{\"alg\":\"RS256\"}{}", Refusal.MALFORMED),
                arguments("unterminated object", "{\"alg\":\"RS256\"", Refusal.MALFORMED),
                arguments("duplicate alg", "{\"alg\":\"RS256\",\"alg\":\"RS256\"}", Refusal.MALFORMED),
                arguments("duplicate alg, none first", "{\"alg\":\"none\",\"alg\":\"RS256\"}", Refusal.MALFORMED),
                arguments("alg null", "{\"alg\":null}", Refusal.MALFORMED),
                arguments("alg an array", "{\"alg\":[\"RS256\"]}", Refusal.MALFORMED),
                arguments("no alg", "{\"kid\":\"k\"}", Refusal.MALFORMED),
                arguments("alg in the wrong case", "{\"alg\":\"rs256\"}", Refusal.ALGORITHM_NOT_ALLOWED),
                arguments("alg not in the allow-list", "{\"alg\":\"ES256\"}", Refusal.ALGORITHM_NOT_ALLOWED),
                arguments("HMAC alg", "{\"alg\":\"HS256\"}", Refusal.ALGORITHM_NOT_ALLOWED),
                arguments("kid null", "{\"alg\":\"RS256\",\"kid\":null}", Refusal.MALFORMED),
                arguments("kid empty", "{\"alg\":\"RS256\",\"kid\":\"\"}", Refusal.MALFORMED),
                arguments("kid a number", "{\"alg\":\"RS256\",\"kid\":7}", Refusal.MALFORMED),
                arguments("crit, before looking at alg", "{\"alg\":\"HS256\",\"crit\":[\"exp\"]}", Refusal.MALFORMED),
                arguments("zip", "{\"zip\":\"DEF\",\"alg\":\"RS256\"}", Refusal.MALFORMED),
                arguments("enc", "{\"alg\":\"RS256\",\"enc\":\"A256GCM\"}", Refusal.MALFORMED),
                arguments("kid over the length limit", "{\"alg\":\"RS256\",\"kid\":\"" + "k".repeat(TokenPrecheck.MAX_KID_LENGTH + 1)
                        + "\"}", Refusal.MALFORMED));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("refusedHeaders")
    void refusesEachBadHeaderWithItsReason(String what, String header, Refusal reason) {
        refused(header, reason);
    }

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /** The same bytes spelled another way: the last character's lowest (unused) bit set. */
    static String respelled(String part) {
        char last = part.charAt(part.length() - 1);
        return part.substring(0, part.length() - 1) + ALPHABET.charAt(ALPHABET.indexOf(last) ^ 1);
    }

    @ParameterizedTest(name = "part {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = { 0, 1, 2 })
    void refusesANonCanonicalSpellingOfEachPart(int part) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        // 22 header bytes: 30 characters, the last one with 4 unused bits; "{}" 3 characters, 2 unused; "sige" 6, 4 unused.
        String[] parts = { b64.encodeToString("{\"alg\":\"RS256\",\"x\":12}".getBytes(StandardCharsets.UTF_8)), "e30", "c2lnZQ" };
        String canonical = String.join(".", parts);
        assertThat(precheck.check(canonical).algorithm()).isEqualTo(Algorithm.RS256);
        parts[part] = respelled(parts[part]);
        assertThat(Base64.getUrlDecoder().decode(parts[part])).as("decodes to the same bytes")
                .isEqualTo(Base64.getUrlDecoder().decode(canonical.split("\\.")[part]));
        assertThatThrownBy(() -> precheck.check(String.join(".", parts))).isInstanceOfSatisfying(TokenRefused.class,
                e -> assertThat(e.reason()).isEqualTo(Refusal.MALFORMED));
    }

    @Test
    void refusesHeadersThatAreNotUtf8() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        byte[] header = { '{', '"', 'a', 'l', 'g', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' };
        assertThatThrownBy(() -> precheck.check(b64.encodeToString(header) + ".e30.c2ln"))
                .isInstanceOfSatisfying(TokenRefused.class, e -> assertThat(e.reason()).isEqualTo(Refusal.MALFORMED));
    }
}
