package dev.warden.errors;

/** Every way a request can fail, with the status and the words a client sees. */
public enum ErrorCode {
    // One row per code: the rows share a shape because they are the table, and each status's phrase is in HttpStatus.
    MISSING_TOKEN(HttpStatus.UNAUTHORIZED, "Authentication required: send Authorization: Bearer <token>"),
    INVALID_TOKEN(HttpStatus.UNAUTHORIZED, "The access token is invalid"),
    TOKEN_EXPIRED(HttpStatus.UNAUTHORIZED, "The access token has expired"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "Access denied: cannot access another user's resources"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "The requested resource does not exist"),
    BAD_REQUEST(HttpStatus.BAD_REQUEST, "The request could not be understood"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "This method is not allowed on this resource"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "This resource only produces application/json"),
    PAYLOAD_TOO_LARGE(HttpStatus.PAYLOAD_TOO_LARGE, "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send the request body as application/json"),
    TASK_QUOTA_EXCEEDED(HttpStatus.CONFLICT, "The task limit of this account is reached: delete tasks to add new ones"),
    VALIDATION_FAILED(HttpStatus.UNPROCESSABLE_ENTITY, "The request has invalid fields"),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "Too many requests: retry after the seconds Retry-After gives"),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred"),
    AUTH_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Token verification is temporarily unavailable"),
    DATABASE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "The database is temporarily unavailable");

    private final HttpStatus status;
    private final String defaultMessage;

    ErrorCode(HttpStatus status, String defaultMessage) {
        this.status = status;
        this.defaultMessage = defaultMessage;
    }

    public int status() {
        return status.code;
    }

    /** The status's reason phrase. */
    public String error() {
        return status.reason;
    }

    HttpStatus httpStatus() {
        return status;
    }

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public String defaultMessage() {
        return defaultMessage;
    }

    /** The code a bare HTTP status stands for, for failures raised outside our own code: the first of that status. */
    public static ErrorCode forStatus(int status) {
        if (status == 503) {
            // Unavailable keys are always Warden's own verdict, raised as AUTH_UNAVAILABLE, never a bare status.
            return DATABASE_UNAVAILABLE;
        }
        for (ErrorCode code : values()) {
            if (code.status() == status) {
                return code;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : BAD_REQUEST;
    }
}
