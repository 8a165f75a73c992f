package dev.warden.tasks;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** PUT: the whole task; a missing {@code completed} means not completed, a missing description clears it. */
@RegisterForReflection
@Schema(additionalProperties = Schema.False.class)
record TaskReplacement(
        @NotNull @TextLength(min = 1, max = NewTask.TITLE_MAX)
        @Schema(minLength = 1, maxLength = NewTask.TITLE_MAX, pattern = "\\S",
                description = "1 to 200 characters, not only whitespace")
        String title,
        @TextLength(max = NewTask.DESCRIPTION_MAX) @Schema(nullable = true, maxLength = NewTask.DESCRIPTION_MAX)
        String description,
        @Schema(nullable = true, defaultValue = "false") Boolean completed) {
}
