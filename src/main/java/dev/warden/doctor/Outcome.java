package dev.warden.doctor;

import dev.warden.errors.ApiException;

/**
 * What Warden answers a request carrying a token: {@code 200}, or the status, {@code error_code} and message of the
 * JSON error body.
 */
record Outcome(int status, String errorCode, String message) {

    static final Outcome ACCEPTED = new Outcome(200, null, null);

    static Outcome of(ApiException refusal) {
        return new Outcome(refusal.code().status(), refusal.code().code(), refusal.getMessage());
    }

    boolean accepted() {
        return status == 200;
    }

    /** e.g. {@code 401 token_expired "Token has expired"}. */
    String words() {
        return accepted() ? "200 (accepted)" : status + " " + errorCode + " \"" + message + "\"";
    }
}
