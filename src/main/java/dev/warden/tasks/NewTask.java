package dev.warden.tasks;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
@Schema(additionalProperties = Schema.False.class)
record NewTask(
        @NotNull @TextLength(min = 1, max = NewTask.TITLE_MAX)
        @Schema(minLength = 1, maxLength = NewTask.TITLE_MAX, pattern = "\\S",
                description = "1 to 200 characters, not only whitespace")
        String title,
        @TextLength(max = NewTask.DESCRIPTION_MAX) @Schema(nullable = true, maxLength = NewTask.DESCRIPTION_MAX)
        String description) {

    static final int TITLE_MAX = 200;
    static final int DESCRIPTION_MAX = 1000;
}
