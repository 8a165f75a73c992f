#!/usr/bin/env node
/**
 * Browser end-to-end test: real Better Auth (this app) issues the JWT, the real
 * API (Warden) verifies it. It starts no server: the caller has started the
 * frontend (`next build` + `next start`) and Warden, and names Warden's process.
 *
 *   FRONTEND_URL=http://localhost:3000 API_URL=http://localhost:8080 WARDEN_PID=12345 \
 *   SCREENSHOT_DIR=/tmp/shots node e2e/browser.mjs
 *
 * WARDEN_PID: the test freezes that process for a moment (SIGSTOP, then SIGCONT) to see the page
 * before Warden answers (skeleton, optimistic completion), as on a slow or sleeping server.
 * Optional: CHROMIUM_PATH (default /usr/bin/chromium), E2E_TIMEOUT_MS (240000).
 * Exit code 0 = every step passed; non-zero = a step failed (message printed).
 */
import { chromium } from "playwright-core";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import {
  E2EFailure,
  axe,
  callWarden,
  check,
  checkNoHorizontalOverflow,
  currentStep,
  focusedWithRing,
  log,
  revokeOtherSessions,
  signInElsewhere,
  step,
  textLines,
  whileWardenFrozen,
  writeAxeSummary,
} from "./support.mjs";

const FRONTEND_URL = (process.env.FRONTEND_URL ?? "").replace(/\/+$/, "");
const API_URL = (process.env.API_URL ?? "").replace(/\/+$/, "");
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? "";
const WARDEN_PID = Number(process.env.WARDEN_PID ?? "");
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const TOTAL_TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS ?? 240_000);
const STEP_TIMEOUT_MS = 20_000;
/** The undo period (components/UndoToast.tsx) plus slack. */
const UNDO_WAIT_MS = 6_000 + 4_000;
const PASSWORD = "correct-horse-battery-staple-1";
const DESKTOP = { width: 1100, height: 800 };

let context = null;
let page = null;
let userDataDir = null;
const cspViolations = [];
const pageErrors = [];
/** Every answer Warden gave the page: method, path, status. */
const wardenResponses = [];
/** Requests to Warden that failed at the network. */
let wardenFailures = 0;

async function cleanup() {
  try {
    if (context) await context.close();
  } catch {
    /* ignore */
  }
  if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
}

async function fail(err) {
  console.error(`\n[e2e] FAILED at step ${currentStep()}: ${err instanceof Error ? err.message : String(err)}`);
  if (!(err instanceof E2EFailure) && err instanceof Error) console.error(err.stack);
  if (page) {
    try {
      console.error(`[e2e] page URL: ${page.url()}`);
      const alerts = (await page.locator('[role="alert"]').allInnerTexts()).filter((t) => t.trim());
      if (alerts.length) console.error(`[e2e] alerts on the page: ${alerts.join(" | ")}`);
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
  console.error(`\n[e2e] FAILED: hard timeout of ${TOTAL_TIMEOUT_MS} ms reached (at step ${currentStep()})`);
  process.exit(2);
}, TOTAL_TIMEOUT_MS);
watchdog.unref();

// ---------------------------------------------------------------- helpers

function uniqueEmail(tag) {
  return `e2e-${tag}-${Date.now()}-${crypto.randomBytes(4).toString("hex")}@example.com`;
}

function shot(name) {
  return page.screenshot({ path: path.join(SCREENSHOT_DIR, name), fullPage: true });
}

const byTestId = (id) => page.locator(`[data-testid="${id}"]`);

/** Waits until the dashboard shows a loaded list (optionally for `filter`) and no error. */
async function waitLoaded(filter) {
  await byTestId("dashboard").waitFor();
  const f = filter ? `[data-filter="${filter}"]` : "";
  await page.locator(`[data-testid="task-area"][data-phase="ready"]${f}`).waitFor({ state: "attached" });
  for (const id of ["load-error", "action-error"]) {
    const err = byTestId(id);
    if (await err.isVisible()) throw new E2EFailure(`dashboard shows an error: ${await err.innerText()}`);
  }
}

async function readTasks() {
  return page.locator('[data-testid="task-item"]').evaluateAll((items) =>
    items.map((li) => ({
      id: Number(li.getAttribute("data-task-id")),
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

async function countText() {
  return (await byTestId("task-count").innerText()).trim();
}

/** Fails unless the focused element has this data-testid (and, if given, this accessible label). */
async function checkFocus(when, testId, label) {
  const f = await focusedWithRing(page);
  check(f.testId === testId && (label === undefined || f.label === label),
    `${when}, focus is on ${f.testId ?? f.name} "${f.label ?? ""}", expected ${testId}${label ? ` "${label}"` : ""}`);
}

async function signUp(name, email) {
  await page.goto(`${FRONTEND_URL}/sign-up`, { waitUntil: "domcontentloaded" });
  // Typing before hydration is lost (slow in `next dev`): wait until the form's handlers are attached.
  await page.locator('[data-testid="sign-up-form"][data-hydrated="true"]').waitFor();
  await page.fill('[data-testid="name"]', name);
  await page.fill('[data-testid="email"]', email);
  await page.fill('[data-testid="password"]', PASSWORD);
  await page.click('[data-testid="submit"]');
  await landOnDashboard("sign-up");
  const shown = await byTestId("user-email").innerText();
  check(shown === email, `dashboard shows user "${shown}", expected "${email}"`);
}

async function signIn(email) {
  await page.locator('[data-testid="sign-in-form"][data-hydrated="true"]').waitFor();
  await page.fill('[data-testid="email"]', email);
  await page.fill('[data-testid="password"]', PASSWORD);
  await page.click('[data-testid="submit"]');
  await landOnDashboard("sign-in");
}

async function landOnDashboard(what) {
  const outcome = await Promise.race([
    page.waitForURL(/\/dashboard(\?|$)/).then(() => "dashboard"),
    byTestId("auth-error").waitFor().then(() => "error"),
  ]);
  if (outcome === "error") throw new E2EFailure(`${what} refused: ${await byTestId("auth-error").innerText()}`);
  await waitLoaded();
}

async function createTask(title, description = "") {
  await page.fill('[data-testid="new-task-title"]', title);
  await page.fill('[data-testid="new-task-description"]', description);
  await page.click('[data-testid="new-task-submit"]');
  await taskItem(title).first().waitFor();
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

function deletesOf(id) {
  return wardenResponses.filter((r) => r.method === "DELETE" && r.path.endsWith(`/tasks/${id}`));
}

/** Warden's own view of the user's tasks (as another client of the API sees them). */
async function wardenTitles(token, sub) {
  const r = await callWarden(API_URL, "GET", `/api/${encodeURIComponent(sub)}/tasks?size=100`, token);
  check(r.status === 200, `listing tasks directly answered ${r.status}`);
  return r.body.items.map((t) => t.title);
}

async function waitUntil(what, probe, timeoutMs = STEP_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new E2EFailure(`timed out waiting until ${what}`);
}

// ---------------------------------------------------------------- the test

async function main() {
  check(FRONTEND_URL, "FRONTEND_URL is not set");
  check(API_URL, "API_URL is not set");
  check(SCREENSHOT_DIR, "SCREENSHOT_DIR is not set");
  check(Number.isInteger(WARDEN_PID) && WARDEN_PID > 0, "WARDEN_PID (Warden's process id) is not set");
  check(fs.existsSync(CHROMIUM_PATH), `no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  log(`frontend ${FRONTEND_URL}, api ${API_URL} (pid ${WARDEN_PID}), screenshots in ${SCREENSHOT_DIR}`);

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
      viewport: DESKTOP,
    });
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    page = context.pages()[0] ?? (await context.newPage());
    page.on("console", (m) => {
      const text = m.text();
      if (/Content[- ]Security[- ]Policy/i.test(text)) cspViolations.push(text);
      if (m.type() === "error") log(`  (browser console error) ${text}`);
    });
    page.on("pageerror", (e) => pageErrors.push(e.message));
    page.on("requestfailed", (r) => {
      if (r.url().startsWith(API_URL)) wardenFailures++;
    });
    page.on("response", (r) => {
      if (!r.url().startsWith(API_URL)) return;
      wardenResponses.push({ method: r.request().method(), path: new URL(r.url()).pathname, status: r.status() });
    });
  });

  await step("sign-in and sign-up pages: no serious or critical axe violation, fit 320 px", async () => {
    for (const mode of ["sign-in", "sign-up"]) {
      await page.goto(`${FRONTEND_URL}/${mode}`, { waitUntil: "domcontentloaded" });
      await page.locator(`[data-testid="${mode}-form"][data-hydrated="true"]`).waitFor();
      check(!(await byTestId("auth-notice").isVisible()), `a plain visit to /${mode} shows a notice`);
      await axe(page, mode);
      await page.setViewportSize({ width: 320, height: 640 });
      await checkNoHorizontalOverflow(page, `${mode} at 320 px`);
      await page.setViewportSize(DESKTOP);
    }
  });

  const emailA = uniqueEmail("a");
  await step(`sign up user A (${emailA}) and land on an empty dashboard`, async () => {
    await signUp("Alice E2E", emailA);
    check(await byTestId("empty-state").isVisible(), "new user A does not see the empty state");
    check((await countText()) === "0 tasks", `an empty, loaded list counts "${await countText()}"`);
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
  const subA = tokenA.claims.sub;

  await step("add two tasks: focus back in the new-task field, each addition announced", async () => {
    await createTask("Buy milk", "Two litres, semi-skimmed");
    await createTask("Write report", "Quarterly numbers");
    const tasks = await readTasks();
    check(tasks.length === 2, `expected 2 tasks, saw ${tasks.length}: ${JSON.stringify(tasks)}`);
    check(tasks[0].title === "Write report", `the newest task is not first: ${JSON.stringify(tasks)}`);
    check((await page.inputValue('[data-testid="new-task-title"]')) === "", "the form was not emptied after adding");
    await checkFocus("after adding", "new-task-title");
    const said = await byTestId("announcement").innerText();
    check(said === "Added “Write report”.", `announcement after adding: "${said}"`);
    check((await countText()) === "2 tasks", `count after adding two: "${await countText()}"`);
  });

  await step("each row's controls are named after its task", async () => {
    for (const title of ["Buy milk", "Write report"]) {
      for (const [role, name] of [
        ["checkbox", `Mark “${title}” as completed`],
        ["button", `Edit “${title}”`],
        ["button", `Delete “${title}”`],
      ]) {
        const n = await page.getByRole(role, { name, exact: true }).count();
        check(n === 1, `${n} ${role}(s) named "${name}", expected exactly 1`);
      }
    }
  });

  await step("first load shows a skeleton and no count while Warden has not answered", async () => {
    await whileWardenFrozen(WARDEN_PID, async () => {
      await page.reload({ waitUntil: "domcontentloaded" });
      await byTestId("skeleton").waitFor();
      const area = byTestId("task-area");
      check((await area.getAttribute("aria-busy")) === "true", "the loading list is not aria-busy");
      check((await countText()) === "", `while loading the count says "${await countText()}"`);
      check(!(await page.locator("body").innerText()).includes("0 tasks"), "the loading page claims 0 tasks");
      check(!(await byTestId("empty-state").isVisible()), "the loading page shows the empty state");
      await shot("skeleton.png");
    });
    await waitLoaded();
    check(!(await byTestId("skeleton").isVisible()), "the skeleton stays after loading");
    check((await readTasks()).length === 2, "the list after the skeleton does not have both tasks");
  });

  await step('completing "Buy milk" shows at once, before Warden answers, and is kept', async () => {
    const toggle = taskItem("Buy milk").locator('[data-testid="task-toggle"]');
    const patches = () => wardenResponses.filter((r) => r.method === "PATCH").length;
    const before = patches();
    await whileWardenFrozen(WARDEN_PID, async () => {
      await toggle.click();
      check(await toggle.isChecked(), "the checkbox did not move before Warden answered");
      check((await taskItem("Buy milk").getAttribute("data-completed")) === "true",
        "the row is not shown completed before Warden answered");
      check(patches() === before, "Warden answered while frozen");
    });
    await waitUntil("Warden answers the completion", async () => patches() > before);
    const last = wardenResponses.filter((r) => r.method === "PATCH").at(-1);
    check(last.status === 200 && last.path.endsWith("/complete"), `completion answered ${JSON.stringify(last)}`);
    check(await toggle.isChecked(), "the completion was taken back although Warden accepted it");
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
    await page.locator('[data-testid="task-item"]').nth(1).waitFor();
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

  await step("dashboard with tasks: screenshot, no serious or critical axe violation", async () => {
    await shot("dashboard.png");
    await axe(page, "dashboard (tasks)");
  });

  await step("the title counts characters as Warden does: 200 emoji fit, 201 do not", async () => {
    const title = byTestId("new-task-title");
    const count = byTestId("new-task-title-count");
    const emoji200 = "😀".repeat(200); // 400 UTF-16 units, 200 characters
    await title.fill("a".repeat(150));
    check((await count.innerText()) === "", `the counter shows far from the limit: "${await count.innerText()}"`);
    await title.fill("a".repeat(170));
    check((await count.innerText()) === "30 characters left", `counter at 170: "${await count.innerText()}"`);
    await title.fill("😀".repeat(201));
    check([...(await title.inputValue())].length === 201, "the title field cut the text short");
    check((await count.innerText()) === "1 character too many", `counter at 201 emoji: "${await count.innerText()}"`);
    const posts = () => wardenResponses.filter((r) => r.method === "POST").length;
    const before = posts();
    await byTestId("new-task-submit").click();
    const error = await byTestId("new-task-title-error").innerText();
    check(error === "Title is 1 character too long (200 at most).", `error for 201 emoji: "${error}"`);
    check((await title.getAttribute("aria-invalid")) === "true", "the too-long title is not marked invalid");
    await checkFocus("after a refused submit", "new-task-title");
    const describedBy = (await title.getAttribute("aria-describedby")) ?? "";
    const errorId = await byTestId("new-task-title-error").getAttribute("id");
    check(describedBy.split(" ").includes(errorId), "the title's error is not tied to the field (aria-describedby)");
    await title.fill(emoji200);
    check((await count.innerText()) === "0 characters left", `counter at 200 emoji: "${await count.innerText()}"`);
    check((await byTestId("new-task-title-error").innerText()) === "", "the error stays once the title fits");
    check(posts() === before, "a refused title was sent to Warden");
    await byTestId("new-task-submit").click();
    await taskItem(emoji200).waitFor();
    const created = wardenResponses.filter((r) => r.method === "POST").at(-1);
    check(created.status === 201, `Warden answered ${created.status} to the 200-emoji title`);
  });

  await step("a title of spaces and a description over 1000 characters are refused by the form", async () => {
    await byTestId("new-task-title").fill("    ");
    await byTestId("new-task-description").fill("x".repeat(1001));
    check((await byTestId("new-task-description-count").innerText()) === "1 character too many",
      "the description counter does not show it is over");
    await byTestId("new-task-submit").click();
    const titleError = await byTestId("new-task-title-error").innerText();
    check(titleError === "Enter a title: spaces alone do not count.", `error for a title of spaces: "${titleError}"`);
    const descError = await byTestId("new-task-description-error").innerText();
    check(descError === "Description is 1 character too long (1000 at most).", `description error: "${descError}"`);
    await byTestId("new-task-title").fill("");
    await byTestId("new-task-description").fill("");
  });

  await step('edit "Write report": focus moves into the editor and back to its Edit button after saving', async () => {
    await taskItem("Write report").locator('[data-testid="task-edit"]').click();
    await checkFocus("after opening the editor", "edit-title");
    await page.fill('[data-testid="edit-title"]', "Write the report");
    await page.click('[data-testid="edit-submit"]');
    await taskItem("Write the report").waitFor();
    await checkFocus("after saving", "task-edit", "Edit “Write the report”");
    await waitUntil("Warden saves the edit", async () =>
      wardenResponses.some((r) => r.method === "PATCH" && !r.path.endsWith("/complete") && r.status === 200));
    await page.reload({ waitUntil: "domcontentloaded" });
    await waitLoaded();
    check((await taskItem("Write the report").count()) === 1, "the edit did not persist");
  });

  await step("delete offers an undo: the row goes at once, focus moves on, Undo brings it back unsent", async () => {
    await createTask("Scratch task");
    const scratch = (await readTasks()).find((t) => t.title === "Scratch task");
    const next = (await readTasks())[1];
    await taskItem("Scratch task").locator('[data-testid="task-delete"]').click();
    await taskItem("Scratch task").waitFor({ state: "detached" });
    const toast = byTestId("undo-toast");
    check((await toast.innerText()).includes("Deleted “Scratch task”."), `toast says "${await toast.innerText()}"`);
    await checkFocus("after deleting", "task-toggle", `Mark “${next.title}” as completed`);
    check((await countText()) === `${(await readTasks()).length} tasks`, `count while deleting: "${await countText()}"`);
    await shot("undo-toast.png");
    await axe(page, "dashboard (undo toast)");
    await byTestId("undo").click();
    await taskItem("Scratch task").waitFor();
    await checkFocus("after undo", "task-delete", "Delete “Scratch task”");
    check(!(await toast.isVisible()), "the toast stays after undo");
    await page.waitForTimeout(500);
    check(deletesOf(scratch.id).length === 0, "an undone delete was sent to Warden");
  });

  await step("the delete is sent when the undo period ends, and at once when another delete starts", async () => {
    const tasks = await readTasks();
    const emoji = tasks.find((t) => t.title.startsWith("😀"));
    const scratch = tasks.find((t) => t.title === "Scratch task");
    await taskItem(emoji.title).locator('[data-testid="task-delete"]').click();
    await byTestId("undo-toast").waitFor();
    await taskItem("Scratch task").locator('[data-testid="task-delete"]').click();
    await waitUntil("the first delete is sent as the second starts", async () => deletesOf(emoji.id).length === 1, 3_000);
    check(deletesOf(emoji.id)[0].status === 204, `delete answered ${deletesOf(emoji.id)[0].status}`);
    check((await byTestId("undo-toast").innerText()).includes("Scratch task"), "the toast does not offer the second delete");
    check(deletesOf(scratch.id).length === 0, "the second delete was sent before its undo period ended");
    await byTestId("undo-toast").waitFor({ state: "detached", timeout: UNDO_WAIT_MS });
    await waitUntil("the second delete is sent", async () => deletesOf(scratch.id).length === 1, 3_000);
    const titles = await wardenTitles(tokenA.token, subA);
    check(!titles.includes("Scratch task") && !titles.includes(emoji.title), `Warden still has ${JSON.stringify(titles)}`);
  });

  await step("leaving the page ends the undo period: the delete is sent as the page goes", async () => {
    await createTask("Leave-page task");
    await taskItem("Leave-page task").locator('[data-testid="task-delete"]').click();
    await byTestId("undo-toast").waitFor();
    await page.reload({ waitUntil: "domcontentloaded" });
    await waitUntil("Warden no longer has the task",
      async () => !(await wardenTitles(tokenA.token, subA)).includes("Leave-page task"), 5_000);
    await waitLoaded();
    check((await taskItem("Leave-page task").count()) === 0, "the task is back after leaving the page");
  });

  await step("a change Warden refuses is taken back with a message naming the task", async () => {
    await createTask("Doomed task");
    const doomed = (await readTasks()).find((t) => t.title === "Doomed task");
    // Another client deletes it: the page still shows it, and Warden answers 404 to what the page sends.
    const gone = await callWarden(API_URL, "DELETE", `/api/${encodeURIComponent(subA)}/tasks/${doomed.id}`, tokenA.token);
    check(gone.status === 204, `deleting from a second client answered ${gone.status}`);

    const row = taskItem("Doomed task");
    await row.evaluate((li) => {
      window.__completedTrail = [];
      new MutationObserver(() => window.__completedTrail.push(li.getAttribute("data-completed")))
        .observe(li, { attributes: true, attributeFilter: ["data-completed"] });
    });
    await row.locator('[data-testid="task-toggle"]').click();
    const alert = byTestId("action-error");
    await alert.waitFor();
    check((await alert.getAttribute("role")) === "alert", "the refusal is not announced (role=alert)");
    const said = await alert.innerText();
    check(said.includes("Could not mark “Doomed task” as completed: it no longer exists"), `message: "${said}"`);
    const trail = await page.evaluate(() => window.__completedTrail);
    check(JSON.stringify(trail) === '["true","false"]', `completion shown then taken back? trail ${JSON.stringify(trail)}`);
    check(!(await row.locator('[data-testid="task-toggle"]').isChecked()), "the refused completion stays checked");

    await row.locator('[data-testid="task-edit"]').click();
    await page.fill('[data-testid="edit-title"]', "Doomed, renamed");
    await page.click('[data-testid="edit-submit"]');
    await waitUntil("the refused edit reopens", async () =>
      (await byTestId("edit-title").count()) === 1 && (await byTestId("action-error").innerText()).includes("Could not save"));
    check((await page.inputValue('[data-testid="edit-title"]')) === "Doomed, renamed", "the reopened editor lost the typing");
    check((await byTestId("action-error").innerText()).includes("Could not save “Doomed task”: it no longer exists"),
      `message: "${await byTestId("action-error").innerText()}"`);
    await page.keyboard.press("Escape");
    await taskItem("Doomed task").waitFor();
    await checkFocus("after Escape", "task-edit", "Edit “Doomed task”");

    // Deleting what is already gone is what the user wanted: no error.
    await taskItem("Doomed task").locator('[data-testid="task-delete"]').click();
    await byTestId("undo-toast").waitFor({ state: "detached", timeout: UNDO_WAIT_MS });
    await waitUntil("the delete is answered", async () => deletesOf(doomed.id).length === 1, 3_000);
    check(deletesOf(doomed.id)[0].status === 404, `Warden answered ${deletesOf(doomed.id)[0].status}`);
    check(!(await byTestId("action-error").isVisible()), "deleting a task already gone shows an error");
    check((await taskItem("Doomed task").count()) === 0, "the task already gone came back");
  });

  await step("Warden unreachable: what failed, a Retry, no count; Retry loads once it is back", async () => {
    // The browser's own network goes down (Chromium's offline mode): Warden is unreachable for real,
    // every request fails at the network as it would with the server gone, and Retry can be shown to
    // recover once it is back, without restarting the server the rest of the test shares.
    await context.setOffline(true);
    try {
      await page.click('[data-testid="filter-pending"]');
      const panel = byTestId("load-error");
      await panel.waitFor();
      check((await panel.getAttribute("role")) === "alert", "the load error is not announced (role=alert)");
      const said = await panel.innerText();
      check(said.includes("Could not load your tasks") && said.includes(`Could not reach the API at ${API_URL}`),
        `the error does not say what failed: "${said}"`);
      check((await countText()) === "", `with the API unreachable the count says "${await countText()}"`);
      check(!(await page.locator("body").innerText()).includes("0 tasks"), "the error state claims 0 tasks");
      check(!(await byTestId("empty-state").isVisible()), "the error state shows the empty state");
      await shot("error-retry.png");
      await axe(page, "dashboard (error)");
      const failedBefore = wardenFailures;
      await byTestId("retry").focus();
      await page.keyboard.press("Enter");
      await waitUntil("the retry fails", async () => wardenFailures > failedBefore);
      await waitUntil("the Retry button is back", async () => (await byTestId("retry").innerText()) === "Retry");
      await checkFocus("after a failed retry", "retry");
    } finally {
      await context.setOffline(false);
    }
    await byTestId("retry").click();
    await waitLoaded("pending");
    await checkFocus("after a retry that loaded", "task-area");
    const pending = await readTasks();
    check(pending.length === 1 && pending[0].title === "Write the report", `pending after retry: ${JSON.stringify(pending)}`);
    await page.click('[data-testid="filter-all"]');
    await waitLoaded("all");
  });

  await step("keyboard: every control reached by Tab shows a visible focus ring", async () => {
    await page.reload({ waitUntil: "domcontentloaded" });
    await waitLoaded();
    await page.locator("body").click({ position: { x: 2, y: 2 } });
    const seen = [];
    for (let i = 0; i < 16; i++) {
      await page.keyboard.press("Tab");
      const f = await focusedWithRing(page);
      if (f.name === "body") break;
      seen.push(f.name);
      check(f.visible, `no visible focus on ${f.name} (Tab ${i + 1})`);
    }
    check(seen.some((n) => n.includes("sign-out")) && seen.some((n) => n.includes("task-toggle"))
      && seen.some((n) => n.includes("task-delete")), `Tab did not reach the controls: ${seen.join(", ")}`);
  });

  await step("a 390 px phone: one-line Sign out, nothing wider than the screen", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload({ waitUntil: "domcontentloaded" });
    await waitLoaded();
    const lines = await textLines(byTestId("sign-out"));
    check(lines === 1, `"Sign out" is laid out on ${lines} lines at 390 px`);
    await checkNoHorizontalOverflow(page, "dashboard at 390 px");
    await shot("dashboard-390.png");
  });

  await step("a 320 px screen: dashboard and editor fit", async () => {
    await page.setViewportSize({ width: 320, height: 640 });
    await waitLoaded();
    await checkNoHorizontalOverflow(page, "dashboard at 320 px");
    check((await textLines(byTestId("sign-out"))) === 1, '"Sign out" wraps at 320 px');
    await taskItem("Buy milk").locator('[data-testid="task-edit"]').click();
    await checkNoHorizontalOverflow(page, "editor at 320 px");
    await shot("dashboard-320.png");
    await byTestId("edit-cancel").click();
    await page.setViewportSize(DESKTOP);
  });

  await step("session ended elsewhere: the sign-in page says so, the unsaved task is kept", async () => {
    await page.fill('[data-testid="new-task-title"]', "Call the plumber");
    await page.fill('[data-testid="new-task-description"]', "Leak under the sink");
    // Another device signs in and signs out every other session: the browser's session ends.
    const otherDevice = await signInElsewhere(FRONTEND_URL, emailA, PASSWORD);
    await revokeOtherSessions(FRONTEND_URL, otherDevice);
    await page.reload({ waitUntil: "domcontentloaded" });
    await page.waitForURL(/\/sign-in\?expired=1$/);
    const notice = byTestId("auth-notice");
    check((await notice.innerText()) === "Your session ended, sign in again.", `notice: "${await notice.innerText()}"`);
    check((await notice.getAttribute("role")) === "alert", "the session-ended notice is not announced");
    await shot("session-ended.png");
    await axe(page, "sign-in (session ended)");
    await signIn(emailA);
    check((await page.inputValue('[data-testid="new-task-title"]')) === "Call the plumber", "the draft title was lost");
    check((await page.inputValue('[data-testid="new-task-description"]')) === "Leak under the sink",
      "the draft description was lost");
    await page.click('[data-testid="new-task-submit"]');
    await taskItem("Call the plumber").waitFor();
    const stored = await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("warden.draft.")));
    check(stored.length === 0, `the added task's draft is still stored: ${stored}`);
  });

  await step("sign out: back to sign-in, dashboard no longer reachable", async () => {
    await page.click('[data-testid="sign-out"]');
    await page.waitForURL(/\/sign-in$/);
    const status = await page.evaluate(async () => (await fetch("/api/auth/token")).status);
    check(status === 401 || status === 403, `/api/auth/token still answers ${status} after sign-out`);
    await page.goto(`${FRONTEND_URL}/dashboard`, { waitUntil: "domcontentloaded" });
    check(/\/sign-in$/.test(page.url()), `after sign-out /dashboard went to ${page.url()}`);
    check(!(await byTestId("auth-notice").isVisible()), "signing out is reported as an ended session");
  });

  const emailB = uniqueEmail("b");
  await step(`sign up user B (${emailB}): empty list, none of A's tasks`, async () => {
    await signUp("Bob E2E", emailB);
    const tasks = await readTasks();
    check(tasks.length === 0, `user B sees tasks: ${JSON.stringify(tasks)}`);
    check(await byTestId("empty-state").isVisible(), "user B does not see the empty state");
    await shot("dashboard-user-b.png");
  });

  await step("user B's token is refused on user A's tasks", async () => {
    const tokenB = await currentToken();
    check(tokenB.claims.sub !== subA, "users A and B share a subject");
    const status = await page.evaluate(
      async ([api, sub, tok]) =>
        (await fetch(`${api}/api/${encodeURIComponent(sub)}/tasks`, { headers: { authorization: `Bearer ${tok}` } })).status,
      [API_URL, subA, tokenB.token],
    );
    check(status === 403 || status === 404, `B reading A's tasks got HTTP ${status}, expected 403`);
    log(`  (Warden answered ${status})`);
  });

  await step("sign out B, sign in again as A: A's tasks are back", async () => {
    await page.click('[data-testid="sign-out"]');
    await page.waitForURL(/\/sign-in$/);
    await signIn(emailA);
    await page.locator('[data-testid="task-item"]').nth(2).waitFor();
    const tasks = await readTasks();
    const byTitle = Object.fromEntries(tasks.map((t) => [t.title, t.completed]));
    check(tasks.length === 3 && byTitle["Buy milk"] === true && byTitle["Write the report"] === false
      && byTitle["Call the plumber"] === false, `A's tasks after signing in again: ${JSON.stringify(tasks)}`);
  });

  check(pageErrors.length === 0, `uncaught errors in the page: ${pageErrors.join(" | ")}`);
  check(cspViolations.length === 0, `CSP violations: ${cspViolations.join(" | ")}`);
  writeAxeSummary(SCREENSHOT_DIR);

  await cleanup();
  clearTimeout(watchdog);
  log(`PASSED: ${currentStep()} steps`);
  console.log(`${currentStep()} passed, 0 failed`);
  process.exit(0);
}

main().catch(fail);
