package dev.warden.tasks;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonSetter;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * PATCH: only what is present changes. A class rather than a record so that {@code "description": null}
 * (clear it) can be told apart from leaving description out (keep it).
 */
@RegisterForReflection
@Schema(additionalProperties = Schema.False.class)
class TaskPatch {

    @TaskTitle
    private String title;

    @TaskDescription
    private String description;

    // Bookkeeping, not a field: invisible to Jackson (a private field without an accessor), so a client sending
    // "description_present" is refused as any unknown field is (@JsonIgnore would make Jackson skip it silently).
    @Schema(hidden = true)
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
