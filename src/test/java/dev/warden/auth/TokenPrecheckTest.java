package dev.warden.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

import org.junit.jupiter.api.Test;

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

    @Test
    void refusesHeadersThatAreNotOneJsonObjectWithUniqueMembers() {
        refused("[\"alg\",\"RS256\"]", Refusal.MALFORMED);
        refused("{\"alg\":\"RS256\"}trailing", Refusal.MALFORMED);
        refused("{\"alg\":\"RS256\"}{}", Refusal.MALFORMED);
        refused("{\"alg\":\"RS256\"", Refusal.MALFORMED);
        refused("{\"alg\":\"RS256\",\"alg\":\"RS256\"}", Refusal.MALFORMED);
        refused("{\"alg\":\"none\",\"alg\":\"RS256\"}", Refusal.MALFORMED);
    }

    @Test
    void refusesAnAlgThatIsNotAnAllowedString() {
        refused("{\"alg\":null}", Refusal.MALFORMED);
        refused("{\"alg\":[\"RS256\"]}", Refusal.MALFORMED);
        refused("{\"kid\":\"k\"}", Refusal.MALFORMED);
        refused("{\"alg\":\"rs256\"}", Refusal.ALGORITHM_NOT_ALLOWED);
        refused("{\"alg\":\"ES256\"}", Refusal.ALGORITHM_NOT_ALLOWED);
        refused("{\"alg\":\"HS256\"}", Refusal.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void refusesKidsThatAreNotShortStrings() {
        refused("{\"alg\":\"RS256\",\"kid\":null}", Refusal.MALFORMED);
        refused("{\"alg\":\"RS256\",\"kid\":\"\"}", Refusal.MALFORMED);
        refused("{\"alg\":\"RS256\",\"kid\":7}", Refusal.MALFORMED);
        refused("{\"alg\":\"RS256\",\"kid\":\"" + "k".repeat(TokenPrecheck.MAX_KID_LENGTH + 1) + "\"}", Refusal.MALFORMED);
    }

    @Test
    void refusesCritZipAndEncBeforeLookingAtAlg() {
        refused("{\"alg\":\"HS256\",\"crit\":[\"exp\"]}", Refusal.MALFORMED);
        refused("{\"zip\":\"DEF\",\"alg\":\"RS256\"}", Refusal.MALFORMED);
        refused("{\"alg\":\"RS256\",\"enc\":\"A256GCM\"}", Refusal.MALFORMED);
    }

    @Test
    void refusesHeadersThatAreNotUtf8() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        byte[] header = { '{', '"', 'a', 'l', 'g', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' };
        assertThatThrownBy(() -> precheck.check(b64.encodeToString(header) + ".e30.c2ln"))
                .isInstanceOfSatisfying(TokenRefused.class, e -> assertThat(e.reason()).isEqualTo(Refusal.MALFORMED));
    }
}
