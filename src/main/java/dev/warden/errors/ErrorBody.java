package dev.warden.errors;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The one shape of every failure: {@code {"error","error_code","message"}}, plus field errors on a 422. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Error", description = "Every failure has this shape")
public record ErrorBody(
        @Schema(required = true, description = "The HTTP status's reason phrase") String error,
        @Schema(required = true, description = "What went wrong, for programs: one of a fixed set of codes") String errorCode,
        @Schema(required = true, description = "What went wrong, for people; the wording may change") String message,
        @Schema(description = "Each invalid field or parameter; only with validation_failed") List<FieldError> fieldErrors) {

    public static ErrorBody of(ErrorCode code) {
        return new ErrorBody(code.error(), code.code(), code.defaultMessage(), null);
    }

    public static ErrorBody of(ErrorCode code, String message) {
        return new ErrorBody(code.error(), code.code(), message, null);
    }

    @RegisterForReflection
    public record FieldError(
            @Schema(required = true, description = "The field or query parameter, as the client named it") String field,
            @Schema(required = true) String message) {
    }
}
