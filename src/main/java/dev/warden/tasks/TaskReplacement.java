package dev.warden.tasks;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** PUT: the whole task; a missing {@code completed} means not completed, a missing description clears it. */
@RegisterForReflection
@Schema(additionalProperties = Schema.False.class)
record TaskReplacement(
        @NotNull @TaskTitle String title,
        @TaskDescription String description,
        @Schema(nullable = true, defaultValue = "false") Boolean completed) {
}
