"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { usePublicConfig } from "@/components/ConfigProvider";
import { TaskForm } from "@/components/TaskForm";
import { TaskFilters } from "@/components/TaskFilters";
import { TaskList } from "@/components/TaskList";
import { UndoToast } from "@/components/UndoToast";
import { useTasks } from "@/hooks/use-tasks";
import { apiClient, signOut } from "@/lib/auth-client";
import { loadDraft, saveDraft } from "@/lib/draft";
import { filterFromQuery, queryForFilter } from "@/lib/task-list";
import type { StatusFilter, Task } from "@/lib/task-types";
import { EMPTY_TASK, type TaskFormValues } from "@/lib/task-validation";
import { TasksApi } from "@/lib/tasks-api";

interface User {
  id: string;
  email: string;
  name: string;
}

export function Dashboard({ user }: { user: User }) {
  const { apiUrl } = usePublicConfig();
  const api = useMemo(() => new TasksApi(apiClient(apiUrl), user.id), [apiUrl, user.id]);
  // The filter lives in the URL, so a reload keeps it, it can be linked, and back/forward step through it. A
  // history entry of the page's own (Next.js follows pushState into useSearchParams) needs no server round trip.
  const filter = filterFromQuery(useSearchParams().get("status"));
  const setFilter = (next: StatusFilter) => {
    if (next !== filter) window.history.pushState(null, "", queryForFilter(next) || window.location.pathname);
  };
  const tasks = useTasks(api, filter);
  const [announcement, setAnnouncement] = useState("");
  const area = useRef<HTMLElement>(null);

  // The unsaved new task survives a reload and an ended session (read after hydration: storage is browser-only).
  const [draft, setDraft] = useState<TaskFormValues | null>(null);
  useEffect(() => setDraft(loadDraft(user.id)), [user.id]);

  // Focus that must wait for the next render (the element it goes to is not there yet).
  const pendingFocus = useRef<string | null>(null);
  useEffect(() => {
    if (!pendingFocus.current) return;
    const target = document.querySelector<HTMLElement>(pendingFocus.current);
    if (target) {
      target.focus();
      pendingFocus.current = null;
    }
  });
  const focusTask = (task: Task | undefined, control: "toggle" | "delete") => {
    pendingFocus.current = task
      ? `[data-task-id="${task.id}"] [data-focus="${control}"]`
      : '.task-form.create [data-focus="title"]';
  };

  async function onCreate(values: TaskFormValues): Promise<boolean> {
    const task = await tasks.create(values);
    if (task) setAnnouncement(`Added “${task.title}”.`);
    return task !== null;
  }

  function onDelete(task: Task) {
    // Focus goes to the row that takes its place (else the one before, else the new-task field).
    const i = tasks.tasks.findIndex((t) => t.id === task.id);
    focusTask(tasks.tasks[i + 1] ?? tasks.tasks[i - 1], "toggle");
    tasks.remove(task);
  }

  function onUndo() {
    const task = tasks.undoDelete();
    if (!task) return;
    focusTask(task, "delete");
    setAnnouncement(`Restored “${task.title}”.`);
  }

  async function onRetry() {
    if (await tasks.retry()) area.current?.focus();
  }

  const { commitDelete } = tasks;
  const onExpire = useCallback(() => void commitDelete(), [commitDelete]);

  async function onSignOut() {
    await commitDelete(); // while the session still lives to authorize it
    await signOut();
  }

  return (
    <main className="dashboard" data-testid="dashboard">
      <header className="topbar">
        <div className="who">
          <h1>Your tasks</h1>
          <p className="muted">
            Signed in as <span data-testid="user-email">{user.email}</span>
          </p>
        </div>
        <button type="button" className="secondary sign-out" data-testid="sign-out" onClick={() => void onSignOut()}>
          Sign out
        </button>
      </header>

      <TaskForm
        key={draft ? "draft" : "blank"}
        mode="create"
        testId="new-task"
        initial={draft ?? EMPTY_TASK}
        onSubmit={onCreate}
        onChange={(values) => saveDraft(user.id, values)}
      />

      {tasks.actionError && (
        <div className="error" role="alert" data-testid="action-error">
          <span>{tasks.actionError}</span>
          <button type="button" className="link-button dismiss" onClick={tasks.dismissError} aria-label="Dismiss message">
            ×
          </button>
        </div>
      )}

      <TaskFilters filter={filter} total={tasks.total} onChange={setFilter} />

      <section
        ref={area}
        tabIndex={-1}
        className="task-area"
        aria-label="Tasks"
        aria-busy={tasks.phase === "loading"}
        data-testid="task-area"
        data-phase={tasks.phase}
        data-filter={tasks.phase === "ready" ? tasks.filter : ""}
      >
        <TaskList
          phase={tasks.phase}
          filter={tasks.filter}
          tasks={tasks.tasks}
          loadError={tasks.loadError}
          busy={tasks.busy}
          onRetry={() => void onRetry()}
          onToggle={(task) => void tasks.toggle(task)}
          onSave={tasks.update}
          onDelete={onDelete}
        />
      </section>

      <p className="visually-hidden" role="status" data-testid="announcement">
        {announcement}
      </p>
      <div className="toast-region" role="status">
        {tasks.undoable && (
          <UndoToast key={tasks.undoable.id} task={tasks.undoable} onUndo={onUndo} onExpire={onExpire} />
        )}
      </div>
    </main>
  );
}
