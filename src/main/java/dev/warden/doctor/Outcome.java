package dev.warden.doctor;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.warden.auth.Refusal;
import dev.warden.auth.TokenRefused;
import dev.warden.auth.TokenVerifier;
import dev.warden.errors.ApiException;
import dev.warden.errors.Causes;
import dev.warden.errors.ErrorCode;

/**
 * What Warden answers a request carrying a token, from the server's own {@link TokenVerifier}, waiting as a request
 * would: 200, or the JSON error's status, {@code error_code} and message, with the server's reason when it refused.
 */
record Outcome(int status, String errorCode, String message, TokenRefused refusal) {

    static Outcome of(TokenVerifier verifier, Duration jwksTimeout, String token) {
        ApiException answer;
        try {
            // An unknown kid may wait for one JWKS fetch, itself bounded by the fetch timeout.
            long wait = jwksTimeout.plusSeconds(5).toMillis();
            if (verifier.verify(token).toCompletableFuture().get(wait, TimeUnit.MILLISECONDS) != null) {
                return new Outcome(200, null, null, null);
            }
            answer = new ApiException(ErrorCode.INVALID_TOKEN);
        } catch (ExecutionException | CompletionException e) {
            // The identity provider answers any failure that is not a refusal with invalid_token, and so does this.
            ApiException refusal = Causes.find(e, ApiException.class);
            answer = refusal != null ? refusal : new ApiException(ErrorCode.INVALID_TOKEN);
        } catch (TimeoutException e) {
            answer = new ApiException(ErrorCode.AUTH_UNAVAILABLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer = new ApiException(ErrorCode.AUTH_UNAVAILABLE);
        }
        return new Outcome(answer.code().status(), answer.code().code(), answer.getMessage(),
                answer instanceof TokenRefused refused ? refused : null);
    }

    boolean accepted() {
        return status == 200;
    }

    /** The server's reason, or null when it accepted the token or had no key to judge it with. */
    Refusal reason() {
        return refusal == null ? null : refusal.reason();
    }

    /** e.g. {@code 401 token_expired "Token has expired"}. */
    String words() {
        return accepted() ? "200 (accepted)" : status + " " + errorCode + " \"" + message + "\"";
    }
}
