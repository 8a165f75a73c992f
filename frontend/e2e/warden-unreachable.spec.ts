import { API_URL, axe, countText, expect, expectFocus, readTasks, seedTasks, shot, signUp, test, waitLoaded } from "./fixtures";

test("Warden unreachable: the page says what failed, offers a Retry, shows no count, and loads once it is back", async ({
  page,
  context,
  warden,
}) => {
  await signUp(page, "Offline E2E");
  await seedTasks(page, warden, [{ title: "Buy milk", completed: true }, { title: "Write the report" }]);

  // The browser's own network goes down (Chromium's offline mode): Warden is unreachable for real, every
  // request fails at the network as it would with the server gone, and Retry can be shown to recover once it
  // is back, without restarting the server the other specs share.
  await context.setOffline(true);
  try {
    await page.getByTestId("filter-pending").click();
    const panel = page.getByTestId("load-error");
    await panel.waitFor();
    await expect(panel, "the load error is announced").toHaveAttribute("role", "alert");
    await expect(panel).toContainText("Could not load your tasks");
    await expect(panel).toContainText(`Could not reach the API at ${API_URL}`);
    expect(await countText(page), "no count while the API is unreachable").toBe("");
    expect(await page.locator("body").innerText(), "the error state claims no count").not.toContain("0 tasks");
    await expect(page.getByTestId("empty-state")).toBeHidden();
    await shot(page, "error-retry.png");
    await axe(page, "dashboard (error)");
    const failedBefore = warden.failures();
    await page.getByTestId("retry").focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => warden.failures(), { message: "the retry fails" }).toBeGreaterThan(failedBefore);
    await expect(page.getByTestId("retry"), "the Retry button is back").toHaveText("Retry");
    await expectFocus(page, "after a failed retry", "retry");
  } finally {
    await context.setOffline(false);
  }
  await page.getByTestId("retry").click();
  await waitLoaded(page, "pending");
  await expectFocus(page, "after a retry that loaded", "task-area");
  expect((await readTasks(page)).map((t) => t.title), "pending after the retry").toEqual(["Write the report"]);
});
