package dev.warden.tasks;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A task as clients see it: no owner field, the owner is always the caller. */
@RegisterForReflection
@Schema(name = "Task")
record TaskView(
        @Schema(required = true, description = "Chosen by Warden; unique across all users") long id,
        @Schema(required = true, minLength = 1, maxLength = TaskTitle.MAX) String title,
        @Schema(required = true, nullable = true, maxLength = TaskDescription.MAX) String description,
        @Schema(required = true) boolean completed,
        @Schema(required = true) Instant createdAt,
        @Schema(required = true) Instant updatedAt) {

    static TaskView of(Task task) {
        return new TaskView(task.id, task.title, task.description, task.completed, task.createdAt, task.updatedAt);
    }
}
