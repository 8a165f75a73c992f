/**
 * What the browser test needs besides its steps: a log with numbered steps, checks that fail with a
 * message, axe-core runs, layout probes, Warden frozen and resumed, and direct calls made as a second
 * client (another device) would make them.
 */
import AxeBuilder from "@axe-core/playwright";
import fs from "node:fs";
import path from "node:path";

const started = Date.now();
let stepNo = 0;

export function log(msg) {
  const t = ((Date.now() - started) / 1000).toFixed(1).padStart(5);
  console.log(`[e2e ${t}s] ${msg}`);
}

export function currentStep() {
  return stepNo;
}

export async function step(name, fn) {
  stepNo++;
  log(`STEP ${stepNo}: ${name}`);
  const r = await fn();
  log(`  ok`);
  return r;
}

export class E2EFailure extends Error {}

export function check(cond, message) {
  if (!cond) throw new E2EFailure(message);
}

// ---------------------------------------------------------------- axe-core

const IMPACTS = ["critical", "serious", "moderate", "minor"];
export const axeSummary = [];

/**
 * Runs axe-core (every rule it ships: WCAG 2.x A/AA and best practices) on the page as it is, records
 * the violations by impact, and fails on any serious or critical one.
 */
export async function axe(page, name) {
  const result = await new AxeBuilder({ page }).analyze();
  const byImpact = Object.fromEntries(IMPACTS.map((i) => [i, 0]));
  for (const v of result.violations) byImpact[v.impact ?? "minor"] += v.nodes.length;
  axeSummary.push({ page: name, ...byImpact, rulesPassed: result.passes.length });
  log(`  axe ${name}: ${IMPACTS.map((i) => `${byImpact[i]} ${i}`).join(", ")} (${result.passes.length} rules passed)`);
  for (const v of result.violations) {
    log(`    ${v.impact}: ${v.id} — ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(" | ")})`);
  }
  const blocking = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  check(
    blocking.length === 0,
    `axe on ${name}: ${blocking.map((v) => `${v.impact} ${v.id} (${v.help})`).join("; ")}`,
  );
}

export function writeAxeSummary(dir) {
  fs.writeFileSync(path.join(dir, "axe-summary.json"), JSON.stringify(axeSummary, null, 2));
  log("axe summary (violating nodes by impact):");
  for (const s of axeSummary) {
    log(`  ${s.page.padEnd(28)} ${IMPACTS.map((i) => `${i} ${s[i]}`).join("  ")}`);
  }
}

// ---------------------------------------------------------------- layout and focus

/** Fails if the page scrolls sideways (anything wider than the window). */
export async function checkNoHorizontalOverflow(page, where) {
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
  check(scroll <= width && culprits.length === 0,
    `${where}: content wider than the ${width} px window (scrollWidth ${scroll}): ${culprits.join(", ")}`);
}

/** The number of lines the element's text is laid out on. */
export async function textLines(locator) {
  return locator.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
    return tops.size;
  });
}

/** The focused element's description and whether its focus indicator is visible (an outline ≥ 2 px). */
export async function focusedWithRing(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { name: "body", visible: false };
    const s = getComputedStyle(el);
    const visible = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2;
    const name = `${el.tagName.toLowerCase()}[${el.getAttribute("data-testid") ?? el.getAttribute("aria-label") ?? el.textContent?.trim().slice(0, 30)}]`;
    return { name, visible, testId: el.getAttribute("data-testid"), label: el.getAttribute("aria-label") };
  });
}

// ---------------------------------------------------------------- Warden, frozen and resumed

/**
 * Freezes Warden's process (SIGSTOP) while `fn` runs: requests reach it and wait, as they do on a slow or
 * sleeping server, which shows what the page does before Warden answers. Always resumed (SIGCONT).
 */
export async function whileWardenFrozen(pid, fn) {
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
}

// ---------------------------------------------------------------- a second client

/** Signs in through Better Auth from Node (another device) and returns its session cookie. */
export async function signInElsewhere(frontendUrl, email, password) {
  const r = await fetch(`${frontendUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: frontendUrl },
    body: JSON.stringify({ email, password }),
  });
  check(r.ok, `sign-in from a second client answered ${r.status}: ${await r.text()}`);
  return r.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

/** From that other device: "sign out everywhere else", which ends the browser's session. */
export async function revokeOtherSessions(frontendUrl, cookie) {
  const r = await fetch(`${frontendUrl}/api/auth/revoke-other-sessions`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: frontendUrl, cookie },
    body: "{}",
  });
  check(r.ok, `revoke-other-sessions answered ${r.status}: ${await r.text()}`);
}

/** A call to Warden with a bearer token, as any other client of the API makes it. */
export async function callWarden(apiUrl, method, pathname, token) {
  const r = await fetch(`${apiUrl}${pathname}`, { method, headers: { authorization: `Bearer ${token}` } });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
}
