import { describe, expect, it, vi } from "vitest";
import { TokenStore, TokenUnavailableError } from "../lib/token-store";
import { decodeJwtPayload } from "../lib/jwt";
import { clock, deferred, fakeJwt, jsonResponse } from "./helpers";

function tokenServer(c: ReturnType<typeof clock>, lifetimeSeconds = 900) {
  let n = 0;
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    n++;
    return jsonResponse(200, {
      token: fakeJwt({ sub: "user-1", n, exp: c.seconds() + lifetimeSeconds }),
    });
  });
  return fetch;
}

describe("decodeJwtPayload", () => {
  it("decodes base64url payloads including non-ASCII", () => {
    const t = fakeJwt({ sub: "u", name: "Zoë ✓" });
    expect(decodeJwtPayload(t)).toMatchObject({ sub: "u", name: "Zoë ✓" });
  });
  it("rejects malformed tokens", () => {
    expect(() => decodeJwtPayload("abc")).toThrow();
    expect(() => decodeJwtPayload("a.!!!.c")).toThrow();
  });
});

describe("TokenStore", () => {
  it("fetches /api/auth/token with the session cookie and keeps the JWT in memory", async () => {
    const c = clock();
    const fetch = tokenServer(c);
    const store = new TokenStore({ fetch, now: c.now });

    expect(store.peek()).toBeNull();
    const t1 = await store.getToken();
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe("/api/auth/token");
    expect(init?.credentials).toBe("include");

    // Served from memory while fresh.
    expect(await store.getToken()).toBe(t1);
    expect(store.peek()).toBe(t1);
    expect(store.claims()?.sub).toBe("user-1");
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("does not touch localStorage or sessionStorage", async () => {
    const c = clock();
    const setItem = vi.fn();
    vi.stubGlobal("localStorage", { setItem, getItem: vi.fn() });
    vi.stubGlobal("sessionStorage", { setItem, getItem: vi.fn() });
    try {
      const store = new TokenStore({ fetch: tokenServer(c), now: c.now });
      await store.getToken();
      expect(setItem).not.toHaveBeenCalled();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("renews when less than 60 s remain before exp", async () => {
    const c = clock();
    const fetch = tokenServer(c, 900);
    const store = new TokenStore({ fetch, now: c.now });

    const t1 = await store.getToken();
    c.advance((900 - 61) * 1000); // 61 s left: still fresh
    expect(await store.getToken()).toBe(t1);
    expect(fetch).toHaveBeenCalledTimes(1);

    c.advance(2000); // 59 s left: renew
    const t2 = await store.getToken();
    expect(t2).not.toBe(t1);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(decodeJwtPayload(t2).n).toBe(2);
  });

  it("renews an already expired token", async () => {
    const c = clock();
    const fetch = tokenServer(c, 900);
    const store = new TokenStore({ fetch, now: c.now });
    await store.getToken();
    c.advance(3600 * 1000);
    expect(store.peek()).toBeNull();
    await store.getToken();
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("honours a custom renewal margin", async () => {
    const c = clock();
    const fetch = tokenServer(c, 900);
    const store = new TokenStore({ fetch, now: c.now, renewBeforeSeconds: 300 });
    await store.getToken();
    c.advance(601 * 1000); // 299 s left < 300
    await store.getToken();
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("shares one in-flight renewal among concurrent callers", async () => {
    const c = clock();
    const gate = deferred<Response>();
    const fetch = vi.fn(() => gate.promise);
    const store = new TokenStore({ fetch, now: c.now });

    const callers = Array.from({ length: 10 }, () => store.getToken());
    const renewers = Array.from({ length: 5 }, () => store.renew());
    expect(fetch).toHaveBeenCalledTimes(1);

    gate.resolve(jsonResponse(200, { token: fakeJwt({ sub: "u", exp: c.seconds() + 900 }) }));
    const tokens = await Promise.all([...callers, ...renewers]);
    expect(new Set(tokens).size).toBe(1);
    expect(fetch).toHaveBeenCalledTimes(1);

    // Once settled, a forced renewal makes a new request.
    fetch.mockImplementation(async () =>
      jsonResponse(200, { token: fakeJwt({ sub: "u", exp: c.seconds() + 900, n: 2 }) }),
    );
    await store.renew();
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("shares a failed renewal too, and the next call retries", async () => {
    const c = clock();
    const fetch = vi.fn(async () => jsonResponse(401, { message: "no session" }));
    const store = new TokenStore({ fetch, now: c.now });

    const results = await Promise.allSettled([store.getToken(), store.getToken(), store.getToken()]);
    expect(results.every((r) => r.status === "rejected")).toBe(true);
    expect((results[0] as PromiseRejectedResult).reason).toBeInstanceOf(TokenUnavailableError);
    expect(fetch).toHaveBeenCalledTimes(1);

    await expect(store.getToken()).rejects.toBeInstanceOf(TokenUnavailableError);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("rejects a response without a token", async () => {
    const store = new TokenStore({ fetch: async () => jsonResponse(200, {}) });
    await expect(store.getToken()).rejects.toThrow(/no token/);
  });

  it("rejects when the network fails", async () => {
    const store = new TokenStore({
      fetch: async () => {
        throw new TypeError("Failed to fetch");
      },
    });
    await expect(store.getToken()).rejects.toBeInstanceOf(TokenUnavailableError);
  });

  it("clear() forgets the token and discards a renewal in flight", async () => {
    const c = clock();
    const gate = deferred<Response>();
    const fetch = vi.fn(() => gate.promise);
    const store = new TokenStore({ fetch, now: c.now });

    const pending = store.getToken();
    store.clear();
    gate.resolve(jsonResponse(200, { token: fakeJwt({ sub: "u", exp: c.seconds() + 900 }) }));
    await pending;
    expect(store.peek()).toBeNull(); // result of the old renewal was not kept
    expect(store.claims()).toBeNull();
  });
});
