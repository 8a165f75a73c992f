"use client";

import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { ApiError, SessionExpiredError } from "@/lib/api";
import { initialTaskList, shownTotal, taskListReducer, visibleTasks } from "@/lib/task-list";
import type { ListQuery, NewTask, StatusFilter, Task, TaskChanges, TaskPage } from "@/lib/task-types";
import { toChanges, toNewTask, type TaskFormValues } from "@/lib/task-validation";

/** The calls the hook makes (TasksApi; a fake in tests). */
export interface TasksPort {
  list(query: ListQuery): Promise<TaskPage>;
  create(input: NewTask): Promise<Task>;
  update(id: number, changes: TaskChanges): Promise<Task>;
  toggleComplete(id: number): Promise<Task>;
  remove(id: number, options?: { keepalive?: boolean }): Promise<void>;
}

function reason(err: unknown): string {
  if (err instanceof ApiError && err.status === 404) return "it no longer exists";
  if (err instanceof ApiError) return err.describe();
  if (err instanceof Error) return err.message;
  return "something went wrong";
}

/**
 * The dashboard's tasks: loading (with a retry), and every change shown at once, then confirmed by Warden or
 * taken back with a message saying what failed. A delete first waits for its undo period and is sent when
 * that ends, when another delete starts, or when the page is left. An ended session shows no message: the
 * API client is already taking the user to sign in.
 */
export function useTasks(api: TasksPort, filter: StatusFilter) {
  const [state, dispatch] = useReducer(taskListReducer, filter, initialTaskList);
  const [busy, setBusy] = useState<ReadonlySet<number>>(() => new Set());
  const inFlight = useRef(new Set<number>());
  const undoable = useRef<Task | null>(null);
  const loadSeq = useRef(0);

  const load = useCallback(async (): Promise<boolean> => {
    const seq = ++loadSeq.current;
    dispatch({ type: "loadStarted", filter });
    try {
      const page = await api.list({ status: filter });
      if (seq === loadSeq.current) dispatch({ type: "loaded", filter, page });
      return true;
    } catch (err) {
      if (seq === loadSeq.current && !(err instanceof SessionExpiredError)) {
        dispatch({ type: "loadFailed", filter, message: `Could not load your tasks: ${reason(err)}` });
      }
      return false;
    }
  }, [api, filter]);

  useEffect(() => {
    void load();
  }, [load]);

  const markBusy = useCallback((id: number, on: boolean) => {
    if (on) inFlight.current.add(id);
    else inFlight.current.delete(id);
    setBusy(new Set(inFlight.current));
  }, []);

  /** One change to one task, shown before Warden answers; one at a time per task. */
  const change = useCallback(
    async (before: Task, shown: Task, send: () => Promise<Task>, failure: string): Promise<boolean> => {
      if (inFlight.current.has(before.id)) return false;
      markBusy(before.id, true);
      dispatch({ type: "errorDismissed" });
      dispatch({ type: "changed", task: shown });
      try {
        dispatch({ type: "changed", task: await send() });
        return true;
      } catch (err) {
        if (!(err instanceof SessionExpiredError)) {
          dispatch({ type: "refused", before, message: `${failure}: ${reason(err)}` });
        }
        return false;
      } finally {
        markBusy(before.id, false);
      }
    },
    [markBusy],
  );

  const toggle = useCallback(
    (task: Task) =>
      change(
        task,
        { ...task, completed: !task.completed },
        () => api.toggleComplete(task.id),
        `Could not mark “${task.title}” as ${task.completed ? "pending" : "completed"}`,
      ),
    [api, change],
  );

  const update = useCallback(
    (task: Task, values: TaskFormValues) => {
      const changes = toChanges(values);
      return change(task, { ...task, ...changes }, () => api.update(task.id, changes), `Could not save “${task.title}”`);
    },
    [api, change],
  );

  const create = useCallback(
    async (values: TaskFormValues): Promise<Task | null> => {
      const input = toNewTask(values);
      dispatch({ type: "errorDismissed" });
      try {
        const task = await api.create(input);
        dispatch({ type: "added", task });
        return task;
      } catch (err) {
        if (!(err instanceof SessionExpiredError)) {
          dispatch({ type: "failed", message: `Could not add “${input.title}”: ${reason(err)}` });
        }
        return null;
      }
    },
    [api],
  );

  /** Sends the delete that can still be undone, if any (`keepalive` while the page is being left). */
  const commitDelete = useCallback(
    async (keepalive = false): Promise<void> => {
      const task = undoable.current;
      if (!task) return;
      undoable.current = null;
      dispatch({ type: "deleteSent", id: task.id });
      try {
        await api.remove(task.id, { keepalive });
        dispatch({ type: "deleted", id: task.id });
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) {
          dispatch({ type: "deleted", id: task.id }); // already gone: what the user wanted
        } else if (!(err instanceof SessionExpiredError)) {
          dispatch({ type: "deleteRefused", task, message: `Could not delete “${task.title}”: ${reason(err)}` });
        }
      }
    },
    [api],
  );

  const remove = useCallback(
    (task: Task) => {
      if (inFlight.current.has(task.id)) return;
      void commitDelete();
      undoable.current = task;
      dispatch({ type: "deleteStarted", task });
    },
    [commitDelete],
  );

  const undoDelete = useCallback((): Task | null => {
    const task = undoable.current;
    if (!task) return null;
    undoable.current = null;
    dispatch({ type: "deleteUndone", id: task.id });
    return task;
  }, []);

  // Leaving the page (reload, navigation, closing the tab) ends the undo period.
  useEffect(() => {
    const onPageHide = () => void commitDelete(true);
    window.addEventListener("pagehide", onPageHide);
    return () => {
      window.removeEventListener("pagehide", onPageHide);
      void commitDelete(true);
    };
  }, [commitDelete]);

  const dismissError = useCallback(() => dispatch({ type: "errorDismissed" }), []);

  return useMemo(
    () => ({
      phase: state.phase,
      filter: state.filter,
      tasks: visibleTasks(state),
      total: shownTotal(state),
      loadError: state.loadError,
      actionError: state.actionError,
      undoable: state.undoable,
      busy,
      retry: load,
      create,
      toggle,
      update,
      remove,
      undoDelete,
      commitDelete,
      dismissError,
    }),
    [state, busy, load, create, toggle, update, remove, undoDelete, commitDelete, dismissError],
  );
}

export type TasksState = ReturnType<typeof useTasks>;
