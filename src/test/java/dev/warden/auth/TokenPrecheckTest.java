package dev.warden.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "[\"alg\",\"RS256\"]", "{\"alg\":\"RS256\"}trailing", "{\"alg\":\"RS256\"}{}",
            "{\"alg\":\"RS256\"", "{\"alg\":\"RS256\",\"alg\":\"RS256\"}", "{\"alg\":\"none\",\"alg\":\"RS256\"}" })
    void refusesHeadersThatAreNotOneJsonObjectWithUniqueMembers(String header) {
        refused(header, Refusal.MALFORMED);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "{\"alg\":null}", "{\"alg\":[\"RS256\"]}", "{\"kid\":\"k\"}" })
    void refusesAnAlgThatIsNotAString(String header) {
        refused(header, Refusal.MALFORMED);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "{\"alg\":\"rs256\"}", "{\"alg\":\"ES256\"}", "{\"alg\":\"HS256\"}" })
    void refusesAnAlgThatIsNotAllowed(String header) {
        refused(header, Refusal.ALGORITHM_NOT_ALLOWED);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "{\"alg\":\"RS256\",\"kid\":null}", "{\"alg\":\"RS256\",\"kid\":\"\"}",
            "{\"alg\":\"RS256\",\"kid\":7}" })
    void refusesKidsThatAreNotStrings(String header) {
        refused(header, Refusal.MALFORMED);
    }

    @Test
    void refusesAKidLongerThanTheLimit() {
        refused("{\"alg\":\"RS256\",\"kid\":\"" + "k".repeat(TokenPrecheck.MAX_KID_LENGTH + 1) + "\"}", Refusal.MALFORMED);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "{\"alg\":\"HS256\",\"crit\":[\"exp\"]}", "{\"zip\":\"DEF\",\"alg\":\"RS256\"}",
            "{\"alg\":\"RS256\",\"enc\":\"A256GCM\"}" })
    void refusesCritZipAndEncBeforeLookingAtAlg(String header) {
        refused(header, Refusal.MALFORMED);
    }

    @Test
    void refusesHeadersThatAreNotUtf8() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        byte[] header = { '{', '"', 'a', 'l', 'g', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' };
        assertThatThrownBy(() -> precheck.check(b64.encodeToString(header) + ".e30.c2ln"))
                .isInstanceOfSatisfying(TokenRefused.class, e -> assertThat(e.reason()).isEqualTo(Refusal.MALFORMED));
    }
}
