import { expect, expectFocus, signUp, taskItem, test } from "./fixtures";

test.beforeEach(async ({ page }) => {
  await signUp(page, "Form E2E");
});

test("the title counts characters as Warden does: 200 emoji fit, 201 do not", async ({ page, warden }) => {
  const title = page.getByTestId("new-task-title");
  const count = page.getByTestId("new-task-title-count");
  const error = page.getByTestId("new-task-title-error");
  const emoji200 = "😀".repeat(200); // 400 UTF-16 units, 200 characters
  await title.fill("a".repeat(150));
  await expect(count, "far from the limit the counter is blank").toHaveText("");
  await title.fill("a".repeat(170));
  await expect(count).toHaveText("30 characters left");
  await title.fill("😀".repeat(201));
  expect([...(await title.inputValue())], "the field keeps all 201 characters").toHaveLength(201);
  await expect(count).toHaveText("1 character too many");

  const posts = () => warden.answers.filter((a) => a.method === "POST").length;
  const before = posts();
  await page.getByTestId("new-task-submit").click();
  await expect(error).toHaveText("Title is 1 character too long (200 at most).");
  await expect(title, "the too-long title is marked invalid").toHaveAttribute("aria-invalid", "true");
  await expectFocus(page, "after a refused submit", "new-task-title");
  const errorId = (await error.getAttribute("id"))!;
  expect(((await title.getAttribute("aria-describedby")) ?? "").split(" "), "the error is tied to the field").toContain(
    errorId,
  );

  await title.fill(emoji200);
  await expect(count).toHaveText("0 characters left");
  await expect(error, "the error goes once the title fits").toHaveText("");
  expect(posts(), "a refused title is never sent to Warden").toBe(before);
  await page.getByTestId("new-task-submit").click();
  await taskItem(page, emoji200).waitFor();
  expect(warden.answers.filter((a) => a.method === "POST").at(-1)!.status, "Warden takes 200 emoji").toBe(201);
});

test("a title of spaces and a description over 1000 characters are refused by the form", async ({ page, warden }) => {
  await page.getByTestId("new-task-title").fill("    ");
  await page.getByTestId("new-task-description").fill("x".repeat(1001));
  await expect(page.getByTestId("new-task-description-count")).toHaveText("1 character too many");
  await page.getByTestId("new-task-submit").click();
  await expect(page.getByTestId("new-task-title-error")).toHaveText("Enter a title: spaces alone do not count.");
  await expect(page.getByTestId("new-task-description-error")).toHaveText(
    "Description is 1 character too long (1000 at most).",
  );
  expect(warden.answers.filter((a) => a.method === "POST"), "nothing refused is sent").toEqual([]);
});
