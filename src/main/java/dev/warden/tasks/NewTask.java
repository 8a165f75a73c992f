package dev.warden.tasks;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
@Schema(additionalProperties = Schema.False.class)
record NewTask(@NotNull @TaskTitle String title, @TaskDescription String description) {
}
