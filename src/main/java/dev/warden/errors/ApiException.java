package dev.warden.errors;

import java.util.List;

/**
 * A failure our own code decides on. It carries no stack trace: it is an answer, not a bug, and the
 * mapper turns it into a response without logging it.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final List<ErrorBody.FieldError> fieldErrors;

    public ApiException(ErrorCode code) {
        this(code, code.defaultMessage(), null);
    }

    public ApiException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public ApiException(ErrorCode code, String message, List<ErrorBody.FieldError> fieldErrors) {
        super(message, null, false, false);
        this.code = code;
        this.fieldErrors = fieldErrors;
    }

    public static ApiException notFound() {
        return new ApiException(ErrorCode.NOT_FOUND);
    }

    public ErrorCode code() {
        return code;
    }

    public ErrorBody body() {
        return new ErrorBody(code.error(), code.code(), getMessage(), fieldErrors);
    }
}
