import { STATUS_FILTERS, type StatusFilter, type Task, type TaskPage } from "./task-types";

/**
 * The filter a dashboard URL asks for (`?status=pending`): the same words as Warden's API and the buttons, so a link
 * reads as what it shows; anything else is all tasks.
 */
export function filterFromQuery(status: string | null): StatusFilter {
  return STATUS_FILTERS.find((f) => f === status) ?? "all";
}

/** The dashboard URL's query for a filter: none for all tasks. */
export function queryForFilter(filter: StatusFilter): string {
  return filter === "all" ? "" : `?status=${filter}`;
}

/**
 * The dashboard's list as a pure state machine (useTasks runs it): what was loaded, the user's changes
 * shown before Warden confirms them, and what is taken back when Warden refuses one.
 */
export type Phase = "loading" | "ready" | "failed";

export interface TaskListState {
  phase: Phase;
  /** The filter of the list shown or being loaded. */
  filter: StatusFilter;
  /** The page as loaded, with changes applied as soon as the user makes them. */
  tasks: Task[];
  /** Warden's count for the filter, plus the tasks added since. */
  total: number;
  /** Why the last load failed; kept while a retry runs. */
  loadError: string | null;
  /** A change Warden refused (and that was taken back). */
  actionError: string | null;
  /** Tasks hidden because their delete waits for its undo period or for Warden. */
  deleting: number[];
  /** The delete that can still be undone. */
  undoable: Task | null;
}

export type TaskListAction =
  | { type: "loadStarted"; filter: StatusFilter }
  | { type: "loaded"; filter: StatusFilter; page: TaskPage }
  | { type: "loadFailed"; filter: StatusFilter; message: string }
  | { type: "added"; task: Task }
  | { type: "changed"; task: Task }
  | { type: "refused"; before: Task; message: string }
  | { type: "deleteStarted"; task: Task }
  | { type: "deleteUndone"; id: number }
  | { type: "deleteSent"; id: number }
  | { type: "deleted"; id: number }
  | { type: "deleteRefused"; task: Task; message: string }
  | { type: "failed"; message: string }
  | { type: "errorDismissed" };

export function initialTaskList(filter: StatusFilter): TaskListState {
  return {
    phase: "loading",
    filter,
    tasks: [],
    total: 0,
    loadError: null,
    actionError: null,
    deleting: [],
    undoable: null,
  };
}

function matches(task: Task, filter: StatusFilter): boolean {
  return filter === "all" || task.completed === (filter === "completed");
}

function replace(tasks: Task[], task: Task): Task[] {
  return tasks.map((t) => (t.id === task.id ? task : t));
}

export function taskListReducer(state: TaskListState, action: TaskListAction): TaskListState {
  switch (action.type) {
    case "loadStarted":
      return { ...state, phase: "loading", filter: action.filter };
    case "loaded":
      if (action.filter !== state.filter) return state; // an older filter's answer
      return { ...state, phase: "ready", tasks: action.page.items, total: action.page.total, loadError: null };
    case "loadFailed":
      if (action.filter !== state.filter) return state;
      return { ...state, phase: "failed", loadError: action.message };
    case "added":
      // Newest first, as Warden sorts by default; a filter it does not match does not show it.
      if (!matches(action.task, state.filter)) return { ...state, actionError: null };
      return { ...state, tasks: [action.task, ...state.tasks], total: state.total + 1, actionError: null };
    case "changed":
      // A task whose completion no longer matches the filter stays until the next load: it does not vanish
      // under the user's pointer, and a click on it again takes the change back.
      return { ...state, tasks: replace(state.tasks, action.task) };
    case "refused":
      return { ...state, tasks: replace(state.tasks, action.before), actionError: action.message };
    case "deleteStarted":
      return {
        ...state,
        deleting: [...state.deleting, action.task.id],
        undoable: action.task,
        actionError: null,
      };
    case "deleteUndone":
      return {
        ...state,
        deleting: state.deleting.filter((id) => id !== action.id),
        undoable: state.undoable?.id === action.id ? null : state.undoable,
      };
    case "deleteSent":
      return { ...state, undoable: state.undoable?.id === action.id ? null : state.undoable };
    case "deleted": {
      // A load that ran meanwhile may already lack the task: count it out only if it is still here.
      const had = state.tasks.some((t) => t.id === action.id);
      return {
        ...state,
        tasks: had ? state.tasks.filter((t) => t.id !== action.id) : state.tasks,
        total: had ? state.total - 1 : state.total,
        deleting: state.deleting.filter((id) => id !== action.id),
      };
    }
    case "deleteRefused":
      return {
        ...state,
        deleting: state.deleting.filter((id) => id !== action.task.id),
        actionError: action.message,
      };
    case "failed":
      return { ...state, actionError: action.message };
    case "errorDismissed":
      return { ...state, actionError: null };
  }
}

/** The tasks to show: all but those being deleted. */
export function visibleTasks(state: TaskListState): Task[] {
  return state.deleting.length === 0 ? state.tasks : state.tasks.filter((t) => !state.deleting.includes(t.id));
}

/** The count to show; null while it is not known (loading, or the load failed), never a made-up 0. */
export function shownTotal(state: TaskListState): number | null {
  if (state.phase !== "ready") return null;
  const hidden = state.tasks.length - visibleTasks(state).length;
  return state.total - hidden;
}
