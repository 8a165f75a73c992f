/**
 * Better Auth as production runs it: NODE_ENV=production, the real options (lib/auth-options.ts), the tables made by
 * the real migration (lib/migrate.ts) in a schema of this run's own on the PostgreSQL that TEST_DATABASE_URL names,
 * answering real Requests. The rate limit on sign-in, the session cookie's flags, the Origin check.
 */
import { Pool } from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const DATABASE = process.env.TEST_DATABASE_URL?.trim();
if (!DATABASE && process.env.CI === "true") {
  // On CI a skip would read as a pass: ./mvnw verify (FrontendUnitTestsIT) passes a database.
  throw new Error("TEST_DATABASE_URL is not set: these tests need PostgreSQL, e.g. postgresql://postgres@127.0.0.1:5432/postgres");
}
if (!DATABASE) console.warn("[auth-http.test] TEST_DATABASE_URL is not set: Better Auth's HTTP tests are skipped");

const SCHEMA = `vitest_auth_${process.pid}`;
const HTTPS_BASE = "https://warden.example.test";
const LOOPBACK_BASE = "http://127.0.0.1:3000";
const SECRET = "test-secret-0123456789-0123456789-abcdef";
const TOO_MANY = { message: "Too many requests. Please try again later." };

type Auth = import("better-auth").Auth;
let betterAuth: typeof import("better-auth").betterAuth;
let buildAuthOptions: typeof import("../lib/auth-options").buildAuthOptions;
let createPool: typeof import("../lib/auth-options").createPool;
let admin: Pool;
const pools: Pool[] = [];

/** A server instance (a replica) with its own pool, configured by `env` on top of a complete production setup. */
function makeAuth(env: Record<string, string> = {}): Auth {
  const all: Record<string, string> = {
    DATABASE_URL: DATABASE!,
    AUTH_DB_SCHEMA: SCHEMA,
    BETTER_AUTH_SECRET: SECRET,
    BETTER_AUTH_URL: HTTPS_BASE,
    NEXT_PUBLIC_API_URL: "https://api.example.test",
    AUTH_RATE_LIMIT: "",
    AUTH_CLIENT_IP_HEADER: "",
    VERCEL: "",
    ...env,
  };
  return withEnv(all, () => {
    const pool = createPool();
    pools.push(pool);
    // Quiet: the refusals provoked here would each log a warning or an error on a passing run.
    return betterAuth({ ...buildAuthOptions(pool), logger: { disabled: true } }) as unknown as Auth;
  });
}

/** Runs `fn` with these variables set, then puts them back (the options read the environment when built). */
function withEnv<T>(env: Record<string, string>, fn: () => T): T {
  const saved = Object.keys(env).map((name) => [name, process.env[name]] as const);
  Object.assign(process.env, env);
  try {
    return fn();
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

function post(auth: Auth, base: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  return auth.handler(
    new Request(`${base}/api/auth${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base, ...headers },
      body: JSON.stringify(body),
    }),
  );
}

function signIn(auth: Auth, email: string, headers: Record<string, string>) {
  return post(auth, HTTPS_BASE, "/sign-in/email", { email, password: "not-the-password" }, headers);
}

async function counters(): Promise<Record<string, number>> {
  const rows = await admin.query<{ key: string; count: number }>(`SELECT key, count FROM "${SCHEMA}"."rateLimit"`);
  return Object.fromEntries(rows.rows.map((r) => [r.key, r.count]));
}

let emails = 0;
const freshEmail = () => `user-${process.pid}-${++emails}@example.test`;

describe.skipIf(!DATABASE)("Better Auth over HTTP in production, on PostgreSQL", () => {
  let migrated: string[] = [];

  beforeAll(async () => {
    // Better Auth reads NODE_ENV once, as it loads, and takes any TEST (which Vitest sets) for NODE_ENV=test, which
    // turns its Origin check off and invents an address for every request: both go before Better Auth loads.
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("TEST", "");
    ({ betterAuth } = await import("better-auth"));
    ({ buildAuthOptions, createPool } = await import("../lib/auth-options"));
    const { migrateAuthDb } = await import("../lib/migrate");

    admin = new Pool({ connectionString: DATABASE });
    await admin.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
    vi.stubEnv("DATABASE_URL", DATABASE!);
    vi.stubEnv("AUTH_DB_SCHEMA", SCHEMA);
    vi.stubEnv("BETTER_AUTH_SECRET", SECRET);
    const pool = createPool();
    pools.push(pool);
    migrated = (await migrateAuthDb(pool)).createdTables;
  });

  afterAll(async () => {
    vi.unstubAllEnvs();
    await Promise.all(pools.map((p) => p.end()));
    if (admin) {
      await admin.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
      await admin.end();
    }
  });

  describe("the sign-in rate limit", () => {
    it("is on in production without AUTH_RATE_LIMIT, its counters in the table the migration made", async () => {
      expect(migrated).toContain("rateLimit");
      const context = await makeAuth().$context;
      expect(context.rateLimit.enabled).toBe(true);
      expect(context.rateLimit.storage).toBe("database");
    });

    it("answers 429 within 20 attempts that each spoof a new X-Forwarded-For", async () => {
      const auth = makeAuth();
      const statuses: number[] = [];
      let refusal: Response | undefined;
      for (let i = 1; i <= 20; i++) {
        const res = await signIn(auth, "victim@example.test", { "x-forwarded-for": `203.0.113.${i}` });
        statuses.push(res.status);
        if (res.status === 429) refusal ??= res;
      }
      // Better Auth's rule for /sign-in: 3 in 10 s. No header is trusted here, so every spoofed address is one client.
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      expect(statuses.slice(3)).toEqual(Array(17).fill(429));
      expect(await refusal!.json()).toEqual(TOO_MANY);
      expect(Number(refusal!.headers.get("x-retry-after"))).toBeGreaterThan(0);
      expect((await counters())["no-trusted-ip|/sign-in/email"]).toBe(3);
    });

    it("on Vercel keys on x-vercel-forwarded-for, shared by every replica, whatever X-Forwarded-For says", async () => {
      const replicas = [makeAuth({ VERCEL: "1" }), makeAuth({ VERCEL: "1" })];
      const statuses: number[] = [];
      for (let i = 1; i <= 20; i++) {
        const res = await signIn(replicas[i % 2], "victim@example.test", {
          "x-vercel-forwarded-for": "198.51.100.7",
          "x-forwarded-for": `203.0.113.${i}`,
        });
        statuses.push(res.status);
      }
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      expect(statuses.slice(3)).toEqual(Array(17).fill(429));
      expect((await counters())["198.51.100.7|/sign-in/email"]).toBe(3);

      // Another client, as Vercel's edge reports it, keeps its own allowance.
      const other = await signIn(replicas[0], "victim@example.test", { "x-vercel-forwarded-for": "198.51.100.8" });
      expect(other.status).toBe(401);
    });

    it("trusts the header AUTH_CLIENT_IP_HEADER names instead", async () => {
      const auth = makeAuth({ VERCEL: "1", AUTH_CLIENT_IP_HEADER: "X-Real-IP" });
      const statuses: number[] = [];
      for (let i = 1; i <= 5; i++) {
        const res = await signIn(auth, "victim@example.test", {
          "x-real-ip": "192.0.2.44",
          "x-vercel-forwarded-for": `203.0.113.${i}`,
        });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      expect((await counters())["192.0.2.44|/sign-in/email"]).toBe(3);
    });
  });

  describe("the session cookie", () => {
    /** The attributes of the session-token cookie of a response, lower-cased names. */
    function sessionCookie(res: Response): { name: string; attributes: Map<string, string> } {
      const cookie = res.headers.getSetCookie().find((c) => /^[^=]*better-auth\.session_token=/.test(c));
      expect(cookie, res.headers.getSetCookie().join("\n")).toBeDefined();
      const [pair, ...attrs] = cookie!.split(";").map((s) => s.trim());
      return {
        name: pair.slice(0, pair.indexOf("=")),
        attributes: new Map(
          attrs.map((a) => {
            const eq = a.indexOf("=");
            return eq === -1 ? [a.toLowerCase(), ""] : [a.slice(0, eq).toLowerCase(), a.slice(eq + 1)];
          }),
        ),
      };
    }

    it("is HttpOnly, Secure and SameSite=Lax on an https BETTER_AUTH_URL, from sign-up and from sign-in", async () => {
      const auth = makeAuth({ AUTH_RATE_LIMIT: "off" });
      const email = freshEmail();
      const credentials = { email, password: "correct-horse-battery" };
      const signUp = await post(auth, HTTPS_BASE, "/sign-up/email", { ...credentials, name: "Ada" });
      expect(signUp.status).toBe(200);
      const signIn = await post(auth, HTTPS_BASE, "/sign-in/email", credentials);
      expect(signIn.status).toBe(200);
      for (const res of [signUp, signIn]) {
        const { name, attributes } = sessionCookie(res);
        expect(name).toBe("__Secure-better-auth.session_token");
        expect(attributes.has("httponly")).toBe(true);
        expect(attributes.has("secure")).toBe(true);
        expect(attributes.get("samesite")?.toLowerCase()).toBe("lax");
        expect(attributes.get("path")).toBe("/");
      }
    });

    it("is HttpOnly and SameSite=Lax, not Secure, on a plain-http loopback BETTER_AUTH_URL", async () => {
      const auth = makeAuth({ AUTH_RATE_LIMIT: "off", BETTER_AUTH_URL: LOOPBACK_BASE });
      const res = await post(auth, LOOPBACK_BASE, "/sign-up/email", {
        email: freshEmail(),
        password: "correct-horse-battery",
        name: "Ada",
      });
      expect(res.status).toBe(200);
      const { name, attributes } = sessionCookie(res);
      expect(name).toBe("better-auth.session_token");
      expect(attributes.has("httponly")).toBe(true);
      expect(attributes.has("secure")).toBe(false);
      expect(attributes.get("samesite")?.toLowerCase()).toBe("lax");
    });
  });

  describe("the Origin check", () => {
    const FOREIGN = "https://attacker.example";

    it("refuses a sign-in posted from a foreign origin and accepts one from its own", async () => {
      const auth = makeAuth({ AUTH_RATE_LIMIT: "off" });
      const credentials = { email: freshEmail(), password: "correct-horse-battery" };
      expect((await post(auth, HTTPS_BASE, "/sign-up/email", { ...credentials, name: "Ada" })).status).toBe(200);

      const foreign = await post(auth, HTTPS_BASE, "/sign-in/email", credentials, { origin: FOREIGN });
      expect(foreign.status).toBe(403);
      expect(await foreign.json()).toMatchObject({ code: "INVALID_ORIGIN" });
      expect(foreign.headers.getSetCookie()).toEqual([]);

      const own = await post(auth, HTTPS_BASE, "/sign-in/email", credentials);
      expect(own.status).toBe(200);
    });

    it("refuses a sign-out posted with the session cookie from a foreign origin and accepts one from its own", async () => {
      const auth = makeAuth({ AUTH_RATE_LIMIT: "off" });
      const signUp = await post(auth, HTTPS_BASE, "/sign-up/email", {
        email: freshEmail(),
        password: "correct-horse-battery",
        name: "Ada",
      });
      expect(signUp.status).toBe(200);
      const cookie = signUp.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; ");
      const session = () => auth.handler(new Request(`${HTTPS_BASE}/api/auth/get-session`, { headers: { cookie } }));

      const foreign = await post(auth, HTTPS_BASE, "/sign-out", {}, { origin: FOREIGN, cookie });
      expect(foreign.status).toBe(403);
      expect(await foreign.json()).toMatchObject({ code: "INVALID_ORIGIN" });
      expect(await (await session()).json()).not.toBeNull();

      const own = await post(auth, HTTPS_BASE, "/sign-out", {}, { cookie });
      expect(own.status).toBe(200);
      expect(await (await session()).json()).toBeNull();
    });
  });
});
