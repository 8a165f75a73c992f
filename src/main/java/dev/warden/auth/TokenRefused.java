package dev.warden.auth;

/**
 * A refusal decided inside Warden's own steps, before {@link TokenVerifier} turns it into the client's 401. The
 * detail says which part of the check failed, for an operator (the doctor prints it); a client only ever sees the
 * {@link Refusal}.
 */
final class TokenRefused extends RuntimeException {

    private final Refusal reason;
    private final String detail;

    TokenRefused(Refusal reason, String detail) {
        super(reason.phrase(), null, false, false);
        this.reason = reason;
        this.detail = detail;
    }

    /** The reason the client is told. */
    Refusal reason() {
        return reason;
    }

    /** What exactly failed, e.g. {@code the payload has a character outside base64url (no padding)}. */
    String detail() {
        return detail;
    }
}
