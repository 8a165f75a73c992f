"use client";

import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { usePublicConfig } from "@/components/ConfigProvider";
import { ApiError, SessionExpiredError } from "@/lib/api";
import { apiClient, signOut } from "@/lib/browser";
import {
  DESCRIPTION_MAX,
  TITLE_MAX,
  TasksApi,
  validateTask,
  type StatusFilter,
  type Task,
} from "@/lib/tasks";

interface User {
  id: string;
  email: string;
  name: string;
}

const FILTERS: StatusFilter[] = ["all", "pending", "completed"];

function message(err: unknown): string {
  if (err instanceof ApiError) return err.describe();
  if (err instanceof Error) return err.message;
  return "Something went wrong.";
}

export function Dashboard({ user }: { user: User }) {
  const { apiUrl } = usePublicConfig();
  const tasksApi = useMemo(() => new TasksApi(apiClient(apiUrl), user.id), [apiUrl, user.id]);

  const [filter, setFilter] = useState<StatusFilter>("all");
  const [tasks, setTasks] = useState<Task[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(true);
  /** The filter the shown list was loaded with (lets tests wait for a reload). */
  const [loadedFilter, setLoadedFilter] = useState<StatusFilter | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busyIds, setBusyIds] = useState<Set<number>>(new Set());

  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [creating, setCreating] = useState(false);

  const [editingId, setEditingId] = useState<number | null>(null);
  const [editTitle, setEditTitle] = useState("");
  const [editDescription, setEditDescription] = useState("");

  const loadSeq = useRef(0);

  const report = useCallback((err: unknown) => {
    // The client is already navigating to /sign-in.
    if (err instanceof SessionExpiredError) return;
    setError(message(err));
  }, []);

  const load = useCallback(
    async (status: StatusFilter) => {
      const seq = ++loadSeq.current;
      setLoading(true);
      try {
        const page = await tasksApi.list({ status });
        if (seq !== loadSeq.current) return; // a newer filter won
        setTasks(page.items);
        setTotal(page.total);
        setLoadedFilter(status);
        setError(null);
      } catch (err) {
        if (seq === loadSeq.current) report(err);
      } finally {
        if (seq === loadSeq.current) setLoading(false);
      }
    },
    [tasksApi, report],
  );

  useEffect(() => {
    void load(filter);
  }, [filter, load]);

  function setBusy(id: number, busy: boolean) {
    setBusyIds((prev) => {
      const next = new Set(prev);
      if (busy) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  async function onCreate(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const problem = validateTask(title, description);
    if (problem) {
      setError(problem);
      return;
    }
    setCreating(true);
    try {
      await tasksApi.create({ title: title.trim(), description: description.trim() || undefined });
      setTitle("");
      setDescription("");
      setError(null);
      await load(filter);
    } catch (err) {
      report(err);
    } finally {
      setCreating(false);
    }
  }

  /** Runs one change to a task: busy while it runs, then the list reloads or the error shows. */
  async function changeTask(task: Task, change: () => Promise<unknown>) {
    setBusy(task.id, true);
    try {
      await change();
      setError(null);
      await load(filter);
    } catch (err) {
      report(err);
    } finally {
      setBusy(task.id, false);
    }
  }

  function onToggle(task: Task) {
    return changeTask(task, () => tasksApi.toggleComplete(task.id));
  }

  function onDelete(task: Task) {
    return changeTask(task, () => tasksApi.remove(task.id));
  }

  function startEdit(task: Task) {
    setEditingId(task.id);
    setEditTitle(task.title);
    setEditDescription(task.description ?? "");
  }

  async function onSaveEdit(e: FormEvent<HTMLFormElement>, task: Task) {
    e.preventDefault();
    const problem = validateTask(editTitle, editDescription);
    if (problem) {
      setError(problem);
      return;
    }
    await changeTask(task, async () => {
      await tasksApi.update(task.id, {
        title: editTitle.trim(),
        description: editDescription.trim() === "" ? null : editDescription.trim(),
      });
      setEditingId(null);
    });
  }

  const emptyText =
    filter === "all"
      ? "No tasks yet. Add your first one above."
      : filter === "pending"
        ? "Nothing pending. Nice work!"
        : "No completed tasks yet.";

  return (
    <main className="dashboard" data-testid="dashboard">
      <header className="topbar">
        <div>
          <h1>Your tasks</h1>
          <p className="muted">
            Signed in as <span data-testid="user-email">{user.email}</span>
          </p>
        </div>
        <button type="button" className="secondary" data-testid="sign-out" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>

      <form className="create" onSubmit={onCreate} data-testid="create-form">
        <input
          data-testid="new-task-title"
          aria-label="Title"
          placeholder="What needs doing?"
          value={title}
          maxLength={TITLE_MAX}
          onChange={(e) => setTitle(e.target.value)}
        />
        <textarea
          data-testid="new-task-description"
          aria-label="Description"
          placeholder="Details (optional)"
          value={description}
          maxLength={DESCRIPTION_MAX}
          rows={2}
          onChange={(e) => setDescription(e.target.value)}
        />
        <button type="submit" data-testid="create-task" disabled={creating}>
          {creating ? "Adding…" : "Add task"}
        </button>
      </form>

      {error && (
        <div className="error" role="alert" data-testid="error">
          <span>{error}</span>
          <button type="button" className="link" onClick={() => setError(null)} aria-label="Dismiss">
            ×
          </button>
        </div>
      )}

      <nav className="filters" aria-label="Filter tasks">
        {FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            data-testid={`filter-${f}`}
            className={f === filter ? "active" : ""}
            aria-pressed={f === filter}
            onClick={() => setFilter(f)}
          >
            {f[0]!.toUpperCase() + f.slice(1)}
          </button>
        ))}
        <span className="muted count" data-testid="task-count">
          {loading ? "Loading…" : `${total} task${total === 1 ? "" : "s"}`}
        </span>
      </nav>

      <div
        data-testid="task-area"
        data-loading={loading ? "true" : "false"}
        data-filter={loadedFilter ?? ""}
      >
        {!loading && tasks.length === 0 && !error && (
          <p className="empty" data-testid="empty-state">
            {emptyText}
          </p>
        )}
        <ul className="tasks" data-testid="task-list">
          {tasks.map((task) => {
            const busy = busyIds.has(task.id);
            return (
              <li
                key={task.id}
                data-testid="task-item"
                data-task-id={task.id}
                data-completed={task.completed ? "true" : "false"}
                className={task.completed ? "done" : ""}
              >
                {editingId === task.id ? (
                  <form className="edit" onSubmit={(e) => void onSaveEdit(e, task)}>
                    <input
                      data-testid="edit-title"
                      aria-label="Title"
                      value={editTitle}
                      maxLength={TITLE_MAX}
                      onChange={(e) => setEditTitle(e.target.value)}
                    />
                    <textarea
                      data-testid="edit-description"
                      aria-label="Description"
                      value={editDescription}
                      maxLength={DESCRIPTION_MAX}
                      rows={2}
                      onChange={(e) => setEditDescription(e.target.value)}
                    />
                    <div className="row">
                      <button type="submit" data-testid="edit-save" disabled={busy}>
                        Save
                      </button>
                      <button
                        type="button"
                        className="secondary"
                        data-testid="edit-cancel"
                        onClick={() => setEditingId(null)}
                      >
                        Cancel
                      </button>
                    </div>
                  </form>
                ) : (
                  <>
                    <label className="check">
                      <input
                        type="checkbox"
                        data-testid="task-toggle"
                        checked={task.completed}
                        disabled={busy}
                        onChange={() => void onToggle(task)}
                        aria-label={task.completed ? "Mark as pending" : "Mark as completed"}
                      />
                    </label>
                    <div className="body">
                      <span className="title" data-testid="task-title">
                        {task.title}
                      </span>
                      {task.description && (
                        <span className="desc" data-testid="task-description">
                          {task.description}
                        </span>
                      )}
                    </div>
                    <div className="actions">
                      <button
                        type="button"
                        className="secondary"
                        data-testid="task-edit"
                        disabled={busy}
                        onClick={() => startEdit(task)}
                      >
                        Edit
                      </button>
                      <button
                        type="button"
                        className="danger"
                        data-testid="task-delete"
                        disabled={busy}
                        onClick={() => void onDelete(task)}
                      >
                        Delete
                      </button>
                    </div>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      </div>
    </main>
  );
}
