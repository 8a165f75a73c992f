import {
  API_URL,
  FRONTEND_URL,
  axe,
  currentToken,
  expect,
  readTasks,
  revokeOtherSessions,
  seedTasks,
  shot,
  signIn,
  signInElsewhere,
  signUp,
  taskItem,
  test,
  WARDEN_URLS,
} from "./fixtures";

test("sessions: one ended elsewhere keeps the unsaved task, signing out locks the dashboard, users see only their own", async ({
  page,
  warden,
}) => {
  const emailA = await signUp(page, "Alice E2E");
  const { sub: subA } = await seedTasks(page, warden, [{ title: "Buy milk", completed: true }, { title: "Write the report" }]);

  await test.step("session ended elsewhere: the sign-in page says so, the unsaved task is kept", async () => {
    await page.getByTestId("new-task-title").fill("Call the plumber");
    await page.getByTestId("new-task-description").fill("Leak under the sink");
    // Another device signs in and signs out every other session: the browser's session ends.
    await revokeOtherSessions(await signInElsewhere(emailA));
    await page.reload({ waitUntil: "domcontentloaded" });
    await page.waitForURL(/\/sign-in\?expired=1$/);
    const notice = page.getByTestId("auth-notice");
    await expect(notice).toHaveText("Your session ended, sign in again.");
    await expect(notice, "the notice is announced").toHaveAttribute("role", "alert");
    await shot(page, "session-ended.png");
    await axe(page, "sign-in (session ended)");
    await signIn(page, emailA);
    await expect(page.getByTestId("new-task-title"), "the draft title").toHaveValue("Call the plumber");
    await expect(page.getByTestId("new-task-description"), "the draft description").toHaveValue("Leak under the sink");
    await page.getByTestId("new-task-submit").click();
    await taskItem(page, "Call the plumber").waitFor();
    const stored = await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("warden.draft.")));
    expect(stored, "the added task's draft is no longer stored").toEqual([]);
  });

  await test.step("sign out: back to sign-in, the dashboard no longer reachable, the old token refused", async () => {
    const { token } = await currentToken(page);
    await page.getByTestId("sign-out").click();
    await page.waitForURL(/\/sign-in$/);
    // Every Warden hears of the ended session at once: the token the page held stops working on each, though it
    // has not expired.
    for (const warden of WARDEN_URLS) {
      const me = () => fetch(`${warden}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
      await expect.poll(async () => (await me()).status, { message: warden, timeout: 1000, intervals: [50] }).toBe(401);
      expect(((await (await me()).json()) as { message: string }).message).toBe("Invalid token: session ended");
    }
    const status = await page.evaluate(async () => (await fetch("/api/auth/token")).status);
    expect([401, 403], "/api/auth/token after sign-out").toContain(status);
    await page.goto(`${FRONTEND_URL}/dashboard`, { waitUntil: "domcontentloaded" });
    expect(page.url()).toMatch(/\/sign-in$/);
    await expect(page.getByTestId("auth-notice"), "signing out is not reported as an ended session").toBeHidden();
  });

  await test.step("user B: an empty list, none of A's tasks, and B's token is refused on A's tasks", async () => {
    await signUp(page, "Bob E2E");
    expect(await readTasks(page)).toEqual([]);
    await expect(page.getByTestId("empty-state")).toBeVisible();
    await shot(page, "dashboard-user-b.png");
    const tokenB = await currentToken(page);
    expect(tokenB.claims.sub, "A and B have different subjects").not.toBe(subA);
    const status = await page.evaluate(
      async ([api, sub, tok]) =>
        (await fetch(`${api}/api/${encodeURIComponent(sub!)}/tasks`, { headers: { authorization: `Bearer ${tok}` } }))
          .status,
      [API_URL, subA, tokenB.token],
    );
    expect(status, "B reading A's tasks").toBe(403);
  });

  await test.step("sign out B, sign in again as A: A's tasks are back", async () => {
    await page.getByTestId("sign-out").click();
    await page.waitForURL(/\/sign-in$/);
    await signIn(page, emailA);
    await page.getByTestId("task-item").nth(2).waitFor();
    const byTitle = Object.fromEntries((await readTasks(page)).map((t) => [t.title, t.completed]));
    expect(byTitle).toEqual({ "Buy milk": true, "Write the report": false, "Call the plumber": false });
  });
});
