package dev.warden.errors;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

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

    public ErrorMappers(ErrorMetrics metrics) {
        this.metrics = metrics;
    }

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        return respond(e.code(), e.body());
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

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return respond(ErrorCode.BAD_REQUEST, ErrorBody.of(ErrorCode.BAD_REQUEST, "The request body is not valid JSON for this resource"));
    }

    /** Quarkus ships its own mapper for this subtype, with its own body: ours must be at least as specific. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return malformedJson(e);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        if (status == 400 && Causes.find(e, JsonProcessingException.class) != null) {
            return malformedJson(null);
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

    /** {@code create.task.title} → {@code title}: clients know their fields, not our method names. */
    private static String fieldName(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.");
        int start = Math.min(2, parts.length - 1);
        return String.join(".", java.util.Arrays.copyOfRange(parts, start, parts.length));
    }
}
