import { API_URL, FRONTEND_URL, expect, signIn, signUpElsewhere, test, uniqueEmail } from "./fixtures";

test("Warden's own address, the one dev mode prints, leads to the app: its link opens sign-in, which works", async ({
  page,
}) => {
  const email = uniqueEmail("home");
  await signUpElsewhere(email, "Home E2E", "an account to sign in with");

  const home = await page.goto(`${API_URL}/`, { waitUntil: "domcontentloaded" });
  expect(home?.status(), "Warden's /").toBe(200);
  const link = page.getByRole("link", { name: FRONTEND_URL });
  await expect(link).toHaveAttribute("href", FRONTEND_URL);
  await link.click();
  await page.waitForURL(`${FRONTEND_URL}/sign-in`);
  await signIn(page, email);
  await expect(page.getByTestId("user-email")).toHaveText(email);
});
