package dev.warden.tasks;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A task as clients see it: no owner field, the owner is always the caller. */
@RegisterForReflection
record TaskView(long id, String title, String description, boolean completed, Instant createdAt, Instant updatedAt) {

    static TaskView of(Task task) {
        return new TaskView(task.id, task.title, task.description, task.completed, task.createdAt, task.updatedAt);
    }
}
