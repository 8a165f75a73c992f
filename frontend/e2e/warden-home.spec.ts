import { API_URL, FRONTEND_URL, PASSWORD, expect, signIn, test, uniqueEmail } from "./fixtures";

test("Warden's own address, the one dev mode prints, leads to the app: its link opens sign-in, which works", async ({
  page,
}) => {
  const email = uniqueEmail("home");
  const signUp = await fetch(`${FRONTEND_URL}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: FRONTEND_URL },
    body: JSON.stringify({ email, password: PASSWORD, name: "Home E2E" }),
  });
  expect(signUp.status, "an account to sign in with").toBe(200);

  const home = await page.goto(`${API_URL}/`, { waitUntil: "domcontentloaded" });
  expect(home?.status(), "Warden's /").toBe(200);
  const link = page.getByRole("link", { name: FRONTEND_URL });
  await expect(link).toHaveAttribute("href", FRONTEND_URL);
  await link.click();
  await page.waitForURL(`${FRONTEND_URL}/sign-in`);
  await signIn(page, email);
  await expect(page.getByTestId("user-email")).toHaveText(email);
});
