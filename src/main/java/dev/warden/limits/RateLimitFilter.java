package dev.warden.limits;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.warden.scoping.UserScoped;

/**
 * Every request to a {@link RateLimited} resource spends from its caller's bucket. It runs after the scope check
 * ({@link UserScoped}), so a request for another user's path is a 403 that costs nobody's allowance, and the key is
 * always the token's own {@code sub}.
 */
@Provider
@RateLimited
@Priority(Priorities.AUTHORIZATION + 100)
public class RateLimitFilter implements ContainerRequestFilter {

    private final RateLimits limits;
    private final JsonWebToken token;

    public RateLimitFilter(RateLimits limits, JsonWebToken token) {
        this.limits = limits;
        this.token = token;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String method = request.getMethod();
        boolean read = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method);
        limits.spend(token.getSubject(), read ? RateLimits.Kind.READ : RateLimits.Kind.WRITE);
    }
}
