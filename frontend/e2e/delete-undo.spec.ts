import {
  UNDO_WAIT_MS,
  axe,
  countText,
  createTask,
  expect,
  expectFocus,
  readTasks,
  seedTasks,
  shot,
  signUp,
  taskItem,
  test,
  waitLoaded,
} from "./fixtures";

test("deleting offers an undo, and the delete is sent only once the undo period or the page ends", async ({
  page,
  warden,
}) => {
  await signUp(page, "Delete E2E");
  const { token, sub } = await seedTasks(page, warden, [{ title: "Buy milk" }, { title: "First to go" }]);

  await test.step("the row goes at once, focus moves on, Undo brings it back unsent", async () => {
    await createTask(page, "Scratch task");
    const tasks = await readTasks(page);
    const scratch = tasks.find((t) => t.title === "Scratch task")!;
    const next = tasks[1]!;
    await taskItem(page, "Scratch task").getByTestId("task-delete").click();
    await taskItem(page, "Scratch task").waitFor({ state: "detached" });
    const toast = page.getByTestId("undo-toast");
    await expect(toast).toContainText("Deleted “Scratch task”.");
    await expectFocus(page, "after deleting", "task-toggle", `Mark “${next.title}” as completed`);
    expect(await countText(page), "the count while deleting").toBe(`${(await readTasks(page)).length} tasks`);
    await shot(page, "undo-toast.png");
    await axe(page, "dashboard (undo toast)");
    await page.getByTestId("undo").click();
    await taskItem(page, "Scratch task").waitFor();
    await expectFocus(page, "after undo", "task-delete", "Delete “Scratch task”");
    await expect(toast, "the toast goes after undo").toBeHidden();
    await page.waitForTimeout(500);
    expect(warden.deletesOf(scratch.id), "an undone delete is never sent").toEqual([]);
  });

  await test.step("the delete is sent when the undo period ends, and at once when another delete starts", async () => {
    const tasks = await readTasks(page);
    const first = tasks.find((t) => t.title === "First to go")!;
    const scratch = tasks.find((t) => t.title === "Scratch task")!;
    await taskItem(page, first.title).getByTestId("task-delete").click();
    await page.getByTestId("undo-toast").waitFor();
    await taskItem(page, "Scratch task").getByTestId("task-delete").click();
    await expect
      .poll(() => warden.deletesOf(first.id).length, { message: "the first delete is sent as the second starts", timeout: 3_000 })
      .toBe(1);
    expect(warden.deletesOf(first.id)[0]!.status).toBe(204);
    await expect(page.getByTestId("undo-toast"), "the toast offers the second delete").toContainText("Scratch task");
    expect(warden.deletesOf(scratch.id), "the second delete waits for its undo period").toEqual([]);
    await page.getByTestId("undo-toast").waitFor({ state: "detached", timeout: UNDO_WAIT_MS });
    await expect
      .poll(() => warden.deletesOf(scratch.id).length, { message: "the second delete is sent", timeout: 3_000 })
      .toBe(1);
    const titles = await warden.titles(token, sub);
    expect(titles).not.toContain("Scratch task");
    expect(titles).not.toContain(first.title);
  });

  await test.step("leaving the page ends the undo period: the delete is sent as the page goes", async () => {
    await createTask(page, "Leave-page task");
    await taskItem(page, "Leave-page task").getByTestId("task-delete").click();
    await page.getByTestId("undo-toast").waitFor();
    await page.reload({ waitUntil: "domcontentloaded" });
    await expect
      .poll(() => warden.titles(token, sub), { message: "Warden no longer has the task", timeout: 5_000 })
      .not.toContain("Leave-page task");
    await waitLoaded(page);
    await expect(taskItem(page, "Leave-page task"), "the task stays gone after the page comes back").toHaveCount(0);
  });
});
