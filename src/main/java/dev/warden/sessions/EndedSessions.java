package dev.warden.sessions;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.warden.config.WardenConfig;

/**
 * The sessions Better Auth ended whose tokens could still be alive, in memory: {@link SessionListener} fills it from
 * PostgreSQL, and every token that names one ({@code sid}) is refused without a query. An id is kept until no token
 * of its session can be accepted any more: {@code warden.auth.max-token-lifetime} after it ended.
 */
@ApplicationScoped
public class EndedSessions {

    /** What a token's session says about it. */
    public enum Verdict {
        /** No sid, or a session not known to have ended. */
        OPEN,
        /** Its session ended: the user signed out or the session was revoked. */
        ENDED,
        /** Issued before the listener went down, long enough ago that a session ended meanwhile cannot be ruled out. */
        UNKNOWN
    }

    private final Map<String, Long> endedAtMillis = new ConcurrentHashMap<>();
    private final long keepMillis;
    private final long maxDownMillis;
    private final boolean refuseWhileDown;
    private volatile boolean listening;
    /** Since when the listener has been unable to hear; 0 while it listens or before it ever started. */
    private volatile long downSinceMillis;

    public EndedSessions(WardenConfig config) {
        this.keepMillis = config.auth().maxTokenLifetime().plusMinutes(5).toMillis();
        this.maxDownMillis = config.sessions().listenerMaxDown().toMillis();
        this.refuseWhileDown = config.sessions().whenListenerDown() == WardenConfig.WhenListenerDown.REFUSE_OLDER;
    }

    /** The verdict on a verified token: a map lookup, no I/O. */
    public Verdict of(JsonWebToken token) {
        Object sid = token.getClaim("sid");
        if (sid instanceof String id && endedAtMillis.containsKey(id)) {
            return Verdict.ENDED;
        }
        long down = downSinceMillis;
        boolean blind = down != 0 && refuseWhileDown && System.currentTimeMillis() - down > maxDownMillis;
        return blind && sid != null && token.getIssuedAtTime() * 1000 < down ? Verdict.UNKNOWN : Verdict.OPEN;
    }

    void ended(String sid, long atMillis) {
        if (System.currentTimeMillis() - atMillis < keepMillis) {
            endedAtMillis.merge(sid, atMillis, Math::max);
        }
    }

    /** Forgets the sessions whose tokens have all expired. */
    void purge() {
        long oldest = System.currentTimeMillis() - keepMillis;
        endedAtMillis.values().removeIf(at -> at < oldest);
    }

    Duration keep() {
        return Duration.ofMillis(keepMillis);
    }

    void listening() {
        listening = true;
        downSinceMillis = 0;
    }

    void down() {
        if (listening || downSinceMillis == 0) {
            downSinceMillis = System.currentTimeMillis();
        }
        listening = false;
    }

    boolean isListening() {
        return listening;
    }

    /** How long the listener has been down, 0 while it listens. */
    long downMillis() {
        long down = downSinceMillis;
        return down == 0 ? 0 : System.currentTimeMillis() - down;
    }

    long maxDownMillis() {
        return maxDownMillis;
    }

    int size() {
        return endedAtMillis.size();
    }
}
