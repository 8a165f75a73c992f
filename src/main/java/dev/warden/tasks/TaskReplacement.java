package dev.warden.tasks;

import jakarta.validation.constraints.NotNull;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** PUT: the whole task; a missing {@code completed} means not completed, a missing description clears it. */
@RegisterForReflection
record TaskReplacement(
        @NotNull @TextLength(min = 1, max = NewTask.TITLE_MAX) String title,
        @TextLength(max = NewTask.DESCRIPTION_MAX) String description,
        Boolean completed) {
}
