"use client";

import { TaskItem } from "@/components/TaskItem";
import type { Phase } from "@/lib/task-list";
import type { StatusFilter, Task } from "@/lib/task-types";
import type { TaskFormValues } from "@/lib/task-validation";

interface TaskListProps {
  phase: Phase;
  filter: StatusFilter;
  tasks: Task[];
  loadError: string | null;
  busy: ReadonlySet<number>;
  onRetry: () => void;
  onToggle: (task: Task) => void;
  onSave: (task: Task, values: TaskFormValues) => Promise<boolean>;
  onDelete: (task: Task) => void;
}

const EMPTY_TEXT: Record<StatusFilter, string> = {
  all: "No tasks yet. Add your first one above.",
  pending: "Nothing pending. Nice work!",
  completed: "No completed tasks yet.",
};

/** The list in each of its states: a skeleton while loading, what failed with a Retry, empty, or the tasks. */
export function TaskList({ phase, filter, tasks, loadError, busy, onRetry, onToggle, onSave, onDelete }: TaskListProps) {
  if (loadError) {
    // Also while a retry runs, so the Retry button (and the focus on it) stays where it is.
    const retrying = phase === "loading";
    return (
      <div className="load-error" role="alert" data-testid="load-error">
        <p>{loadError}</p>
        <button type="button" data-testid="retry" onClick={retrying ? undefined : onRetry} aria-disabled={retrying || undefined}>
          {retrying ? "Retrying…" : "Retry"}
        </button>
      </div>
    );
  }
  if (phase === "loading") {
    return (
      <>
        <p className="visually-hidden" role="status">
          Loading your tasks…
        </p>
        <ul className="tasks skeleton" aria-hidden="true" data-testid="skeleton">
          {[0, 1, 2].map((i) => (
            <li key={i}>
              <span className="bone check" />
              <span className="body">
                <span className="bone line" />
                <span className="bone line short" />
              </span>
            </li>
          ))}
        </ul>
      </>
    );
  }
  if (tasks.length === 0) {
    return (
      <p className="empty" data-testid="empty-state">
        {EMPTY_TEXT[filter]}
      </p>
    );
  }
  return (
    <ul className="tasks" data-testid="task-list">
      {tasks.map((task) => (
        <TaskItem
          key={task.id}
          task={task}
          busy={busy.has(task.id)}
          onToggle={onToggle}
          onSave={onSave}
          onDelete={onDelete}
        />
      ))}
    </ul>
  );
}
