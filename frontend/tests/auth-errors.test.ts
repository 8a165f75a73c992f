import { describe, expect, it } from "vitest";
import { describeAuthError } from "../lib/auth-errors";

describe("describeAuthError", () => {
  it("puts the validator's refusal of the email next to the email field, in words a person reads", () => {
    expect(
      describeAuthError({ status: 400, code: "VALIDATION_ERROR", message: "[body.email] Invalid email address" }),
    ).toEqual({ field: "email", message: "Enter a valid email address." });
  });

  it("puts a short or long password next to the password field with the bounds Better Auth is given", () => {
    expect(describeAuthError({ status: 400, code: "PASSWORD_TOO_SHORT", message: "Password too short" })).toEqual({
      field: "password",
      message: "Use at least 8 characters.",
    });
    expect(describeAuthError({ status: 400, code: "PASSWORD_TOO_LONG" }).message).toBe("Use at most 128 characters.");
  });

  it("says an email already used belongs to an account, next to the email field", () => {
    const said = describeAuthError({
      status: 422,
      code: "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL",
      message: "User already exists. Use another email.",
    });
    expect(said.field).toBe("email");
    expect(said.message).toContain("already exists");
  });

  it("asks to wait when rate-limited, whatever the body says", () => {
    expect(describeAuthError({ status: 429, message: "Too many requests. Please try again later." })).toEqual({
      field: "form",
      message: "Too many attempts. Wait a minute, then try again.",
    });
  });

  it("never shows a validator's raw text, even for a field the form does not have", () => {
    const said = describeAuthError({ status: 400, code: "VALIDATION_ERROR", message: "[body.name] Required" });
    expect(said).toEqual({ field: "form", message: "Check the form and try again." });
  });

  it("names an unknown failure by its status only", () => {
    expect(describeAuthError({ status: 418, code: "SOMETHING_NEW", message: "internal detail" }).message).toBe(
      "Something went wrong (HTTP 418). Try again.",
    );
    expect(describeAuthError({ status: 503 }).field).toBe("form");
  });
});
