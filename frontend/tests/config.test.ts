import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildCsp, STATIC_SECURITY_HEADERS } from "../lib/security-headers";
import {
  apiBaseUrl,
  authDbSchema,
  clientIpHeaders,
  configProblems,
  jwtAudience,
  MIN_SECRET_LENGTH,
  PUBLISHED_SECRETS,
  rateLimitEnabled,
  trustedOrigins,
} from "../lib/server-env";

afterEach(() => vi.unstubAllEnvs());

const GOOD_SECRET = "x".repeat(MIN_SECRET_LENGTH);

describe("server env", () => {
  it("accepts a complete configuration", () => {
    vi.stubEnv("BETTER_AUTH_SECRET", GOOD_SECRET);
    vi.stubEnv("DATABASE_URL", "postgresql://postgres@127.0.0.1/db");
    expect(configProblems()).toEqual([]);
  });

  it("reports a missing or short BETTER_AUTH_SECRET clearly", () => {
    vi.stubEnv("DATABASE_URL", "postgresql://postgres@127.0.0.1/db");
    vi.stubEnv("BETTER_AUTH_SECRET", "");
    expect(configProblems().join()).toMatch(/BETTER_AUTH_SECRET is not set/);
    vi.stubEnv("BETTER_AUTH_SECRET", "short");
    expect(configProblems().join()).toMatch(new RegExp(`too short \\(5 characters\\).*at least ${MIN_SECRET_LENGTH}`));
    vi.stubEnv("BETTER_AUTH_SECRET", GOOD_SECRET.slice(1));
    expect(configProblems().join()).toMatch(/too short/);
  });

  it("reports a missing DATABASE_URL", () => {
    vi.stubEnv("BETTER_AUTH_SECRET", GOOD_SECRET);
    vi.stubEnv("DATABASE_URL", "");
    vi.stubEnv("NEON_DATABASE_URL", "");
    expect(configProblems().join()).toMatch(/DATABASE_URL is not set/);
  });

  it("uses NEXT_PUBLIC_API_URL (no trailing slash) as the audience unless JWT_AUDIENCE is set", () => {
    vi.stubEnv("NEXT_PUBLIC_API_URL", "https://warden.example.hf.space/");
    expect(apiBaseUrl()).toBe("https://warden.example.hf.space");
    expect(jwtAudience()).toBe("https://warden.example.hf.space");
    vi.stubEnv("JWT_AUDIENCE", "warden-api");
    expect(jwtAudience()).toBe("warden-api");
  });

  it("trusts BETTER_AUTH_URL's origin plus TRUSTED_ORIGINS", () => {
    vi.stubEnv("BETTER_AUTH_URL", "http://localhost:3000/");
    vi.stubEnv("TRUSTED_ORIGINS", " http://127.0.0.1:3000 , ,https://x.vercel.app/");
    expect(trustedOrigins()).toEqual([
      "http://localhost:3000",
      "http://127.0.0.1:3000",
      "https://x.vercel.app",
    ]);
  });

  it("parses AUTH_RATE_LIMIT", () => {
    vi.stubEnv("AUTH_RATE_LIMIT", "");
    expect(rateLimitEnabled()).toBeUndefined();
    vi.stubEnv("AUTH_RATE_LIMIT", "off");
    expect(rateLimitEnabled()).toBe(false);
    vi.stubEnv("AUTH_RATE_LIMIT", "ON");
    expect(rateLimitEnabled()).toBe(true);
    vi.stubEnv("AUTH_RATE_LIMIT", "maybe");
    expect(() => rateLimitEnabled()).toThrow(/AUTH_RATE_LIMIT/);
  });

  it("trusts no client-IP header by default, x-vercel-forwarded-for on Vercel, AUTH_CLIENT_IP_HEADER's otherwise", () => {
    vi.stubEnv("AUTH_CLIENT_IP_HEADER", "");
    vi.stubEnv("VERCEL", "");
    expect(clientIpHeaders()).toEqual([]);
    vi.stubEnv("VERCEL", "1");
    expect(clientIpHeaders()).toEqual(["x-vercel-forwarded-for"]);
    vi.stubEnv("AUTH_CLIENT_IP_HEADER", " CF-Connecting-IP , ,x-real-ip");
    expect(clientIpHeaders()).toEqual(["cf-connecting-ip", "x-real-ip"]);
    vi.stubEnv("AUTH_CLIENT_IP_HEADER", "x real ip");
    expect(() => clientIpHeaders()).toThrow(/AUTH_CLIENT_IP_HEADER must name HTTP headers/);
    vi.stubEnv("BETTER_AUTH_SECRET", GOOD_SECRET);
    vi.stubEnv("DATABASE_URL", "postgresql://postgres@127.0.0.1/db");
    expect(configProblems().join()).toMatch(/AUTH_CLIENT_IP_HEADER/);
  });

  it("only accepts a plain identifier as AUTH_DB_SCHEMA", () => {
    vi.stubEnv("AUTH_DB_SCHEMA", "");
    expect(authDbSchema()).toBe("auth");
    vi.stubEnv("AUTH_DB_SCHEMA", "warden_auth");
    expect(authDbSchema()).toBe("warden_auth");
    vi.stubEnv("AUTH_DB_SCHEMA", "auth; drop table x");
    expect(() => authDbSchema()).toThrow();
  });
});

/** The BETTER_AUTH_SECRET a published file hands out, read from that file so that the rule cannot drift from it. */
function publishedSecret(file: string, pattern: RegExp): string {
  const match = readFileSync(new URL(file, import.meta.url), "utf8").match(pattern);
  if (!match) throw new Error(`no BETTER_AUTH_SECRET in ${file}`);
  return match[1].trim();
}

const EXAMPLE_SECRET = publishedSecret("../.env.example", /^BETTER_AUTH_SECRET=(.*)$/m);
const DEV_DEFAULT_SECRET = publishedSecret(
  "../../src/main/resources/application.properties",
  /dev-env\.BETTER_AUTH_SECRET=\$\{BETTER_AUTH_SECRET:([^}]*)\}/,
);

describe("server env in production", () => {
  function production(env: Record<string, string>): string[] {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("DATABASE_URL", "postgresql://postgres@127.0.0.1/db");
    vi.stubEnv("BETTER_AUTH_SECRET", GOOD_SECRET);
    vi.stubEnv("BETTER_AUTH_URL", "https://warden.example.vercel.app");
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    return configProblems();
  }

  it("accepts a good configuration", () => {
    expect(production({})).toEqual([]);
    expect(production({ BETTER_AUTH_URL: "http://127.0.0.1:3000" })).toEqual([]);
  });

  it("refuses the placeholder secret of .env.example, naming the variable and why", () => {
    expect(PUBLISHED_SECRETS.has(EXAMPLE_SECRET)).toBe(true);
    expect(production({ BETTER_AUTH_SECRET: EXAMPLE_SECRET })).toEqual([
      "BETTER_AUTH_SECRET is the placeholder of frontend/.env.example, known to everyone: anyone could forge " +
        "sessions. Generate one with `openssl rand -base64 32`.",
    ]);
  });

  it("refuses the dev-mode default secret of application.properties", () => {
    expect(production({ BETTER_AUTH_SECRET: DEV_DEFAULT_SECRET }).join()).toMatch(
      /^BETTER_AUTH_SECRET is the dev-mode default of Warden's application.properties, known to everyone/,
    );
  });

  it("refuses a missing BETTER_AUTH_URL, for the cookies' Secure flag", () => {
    expect(production({ BETTER_AUTH_URL: "" }).join()).toMatch(
      /^BETTER_AUTH_URL is not set: in production it must be this site's public https:\/\/ URL.*Secure/,
    );
  });

  it("refuses a plain http BETTER_AUTH_URL other than this machine", () => {
    expect(production({ BETTER_AUTH_URL: "http://warden.example.com" }).join()).toMatch(
      /^BETTER_AUTH_URL must be https:\/\/ in production: .*Secure only then \(got "http:\/\/warden.example.com"\)/,
    );
    expect(production({ BETTER_AUTH_URL: "http://127.attacker.example" }).join()).toMatch(/must be https:\/\//);
  });

  it("refuses AUTH_RATE_LIMIT=off unless the server is on this machine", () => {
    expect(production({ AUTH_RATE_LIMIT: "off" }).join()).toMatch(
      /^AUTH_RATE_LIMIT=off in production: sign-in would take unlimited password guesses/,
    );
    expect(production({ AUTH_RATE_LIMIT: "off", BETTER_AUTH_URL: "http://127.0.0.1:3000" })).toEqual([]);
    expect(production({ AUTH_RATE_LIMIT: "on" })).toEqual([]);
  });

  it("leaves development alone: dev mode hands the frontend its published default", () => {
    vi.stubEnv("NODE_ENV", "development");
    vi.stubEnv("DATABASE_URL", "postgresql://postgres@127.0.0.1/db");
    vi.stubEnv("BETTER_AUTH_SECRET", DEV_DEFAULT_SECRET);
    vi.stubEnv("BETTER_AUTH_URL", "");
    expect(configProblems()).toEqual([]);
  });
});

describe("security headers", () => {
  it("has the static headers", () => {
    const h = Object.fromEntries(STATIC_SECURITY_HEADERS.map((x) => [x.key, x.value]));
    expect(h["X-Frame-Options"]).toBe("DENY");
    expect(h["X-Content-Type-Options"]).toBe("nosniff");
    expect(h["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
  });

  it("builds a nonce CSP that allows the API origin only in connect-src", () => {
    const csp = buildCsp({ nonce: "abc", apiOrigin: "http://localhost:8080", dev: false, upgradeInsecure: false });
    const d = Object.fromEntries(
      csp.split("; ").map((x) => [x.split(" ")[0], x.split(" ").slice(1).join(" ")]),
    );
    expect(d["default-src"]).toBe("'self'");
    expect(d["connect-src"]).toBe("'self' http://localhost:8080");
    expect(d["frame-ancestors"]).toBe("'none'");
    expect(d["script-src"]).toBe("'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toContain("upgrade-insecure-requests");
  });

  it("adds unsafe-eval and websockets only in development", () => {
    const csp = buildCsp({ nonce: "n", apiOrigin: null, dev: true, upgradeInsecure: true });
    expect(csp).toContain("'unsafe-eval'");
    expect(csp).toContain("connect-src 'self' ws: wss:");
    expect(csp).toContain("upgrade-insecure-requests");
  });
});
