package dev.warden.tasks;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
record TaskPage(List<TaskView> items, int page, int size, long total) {
}
