import { PASSWORD, axe, expect, openAuthForm, signUpElsewhere, test, uniqueEmail } from "./fixtures";
import type { Page } from "@playwright/test";

async function submitSignUp(page: Page, email: string, password = PASSWORD) {
  await openAuthForm(page, "sign-up");
  await page.getByTestId("name").fill("Refused E2E");
  await page.getByTestId("email").fill(email);
  await page.getByTestId("password").fill(password);
  await page.getByTestId("submit").click();
}

/** The message sits under its field, is tied to it, and the validator's own text is nowhere on the page. */
async function expectFieldError(page: Page, field: "email" | "password", message: string | RegExp) {
  const error = page.getByTestId(`${field}-error`);
  await expect(error).toHaveText(message);
  await expect(page.getByTestId(field)).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId(field)).toHaveAttribute("aria-describedby", `${field}-error`);
  await expect(page.getByTestId(field), "focus goes to the field to fix").toBeFocused();
  await expect(page.getByTestId("auth-error"), "no second message above the button").toHaveCount(0);
  await expect(page.locator("main")).not.toContainText("[body.");
  expect(page.url(), "the form stays").toMatch(/\/sign-up$/);
}

test("an email Better Auth's validator refuses is explained next to the email field", async ({ page }) => {
  await submitSignUp(page, "not-an-email");
  await expectFieldError(page, "email", "Enter a valid email address.");
  await axe(page, "sign-up (refused email)");
  await page.getByTestId("email").fill(uniqueEmail("fixed"));
  await expect(page.getByTestId("email-error"), "the message goes once the email is edited").toHaveCount(0);
});

test("a password shorter than Better Auth's minimum is explained next to the password field", async ({ page }) => {
  await submitSignUp(page, uniqueEmail("short"), "short");
  await expectFieldError(page, "password", "Use at least 8 characters.");
});

test("an email already used for an account is explained next to the email field", async ({ page }) => {
  const email = uniqueEmail("taken");
  await signUpElsewhere(email, "First owner", "the first sign-up with this email");
  await submitSignUp(page, email);
  await expectFieldError(page, "email", "An account with this email already exists: sign in, or use another email.");
});

test("a rate-limited sign-up asks the person to wait", async ({ page }) => {
  // Better Auth's rate limiter is off for the shared stack (every spec signs up); the answer here is the one its
  // limiter sends, word for word (better-auth/dist/api/rate-limiter), so the form meets exactly that.
  await page.route("**/api/auth/sign-up/email", (route) =>
    route.fulfill({
      status: 429,
      headers: { "content-type": "application/json", "x-retry-after": "10" },
      body: JSON.stringify({ message: "Too many requests. Please try again later." }),
    }),
  );
  await submitSignUp(page, uniqueEmail("limited"));
  const error = page.getByTestId("auth-error");
  await expect(error).toHaveText("Too many attempts. Wait a minute, then try again.");
  await expect(error).toHaveAttribute("role", "alert");
  await expect(page.getByTestId("email")).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("submit"), "the person can try again").toBeEnabled();
});
