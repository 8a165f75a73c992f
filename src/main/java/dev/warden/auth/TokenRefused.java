package dev.warden.auth;

import dev.warden.errors.ApiException;
import dev.warden.errors.ErrorCode;

/**
 * The server's refusal of a token: the client's 401 ({@code token_expired} for a good token that ran out,
 * {@code invalid_token} otherwise, the {@link Refusal}'s message), with the reason and, where a pre-check decided,
 * the detail of which part failed, for the doctor to print; a client only ever sees the {@link Refusal}'s words.
 */
public final class TokenRefused extends ApiException {

    private final Refusal reason;
    private final String detail;

    TokenRefused(Refusal reason, String detail) {
        super(reason == Refusal.EXPIRED ? ErrorCode.TOKEN_EXPIRED : ErrorCode.INVALID_TOKEN, reason.message());
        this.reason = reason;
        this.detail = detail;
    }

    /** The reason the client is told. */
    public Refusal reason() {
        return reason;
    }

    /** What exactly failed, e.g. {@code the payload has a character outside base64url (no padding)}; null when the reason says it all. */
    public String detail() {
        return detail;
    }
}
