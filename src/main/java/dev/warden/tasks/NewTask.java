package dev.warden.tasks;

import jakarta.validation.constraints.NotNull;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
record NewTask(
        @NotNull @TextLength(min = 1, max = NewTask.TITLE_MAX) String title,
        @TextLength(max = NewTask.DESCRIPTION_MAX) String description) {

    static final int TITLE_MAX = 200;
    static final int DESCRIPTION_MAX = 1000;
}
