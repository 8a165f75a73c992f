package dev.warden.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import dev.warden.support.TestConfig;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;

/** What a token's session says about it while the listener listens, and once it has been down too long. */
class EndedSessionsTest {

    @Test
    void anEndedSessionIsRefusedAndForgottenOnceNoTokenOfItCanLive() {
        EndedSessions sessions = sessions("refuse-older", "30s");
        sessions.listening();
        sessions.ended("s1", System.currentTimeMillis());
        sessions.ended("s-old", System.currentTimeMillis() - sessions.keep().toMillis() - 1000);
        assertThat(sessions.of(token("s1", 0))).isEqualTo(EndedSessions.Verdict.ENDED);
        assertThat(sessions.of(token("s2", 0))).isEqualTo(EndedSessions.Verdict.OPEN);
        assertThat(sessions.of(token(null, 0))).isEqualTo(EndedSessions.Verdict.OPEN);
        assertThat(sessions.size()).as("an id past the tokens' longest life is not even kept").isEqualTo(1);
    }

    @Test
    void listenerDownTooLongRefusesTokensIssuedBeforeTheOutageByDefault() throws Exception {
        EndedSessions sessions = sessions("refuse-older", "0s");
        sessions.listening();
        JsonWebToken before = token("s1", -60);
        sessions.down();
        Thread.sleep(5);
        assertThat(sessions.of(before)).isEqualTo(EndedSessions.Verdict.UNKNOWN);
        assertThat(sessions.of(token("s2", 60))).as("issued after the outage began").isEqualTo(EndedSessions.Verdict.OPEN);
        assertThat(sessions.of(token(null, -60))).as("no sid: not a session's token").isEqualTo(EndedSessions.Verdict.OPEN);
        sessions.listening();
        assertThat(sessions.of(before)).isEqualTo(EndedSessions.Verdict.OPEN);
    }

    @Test
    void listenerDownWithAcceptJudgesEveryTokenAsUsual() throws Exception {
        EndedSessions sessions = sessions("accept", "0s");
        sessions.listening();
        sessions.down();
        Thread.sleep(5);
        assertThat(sessions.of(token("s1", -60))).isEqualTo(EndedSessions.Verdict.OPEN);
    }

    @Test
    void withinTheBoundTheListenerMayReconnectUnnoticed() {
        EndedSessions sessions = sessions("refuse-older", "30s");
        sessions.listening();
        sessions.down();
        assertThat(sessions.of(token("s1", -60))).isEqualTo(EndedSessions.Verdict.OPEN);
    }

    private static EndedSessions sessions(String whenDown, String maxDown) {
        return new EndedSessions(TestConfig.warden(Map.of("warden.sessions.when-listener-down", whenDown,
                "warden.sessions.listener-max-down", maxDown)));
    }

    /** A verified token naming {@code sid} (null: none), issued {@code issuedIn} seconds from now. */
    private static JsonWebToken token(String sid, long issuedIn) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("someone");
        claims.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() + issuedIn));
        if (sid != null) {
            claims.setClaim("sid", sid);
        }
        return new DefaultJWTCallerPrincipal(claims);
    }
}
