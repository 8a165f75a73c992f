import { UNDO_WAIT_MS, expect, expectFocus, readTasks, seedTasks, signUp, taskItem, test } from "./fixtures";

test("a change Warden refuses is taken back with a message naming the task", async ({ page, warden }) => {
  await signUp(page, "Refused E2E");
  const { token, sub } = await seedTasks(page, warden, [{ title: "Buy milk" }, { title: "Doomed task" }]);
  const doomed = (await readTasks(page)).find((t) => t.title === "Doomed task")!;
  // Another client deletes it: the page still shows it, and Warden answers 404 to what the page sends.
  const gone = await warden.call("DELETE", `/api/${encodeURIComponent(sub)}/tasks/${doomed.id}`, token);
  expect(gone.status, "deleting from a second client").toBe(204);

  const row = taskItem(page, "Doomed task");
  await row.evaluate((li) => {
    const w = window as unknown as { __completedTrail: (string | null)[] };
    w.__completedTrail = [];
    new MutationObserver(() => w.__completedTrail.push(li.getAttribute("data-completed"))).observe(li, {
      attributes: true,
      attributeFilter: ["data-completed"],
    });
  });
  await row.getByTestId("task-toggle").click();
  const alert = page.getByTestId("action-error");
  await alert.waitFor();
  await expect(alert, "the refusal is announced").toHaveAttribute("role", "alert");
  await expect(alert).toContainText("Could not mark “Doomed task” as completed: it no longer exists");
  const trail = await page.evaluate(() => (window as unknown as { __completedTrail: string[] }).__completedTrail);
  expect(trail, "the completion is shown, then taken back").toEqual(["true", "false"]);
  await expect(row.getByTestId("task-toggle"), "the refused completion is unchecked").not.toBeChecked();

  await row.getByTestId("task-edit").click();
  await page.getByTestId("edit-title").fill("Doomed, renamed");
  await page.getByTestId("edit-submit").click();
  await expect(page.getByTestId("action-error")).toContainText("Could not save “Doomed task”: it no longer exists");
  await expect(page.getByTestId("edit-title"), "the refused edit reopens with the typing").toHaveValue("Doomed, renamed");
  await page.keyboard.press("Escape");
  await taskItem(page, "Doomed task").waitFor();
  await expectFocus(page, "after Escape", "task-edit", "Edit “Doomed task”");

  // Deleting what is already gone is what the user wanted: no error.
  await taskItem(page, "Doomed task").getByTestId("task-delete").click();
  await page.getByTestId("undo-toast").waitFor({ state: "detached", timeout: UNDO_WAIT_MS });
  await expect.poll(() => warden.deletesOf(doomed.id).length, { message: "the delete is answered", timeout: 3_000 }).toBe(1);
  expect(warden.deletesOf(doomed.id)[0]!.status).toBe(404);
  await expect(page.getByTestId("action-error"), "deleting a task already gone is no error").toBeHidden();
  await expect(taskItem(page, "Doomed task"), "the task already gone stays gone").toHaveCount(0);
});
