package dev.warden.errors;

import org.jose4j.jwt.consumer.InvalidJwtException;

/** Reads why SmallRye JWT refused a token, to answer {@code token_expired} apart from {@code invalid_token}. */
final class TokenFailures {

    private TokenFailures() {
    }

    static ErrorCode classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ApiException api) {
                return api.code(); // Warden's own verifier says why
            }
            if (t instanceof InvalidJwtException invalid) {
                // Only an otherwise valid token is "expired": a forged token with an old exp is just invalid.
                return invalid.hasExpired() && invalid.getErrorDetails().size() == 1
                        ? ErrorCode.TOKEN_EXPIRED
                        : ErrorCode.INVALID_TOKEN;
            }
        }
        return ErrorCode.INVALID_TOKEN;
    }

    static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
