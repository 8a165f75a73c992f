package dev.warden.auth;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import org.jboss.logging.Logger;

import dev.warden.errors.ApiException;
import dev.warden.errors.ErrorCode;
import io.quarkus.arc.Unremovable;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * Turns the bearer token SmallRye JWT's mechanism extracted into an identity with {@link TokenVerifier}, which has
 * SmallRye verify it with the key Warden's key set holds. It ranks above SmallRye's own validator, whose key resolver
 * would fetch the JWKS on a worker thread and hold it while it does. With the key in memory the identity is ready at
 * once on the event loop; an unknown {@code kid} resumes on the request's context once the fetch is done, so no
 * thread ever waits.
 */
@ApplicationScoped
@Unremovable
class BearerTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private static final Logger LOG = Logger.getLogger(BearerTokenIdentityProvider.class);

    private final TokenVerifier verifier;

    BearerTokenIdentityProvider(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        // Above SmallRye's MpJwtValidator (the default, 1001): the manager asks the highest first.
        return 2000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (routing != null && routing.request().headers().getAll("Authorization").size() > 1) {
            // Two credentials: which one a proxy or a framework reads is anyone's guess, so neither counts.
            return Uni.createFrom().failure(new AuthenticationFailedException(verifier.refuse(
                    new TokenRefused(Refusal.MALFORMED, "two Authorization headers"), null, null)));
        }
        CompletionStage<JsonWebToken> stage = verifier.verify(request.getToken().getToken());
        CompletableFuture<JsonWebToken> future = stage.toCompletableFuture();
        if (future.isDone()) {
            try {
                return Uni.createFrom().item(identity(future.join(), request, routing));
            } catch (java.util.concurrent.CompletionException e) {
                return Uni.createFrom().failure(refused(e));
            }
        }
        Context vertx = Vertx.currentContext();
        return Uni.createFrom().emitter(emitter -> future.whenComplete((token, error) -> {
            Runnable resume = () -> {
                if (error != null) {
                    emitter.fail(refused(error));
                } else {
                    emitter.complete(identity(token, request, routing));
                }
            };
            if (vertx != null) {
                vertx.runOnContext(ignored -> resume.run());
            } else {
                resume.run();
            }
        }));
    }

    private static SecurityIdentity identity(JsonWebToken token, TokenAuthenticationRequest request, RoutingContext routing) {
        var builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(token)
                .addCredential(request.getToken())
                .addRoles(token.getGroups())
                .addAttribute("quarkus.user", token);
        if (routing != null) {
            builder.addAttribute(RoutingContext.class.getName(), routing);
        }
        return builder.build();
    }

    private static AuthenticationFailedException refused(Throwable failure) {
        // The future wraps what the verifier threw in a CompletionException, unless the stage itself failed with it.
        Throwable cause = failure instanceof java.util.concurrent.CompletionException wrapped && wrapped.getCause() != null
                ? wrapped.getCause() : failure;
        if (cause instanceof ApiException api) {
            return new AuthenticationFailedException(api);
        }
        // Not a verdict on the token but a fault on our side: refuse (never let it through), and say which fault.
        LOG.warnf("Token verification failed unexpectedly: %s", cause.getClass().getName());
        return new AuthenticationFailedException(new ApiException(ErrorCode.INVALID_TOKEN));
    }
}
