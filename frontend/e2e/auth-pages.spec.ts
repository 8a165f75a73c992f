import { API_URL, DESKTOP, FRONTEND_URL, axe, expect, expectNoHorizontalOverflow, openAuthForm, test } from "./fixtures";

test("the frontend publishes an RS256 JWKS for Warden", async () => {
  expect(API_URL).toBeTruthy();
  const r = await fetch(`${FRONTEND_URL}/api/auth/jwks`);
  expect(r.status).toBe(200);
  const { keys } = (await r.json()) as { keys: { kty: string; alg: string }[] };
  expect(keys.some((k) => k.kty === "RSA" && k.alg === "RS256"), `JWKS ${JSON.stringify(keys)}`).toBe(true);
});

for (const mode of ["sign-in", "sign-up"] as const) {
  test(`the ${mode} page has no notice, no serious or critical axe violation, and fits 320 px`, async ({ page }) => {
    await openAuthForm(page, mode);
    await expect(page.getByTestId("auth-notice")).toBeHidden();
    await axe(page, mode);
    await page.setViewportSize({ width: 320, height: 640 });
    await expectNoHorizontalOverflow(page, `${mode} at 320 px`);
    await page.setViewportSize(DESKTOP);
  });
}
