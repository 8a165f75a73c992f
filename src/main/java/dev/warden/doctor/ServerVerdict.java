package dev.warden.doctor;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.warden.auth.TokenVerifier;
import dev.warden.errors.ApiException;
import dev.warden.errors.Causes;
import dev.warden.errors.ErrorCode;

/**
 * The answer the server gives a token, from the server's own {@link TokenVerifier}, waiting as a request would.
 */
final class ServerVerdict {

    private final TokenVerifier verifier;
    private final Duration wait;

    ServerVerdict(TokenVerifier verifier, Duration jwksTimeout) {
        this.verifier = verifier;
        // An unknown kid may wait for one JWKS fetch, itself bounded by the fetch timeout.
        this.wait = jwksTimeout.plusSeconds(5);
    }

    Outcome of(String token) {
        try {
            JsonWebToken accepted = verifier.verify(token).toCompletableFuture().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return accepted == null ? Outcome.of(new ApiException(ErrorCode.INVALID_TOKEN)) : Outcome.ACCEPTED;
        } catch (ExecutionException | CompletionException e) {
            // The identity provider answers any failure that is not a refusal with invalid_token, and so does this.
            ApiException refusal = Causes.find(e, ApiException.class);
            return Outcome.of(refusal != null ? refusal : new ApiException(ErrorCode.INVALID_TOKEN));
        } catch (TimeoutException e) {
            return Outcome.of(new ApiException(ErrorCode.AUTH_UNAVAILABLE));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.of(new ApiException(ErrorCode.AUTH_UNAVAILABLE));
        }
    }
}
