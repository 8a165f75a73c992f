import { countText, currentToken, expect, signUp, test } from "./fixtures";

test("signing up lands on an empty dashboard whose session yields an RS256 JWT kept out of web storage", async ({
  page,
}) => {
  const email = await signUp(page, "Alice E2E");
  await expect(page.getByTestId("empty-state")).toBeVisible();
  expect(await countText(page), "an empty, loaded list's count").toBe("0 tasks");

  const t = await currentToken(page);
  expect(t.header.alg).toBe("RS256");
  expect(t.claims.sub).toBeTruthy();
  expect(t.claims.email).toBe(email);
  expect(t.claims.aud).toBeTruthy();
  expect(t.claims.iss).toBeTruthy();
  expect(typeof t.claims.exp).toBe("number");
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(stored, "web storage holds no JWT").not.toContain("eyJ");
});
