import { expect, expectFocus, seedTasks, signUp, taskItem, test, waitLoaded } from "./fixtures";

test("editing a task: focus moves into the editor and back to its Edit button, and the edit is kept", async ({
  page,
  warden,
}) => {
  await signUp(page, "Edit E2E");
  await seedTasks(page, warden, [{ title: "Buy milk" }, { title: "Write report" }]);

  await taskItem(page, "Write report").getByTestId("task-edit").click();
  await expectFocus(page, "after opening the editor", "edit-title");
  await page.getByTestId("edit-title").fill("Write the report");
  await page.getByTestId("edit-submit").click();
  await taskItem(page, "Write the report").waitFor();
  await expectFocus(page, "after saving", "task-edit", "Edit “Write the report”");
  await expect
    .poll(() => warden.answers.some((a) => a.method === "PATCH" && !a.path.endsWith("/complete") && a.status === 200), {
      message: "Warden saves the edit",
    })
    .toBe(true);
  await page.reload({ waitUntil: "domcontentloaded" });
  await waitLoaded(page);
  await expect(taskItem(page, "Write the report"), "the edit persists").toHaveCount(1);
});
