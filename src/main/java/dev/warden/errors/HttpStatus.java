package dev.warden.errors;

/**
 * The statuses a failure leaves with, in one table: the reason phrase each body's {@code error} carries and, for
 * those the OpenAPI document lists, its response component and when it is answered. {@link ErrorCode} names one
 * status per code, so the phrase cannot differ between two codes of the same status.
 */
enum HttpStatus {
    BAD_REQUEST(400, "Bad Request", "BadRequest", "The body is not valid JSON"),
    UNAUTHORIZED(401, "Unauthorized", "Unauthorized",
            "No token, or one that failed verification (its message says which check); with WWW-Authenticate: Bearer"),
    FORBIDDEN(403, "Forbidden", "Forbidden", "{userId} is not the caller (the token's sub)"),
    NOT_FOUND(404, "Not Found", "NotFound", "No such task, or not the caller's"),
    // Any path can answer these two, no operation causes them: the document lists neither.
    METHOD_NOT_ALLOWED(405, "Method Not Allowed", null, null),
    NOT_ACCEPTABLE(406, "Not Acceptable", null, null),
    CONFLICT(409, "Conflict", "QuotaExceeded",
            "The caller already has as many tasks as the server allows (warden.tasks.max-per-user)"),
    PAYLOAD_TOO_LARGE(413, "Payload Too Large", "PayloadTooLarge", "The body is over 64 KB"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported Media Type", "UnsupportedMediaType", "The body is not application/json"),
    UNPROCESSABLE_ENTITY(422, "Unprocessable Entity", "ValidationFailed",
            "Invalid fields or query parameters, each named in field_errors: a value out of bounds or of the wrong "
                    + "JSON type (nothing is converted), a field the operation does not have, or no body"),
    TOO_MANY_REQUESTS(429, "Too Many Requests", "TooManyRequests",
            "The caller's rate limit is used up (writes and reads are limited apart); Retry-After says when to retry"),
    INTERNAL_SERVER_ERROR(500, "Internal Server Error", "InternalError",
            "A bug; the message carries an incident id to quote"),
    SERVICE_UNAVAILABLE(503, "Service Unavailable", "ServiceUnavailable",
            "The issuer's keys or the database cannot be reached; retry later");

    /** The status code. */
    final int code;
    /** The reason phrase, the {@code error} of every body with this status. */
    final String reason;
    /** The OpenAPI response component ({@code #/components/responses/...}), null when the document has none. */
    final String response;
    /** The component's description: when an operation answers this. */
    final String when;

    HttpStatus(int code, String reason, String response, String when) {
        this.code = code;
        this.reason = reason;
        this.response = response;
        this.when = when;
    }
}
