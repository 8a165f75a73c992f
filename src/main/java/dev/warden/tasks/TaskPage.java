package dev.warden.tasks;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One page of a list: {@code total} counts every task that matches, on all pages. */
@RegisterForReflection
record TaskPage(
        @Schema(required = true) List<TaskView> items,
        @Schema(required = true, minimum = "1") int page,
        @Schema(required = true, minimum = "1", maximum = "" + TaskQuery.MAX_PAGE_SIZE) int size,
        @Schema(required = true, minimum = "0", description = "Tasks that match, on all pages") long total) {
}
