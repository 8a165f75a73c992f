import { describe, expect, it, vi } from "vitest";
import { ApiClient, ApiError, SessionExpiredError } from "../lib/api";
import { SESSION_ENDED_MESSAGE } from "../lib/session-ended";
import { TokenStore } from "../lib/token-store";
import { TasksApi } from "../lib/tasks-api";
import { clock, fakeJwt, jsonResponse } from "./helpers";

const API = "http://api.test";

/**
 * One fake fetch serving both the token endpoint (/api/auth/token) and Warden
 * (http://api.test/...). `warden` decides Warden's answer per call.
 */
function setup(warden: (req: { url: string; init: RequestInit; auth: string | null; n: number }) => Response) {
  const c = clock();
  let issued = 0;
  let wardenCalls = 0;
  const fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
    if (url === "/api/auth/token") {
      issued++;
      return jsonResponse(200, { token: fakeJwt({ sub: "user-1", n: issued, exp: c.seconds() + 900 }) });
    }
    const headers = (init.headers ?? {}) as Record<string, string>;
    wardenCalls++;
    return warden({ url, init, auth: headers.authorization ?? null, n: wardenCalls });
  });
  const tokens = new TokenStore({ fetch, now: c.now });
  const onUnauthorized = vi.fn();
  const api = new ApiClient({ baseUrl: `${API}/`, tokens, fetch, onUnauthorized });
  const tokenCalls = () => fetch.mock.calls.filter(([u]) => u === "/api/auth/token").length;
  const wardenRequests = () => fetch.mock.calls.filter(([u]) => u.startsWith(API));
  return { api, tokens, fetch, onUnauthorized, tokenCalls, wardenRequests, clock: c };
}

const unauthorized = () =>
  jsonResponse(401, { error: "Unauthorized", error_code: "token_expired", message: "token expired" });

describe("ApiClient", () => {
  it("attaches the bearer token and parses JSON", async () => {
    const s = setup(({ auth }) => jsonResponse(200, { ok: true, auth }));
    const body = await s.api.get<{ ok: boolean; auth: string }>("/api/v1/me");
    expect(body.ok).toBe(true);
    expect(body.auth).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    const [url, init] = s.wardenRequests()[0]!;
    expect(url).toBe(`${API}/api/v1/me`);
    expect(init?.credentials).toBe("omit");
    expect(s.tokenCalls()).toBe(1);
  });

  it("reuses the in-memory token across requests", async () => {
    const s = setup(() => jsonResponse(200, {}));
    await s.api.get("/a");
    await s.api.get("/b");
    await s.api.get("/c");
    expect(s.tokenCalls()).toBe(1);
  });

  it("concurrent requests with no token trigger a single token fetch", async () => {
    const s = setup(() => jsonResponse(200, {}));
    await Promise.all(Array.from({ length: 8 }, (_, i) => s.api.get(`/r${i}`)));
    expect(s.tokenCalls()).toBe(1);
    expect(s.wardenRequests()).toHaveLength(8);
  });

  it("on 401 renews the token once and retries once, then succeeds", async () => {
    const s = setup(({ n }) => (n === 1 ? unauthorized() : jsonResponse(200, { id: 1 })));
    const body = await s.api.get<{ id: number }>("/api/user-1/tasks/1");
    expect(body).toEqual({ id: 1 });
    expect(s.tokenCalls()).toBe(2);
    const auths = s.wardenRequests().map(([, init]) => (init!.headers as Record<string, string>).authorization);
    expect(auths).toHaveLength(2);
    expect(auths[0]).not.toBe(auths[1]); // retried with the renewed token
    expect(s.onUnauthorized).not.toHaveBeenCalled();
  });

  it("on 401 → renew → 401 sends the user to sign in", async () => {
    const s = setup(() => unauthorized());
    await expect(s.api.get("/api/user-1/tasks")).rejects.toBeInstanceOf(SessionExpiredError);
    expect(s.tokenCalls()).toBe(2);
    expect(s.wardenRequests()).toHaveLength(2); // exactly one retry
    expect(s.onUnauthorized).toHaveBeenCalledTimes(1);
    expect(s.tokens.peek()).toBeNull(); // token dropped
  });

  it("a token endpoint refusing (session expired or revoked) sends the user to sign in", async () => {
    const c = clock();
    const fetch = vi.fn(async (url: string) =>
      url === "/api/auth/token" ? jsonResponse(401, null) : jsonResponse(200, {}),
    );
    const onUnauthorized = vi.fn();
    const api = new ApiClient({ baseUrl: API, tokens: new TokenStore({ fetch, now: c.now }), fetch, onUnauthorized });
    const err = await api.get("/api/v1/me").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SessionExpiredError);
    expect((err as Error).message).toBe(SESSION_ENDED_MESSAGE);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls.some(([u]) => u.startsWith(API))).toBe(false);
  });

  it("maps Warden's error body to ApiError with field errors, without redirecting", async () => {
    const s = setup(() =>
      jsonResponse(422, {
        error: "Unprocessable Entity",
        error_code: "validation_failed",
        message: "Validation failed",
        field_errors: [{ field: "title", message: "must not be blank" }],
      }),
    );
    const err: ApiError = await s.api.post("/api/user-1/tasks", { title: "" }).catch((e: ApiError) => e) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(422);
    expect(err.code).toBe("validation_failed");
    expect(err.fieldErrors).toEqual([{ field: "title", message: "must not be blank" }]);
    expect(err.describe()).toContain("title must not be blank");
    expect(s.onUnauthorized).not.toHaveBeenCalled();
  });

  it("403 is an error, not a sign-in redirect", async () => {
    const s = setup(() => jsonResponse(403, { error: "Forbidden", error_code: "forbidden", message: "nope" }));
    await expect(s.api.get("/api/other/tasks")).rejects.toMatchObject({ status: 403, code: "forbidden" });
    expect(s.onUnauthorized).not.toHaveBeenCalled();
    expect(s.tokenCalls()).toBe(1);
  });

  it("lets a request outlive the page when asked (keepalive)", async () => {
    const s = setup(() => new Response(null, { status: 204 }));
    await s.api.delete("/api/user-1/tasks/7", { keepalive: true });
    await s.api.delete("/api/user-1/tasks/8");
    expect(s.wardenRequests().map(([, init]) => init?.keepalive)).toEqual([true, undefined]);
  });

  it("turns a network failure into a readable ApiError", async () => {
    const s = setup(() => {
      throw new TypeError("Failed to fetch");
    });
    await expect(s.api.get("/api/v1/me")).rejects.toMatchObject({ code: "network_error" });
  });
});

describe("TasksApi", () => {
  it("builds Warden's paths, query and bodies", async () => {
    const s = setup(({ init }) =>
      init.method === "DELETE"
        ? new Response(null, { status: 204 })
        : jsonResponse(200, { items: [], page: 1, size: 100, total: 0 }),
    );
    const tasks = new TasksApi(s.api, "user-1");
    await tasks.list({ status: "completed" });
    await tasks.create({ title: "Buy milk", description: "" });
    await tasks.toggleComplete(7);
    await tasks.update(7, { title: "x" });
    expect(await tasks.remove(7)).toBeUndefined();

    const calls = s.wardenRequests().map(([u, i]) => `${i!.method} ${u}${i!.body ? ` ${i!.body}` : ""}`);
    expect(calls).toEqual([
      `GET ${API}/api/user-1/tasks?status=completed&sort=created&page=1&size=100`,
      `POST ${API}/api/user-1/tasks {"title":"Buy milk"}`,
      `PATCH ${API}/api/user-1/tasks/7/complete`,
      `PATCH ${API}/api/user-1/tasks/7 {"title":"x"}`,
      `DELETE ${API}/api/user-1/tasks/7`,
    ]);
  });
});
