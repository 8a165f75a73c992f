package dev.warden.errors;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The one shape of every failure: {@code {"error","error_code","message"}}, plus field errors on a 422. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String error, String errorCode, String message, List<FieldError> fieldErrors) {

    public static ErrorBody of(ErrorCode code) {
        return new ErrorBody(code.error(), code.code(), code.defaultMessage(), null);
    }

    public static ErrorBody of(ErrorCode code, String message) {
        return new ErrorBody(code.error(), code.code(), message, null);
    }

    @RegisterForReflection
    public record FieldError(String field, String message) {
    }
}
