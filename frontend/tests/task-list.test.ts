import { describe, expect, it } from "vitest";
import {
  filterFromQuery,
  initialTaskList,
  queryForFilter,
  shownTotal,
  taskListReducer,
  visibleTasks,
  type TaskListAction,
  type TaskListState,
} from "../lib/task-list";
import type { Task } from "../lib/task-types";

function task(id: number, title: string, completed = false): Task {
  return { id, title, description: null, completed, created_at: "", updated_at: "" };
}

const milk = task(1, "Buy milk");
const report = task(2, "Write report");

function run(...actions: TaskListAction[]): TaskListState {
  return actions.reduce(taskListReducer, initialTaskList("all"));
}

const loaded = (tasks: Task[], filter: "all" | "pending" | "completed" = "all"): TaskListAction => ({
  type: "loaded",
  filter,
  page: { items: tasks, page: 1, size: 100, total: tasks.length },
});

describe("taskListReducer", () => {
  it("knows no count until a load succeeds, and none after a load fails", () => {
    expect(shownTotal(run())).toBeNull();
    expect(shownTotal(run(loaded([])))).toBe(0);
    const failed = run({ type: "loadFailed", filter: "all", message: "Could not load your tasks: down" });
    expect(failed.phase).toBe("failed");
    expect(shownTotal(failed)).toBeNull();
  });

  it("keeps the load error while a retry runs, and drops it when the retry loads", () => {
    const retrying = run({ type: "loadFailed", filter: "all", message: "down" }, { type: "loadStarted", filter: "all" });
    expect(retrying).toMatchObject({ phase: "loading", loadError: "down" });
    expect(taskListReducer(retrying, loaded([milk])).loadError).toBeNull();
  });

  it("ignores the answer to a filter the user has since left", () => {
    const s = run({ type: "loadStarted", filter: "completed" }, loaded([milk], "all"));
    expect(s.phase).toBe("loading");
    expect(s.tasks).toEqual([]);
  });

  it("puts an added task first, unless the filter would not show it", () => {
    expect(run(loaded([milk]), { type: "added", task: report }).tasks).toEqual([report, milk]);
    const completed = run({ type: "loadStarted", filter: "completed" }, loaded([], "completed"), { type: "added", task: report });
    expect(completed.tasks).toEqual([]);
    expect(shownTotal(completed)).toBe(0);
  });

  it("takes a refused change back and keeps the message", () => {
    const s = run(
      loaded([milk]),
      { type: "changed", task: { ...milk, completed: true } },
      { type: "refused", before: milk, message: "Could not mark “Buy milk” as completed: down" },
    );
    expect(s.tasks).toEqual([milk]);
    expect(s.actionError).toBe("Could not mark “Buy milk” as completed: down");
  });

  it("hides a task being deleted and counts it out, and shows it again on undo", () => {
    const deleting = run(loaded([milk, report]), { type: "deleteStarted", task: milk });
    expect(visibleTasks(deleting)).toEqual([report]);
    expect(shownTotal(deleting)).toBe(1);
    expect(deleting.undoable).toEqual(milk);
    const undone = taskListReducer(deleting, { type: "deleteUndone", id: milk.id });
    expect(visibleTasks(undone)).toEqual([milk, report]);
    expect(shownTotal(undone)).toBe(2);
    expect(undone.undoable).toBeNull();
  });

  it("keeps a sent delete hidden until Warden confirms it, then drops it once", () => {
    const sent = run(loaded([milk, report]), { type: "deleteStarted", task: milk }, { type: "deleteSent", id: milk.id });
    expect(sent.undoable).toBeNull();
    expect(visibleTasks(sent)).toEqual([report]);
    const done = taskListReducer(sent, { type: "deleted", id: milk.id });
    expect(done.tasks).toEqual([report]);
    expect(shownTotal(done)).toBe(1);
  });

  it("does not count a deleted task out twice when a reload already lacks it", () => {
    const s = run(
      loaded([milk, report]),
      { type: "deleteStarted", task: milk },
      { type: "deleteSent", id: milk.id },
      loaded([report]),
      { type: "deleted", id: milk.id },
    );
    expect(s.tasks).toEqual([report]);
    expect(shownTotal(s)).toBe(1);
  });

  it("keeps a task hidden through a reload while its delete is pending", () => {
    const s = run(loaded([milk, report]), { type: "deleteStarted", task: milk }, loaded([milk, report]));
    expect(visibleTasks(s)).toEqual([report]);
    expect(shownTotal(s)).toBe(1);
  });

  it("brings a task back with a message when Warden refuses its delete", () => {
    const s = run(
      loaded([milk]),
      { type: "deleteStarted", task: milk },
      { type: "deleteSent", id: milk.id },
      { type: "deleteRefused", task: milk, message: "Could not delete “Buy milk”: down" },
    );
    expect(visibleTasks(s)).toEqual([milk]);
    expect(s.actionError).toBe("Could not delete “Buy milk”: down");
  });
});

describe("the filter in the dashboard's URL", () => {
  it("reads Warden's own status words and takes anything else for all tasks", () => {
    expect(filterFromQuery("pending")).toBe("pending");
    expect(filterFromQuery("completed")).toBe("completed");
    expect(filterFromQuery("all")).toBe("all");
    expect(filterFromQuery(null)).toBe("all");
    expect(filterFromQuery("Pending")).toBe("all");
    expect(filterFromQuery("constructor")).toBe("all");
  });

  it("writes no query for all tasks, so the plain dashboard URL stays the plain one", () => {
    expect(queryForFilter("all")).toBe("");
    expect(queryForFilter("pending")).toBe("?status=pending");
    expect(queryForFilter("completed")).toBe("?status=completed");
    for (const f of ["all", "pending", "completed"] as const) {
      expect(filterFromQuery(new URLSearchParams(queryForFilter(f)).get("status"))).toBe(f);
    }
  });
});
