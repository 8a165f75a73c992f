package dev.warden.auth;

/** A refusal decided inside Warden's own steps, before {@link TokenVerifier} turns it into the client's 401. */
final class TokenRefused extends RuntimeException {

    private final Refusal reason;

    TokenRefused(Refusal reason) {
        super(reason.phrase(), null, false, false);
        this.reason = reason;
    }

    Refusal reason() {
        return reason;
    }
}
