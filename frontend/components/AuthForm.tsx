"use client";

import Link from "next/link";
import { useEffect, useState, type FormEvent } from "react";
import { authClient, tokenStore } from "@/lib/auth-client";

type Mode = "sign-in" | "sign-up";

export function AuthForm({ mode, notice }: { mode: Mode; notice?: string }) {
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Until React has hydrated, a submit would be a native form post of the typed password (or typed
  // text would be dropped): keep the button disabled until the handlers are attached.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const signUp = mode === "sign-up";

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    if (signUp && password.length < 8) {
      setError("Password must be at least 8 characters.");
      return;
    }
    setBusy(true);
    try {
      tokenStore.clear();
      const result = signUp
        ? await authClient.signUp.email({ name: name.trim() || email, email, password })
        : await authClient.signIn.email({ email, password });
      if (result.error) {
        setError(
          result.error.message ||
            (result.error.status === 429
              ? "Too many attempts, please wait a moment."
              : `Request failed (${result.error.status}).`),
        );
        setBusy(false);
        return;
      }
      // A full navigation: the dashboard is rendered by the server with the
      // new session cookie, and starts with an empty token store.
      window.location.assign("/dashboard");
    } catch (err) {
      setError(err instanceof Error ? err.message : "Something went wrong.");
      setBusy(false);
    }
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
            data-testid="email"
            name="email"
            type="email"
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
          />
        </label>
        <label>
          Password
          <input
            data-testid="password"
            name="password"
            type="password"
            autoComplete={signUp ? "new-password" : "current-password"}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            minLength={8}
            required
          />
        </label>
        {error && (
          <p className="error" role="alert" data-testid="auth-error">
            {error}
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
