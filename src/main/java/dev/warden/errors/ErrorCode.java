package dev.warden.errors;

/** Every way a request can fail, with the status and the words a client sees. */
public enum ErrorCode {
    MISSING_TOKEN(401, "Unauthorized", "Authentication required: send Authorization: Bearer <token>"),
    INVALID_TOKEN(401, "Unauthorized", "The access token is invalid"),
    TOKEN_EXPIRED(401, "Unauthorized", "The access token has expired"),
    FORBIDDEN(403, "Forbidden", "Access denied: cannot access another user's resources"),
    NOT_FOUND(404, "Not Found", "The requested resource does not exist"),
    BAD_REQUEST(400, "Bad Request", "The request could not be understood"),
    METHOD_NOT_ALLOWED(405, "Method Not Allowed", "This method is not allowed on this resource"),
    NOT_ACCEPTABLE(406, "Not Acceptable", "This resource only produces application/json"),
    PAYLOAD_TOO_LARGE(413, "Payload Too Large", "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported Media Type", "Send the request body as application/json"),
    VALIDATION_FAILED(422, "Unprocessable Entity", "The request has invalid fields"),
    INTERNAL_ERROR(500, "Internal Server Error", "An unexpected error occurred"),
    AUTH_UNAVAILABLE(503, "Service Unavailable", "Token verification is temporarily unavailable"),
    DATABASE_UNAVAILABLE(503, "Service Unavailable", "The database is temporarily unavailable");

    private final int status;
    private final String error;
    private final String defaultMessage;

    ErrorCode(int status, String error, String defaultMessage) {
        this.status = status;
        this.error = error;
        this.defaultMessage = defaultMessage;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public String defaultMessage() {
        return defaultMessage;
    }

    /** The code a bare HTTP status stands for, for failures raised outside our own code. */
    public static ErrorCode forStatus(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 401 -> MISSING_TOKEN;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> VALIDATION_FAILED;
            case 503 -> DATABASE_UNAVAILABLE;
            default -> status >= 500 ? INTERNAL_ERROR : BAD_REQUEST;
        };
    }
}
