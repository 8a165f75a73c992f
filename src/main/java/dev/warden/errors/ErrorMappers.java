package dev.warden.errors;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.micrometer.core.instrument.Metrics;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * The one error path: every failure that reaches Quarkus REST leaves here as an {@link ErrorBody}. Messages
 * are ours, never an exception's, so no class name, SQL or token can leak into a body.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        return respond(e.code().status(), e.body());
    }

    /**
     * A token that was sent but did not verify; Warden's verifier put the reason in the cause. SmallRye JWT has
     * already added the {@code WWW-Authenticate} challenge by the time this runs, so only the body is ours.
     */
    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        ApiException reason = cause(e, ApiException.class);
        ErrorCode code = reason == null ? ErrorCode.INVALID_TOKEN : reason.code();
        return respond(code.status(), ErrorBody.of(code));
    }

    /** No credentials at all on an endpoint that needs them. */
    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return response(401, ErrorBody.of(ErrorCode.MISSING_TOKEN)).header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(403, ErrorBody.of(ErrorCode.FORBIDDEN));
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<ErrorBody.FieldError> fields = e.getConstraintViolations().stream()
                .map(v -> new ErrorBody.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(ErrorBody.FieldError::field).thenComparing(ErrorBody.FieldError::message))
                .toList();
        ErrorCode code = ErrorCode.VALIDATION_FAILED;
        return respond(code.status(), new ErrorBody(code.error(), code.code(), code.defaultMessage(), fields));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return respond(400, ErrorBody.of(ErrorCode.BAD_REQUEST, "The request body is not valid JSON for this resource"));
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
        if (status == 400 && cause(e, JsonProcessingException.class) != null) {
            return malformedJson(null);
        }
        return respond(status, ErrorBody.of(ErrorCode.forStatus(status)));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (DatabaseFailures.isUnavailable(e)) {
            LOG.warnf("Database unavailable: %s", DatabaseFailures.describe(e));
            return respond(503, ErrorBody.of(ErrorCode.DATABASE_UNAVAILABLE));
        }
        // One line with an incident id: enough to find the request, and no stack trace or request data.
        String incident = UUID.randomUUID().toString();
        LOG.errorf("Unhandled %s (incident %s)", e.getClass().getName(), incident);
        return respond(500, ErrorBody.of(ErrorCode.INTERNAL_ERROR,
                ErrorCode.INTERNAL_ERROR.defaultMessage() + " (incident " + incident + ")"));
    }

    static Response respond(int status, ErrorBody body) {
        return response(status, body).build();
    }

    private static Response.ResponseBuilder response(int status, ErrorBody body) {
        count(status, body.errorCode());
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
    }

    /** The first exception of {@code type} in the cause chain, or null. */
    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** Refusals by status and code, at {@code /q/metrics} as {@code warden_http_errors_total}. */
    static void count(int status, String errorCode) {
        if (status == 401 || status == 403 || status >= 500) {
            Metrics.counter("warden.http.errors", "status", Integer.toString(status), "error_code", errorCode).increment();
        }
    }

    /** {@code create.task.title} → {@code title}: clients know their fields, not our method names. */
    private static String fieldName(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.");
        int start = Math.min(2, parts.length - 1);
        return String.join(".", java.util.Arrays.copyOfRange(parts, start, parts.length));
    }
}
