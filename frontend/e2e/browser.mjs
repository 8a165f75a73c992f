#!/usr/bin/env node
/**
 * Browser end-to-end test: real Better Auth (this app) issues the JWT, the real
 * API (Warden) verifies it. It starts no server: the caller has started the
 * frontend (`next build` + `next start`) and Warden.
 *
 *   FRONTEND_URL=http://localhost:3000 API_URL=http://localhost:8080 \
 *   SCREENSHOT_DIR=/tmp/shots node e2e/browser.mjs
 *
 * Optional: CHROMIUM_PATH (default /usr/bin/chromium), E2E_TIMEOUT_MS (120000).
 * Exit code 0 = every step passed; non-zero = a step failed (message printed).
 */
import { chromium } from "playwright-core";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";

const FRONTEND_URL = (process.env.FRONTEND_URL ?? "").replace(/\/+$/, "");
const API_URL = (process.env.API_URL ?? "").replace(/\/+$/, "");
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? "";
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const TOTAL_TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS ?? 120_000);
const STEP_TIMEOUT_MS = 20_000;
const PASSWORD = "correct-horse-battery-staple-1";

const started = Date.now();
let stepNo = 0;
let context = null;
let page = null;
let userDataDir = null;
const cspViolations = [];
const pageErrors = [];

function log(msg) {
  const t = ((Date.now() - started) / 1000).toFixed(1).padStart(5);
  console.log(`[e2e ${t}s] ${msg}`);
}

async function step(name, fn) {
  stepNo++;
  log(`STEP ${stepNo}: ${name}`);
  const r = await fn();
  log(`  ok`);
  return r;
}

class E2EFailure extends Error {}
function check(cond, message) {
  if (!cond) throw new E2EFailure(message);
}

async function cleanup() {
  try {
    if (context) await context.close();
  } catch {
    /* ignore */
  }
  if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
}

async function fail(err) {
  console.error(`\n[e2e] FAILED at step ${stepNo}: ${err instanceof Error ? err.message : String(err)}`);
  if (page) {
    try {
      console.error(`[e2e] page URL: ${page.url()}`);
      const alerts = (
        await page.locator('[data-testid="error"] span, [data-testid="auth-error"]').allInnerTexts()
      ).filter((t) => t.trim());
      if (alerts.length) console.error(`[e2e] visible errors on the page: ${alerts.join(" | ")}`);
      if (SCREENSHOT_DIR) {
        const shot = path.join(SCREENSHOT_DIR, "failure.png");
        await page.screenshot({ path: shot, fullPage: true });
        console.error(`[e2e] screenshot of the failure: ${shot}`);
      }
    } catch {
      /* best effort */
    }
  }
  if (pageErrors.length) console.error(`[e2e] page errors:\n  ${pageErrors.join("\n  ")}`);
  if (cspViolations.length) console.error(`[e2e] CSP violations:\n  ${cspViolations.join("\n  ")}`);
  await cleanup();
  process.exit(1);
}

const watchdog = setTimeout(() => {
  console.error(`\n[e2e] FAILED: hard timeout of ${TOTAL_TIMEOUT_MS} ms reached (at step ${stepNo})`);
  process.exit(2);
}, TOTAL_TIMEOUT_MS);
watchdog.unref();

// ---------------------------------------------------------------- helpers

function uniqueEmail(tag) {
  return `e2e-${tag}-${Date.now()}-${crypto.randomBytes(4).toString("hex")}@example.com`;
}

async function waitLoaded(filter) {
  await page.locator('[data-testid="dashboard"]').waitFor({ timeout: STEP_TIMEOUT_MS });
  const f = filter ? `[data-filter="${filter}"]` : "";
  await page
    .locator(`[data-testid="task-area"][data-loading="false"]${f}`)
    .waitFor({ state: "attached", timeout: STEP_TIMEOUT_MS });
  const err = page.locator('[data-testid="error"]');
  if (await err.isVisible()) {
    throw new E2EFailure(`dashboard shows an error: ${await err.locator("span").innerText()}`);
  }
}

async function readTasks() {
  return page.locator('[data-testid="task-item"]').evaluateAll((items) =>
    items.map((li) => ({
      title: li.querySelector('[data-testid="task-title"]')?.textContent ?? "",
      completed: li.getAttribute("data-completed") === "true",
    })),
  );
}

function taskItem(title) {
  return page.locator('[data-testid="task-item"]').filter({
    has: page.locator('[data-testid="task-title"]', { hasText: title }),
  });
}

async function signUp(name, email) {
  await page.goto(`${FRONTEND_URL}/sign-up`, { waitUntil: "domcontentloaded" });
  // Typing before hydration is lost (slow in `next dev`): wait until the form's handlers are attached.
  await page.locator('[data-testid="sign-up-form"][data-hydrated="true"]').waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.fill('[data-testid="name"]', name);
  await page.fill('[data-testid="email"]', email);
  await page.fill('[data-testid="password"]', PASSWORD);
  await page.click('[data-testid="submit"]');
  const outcome = await Promise.race([
    page.waitForURL(/\/dashboard(\?|$)/, { timeout: STEP_TIMEOUT_MS }).then(() => "dashboard"),
    page
      .locator('[data-testid="auth-error"]')
      .waitFor({ timeout: STEP_TIMEOUT_MS })
      .then(() => "error"),
  ]);
  if (outcome === "error") {
    throw new E2EFailure(`sign-up refused: ${await page.locator('[data-testid="auth-error"]').innerText()}`);
  }
  await waitLoaded();
  const shown = await page.locator('[data-testid="user-email"]').innerText();
  check(shown === email, `dashboard shows user "${shown}", expected "${email}"`);
}

async function createTask(title, description) {
  await page.fill('[data-testid="new-task-title"]', title);
  await page.fill('[data-testid="new-task-description"]', description);
  await page.click('[data-testid="create-task"]');
  await taskItem(title).waitFor({ timeout: STEP_TIMEOUT_MS });
  await waitLoaded();
}

/** The JWT and its claims, as the page would fetch them (session cookie). */
async function currentToken() {
  const token = await page.evaluate(async () => {
    const r = await fetch("/api/auth/token", { credentials: "include" });
    return r.ok ? (await r.json()).token : null;
  });
  check(typeof token === "string", "GET /api/auth/token returned no token while signed in");
  const [h, p] = token.split(".");
  const header = JSON.parse(Buffer.from(h, "base64url").toString());
  const claims = JSON.parse(Buffer.from(p, "base64url").toString());
  return { token, header, claims };
}

// ---------------------------------------------------------------- the test

async function main() {
  check(FRONTEND_URL, "FRONTEND_URL is not set");
  check(API_URL, "API_URL is not set");
  check(SCREENSHOT_DIR, "SCREENSHOT_DIR is not set");
  check(fs.existsSync(CHROMIUM_PATH), `no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  log(`frontend ${FRONTEND_URL}, api ${API_URL}, screenshots in ${SCREENSHOT_DIR}`);

  await step("frontend publishes an RS256 JWKS", async () => {
    const r = await fetch(`${FRONTEND_URL}/api/auth/jwks`);
    check(r.ok, `GET /api/auth/jwks answered ${r.status}`);
    const { keys } = await r.json();
    check(Array.isArray(keys) && keys.some((k) => k.kty === "RSA" && k.alg === "RS256"),
      `JWKS has no RS256 RSA key: ${JSON.stringify(keys)}`);
  });

  await step("launch headless Chromium", async () => {
    userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "warden-e2e-profile-"));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-quic",
        "--no-first-run",
        "--disable-component-update",
        "--disable-sync",
      ],
      viewport: { width: 1100, height: 800 },
    });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    page = context.pages()[0] ?? (await context.newPage());
    page.on("console", (m) => {
      const text = m.text();
      if (/Content[- ]Security[- ]Policy/i.test(text)) cspViolations.push(text);
      if (m.type() === "error") log(`  (browser console error) ${text}`);
    });
    page.on("pageerror", (e) => pageErrors.push(e.message));
  });

  const emailA = uniqueEmail("a");
  await step(`sign up user A (${emailA}) and land on an empty dashboard`, async () => {
    await signUp("Alice E2E", emailA);
    check(await page.locator('[data-testid="empty-state"]').isVisible(), "new user A does not see the empty state");
  });

  const tokenA = await step("the session yields an RS256 JWT for the API (kept out of web storage)", async () => {
    const t = await currentToken();
    check(t.header.alg === "RS256", `JWT alg is ${t.header.alg}, expected RS256`);
    check(t.claims.sub && t.claims.email === emailA, `JWT claims unexpected: ${JSON.stringify(t.claims)}`);
    check(t.claims.aud && t.claims.iss && typeof t.claims.exp === "number",
      `JWT lacks aud/iss/exp: ${JSON.stringify(t.claims)}`);
    log(`  (iss ${t.claims.iss}, aud ${JSON.stringify(t.claims.aud)}, expires in ${t.claims.exp - Math.floor(Date.now() / 1000)} s)`);
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    check(!stored.includes("eyJ"), "a JWT was found in localStorage/sessionStorage");
    return t;
  });

  await step("create two tasks", async () => {
    await createTask("Buy milk", "Two litres, semi-skimmed");
    await createTask("Write report", "Quarterly numbers");
    const tasks = await readTasks();
    check(tasks.length === 2, `expected 2 tasks, saw ${tasks.length}: ${JSON.stringify(tasks)}`);
  });

  await step('complete "Buy milk"', async () => {
    await taskItem("Buy milk").locator('[data-testid="task-toggle"]').click();
    await page
      .locator('[data-testid="task-item"][data-completed="true"]')
      .filter({ hasText: "Buy milk" })
      .waitFor({ timeout: STEP_TIMEOUT_MS });
    await waitLoaded();
  });

  await step("reload: both tasks persisted with the right completion state", async () => {
    const resp = await page.reload({ waitUntil: "domcontentloaded" });
    const h = resp ? resp.headers() : {};
    const csp = h["content-security-policy"] ?? "";
    check(/default-src 'self'/.test(csp) && /frame-ancestors 'none'/.test(csp) && csp.includes("connect-src 'self'"),
      `dashboard CSP missing or incomplete: "${csp}"`);
    check(h["x-frame-options"] === "DENY" && h["x-content-type-options"] === "nosniff",
      `dashboard security headers missing: ${JSON.stringify(h)}`);
    await waitLoaded();
    await page.locator('[data-testid="task-item"]').nth(1).waitFor({ timeout: STEP_TIMEOUT_MS });
    const tasks = await readTasks();
    const byTitle = Object.fromEntries(tasks.map((t) => [t.title, t.completed]));
    check(tasks.length === 2, `expected 2 tasks after reload, saw ${JSON.stringify(tasks)}`);
    check(byTitle["Buy milk"] === true, `"Buy milk" should be completed: ${JSON.stringify(tasks)}`);
    check(byTitle["Write report"] === false, `"Write report" should be pending: ${JSON.stringify(tasks)}`);
  });

  await step("filters: completed shows 1, pending shows 1", async () => {
    await page.click('[data-testid="filter-completed"]');
    await waitLoaded("completed");
    let tasks = await readTasks();
    check(tasks.length === 1 && tasks[0].title === "Buy milk", `completed filter: ${JSON.stringify(tasks)}`);
    await page.click('[data-testid="filter-pending"]');
    await waitLoaded("pending");
    tasks = await readTasks();
    check(tasks.length === 1 && tasks[0].title === "Write report", `pending filter: ${JSON.stringify(tasks)}`);
    await page.click('[data-testid="filter-all"]');
    await waitLoaded("all");
    check((await readTasks()).length === 2, "all filter does not show both tasks");
  });

  await step(`screenshot ${path.join(SCREENSHOT_DIR, "dashboard.png")}`, async () => {
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, "dashboard.png"), fullPage: true });
  });

  await step('edit "Write report" and delete a scratch task', async () => {
    const item = taskItem("Write report");
    await item.locator('[data-testid="task-edit"]').click();
    await page.fill('[data-testid="edit-title"]', "Write the report");
    await page.click('[data-testid="edit-save"]');
    await taskItem("Write the report").waitFor({ timeout: STEP_TIMEOUT_MS });
    await waitLoaded();
    await createTask("Scratch task", "");
    await taskItem("Scratch task").locator('[data-testid="task-delete"]').click();
    await taskItem("Scratch task").waitFor({ state: "detached", timeout: STEP_TIMEOUT_MS });
    await waitLoaded();
    const titles = (await readTasks()).map((t) => t.title).sort();
    check(JSON.stringify(titles) === JSON.stringify(["Buy milk", "Write the report"]), `tasks now: ${titles}`);
  });

  await step("sign out: back to sign-in, dashboard no longer reachable", async () => {
    await page.click('[data-testid="sign-out"]');
    await page.waitForURL(/\/sign-in(\?|$)/, { timeout: STEP_TIMEOUT_MS });
    const status = await page.evaluate(async () => (await fetch("/api/auth/token")).status);
    check(status === 401 || status === 403, `/api/auth/token still answers ${status} after sign-out`);
    await page.goto(`${FRONTEND_URL}/dashboard`, { waitUntil: "domcontentloaded" });
    check(/\/sign-in(\?|$)/.test(page.url()), `after sign-out /dashboard went to ${page.url()}`);
  });

  const emailB = uniqueEmail("b");
  await step(`sign up user B (${emailB}): empty list, none of A's tasks`, async () => {
    await signUp("Bob E2E", emailB);
    const tasks = await readTasks();
    check(tasks.length === 0, `user B sees tasks: ${JSON.stringify(tasks)}`);
    check(await page.locator('[data-testid="empty-state"]').isVisible(), "user B does not see the empty state");
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, "dashboard-user-b.png"), fullPage: true });
  });

  await step("user B's token is refused on user A's tasks", async () => {
    const tokenB = await currentToken();
    check(tokenB.claims.sub !== tokenA.claims.sub, "users A and B share a subject");
    const status = await page.evaluate(
      async ([api, sub, tok]) =>
        (await fetch(`${api}/api/${encodeURIComponent(sub)}/tasks`, { headers: { authorization: `Bearer ${tok}` } })).status,
      [API_URL, tokenA.claims.sub, tokenB.token],
    );
    check(status === 403 || status === 404, `B reading A's tasks got HTTP ${status}, expected 403`);
    log(`  (Warden answered ${status})`);
  });


  await step("sign out B, sign in again as A: A's tasks are back", async () => {
    await page.click('[data-testid="sign-out"]');
    await page.waitForURL(/\/sign-in(\?|$)/, { timeout: STEP_TIMEOUT_MS });
    await page.locator('[data-testid="sign-in-form"][data-hydrated="true"]').waitFor({ timeout: STEP_TIMEOUT_MS });
    await page.fill('[data-testid="email"]', emailA);
    await page.fill('[data-testid="password"]', PASSWORD);
    await page.click('[data-testid="submit"]');
    await page.waitForURL(/\/dashboard(\?|$)/, { timeout: STEP_TIMEOUT_MS });
    await waitLoaded();
    await page.locator('[data-testid="task-item"]').nth(1).waitFor({ timeout: STEP_TIMEOUT_MS });
    const tasks = await readTasks();
    const byTitle = Object.fromEntries(tasks.map((t) => [t.title, t.completed]));
    check(tasks.length === 2 && byTitle["Buy milk"] === true && byTitle["Write the report"] === false,
      `A's tasks after signing in again: ${JSON.stringify(tasks)}`);
  });

  check(pageErrors.length === 0, `uncaught errors in the page: ${pageErrors.join(" | ")}`);
  check(cspViolations.length === 0, `CSP violations: ${cspViolations.join(" | ")}`);

  await cleanup();
  clearTimeout(watchdog);
  log(`PASSED: ${stepNo} steps`);
  console.log(`${stepNo} passed, 0 failed`);
  process.exit(0);
}

main().catch(fail);
