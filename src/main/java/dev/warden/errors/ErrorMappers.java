package dev.warden.errors;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerResponse;

/**
 * The one error path: every failure that reaches Quarkus REST leaves here as an {@link ErrorBody}. Messages
 * are ours, never an exception's, so no class name, SQL or token can leak into a body.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    private final ErrorMetrics metrics;
    private final AllowedMethods allowedMethods;

    public ErrorMappers(ErrorMetrics metrics, AllowedMethods allowedMethods) {
        this.metrics = metrics;
        this.allowedMethods = allowedMethods;
    }

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        return respond(e.code(), e.body());
    }

    @ServerExceptionMapper
    public Response tooManyRequests(TooManyRequests e) {
        return response(e.code(), e.body()).header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds()).build();
    }

    /**
     * A token that was sent but did not verify (or could not be, 503); Warden's verifier put the verdict in the
     * cause. A 401 carries the reason twice: in the body and in the RFC 6750 challenge.
     */
    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, HttpServerResponse vertx) {
        ApiException verdict = Causes.find(e, ApiException.class);
        ErrorBody body = verdict == null ? ErrorBody.of(ErrorCode.INVALID_TOKEN) : verdict.body();
        ErrorCode code = verdict == null ? ErrorCode.INVALID_TOKEN : verdict.code();
        // SmallRye's mechanism has already set a bare "Bearer" challenge; ours replaces it (or, on a 503, goes).
        vertx.headers().remove(HttpHeaders.WWW_AUTHENTICATE);
        Response.ResponseBuilder response = response(code, body);
        if (code.status() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\", error_description=\""
                    + body.message() + "\"");
        }
        return response.build();
    }

    /** No credentials at all on an endpoint that needs them: a challenge without an error (RFC 6750 §3.1). */
    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return response(ErrorCode.MISSING_TOKEN, ErrorBody.of(ErrorCode.MISSING_TOKEN))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(ErrorCode.FORBIDDEN, ErrorBody.of(ErrorCode.FORBIDDEN));
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<ErrorBody.FieldError> fields = e.getConstraintViolations().stream()
                .map(v -> new ErrorBody.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(ErrorBody.FieldError::field).thenComparing(ErrorBody.FieldError::message))
                .toList();
        ErrorCode code = ErrorCode.VALIDATION_FAILED;
        return respond(code, new ErrorBody(code.error(), code.code(), code.defaultMessage(), fields));
    }

    /** Not JSON at all (a syntax error, a cut-off body): 400. JSON of the wrong shape is {@link #mismatchedJson}. */
    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        if (e instanceof MismatchedInputException mismatch) {
            return mismatchedJson(mismatch);
        }
        return respond(ErrorCode.BAD_REQUEST, ErrorBody.of(ErrorCode.BAD_REQUEST, "The request body is not valid JSON"));
    }

    /**
     * JSON that is not what the resource reads (a value of the wrong type, a field it does not have, an array for an
     * object): a 422 that names the field, like any other invalid field. Quarkus ships its own mapper for this
     * subtype, with its own body: ours must be at least as specific.
     */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        ErrorCode code = ErrorCode.VALIDATION_FAILED;
        return respond(code, new ErrorBody(code.error(), code.code(), code.defaultMessage(),
                List.of(BodyErrors.describe(e))));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri, Request request) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        JsonProcessingException json = Causes.find(e, JsonProcessingException.class);
        if (status == 400 && json != null) {
            return malformedJson(json);
        }
        if (status == 404 || status == 405) {
            // One rule for every path: served, but not with this method, is 405 with the methods it takes.
            Set<String> allowed = allowedMethods.of(uri.getPath());
            if (!allowed.isEmpty() && !allowed.contains(request.getMethod())) {
                return response(ErrorCode.METHOD_NOT_ALLOWED, ErrorBody.of(ErrorCode.METHOD_NOT_ALLOWED))
                        .header(HttpHeaders.ALLOW, String.join(", ", allowed)).build();
            }
        }
        ErrorCode code = ErrorCode.forStatus(status);
        metrics.count(status, code);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(ErrorBody.of(code)).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (DatabaseFailures.isUnavailable(e)) {
            LOG.warnf("Database unavailable: %s", DatabaseFailures.describe(e));
            return respond(ErrorCode.DATABASE_UNAVAILABLE, ErrorBody.of(ErrorCode.DATABASE_UNAVAILABLE));
        }
        // One line with an incident id: enough to find the request, and no stack trace or request data.
        String incident = UUID.randomUUID().toString();
        LOG.errorf("Unhandled %s (incident %s)", e.getClass().getName(), incident);
        return respond(ErrorCode.INTERNAL_ERROR, ErrorBody.of(ErrorCode.INTERNAL_ERROR,
                ErrorCode.INTERNAL_ERROR.defaultMessage() + " (incident " + incident + ")"));
    }

    private Response respond(ErrorCode code, ErrorBody body) {
        return response(code, body).build();
    }

    private Response.ResponseBuilder response(ErrorCode code, ErrorBody body) {
        metrics.count(code.status(), code);
        return Response.status(code.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
    }

    /**
     * {@code create.task.title} → {@code title}: clients know their fields, not our method and parameter names. A
     * constraint on a whole parameter (no body at all) names the {@code body}: the resources validate only the body
     * as a whole; query parameters are parsed by code that names them itself.
     */
    private static String fieldName(ConstraintViolation<?> violation) {
        List<String> names = new java.util.ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() != ElementKind.METHOD && node.getKind() != ElementKind.PARAMETER && node.getName() != null) {
                names.add(node.getName());
            }
        }
        return names.isEmpty() ? BodyErrors.BODY : String.join(".", names);
    }
}
