"use client";

/** Shown when a page fails to render on the server (e.g. the auth database is down). */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="auth-card">
      <h1>Something went wrong</h1>
      <p className="error" role="alert" data-testid="error">
        The page could not be loaded{error.digest ? ` (reference ${error.digest})` : ""}. Please try again
        in a moment.
      </p>
      <button type="button" onClick={reset}>
        Try again
      </button>
    </main>
  );
}
