import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-policy";

/** A refusal from Better Auth as its client hands it over. */
export interface AuthRefusal {
  status: number;
  code?: string;
  message?: string;
}

export type AuthFormField = "email" | "password" | "form";

/** What the form shows, and next to which field ("form": above the button, about the attempt as a whole). */
export interface AuthFormError {
  field: AuthFormField;
  message: string;
}

const EMAIL_INVALID = "Enter a valid email address.";

// Better Auth's own codes: its messages are written for developers ("Password too short", and a request
// validator's "[body.email] Invalid email address"), so each one the form can meet gets words for a person.
const BY_CODE: Record<string, AuthFormError> = {
  INVALID_EMAIL: { field: "email", message: EMAIL_INVALID },
  PASSWORD_TOO_SHORT: { field: "password", message: `Use at least ${PASSWORD_MIN_LENGTH} characters.` },
  PASSWORD_TOO_LONG: { field: "password", message: `Use at most ${PASSWORD_MAX_LENGTH} characters.` },
  USER_ALREADY_EXISTS: {
    field: "email",
    message: "An account with this email already exists: sign in, or use another email.",
  },
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: {
    field: "email",
    message: "An account with this email already exists: sign in, or use another email.",
  },
  INVALID_EMAIL_OR_PASSWORD: { field: "form", message: "That email and password do not match an account." },
};

/** The validator names the field it refused as `[body.<field>]`: the only place the field is said. */
function validatedField(message: string | undefined): string | undefined {
  return message?.match(/^\[body\.(\w+)\]/)?.[1];
}

export function describeAuthError(refusal: AuthRefusal): AuthFormError {
  if (refusal.status === 429) {
    return { field: "form", message: "Too many attempts. Wait a minute, then try again." };
  }
  const known = refusal.code ? BY_CODE[refusal.code] : undefined;
  if (known) return known;
  if (refusal.code === "VALIDATION_ERROR") {
    const field = validatedField(refusal.message);
    if (field === "email") return { field: "email", message: EMAIL_INVALID };
    if (field === "password") return { field: "password", message: "Enter a password." };
    return { field: "form", message: "Check the form and try again." };
  }
  if (refusal.status >= 500 || refusal.status === 0) {
    return { field: "form", message: "The sign-in service is not answering. Try again in a moment." };
  }
  return { field: "form", message: `Something went wrong (HTTP ${refusal.status}). Try again.` };
}
