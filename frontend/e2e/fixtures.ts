/**
 * What every spec shares: the stack's addresses, a page watched for errors and CSP violations, Warden's answers
 * to that page, Warden frozen and resumed, axe-core runs, and the steps a user takes to get somewhere (sign up,
 * add a task). A spec starts from nothing but the running stack: it makes its own users and tasks.
 */
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Locator, type Page } from "@playwright/test";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (see playwright.config.ts)`);
  return value.replace(/\/+$/, "");
}

export const FRONTEND_URL = required("FRONTEND_URL");
export const API_URL = required("API_URL");
/** Every Warden of the stack: API_URL, and a second replica on the same database when REPLICA_API_URL names one. */
export const WARDEN_URLS = [API_URL, ...(process.env.REPLICA_API_URL ? [process.env.REPLICA_API_URL] : [])];
export const OUTPUT_DIR = process.env.E2E_OUTPUT_DIR ?? "test-results";
export const PASSWORD = "correct-horse-battery-staple-1";
export const DESKTOP = { width: 1100, height: 800 };
/** The undo period (components/UndoToast.tsx) plus slack. */
export const UNDO_WAIT_MS = 6_000 + 4_000;

export function uniqueEmail(tag: string): string {
  return `e2e-${tag}-${Date.now()}-${crypto.randomBytes(4).toString("hex")}@example.com`;
}

export interface WardenAnswer {
  method: string;
  path: string;
  status: number;
}

/** Warden as the page sees it, and as the test reaches it from outside the page. */
export interface Warden {
  /** Every answer Warden gave the page, in order. */
  answers: WardenAnswer[];
  /** Requests from the page to Warden that failed at the network. */
  failures(): number;
  deletesOf(id: number): WardenAnswer[];
  /**
   * Freezes Warden's process (SIGSTOP) while `fn` runs: requests reach it and wait, as they do on a slow or
   * sleeping server, which shows what the page does before Warden answers. Always resumed (SIGCONT).
   */
  frozen<T>(fn: () => Promise<T>): Promise<T>;
  /** A call with a bearer token, as any other client of the API makes it. */
  call(method: string, pathname: string, token: string, json?: unknown): Promise<{ status: number; body: any }>;
  /** The user's task titles as Warden has them. */
  titles(token: string, sub: string): Promise<string[]>;
}

export const test = base.extend<{ warden: Warden; watchPage: void }>({
  // Uncaught errors and CSP violations fail the spec whatever it was about.
  watchPage: [
    async ({ page }, use) => {
      const pageErrors: string[] = [];
      const cspViolations: string[] = [];
      page.on("pageerror", (e) => pageErrors.push(e.message));
      page.on("console", (m) => {
        if (/Content[- ]Security[- ]Policy/i.test(m.text())) cspViolations.push(m.text());
      });
      await use();
      expect(pageErrors, "uncaught errors in the page").toEqual([]);
      expect(cspViolations, "CSP violations").toEqual([]);
    },
    { auto: true },
  ],

  warden: async ({ page }, use) => {
    const answers: WardenAnswer[] = [];
    let failures = 0;
    page.on("requestfailed", (r) => {
      if (r.url().startsWith(API_URL)) failures++;
    });
    page.on("response", (r) => {
      if (!r.url().startsWith(API_URL)) return;
      answers.push({ method: r.request().method(), path: new URL(r.url()).pathname, status: r.status() });
    });
    const pid = Number(process.env.WARDEN_PID ?? "");
    const call: Warden["call"] = async (method, pathname, token, json) => {
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      if (json !== undefined) headers["content-type"] = "application/json";
      const body = json === undefined ? undefined : JSON.stringify(json);
      const r = await fetch(`${API_URL}${pathname}`, { method, headers, body });
      const text = await r.text();
      return { status: r.status, body: text ? JSON.parse(text) : null };
    };
    await use({
      answers,
      failures: () => failures,
      deletesOf: (id) => answers.filter((a) => a.method === "DELETE" && a.path.endsWith(`/tasks/${id}`)),
      async frozen(fn) {
        expect(Number.isInteger(pid) && pid > 0, "WARDEN_PID (Warden's process id) is set").toBe(true);
        process.kill(pid, "SIGSTOP");
        const resume = () => {
          try {
            process.kill(pid, "SIGCONT");
          } catch {
            /* already gone */
          }
        };
        process.once("exit", resume); // a failing run must not leave Warden stopped
        try {
          return await fn();
        } finally {
          resume();
          process.removeListener("exit", resume);
        }
      },
      call,
      async titles(token, sub) {
        const r = await call("GET", `/api/${encodeURIComponent(sub)}/tasks?size=100`, token);
        expect(r.status, "listing tasks directly").toBe(200);
        return r.body.items.map((t: { title: string }) => t.title);
      },
    });
  },
});

export { expect };

// ---------------------------------------------------------------- axe-core

const IMPACTS = ["critical", "serious", "moderate", "minor"] as const;

/**
 * Runs axe-core (every rule it ships: WCAG 2.x A/AA and best practices) on the page as it is, records the
 * violations by impact in axe-summary.txt, and fails on any serious or critical one.
 */
export async function axe(page: Page, name: string): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const byImpact: Record<string, number> = Object.fromEntries(IMPACTS.map((i) => [i, 0]));
  for (const v of result.violations) byImpact[v.impact ?? "minor"]! += v.nodes.length;
  const line = `axe ${name}: ${IMPACTS.map((i) => `${byImpact[i]} ${i}`).join(", ")} (${result.passes.length} rules passed)`;
  console.log(line);
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  fs.appendFileSync(path.join(OUTPUT_DIR, "axe-summary.txt"), `${line}\n`);
  const blocking = result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
  expect(blocking, `serious or critical axe violations on ${name}`).toEqual([]);
}

export function shot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: path.join(OUTPUT_DIR, name), fullPage: true });
}

// ---------------------------------------------------------------- layout and focus

/** Fails if the page scrolls sideways (anything wider than the window). */
export async function expectNoHorizontalOverflow(page: Page, where: string): Promise<void> {
  const { scroll, width, culprits } = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const culprits = [...document.querySelectorAll("body *")]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && (r.right > width + 0.5 || r.left < -0.5) && getComputedStyle(el).position !== "fixed";
      })
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className || ""}[${el.getAttribute("data-testid") ?? ""}]`);
    return { scroll: document.documentElement.scrollWidth, width, culprits };
  });
  expect(culprits, `${where}: elements wider than the ${width} px window`).toEqual([]);
  expect(scroll, `${where}: scrollWidth`).toBeLessThanOrEqual(width);
}

/** The number of lines the element's text is laid out on. */
export function textLines(locator: Locator): Promise<number> {
  return locator.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  });
}

export interface Focused {
  name: string;
  visible: boolean;
  testId: string | null;
  label: string | null;
}

/** The focused element's description and whether its focus indicator is visible (an outline ≥ 2 px). */
export function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { name: "body", visible: false, testId: null, label: null };
    const s = getComputedStyle(el);
    const visible = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2;
    const name = `${el.tagName.toLowerCase()}[${el.getAttribute("data-testid") ?? el.getAttribute("aria-label") ?? el.textContent?.trim().slice(0, 30)}]`;
    return { name, visible, testId: el.getAttribute("data-testid"), label: el.getAttribute("aria-label") };
  });
}

/** Fails unless the focused element has this data-testid (and, if given, this accessible label). */
export async function expectFocus(page: Page, when: string, testId: string, label?: string): Promise<void> {
  const f = await focused(page);
  expect({ testId: f.testId, ...(label === undefined ? {} : { label: f.label }) }, `focus ${when}`).toEqual({
    testId,
    ...(label === undefined ? {} : { label }),
  });
}

// ---------------------------------------------------------------- what a user does

export function taskItem(page: Page, title: string): Locator {
  return page.getByTestId("task-item").filter({ has: page.getByTestId("task-title").filter({ hasText: title }) });
}

export async function readTasks(page: Page): Promise<{ id: number; title: string; completed: boolean }[]> {
  return page.getByTestId("task-item").evaluateAll((items) =>
    items.map((li) => ({
      id: Number(li.getAttribute("data-task-id")),
      title: li.querySelector('[data-testid="task-title"]')?.textContent ?? "",
      completed: li.getAttribute("data-completed") === "true",
    })),
  );
}

export async function countText(page: Page): Promise<string> {
  return (await page.getByTestId("task-count").innerText()).trim();
}

/** Waits until the dashboard shows a loaded list (optionally for `filter`) and no error. */
export async function waitLoaded(page: Page, filter?: string): Promise<void> {
  await page.getByTestId("dashboard").waitFor();
  const f = filter ? `[data-filter="${filter}"]` : "";
  await page.locator(`[data-testid="task-area"][data-phase="ready"]${f}`).waitFor({ state: "attached" });
  for (const id of ["load-error", "action-error"]) {
    const err = page.getByTestId(id);
    if (await err.isVisible()) throw new Error(`dashboard shows an error: ${await err.innerText()}`);
  }
}

/** Waits until the form's handlers are attached: typing before hydration is lost (slow in `next dev`). */
export async function openAuthForm(page: Page, mode: "sign-in" | "sign-up", url = `/${mode}`): Promise<void> {
  if (url) await page.goto(url, { waitUntil: "domcontentloaded" });
  await page.locator(`[data-testid="${mode}-form"][data-hydrated="true"]`).waitFor();
}

/** Signs up through the form and lands on the dashboard; returns the new account's email. */
export async function signUp(page: Page, name: string, email = uniqueEmail(name.split(" ")[0]!.toLowerCase())) {
  await openAuthForm(page, "sign-up");
  await page.getByTestId("name").fill(name);
  await page.getByTestId("email").fill(email);
  await page.getByTestId("password").fill(PASSWORD);
  await page.getByTestId("submit").click();
  await landOnDashboard(page, "sign-up");
  await expect(page.getByTestId("user-email")).toHaveText(email);
  return email;
}

/** Signs in through the form already on the page and lands on the dashboard. */
export async function signIn(page: Page, email: string): Promise<void> {
  await openAuthForm(page, "sign-in", "");
  await page.getByTestId("email").fill(email);
  await page.getByTestId("password").fill(PASSWORD);
  await page.getByTestId("submit").click();
  await landOnDashboard(page, "sign-in");
}

async function landOnDashboard(page: Page, what: string): Promise<void> {
  const refusal = page.locator('form [role="alert"]');
  const outcome = await Promise.race([
    page.waitForURL(/\/dashboard(\?|$)/).then(() => "dashboard"),
    refusal.first().waitFor().then(() => "error"),
  ]);
  if (outcome === "error") throw new Error(`${what} refused: ${await refusal.allInnerTexts()}`);
  await waitLoaded(page);
}

export async function createTask(page: Page, title: string, description = ""): Promise<void> {
  await page.getByTestId("new-task-title").fill(title);
  await page.getByTestId("new-task-description").fill(description);
  await page.getByTestId("new-task-submit").click();
  await taskItem(page, title).first().waitFor();
  await waitLoaded(page);
}

/** The JWT and its claims, as the page would fetch them (session cookie). */
export async function currentToken(page: Page) {
  const token = await page.evaluate(async () => {
    const r = await fetch("/api/auth/token", { credentials: "include" });
    return r.ok ? ((await r.json()) as { token: string }).token : null;
  });
  expect(typeof token, "GET /api/auth/token returns a token while signed in").toBe("string");
  const [h, p] = token!.split(".");
  return {
    token: token!,
    header: JSON.parse(Buffer.from(h!, "base64url").toString()),
    claims: JSON.parse(Buffer.from(p!, "base64url").toString()),
  };
}

/**
 * Gives the signed-in user these tasks straight through Warden (oldest first, so the last is listed first) and
 * reloads the dashboard to show them: for specs whose subject is not adding tasks.
 */
export async function seedTasks(page: Page, warden: Warden, tasks: { title: string; completed?: boolean }[]) {
  const { token, claims } = await currentToken(page);
  const base = `/api/${encodeURIComponent(claims.sub)}/tasks`;
  for (const task of tasks) {
    const created = await warden.call("POST", base, token, { title: task.title });
    expect(created.status, `creating "${task.title}" through Warden`).toBe(201);
    if (task.completed) {
      const done = await warden.call("PATCH", `${base}/${created.body.id}/complete`, token);
      expect(done.status, `completing "${task.title}" through Warden`).toBe(200);
    }
  }
  await page.reload({ waitUntil: "domcontentloaded" });
  await waitLoaded(page);
  await expect(page.getByTestId("task-item")).toHaveCount(tasks.length);
  return { token, sub: claims.sub as string };
}

/** A POST to Better Auth from Node, as another client makes it (with the app's origin, which Better Auth checks). */
async function betterAuth(endpoint: string, body: unknown, what: string, cookie?: string): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json", origin: FRONTEND_URL };
  if (cookie) headers.cookie = cookie;
  const r = await fetch(`${FRONTEND_URL}/api/auth/${endpoint}`, { method: "POST", headers, body: JSON.stringify(body) });
  expect(r.status, `${what}: ${await r.clone().text()}`).toBe(200);
  return r;
}

/** Makes an account through Better Auth from Node, not the form: for specs whose subject is not signing up. */
export async function signUpElsewhere(email: string, name: string, what = "sign-up from a second client"): Promise<void> {
  await betterAuth("sign-up/email", { email, password: PASSWORD, name }, what);
}

/** Signs in through Better Auth from Node (another device) and returns its session cookie. */
export async function signInElsewhere(email: string): Promise<string> {
  const r = await betterAuth("sign-in/email", { email, password: PASSWORD }, "sign-in from a second client");
  return r.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

/** From that other device: "sign out everywhere else", which ends the browser's session. */
export async function revokeOtherSessions(cookie: string): Promise<void> {
  await betterAuth("revoke-other-sessions", {}, "revoke-other-sessions", cookie);
}
