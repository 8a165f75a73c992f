package dev.warden.tasks;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One page of a list: {@code total} counts the tasks that match, on all pages, up to {@link TaskQuery#MAX_TOTAL}. */
@RegisterForReflection
record TaskPage(
        @Schema(required = true) List<TaskView> items,
        @Schema(required = true, minimum = "1") int page,
        @Schema(required = true, minimum = "1", maximum = "" + TaskQuery.MAX_PAGE_SIZE) int size,
        @Schema(required = true, minimum = "0", maximum = "" + TaskQuery.MAX_TOTAL,
                description = "Tasks that match, on all pages; a larger count reads as " + TaskQuery.MAX_TOTAL
                        + ", the most any page can reach") long total) {
}
