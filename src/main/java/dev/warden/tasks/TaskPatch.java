package dev.warden.tasks;

import com.fasterxml.jackson.annotation.JsonSetter;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * PATCH: only what is present changes. A class rather than a record so that {@code "description": null}
 * (clear it) can be told apart from leaving description out (keep it).
 */
@RegisterForReflection
class TaskPatch {

    @TextLength(min = 1, max = NewTask.TITLE_MAX)
    private String title;

    @TextLength(max = NewTask.DESCRIPTION_MAX)
    private String description;

    private boolean descriptionPresent;

    private Boolean completed;

    String title() {
        return title;
    }

    boolean hasDescription() {
        return descriptionPresent;
    }

    String description() {
        return description;
    }

    Boolean completed() {
        return completed;
    }

    @JsonSetter("title")
    void setTitle(String title) {
        this.title = title;
    }

    @JsonSetter("description")
    void setDescription(String description) {
        this.description = description;
        this.descriptionPresent = true;
    }

    @JsonSetter("completed")
    void setCompleted(Boolean completed) {
        this.completed = completed;
    }
}
