package dev.warden.scoping;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.warden.errors.ApiException;
import dev.warden.errors.ErrorCode;
import io.quarkus.security.UnauthorizedException;

/**
 * Runs after routing, on the path parameter the router itself extracted (decoded, matrix parameters and
 * dot segments already resolved), so what is compared is exactly what the resource will see.
 */
@Provider
@UserScoped
@Priority(Priorities.AUTHORIZATION)
public class UserScopeFilter implements ContainerRequestFilter {

    private final JsonWebToken token;

    public UserScopeFilter(JsonWebToken token) {
        this.token = token;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String subject = token.getSubject();
        if (subject == null) {
            throw new UnauthorizedException();
        }
        var values = request.getUriInfo().getPathParameters().get(UserScoped.PATH_PARAM);
        if (values == null || values.size() != 1 || !subject.equals(values.get(0))) {
            throw new ApiException(ErrorCode.FORBIDDEN);
        }
    }
}
