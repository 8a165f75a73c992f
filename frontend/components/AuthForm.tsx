"use client";

import Link from "next/link";
import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { authClient, tokenStore } from "@/lib/auth-client";
import { describeAuthError, type AuthFormError } from "@/lib/auth-errors";
import { PASSWORD_MIN_LENGTH } from "@/lib/password-policy";

type Mode = "sign-in" | "sign-up";

export function AuthForm({ mode, notice }: { mode: Mode; notice?: string }) {
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<AuthFormError | null>(null);
  const [busy, setBusy] = useState(false);
  // Until React has hydrated, a submit would be a native form post of the typed password (or typed
  // text would be dropped): keep the button disabled until the handlers are attached.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const emailInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const signUp = mode === "sign-up";

  function refuse(refusal: AuthFormError) {
    setError(refusal);
    // The message is read out with the field it is about (aria-describedby) when focus lands there.
    if (refusal.field === "email") emailInput.current?.focus();
    if (refusal.field === "password") passwordInput.current?.focus();
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      tokenStore.clear();
      // The password rule is Better Auth's alone (lib/password-policy.ts): the form only words its refusal.
      const result = signUp
        ? await authClient.signUp.email({ name: name.trim() || email, email, password })
        : await authClient.signIn.email({ email, password });
      if (result.error) {
        refuse(describeAuthError(result.error));
        setBusy(false);
        return;
      }
      // A full navigation: the dashboard is rendered by the server with the
      // new session cookie, and starts with an empty token store.
      window.location.assign("/dashboard");
    } catch {
      refuse(describeAuthError({ status: 0 }));
      setBusy(false);
    }
  }

  const fieldError = (field: "email" | "password") => (error?.field === field ? error.message : undefined);

  /** An input's value, and its tie to its own refusal: described by the message, which typing in it clears. */
  function refusable(field: "email" | "password", value: string, set: (value: string) => void) {
    const message = fieldError(field);
    return {
      value,
      onChange: (e: ChangeEvent<HTMLInputElement>) => {
        set(e.target.value);
        if (error?.field === field) setError(null);
      },
      "aria-invalid": message ? true : undefined,
      "aria-describedby": message ? `${field}-error` : undefined,
    };
  }

  return (
    <main className="auth-card">
      <h1>{signUp ? "Create your account" : "Sign in to Warden"}</h1>
      {notice && (
        <p className="notice" role="alert" data-testid="auth-notice">
          {notice}
        </p>
      )}
      <form
        onSubmit={onSubmit}
        method="post"
        data-testid={`${mode}-form`}
        data-hydrated={hydrated ? "true" : "false"}
        noValidate
      >
        {signUp && (
          <label>
            Name
            <input
              data-testid="name"
              name="name"
              autoComplete="name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
            />
          </label>
        )}
        <label>
          Email
          <input
            ref={emailInput}
            data-testid="email"
            name="email"
            type="email"
            autoComplete="email"
            {...refusable("email", email, setEmail)}
            required
          />
        </label>
        <FieldError id="email-error" message={fieldError("email")} />
        <label>
          Password
          <input
            ref={passwordInput}
            data-testid="password"
            name="password"
            type="password"
            autoComplete={signUp ? "new-password" : "current-password"}
            {...refusable("password", password, setPassword)}
            minLength={signUp ? PASSWORD_MIN_LENGTH : undefined}
            required
          />
        </label>
        <FieldError id="password-error" message={fieldError("password")} />
        {error?.field === "form" && (
          <p className="error" role="alert" data-testid="auth-error">
            {error.message}
          </p>
        )}
        <button type="submit" data-testid="submit" disabled={busy || !hydrated}>
          {busy ? "Please wait…" : signUp ? "Sign up" : "Sign in"}
        </button>
      </form>
      <p className="switch">
        {signUp ? (
          <>
            Already have an account? <Link href="/sign-in" data-testid="to-sign-in">Sign in</Link>
          </>
        ) : (
          <>
            New here? <Link href="/sign-up" data-testid="to-sign-up">Create an account</Link>
          </>
        )}
      </p>
    </main>
  );
}

/** A field's message, under the field (outside its label, which names the field), announced as it appears. */
function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <span id={id} className="field-error" role="alert" data-testid={id}>
      {message}
    </span>
  );
}
