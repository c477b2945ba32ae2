// The ORE backend's HTTP APIs for TypeScript: one typed openapi-fetch client per service, all on one
// base URL (the load balancer, or bin/ore-local's router on http://localhost:8080), sharing the
// player's access token and a request timeout. The path and body types are generated from the
// services' OpenAPI documents (src/generated); this file only wires them.
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { paths as AuthPaths, components as AuthComponents } from "./generated/auth.js";
import type { paths as GamePaths, components as GameComponents } from "./generated/game.js";
import type { paths as LocationPaths, components as LocationComponents } from "./generated/location.js";

export type { AuthPaths, AuthComponents, GamePaths, GameComponents, LocationPaths, LocationComponents };
export * from "./realtime.js";

/** An error answer as the services write it: RFC 9457 application/problem+json with a stable code. */
export type Problem = GameComponents["schemas"]["Problem"];

export interface OreClientOptions {
  /** Scheme, host and port; the paths start with /api. */
  baseUrl: string;
  /** Gives up on a request after this long (default 20 s). */
  timeoutMs?: number;
  /** Another fetch (tests, instrumentation); the global one by default. */
  fetch?: typeof globalThis.fetch;
}

export interface OreClient {
  auth: Client<AuthPaths>;
  location: Client<LocationPaths>;
  game: Client<GamePaths>;
  /** Sends Authorization: Bearer <token> on every later request; undefined signs out. */
  setAccessToken(token: string | undefined): void;
}

/** A failed call: the status, the problem document when there was one, and the wait a 429/503 asks for. */
export class OreApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
    readonly retryAfterMs: number | undefined,
  ) {
    super(problem?.code
      ? `${status} ${problem.code}: ${problem.detail ?? problem.title ?? ""}`
      : `HTTP ${status}`);
    this.name = "OreApiError";
  }

  /** The stable code (e.g. game.cooldown), or undefined when the answer was not a problem document. */
  get code(): string | undefined {
    return this.problem?.code;
  }
}

export function createOreClient(options: OreClientOptions): OreClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? 20_000;
  let accessToken: string | undefined;
  const session: Middleware = {
    onRequest({ request }) {
      const headers = new Headers(request.headers);
      if (accessToken) {
        headers.set("Authorization", `Bearer ${accessToken}`);
      }
      const signal = request.signal
        ? AbortSignal.any([request.signal, AbortSignal.timeout(timeoutMs)])
        : AbortSignal.timeout(timeoutMs);
      return new Request(request, { headers, signal });
    },
  };
  const settings = { baseUrl, ...(options.fetch ? { fetch: options.fetch } : {}) };
  const auth = createClient<AuthPaths>(settings);
  const location = createClient<LocationPaths>(settings);
  const game = createClient<GamePaths>(settings);
  for (const client of [auth, location, game] as Client<never>[]) {
    client.use(session);
  }
  return {
    auth,
    location,
    game,
    setAccessToken(token) {
      accessToken = token;
    },
  };
}

/**
 * The data of a successful call, or an {@link OreApiError} thrown for an error answer:
 * `const inventory = await ok(client.game.GET("/api/game/inventory"));`
 */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) {
    return data as T;
  }
  const problem = isProblem(error) ? error : undefined;
  throw new OreApiError(response.status, problem, retryAfterMs(response));
}

/** Retry-After as milliseconds (RFC 9110 delay-seconds, capped at a minute), or undefined. */
export function retryAfterMs(response: Response): number | undefined {
  const value = response.headers.get("Retry-After");
  if (value === null || !/^\s*\d+\s*$/.test(value)) {
    return undefined;
  }
  return Math.min(60, Number(value)) * 1000;
}

function isProblem(value: unknown): value is Problem {
  return typeof value === "object" && value !== null && typeof (value as { code?: unknown }).code === "string";
}
