import { NextResponse, type NextRequest } from "next/server";
import { buildCsp } from "./lib/security-headers";
import { apiBaseUrl, authBaseUrl, originOf } from "./lib/server-env";

/**
 * Per-request Content-Security-Policy with a nonce (see lib/security-headers).
 * Runs at request time, so connect-src follows the NEXT_PUBLIC_API_URL of the
 * running server, the same value the root layout hands to the browser.
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = buildCsp({
    nonce,
    apiOrigin: originOf(apiBaseUrl()),
    dev: process.env.NODE_ENV === "development",
    upgradeInsecure: authBaseUrl().startsWith("https://"),
  });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: [
    // Pages only: not the auth API (JSON, gets a strict CSP from next.config.ts)
    // nor static assets.
    "/((?!api/|_next/static|_next/image|favicon.ico).*)",
  ],
};
