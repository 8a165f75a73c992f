import { decodeJwtPayload, type JwtClaims } from "./jwt";

/**
 * Holds Warden's bearer JWT in memory only.
 *
 * Why not localStorage: any script running on the page (an XSS) could read it
 * and send it elsewhere. The real credential is Better Auth's HttpOnly session
 * cookie, which scripts cannot read; the JWT is short-lived (15 min) and is
 * re-fetched from /api/auth/token while that cookie lives. A page reload
 * simply fetches a fresh one.
 */

export class TokenUnavailableError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "TokenUnavailableError";
  }
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface TokenStoreOptions {
  /** fetch implementation (injected in tests). */
  fetch?: FetchLike;
  /** Token endpoint; the session cookie goes along (credentials: include). */
  tokenUrl?: string;
  /** Clock in milliseconds (injected in tests). */
  now?: () => number;
  /** Renew when fewer than this many seconds are left before `exp`. */
  renewBeforeSeconds?: number;
}

interface Held {
  token: string;
  claims: JwtClaims;
  /** exp in ms, or null when the token carries no exp. */
  expiresAtMs: number | null;
}

export class TokenStore {
  private held: Held | null = null;
  private inflight: Promise<string> | null = null;
  /** Bumped by clear(): a renewal started before it must not store its result. */
  private generation = 0;
  private readonly fetchImpl: FetchLike;
  private readonly tokenUrl: string;
  private readonly now: () => number;
  private readonly renewBeforeMs: number;

  constructor(options: TokenStoreOptions = {}) {
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.tokenUrl = options.tokenUrl ?? "/api/auth/token";
    this.now = options.now ?? (() => Date.now());
    this.renewBeforeMs = (options.renewBeforeSeconds ?? 60) * 1000;
  }

  /** The held token if it is still fresh enough, without any network call. */
  peek(): string | null {
    return this.isFresh() ? this.held!.token : null;
  }

  /** Claims of the held token (sub, email, name, exp...), or null. */
  claims(): JwtClaims | null {
    return this.held?.claims ?? null;
  }

  /** A token valid for at least `renewBeforeSeconds`, renewing if needed. */
  async getToken(): Promise<string> {
    const fresh = this.peek();
    if (fresh) return fresh;
    return this.renew();
  }

  /**
   * Fetches a new token. Concurrent callers share one in-flight request, so N
   * simultaneous API calls with an expired token cause a single fetch.
   */
  renew(): Promise<string> {
    if (this.inflight) return this.inflight;
    const generation = this.generation;
    const p = this.fetchToken()
      .then((token) => {
        if (generation === this.generation) this.store(token);
        return token;
      })
      .finally(() => {
        if (this.inflight === p) this.inflight = null;
      });
    this.inflight = p;
    return p;
  }

  /** Forgets the token (sign-out); a renewal already under way is discarded. */
  clear(): void {
    this.held = null;
    this.inflight = null;
    this.generation++;
  }

  private isFresh(): boolean {
    if (!this.held) return false;
    if (this.held.expiresAtMs === null) return true;
    return this.held.expiresAtMs - this.now() > this.renewBeforeMs;
  }

  private store(token: string): void {
    const claims = decodeJwtPayload(token);
    const expiresAtMs = typeof claims.exp === "number" ? claims.exp * 1000 : null;
    this.held = { token, claims, expiresAtMs };
  }

  private async fetchToken(): Promise<string> {
    let res: Response;
    try {
      res = await this.fetchImpl(this.tokenUrl, {
        method: "GET",
        credentials: "include",
        cache: "no-store",
        headers: { accept: "application/json" },
      });
    } catch (e) {
      throw new TokenUnavailableError(
        `could not reach ${this.tokenUrl}: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    if (!res.ok) {
      throw new TokenUnavailableError(
        `token endpoint answered ${res.status} (no session?)`,
        res.status,
      );
    }
    const body = (await res.json().catch(() => null)) as { token?: unknown } | null;
    if (!body || typeof body.token !== "string" || body.token.length === 0) {
      throw new TokenUnavailableError("token endpoint returned no token", res.status);
    }
    try {
      decodeJwtPayload(body.token);
    } catch {
      throw new TokenUnavailableError("token endpoint returned a malformed JWT", res.status);
    }
    return body.token;
  }
}
