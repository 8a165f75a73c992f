import { expect, readTasks, seedTasks, signUp, test, waitLoaded } from "./fixtures";
import type { Page } from "@playwright/test";

async function shown(page: Page, filter: string) {
  await waitLoaded(page, filter);
  await expect(page.getByTestId(`filter-${filter}`)).toHaveAttribute("aria-pressed", "true");
  return (await readTasks(page)).map((t) => t.title);
}

test("the task filter lives in the URL: it survives a reload, can be linked, and back/forward follow it", async ({
  page,
  warden,
}) => {
  await signUp(page, "Filter E2E");
  await seedTasks(page, warden, [{ title: "Buy milk", completed: true }, { title: "Write report" }]);
  expect(new URL(page.url()).search, "all tasks need no query").toBe("");

  await page.getByTestId("filter-pending").click();
  expect(await shown(page, "pending")).toEqual(["Write report"]);
  expect(new URL(page.url()).searchParams.get("status")).toBe("pending");

  await page.reload({ waitUntil: "domcontentloaded" });
  expect(await shown(page, "pending"), "after a reload").toEqual(["Write report"]);

  await page.getByTestId("filter-completed").click();
  expect(await shown(page, "completed")).toEqual(["Buy milk"]);
  expect(new URL(page.url()).searchParams.get("status")).toBe("completed");

  await page.goBack();
  expect(await shown(page, "pending"), "back").toEqual(["Write report"]);
  expect(new URL(page.url()).searchParams.get("status")).toBe("pending");
  await page.goBack();
  expect(await shown(page, "all"), "back again").toEqual(["Write report", "Buy milk"]);
  await page.goForward();
  expect(await shown(page, "pending"), "forward").toEqual(["Write report"]);

  await page.goto("/dashboard?status=completed", { waitUntil: "domcontentloaded" });
  expect(await shown(page, "completed"), "a link to the completed tasks").toEqual(["Buy milk"]);
  await page.goto("/dashboard?status=nonsense", { waitUntil: "domcontentloaded" });
  expect(await shown(page, "all"), "an unknown status shows all").toHaveLength(2);
});
