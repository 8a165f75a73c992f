import {
  DESKTOP,
  expect,
  expectNoHorizontalOverflow,
  focused,
  seedTasks,
  shot,
  signUp,
  taskItem,
  test,
  textLines,
  waitLoaded,
} from "./fixtures";

test.beforeEach(async ({ page, warden }) => {
  await signUp(page, "Layout E2E");
  await seedTasks(page, warden, [{ title: "Buy milk", completed: true }, { title: "Write the report" }]);
});

test("every control reached by Tab shows a visible focus ring", async ({ page }) => {
  await page.locator("body").click({ position: { x: 2, y: 2 } });
  const seen: string[] = [];
  for (let i = 0; i < 16; i++) {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    if (f.name === "body") break;
    seen.push(f.name);
    expect(f.visible, `a visible focus ring on ${f.name} (Tab ${i + 1})`).toBe(true);
  }
  for (const control of ["sign-out", "task-toggle", "task-delete"]) {
    expect(seen.some((n) => n.includes(control)), `Tab reaches ${control}: ${seen.join(", ")}`).toBe(true);
  }
});

test("a 390 px phone and a 320 px screen: one-line Sign out, nothing wider than the screen, the editor fits", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload({ waitUntil: "domcontentloaded" });
  await waitLoaded(page);
  expect(await textLines(page.getByTestId("sign-out")), '"Sign out" lines at 390 px').toBe(1);
  await expectNoHorizontalOverflow(page, "dashboard at 390 px");
  await shot(page, "dashboard-390.png");

  await page.setViewportSize({ width: 320, height: 640 });
  await waitLoaded(page);
  await expectNoHorizontalOverflow(page, "dashboard at 320 px");
  expect(await textLines(page.getByTestId("sign-out")), '"Sign out" lines at 320 px').toBe(1);
  await taskItem(page, "Buy milk").getByTestId("task-edit").click();
  await expectNoHorizontalOverflow(page, "editor at 320 px");
  await shot(page, "dashboard-320.png");
  await page.getByTestId("edit-cancel").click();
  await page.setViewportSize(DESKTOP);
});
