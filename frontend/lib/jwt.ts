/** Minimal JWT payload decoding (no verification: Warden verifies). */

export interface JwtClaims {
  sub?: string;
  email?: string;
  name?: string;
  iss?: string;
  aud?: string | string[];
  exp?: number;
  iat?: number;
  [claim: string]: unknown;
}

function base64UrlDecode(segment: string): string {
  const b64 = segment.replace(/-/g, "+").replace(/_/g, "/");
  const padded = b64 + "=".repeat((4 - (b64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** Decodes the payload of a compact JWS; throws on a malformed token. */
export function decodeJwtPayload(token: string): JwtClaims {
  const parts = token.split(".");
  if (parts.length !== 3 || !parts[1]) throw new Error("malformed JWT");
  const payload: unknown = JSON.parse(base64UrlDecode(parts[1]));
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) {
    throw new Error("malformed JWT payload");
  }
  return payload as JwtClaims;
}
