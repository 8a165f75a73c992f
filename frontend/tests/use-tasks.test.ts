// @vitest-environment happy-dom
import { act, cleanup, renderHook, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useTasks, type TasksPort } from "../hooks/use-tasks";
import { ApiError, SessionExpiredError } from "../lib/api";
import type { StatusFilter, Task, TaskPage } from "../lib/task-types";
import { deferred } from "./helpers";

function task(id: number, title: string, completed = false): Task {
  return { id, title, description: null, completed, created_at: "", updated_at: "" };
}

const page = (items: Task[]): TaskPage => ({ items, page: 1, size: 100, total: items.length });
const milk = task(1, "Buy milk");
const report = task(2, "Write report");
const down = () => new ApiError(0, "network_error", "Could not reach the API at http://api.test (Failed to fetch)");

/** A Warden stand-in whose answers each test decides; every call is recorded. */
function fakeApi(overrides: Partial<TasksPort> = {}) {
  const api = {
    list: vi.fn(async () => page([milk, report])),
    create: vi.fn(async (input: { title: string }) => task(3, input.title)),
    update: vi.fn(async (id: number, changes: Partial<Task>) => ({ ...(id === 1 ? milk : report), ...changes })),
    toggleComplete: vi.fn(async (id: number) => ({ ...(id === 1 ? milk : report), completed: true })),
    remove: vi.fn(async () => undefined),
    ...overrides,
  };
  return api;
}

async function loadedHook(api: TasksPort, filter: StatusFilter = "all") {
  const hook = renderHook(({ f }) => useTasks(api, f), { initialProps: { f: filter } });
  await waitFor(() => expect(hook.result.current.phase).toBe("ready"));
  return hook;
}

afterEach(cleanup);

describe("useTasks loading", () => {
  it("loads, and knows no count until the list is there", async () => {
    const answer = deferred<TaskPage>();
    const api = fakeApi({ list: vi.fn(() => answer.promise) });
    const { result } = renderHook(() => useTasks(api, "all"));
    expect(result.current.phase).toBe("loading");
    expect(result.current.total).toBeNull();
    await act(async () => answer.resolve(page([milk, report])));
    expect(result.current.phase).toBe("ready");
    expect(result.current.tasks).toEqual([milk, report]);
    expect(result.current.total).toBe(2);
  });

  it("says what failed, claims no count, and loads on retry", async () => {
    const api = fakeApi({ list: vi.fn().mockRejectedValueOnce(down()).mockResolvedValue(page([milk])) });
    const { result } = renderHook(() => useTasks(api, "all"));
    await waitFor(() => expect(result.current.phase).toBe("failed"));
    expect(result.current.loadError).toBe(
      "Could not load your tasks: Could not reach the API at http://api.test (Failed to fetch)",
    );
    expect(result.current.total).toBeNull();
    let ok = false;
    await act(async () => {
      ok = await result.current.retry();
    });
    expect(ok).toBe(true);
    expect(result.current).toMatchObject({ phase: "ready", loadError: null, total: 1 });
  });

  it("shows no message when the session ended (the user is on the way to sign in)", async () => {
    const api = fakeApi({ list: vi.fn().mockRejectedValue(new SessionExpiredError()) });
    const { result } = renderHook(() => useTasks(api, "all"));
    await waitFor(() => expect(api.list).toHaveBeenCalled());
    await act(async () => {});
    expect(result.current.loadError).toBeNull();
  });

  it("shows the list of the filter chosen last, whatever order the answers come in", async () => {
    const slowAll = deferred<TaskPage>();
    const api = fakeApi({
      list: vi.fn(({ status }) => (status === "all" ? slowAll.promise : Promise.resolve(page([milk])))),
    });
    const hook = renderHook(({ f }) => useTasks(api, f), { initialProps: { f: "all" as StatusFilter } });
    hook.rerender({ f: "pending" });
    await waitFor(() => expect(hook.result.current.phase).toBe("ready"));
    await act(async () => slowAll.resolve(page([milk, report])));
    expect(hook.result.current.filter).toBe("pending");
    expect(hook.result.current.tasks).toEqual([milk]);
  });
});

describe("useTasks changes", () => {
  it("shows a completion before Warden answers, then Warden's version", async () => {
    const answer = deferred<Task>();
    const api = fakeApi({ toggleComplete: vi.fn(() => answer.promise) });
    const { result } = await loadedHook(api);
    let done!: Promise<boolean>;
    act(() => {
      done = result.current.toggle(milk);
    });
    expect(result.current.tasks[0]!.completed).toBe(true);
    expect(result.current.busy.has(milk.id)).toBe(true);
    const saved = { ...milk, completed: true, updated_at: "later" };
    await act(async () => answer.resolve(saved));
    expect(await done).toBe(true);
    expect(result.current.tasks[0]).toEqual(saved);
    expect(result.current.busy.size).toBe(0);
  });

  it("takes a refused completion back, with a message naming the task", async () => {
    const api = fakeApi({ toggleComplete: vi.fn().mockRejectedValue(new ApiError(404, "not_found", "gone")) });
    const { result } = await loadedHook(api);
    let ok = true;
    await act(async () => {
      ok = await result.current.toggle(milk);
    });
    expect(ok).toBe(false);
    expect(result.current.tasks[0]).toEqual(milk);
    expect(result.current.actionError).toBe("Could not mark “Buy milk” as completed: it no longer exists");
  });

  it("sends one change per task at a time", async () => {
    const answer = deferred<Task>();
    const api = fakeApi({ toggleComplete: vi.fn(() => answer.promise) });
    const { result } = await loadedHook(api);
    let second: Promise<boolean> = Promise.resolve(true);
    act(() => {
      void result.current.toggle(milk);
    });
    act(() => {
      second = result.current.toggle(result.current.tasks[0]!);
    });
    expect(await second).toBe(false);
    expect(api.toggleComplete).toHaveBeenCalledTimes(1);
    await act(async () => answer.resolve({ ...milk, completed: true }));
  });

  it("shows an edit at once and takes it back when refused", async () => {
    const answer = deferred<Task>();
    const api = fakeApi({ update: vi.fn(() => answer.promise) });
    const { result } = await loadedHook(api);
    act(() => {
      void result.current.update(report, { title: " Write the report ", description: "" });
    });
    expect(result.current.tasks[1]!.title).toBe("Write the report");
    await act(async () => answer.reject(down()));
    expect(api.update).toHaveBeenCalledWith(2, { title: "Write the report", description: null });
    expect(result.current.tasks[1]).toEqual(report);
    expect(result.current.actionError).toMatch(/^Could not save “Write report”: Could not reach the API/);
  });

  it("adds a created task first, and says what failed when Warden refuses it", async () => {
    const api = fakeApi({
      create: vi.fn()
        .mockResolvedValueOnce(task(3, "Call the plumber"))
        .mockRejectedValueOnce(new ApiError(422, "validation_failed", "Validation failed", [{ field: "title", message: "must not be blank" }])),
    });
    const { result } = await loadedHook(api);
    await act(async () => {
      expect(await result.current.create({ title: "Call the plumber", description: "" })).toMatchObject({ id: 3 });
    });
    expect(result.current.tasks.map((t) => t.id)).toEqual([3, 1, 2]);
    expect(result.current.total).toBe(3);
    await act(async () => {
      expect(await result.current.create({ title: "x", description: "" })).toBeNull();
    });
    expect(result.current.actionError).toBe("Could not add “x”: Validation failed: title must not be blank");
  });
});

describe("useTasks delete with undo", () => {
  it("hides the task at once and sends nothing until the undo period ends", async () => {
    const api = fakeApi();
    const { result } = await loadedHook(api);
    act(() => result.current.remove(milk));
    expect(result.current.tasks).toEqual([report]);
    expect(result.current.total).toBe(1);
    expect(result.current.undoable).toEqual(milk);
    expect(api.remove).not.toHaveBeenCalled();
    await act(() => result.current.commitDelete());
    expect(api.remove).toHaveBeenCalledWith(1, { keepalive: false });
    expect(result.current).toMatchObject({ tasks: [report], total: 1, undoable: null });
  });

  it("undo brings the task back without a request", async () => {
    const api = fakeApi();
    const { result } = await loadedHook(api);
    act(() => result.current.remove(milk));
    let restored: Task | null = null;
    act(() => {
      restored = result.current.undoDelete();
    });
    expect(restored).toEqual(milk);
    expect(result.current.tasks).toEqual([milk, report]);
    await act(() => result.current.commitDelete());
    expect(api.remove).not.toHaveBeenCalled();
  });

  it("a second delete sends the first at once", async () => {
    const api = fakeApi();
    const { result } = await loadedHook(api);
    act(() => result.current.remove(milk));
    await act(async () => result.current.remove(report));
    expect(api.remove).toHaveBeenCalledTimes(1);
    expect(api.remove).toHaveBeenCalledWith(1, { keepalive: false });
    expect(result.current.undoable).toEqual(report);
    expect(result.current.tasks).toEqual([]);
  });

  it("leaving the page sends the pending delete with keepalive", async () => {
    const api = fakeApi();
    const { result } = await loadedHook(api);
    act(() => result.current.remove(milk));
    await act(async () => window.dispatchEvent(new Event("pagehide")));
    expect(api.remove).toHaveBeenCalledWith(1, { keepalive: true });
  });

  it("treats a task already gone (404) as deleted", async () => {
    const api = fakeApi({ remove: vi.fn().mockRejectedValue(new ApiError(404, "not_found", "gone")) });
    const { result } = await loadedHook(api);
    act(() => result.current.remove(milk));
    await act(() => result.current.commitDelete());
    expect(result.current.tasks).toEqual([report]);
    expect(result.current.actionError).toBeNull();
  });

  it("brings the task back with a message when Warden refuses the delete", async () => {
    const api = fakeApi({ remove: vi.fn().mockRejectedValue(down()) });
    const { result } = await loadedHook(api);
    act(() => result.current.remove(milk));
    await act(() => result.current.commitDelete());
    expect(result.current.tasks).toEqual([milk, report]);
    expect(result.current.total).toBe(2);
    expect(result.current.actionError).toMatch(/^Could not delete “Buy milk”: Could not reach the API/);
  });
});
