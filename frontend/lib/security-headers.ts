/**
 * Security headers. The Content-Security-Policy is built per request by
 * proxy.ts (it carries a fresh nonce); the static headers go on every
 * response through next.config.ts.
 */

export const STATIC_SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

export interface CspOptions {
  nonce: string;
  /** Origin of Warden's API (NEXT_PUBLIC_API_URL), allowed in connect-src. */
  apiOrigin: string | null;
  dev: boolean;
  /** Add upgrade-insecure-requests (only when the app itself is served over https). */
  upgradeInsecure: boolean;
}

/**
 * script-src: a per-request nonce plus 'strict-dynamic'. Next.js reads the
 * nonce from this header (proxy.ts forwards it on the request) and stamps it
 * on its framework scripts and inline bootstrap scripts; the chunks those load
 * are trusted through 'strict-dynamic'. This avoids 'unsafe-inline' for
 * scripts, at the price of rendering pages dynamically (the root layout calls
 * connection()). 'unsafe-eval' only in development (React's dev tooling).
 *
 * style-src keeps 'unsafe-inline': React/Next may emit style attributes, which
 * a nonce cannot cover, and injected CSS cannot run code.
 */
export function buildCsp(o: CspOptions): string {
  const connect = ["'self'"];
  if (o.apiOrigin) connect.push(o.apiOrigin);
  if (o.dev) connect.push("ws:", "wss:"); // dev-server hot reload
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${o.nonce}' 'strict-dynamic'${o.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect.join(" ")}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (o.upgradeInsecure) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}
