import { SESSION_ENDED_MESSAGE, SESSION_ENDED_URL } from "./session-ended";
import { TokenStore, type FetchLike } from "./token-store";

/** Warden's error body: {"error","error_code","message"} (+ field_errors on 422). */
export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** A message fit to show to the user. */
  describe(): string {
    if (this.fieldErrors.length > 0) {
      return `${this.message}: ${this.fieldErrors.map((f) => `${f.field} ${f.message}`).join("; ")}`;
    }
    return this.message;
  }
}

/** Thrown after the user has been sent to sign in (session gone or token refused twice). */
export class SessionExpiredError extends ApiError {
  constructor() {
    super(401, "session_expired", SESSION_ENDED_MESSAGE);
    this.name = "SessionExpiredError";
  }
}

export interface ApiClientOptions {
  /** Warden's base URL, e.g. http://localhost:8080 */
  baseUrl: string;
  tokens: TokenStore;
  fetch?: FetchLike;
  /** Called when the user must sign in again (injected in tests). */
  onUnauthorized?: () => void;
}

export interface RequestOptions {
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  signal?: AbortSignal;
  /** Let the request outlive the page (sent while the user leaves it). */
  keepalive?: boolean;
}

export class ApiClient {
  private readonly baseUrl: string;
  private readonly tokens: TokenStore;
  private readonly fetchImpl: FetchLike;
  private readonly onUnauthorized: () => void;

  constructor(options: ApiClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.tokens = options.tokens;
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.onUnauthorized =
      options.onUnauthorized ??
      (() => {
        if (typeof window !== "undefined") window.location.assign(SESSION_ENDED_URL);
      });
  }

  /**
   * Sends a request with `Authorization: Bearer <jwt>`. On a 401 it renews the
   * token once and retries once; a second 401, or a failed renewal (the Better
   * Auth session expired or was revoked), sends the user to sign in and throws
   * SessionExpiredError.
   */
  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const url = this.url(path, options.query);

    let token: string;
    try {
      token = await this.tokens.getToken();
    } catch {
      return this.expire();
    }

    let res = await this.send(method, url, token, options);
    if (res.status === 401) {
      try {
        token = await this.tokens.renew();
      } catch {
        return this.expire();
      }
      res = await this.send(method, url, token, options);
      if (res.status === 401) return this.expire();
    }

    if (!res.ok) throw await toApiError(res);
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  get<T>(path: string, query?: RequestOptions["query"]) {
    return this.request<T>("GET", path, { query });
  }
  post<T>(path: string, body?: unknown) {
    return this.request<T>("POST", path, { body });
  }
  put<T>(path: string, body?: unknown) {
    return this.request<T>("PUT", path, { body });
  }
  patch<T>(path: string, body?: unknown) {
    return this.request<T>("PATCH", path, { body });
  }
  delete<T = void>(path: string, options: Pick<RequestOptions, "keepalive"> = {}) {
    return this.request<T>("DELETE", path, options);
  }

  private url(path: string, query?: RequestOptions["query"]): string {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v !== undefined) qs.set(k, String(v));
    }
    const q = qs.toString();
    return `${this.baseUrl}${path.startsWith("/") ? path : `/${path}`}${q ? `?${q}` : ""}`;
  }

  private async send(
    method: string,
    url: string,
    token: string,
    options: RequestOptions,
  ): Promise<Response> {
    const headers: Record<string, string> = {
      accept: "application/json",
      authorization: `Bearer ${token}`,
    };
    let body: string | undefined;
    if (options.body !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(options.body);
    }
    try {
      return await this.fetchImpl(url, {
        method,
        headers,
        body,
        signal: options.signal,
        keepalive: options.keepalive,
        // Warden authenticates by bearer header only: no cookies cross origins.
        credentials: "omit",
        cache: "no-store",
      });
    } catch (e) {
      if (e instanceof DOMException && e.name === "AbortError") throw e;
      throw new ApiError(
        0,
        "network_error",
        `Could not reach the API at ${this.baseUrl} (${e instanceof Error ? e.message : String(e)})`,
      );
    }
  }

  private expire(): never {
    this.tokens.clear();
    this.onUnauthorized();
    throw new SessionExpiredError();
  }
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: Record<string, unknown> | null = null;
  try {
    body = (await res.json()) as Record<string, unknown>;
  } catch {
    body = null;
  }
  const code = typeof body?.error_code === "string" ? body.error_code : `http_${res.status}`;
  const message =
    typeof body?.message === "string"
      ? body.message
      : `Request failed with status ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`;
  const fieldErrors = Array.isArray(body?.field_errors)
    ? (body!.field_errors as unknown[]).filter(
        (f): f is FieldError =>
          typeof f === "object" && f !== null && "field" in f && "message" in f,
      )
    : [];
  return new ApiError(res.status, code, message, fieldErrors);
}
