// Each spec imports what it uses from fixtures.ts: lists alike in shape, with nothing to share.
import {
  axe,
  countText,
  createTask,
  expect,
  expectFocus,
  readTasks,
  shot,
  signUp,
  taskItem,
  test,
  waitLoaded,
} from "./fixtures";

test("adding, completing and filtering tasks: each shown at once, announced, and kept by Warden", async ({
  page,
  warden,
}) => {
  await signUp(page, "Tasks E2E");

  await test.step("add two tasks: focus back in the new-task field, each addition announced", async () => {
    await createTask(page, "Buy milk", "Two litres, semi-skimmed");
    await createTask(page, "Write report", "Quarterly numbers");
    const tasks = await readTasks(page);
    expect(tasks.map((t) => t.title), "newest first").toEqual(["Write report", "Buy milk"]);
    await expect(page.getByTestId("new-task-title"), "the form is emptied after adding").toHaveValue("");
    await expectFocus(page, "after adding", "new-task-title");
    await expect(page.getByTestId("announcement")).toHaveText("Added “Write report”.");
    expect(await countText(page)).toBe("2 tasks");
  });

  await test.step("each row's controls are named after its task", async () => {
    for (const title of ["Buy milk", "Write report"]) {
      await expect(page.getByRole("checkbox", { name: `Mark “${title}” as completed`, exact: true })).toHaveCount(1);
      await expect(page.getByRole("button", { name: `Edit “${title}”`, exact: true })).toHaveCount(1);
      await expect(page.getByRole("button", { name: `Delete “${title}”`, exact: true })).toHaveCount(1);
    }
  });

  await test.step("first load shows a skeleton and no count while Warden has not answered", async () => {
    await warden.frozen(async () => {
      await page.reload({ waitUntil: "domcontentloaded" });
      await page.getByTestId("skeleton").waitFor();
      await expect(page.getByTestId("task-area"), "the loading list is aria-busy").toHaveAttribute("aria-busy", "true");
      expect(await countText(page), "the count while loading").toBe("");
      expect(await page.locator("body").innerText(), "the loading page claims no count").not.toContain("0 tasks");
      await expect(page.getByTestId("empty-state")).toBeHidden();
      await shot(page, "skeleton.png");
    });
    await waitLoaded(page);
    await expect(page.getByTestId("skeleton")).toBeHidden();
    expect(await readTasks(page)).toHaveLength(2);
  });

  await test.step('completing "Buy milk" shows at once, before Warden answers, and is kept', async () => {
    const toggle = taskItem(page, "Buy milk").getByTestId("task-toggle");
    const patches = () => warden.answers.filter((a) => a.method === "PATCH");
    const before = patches().length;
    await warden.frozen(async () => {
      await toggle.click();
      expect(await toggle.isChecked(), "the checkbox moves before Warden answers").toBe(true);
      expect(await taskItem(page, "Buy milk").getAttribute("data-completed"), "the row before Warden answers").toBe("true");
      expect(patches().length, "Warden answered while frozen").toBe(before);
    });
    await expect.poll(() => patches().length, { message: "Warden answers the completion" }).toBeGreaterThan(before);
    const last = patches().at(-1)!;
    expect(last.status).toBe(200);
    expect(last.path).toMatch(/\/complete$/);
    await expect(toggle, "the accepted completion stays").toBeChecked();
  });

  await test.step("reload: both tasks persisted with the right completion state, under the security headers", async () => {
    const resp = await page.reload({ waitUntil: "domcontentloaded" });
    const h = resp?.headers() ?? {};
    const csp = h["content-security-policy"] ?? "";
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).toContain("connect-src 'self'");
    expect(h["x-frame-options"]).toBe("DENY");
    expect(h["x-content-type-options"]).toBe("nosniff");
    await waitLoaded(page);
    await page.getByTestId("task-item").nth(1).waitFor();
    const byTitle = Object.fromEntries((await readTasks(page)).map((t) => [t.title, t.completed]));
    expect(byTitle).toEqual({ "Buy milk": true, "Write report": false });
  });

  await test.step("filters: completed shows 1, pending shows 1, all shows both", async () => {
    await page.getByTestId("filter-completed").click();
    await waitLoaded(page, "completed");
    expect((await readTasks(page)).map((t) => t.title)).toEqual(["Buy milk"]);
    await page.getByTestId("filter-pending").click();
    await waitLoaded(page, "pending");
    expect((await readTasks(page)).map((t) => t.title)).toEqual(["Write report"]);
    await page.getByTestId("filter-all").click();
    await waitLoaded(page, "all");
    expect(await readTasks(page)).toHaveLength(2);
  });

  await test.step("dashboard with tasks: screenshot, no serious or critical axe violation", async () => {
    await shot(page, "dashboard.png");
    await axe(page, "dashboard (tasks)");
  });
});
