/**
 * The real Better Auth configuration (lib/auth-options.ts) with an in-memory
 * database: sign up, then GET /api/auth/token must return an RS256 JWT with
 * the slim payload, verifiable with the published JWKS.
 */
import { betterAuth } from "better-auth";
import { memoryAdapter } from "better-auth/adapters/memory";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { buildAuthOptions } from "../lib/auth-options";

const BASE = "http://frontend.test:3000";
const API = "http://warden.test:8080";

function makeAuth() {
  vi.stubEnv("BETTER_AUTH_SECRET", "test-secret-0123456789-0123456789-abcdef");
  vi.stubEnv("BETTER_AUTH_URL", BASE);
  vi.stubEnv("NEXT_PUBLIC_API_URL", `${API}/`);
  vi.stubEnv("JWT_AUDIENCE", "");
  vi.stubEnv("AUTH_RATE_LIMIT", "off");
  const auth = betterAuth(buildAuthOptions(memoryAdapter(db)));
  vi.unstubAllEnvs();
  return auth;
}

const db: Record<string, Array<{ id: string }>> = { user: [], session: [], account: [], verification: [], jwks: [] };

describe("Better Auth JWT configuration", () => {
  let auth: ReturnType<typeof makeAuth>;
  let cookie = "";
  let userId = "";

  beforeAll(async () => {
    auth = makeAuth();
    const res = await auth.handler(
      new Request(`${BASE}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: BASE },
        body: JSON.stringify({ email: "ada@example.com", password: "password-1234", name: "Ada" }),
      }),
    );
    expect(res.status).toBe(200);
    userId = ((await res.json()) as { user: { id: string } }).user.id;
    cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    expect(cookie).toContain("session_token");
  });

  it("sign-up returns a session, not a JWT", async () => {
    expect(userId).toBeTruthy();
  });

  it("GET /api/auth/token returns an RS256 JWT with sub/email/name/iss/aud/exp", async () => {
    const res = await auth.handler(new Request(`${BASE}/api/auth/token`, { headers: { cookie } }));
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };

    const header = decodeProtectedHeader(token);
    expect(header.alg).toBe("RS256");
    expect(header.kid).toBeTruthy();

    const jwksRes = await auth.handler(new Request(`${BASE}/api/auth/jwks`));
    const jwks = (await jwksRes.json()) as { keys: Array<Record<string, string>> };
    expect(jwks.keys.some((k) => k.kty === "RSA" && k.alg === "RS256" && k.kid === header.kid)).toBe(true);

    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks as never), {
      issuer: BASE,
      audience: API, // NEXT_PUBLIC_API_URL without its trailing slash
      algorithms: ["RS256"],
    });
    expect(payload.sub).toBe(userId);
    expect(payload.email).toBe("ada@example.com");
    expect(payload.name).toBe("Ada");
    expect(payload.exp! - payload.iat!).toBe(15 * 60);
    // The session the token belongs to: once it ends, Warden refuses the token.
    expect(payload.sid).toBe(db.session[0]?.id);
    // Slim payload: no user row fields beyond what Warden needs.
    expect(Object.keys(payload).sort()).toEqual(["aud", "email", "exp", "iat", "iss", "name", "sid", "sub"]);
  });

  it("GET /api/auth/token without a session is refused", async () => {
    const res = await auth.handler(new Request(`${BASE}/api/auth/token`));
    expect(res.status).toBe(401);
  });

  it("refuses a sign-in from a foreign Origin even here, where NODE_ENV=test and TEST are set", async () => {
    // Better Auth turns its Origin check off in a test environment unless told otherwise; the options tell it.
    const res = await auth.handler(
      new Request(`${BASE}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: "https://attacker.example" },
        body: JSON.stringify({ email: "ada@example.com", password: "password-1234" }),
      }),
    );
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: "INVALID_ORIGIN" });
  });
});
