// A route of the admin API: method, path, who may call it, the JSON Schema of its body and
// query (TypeBox: one definition gives the schema, the TypeScript type and the OpenAPI text)
// and the handler. The table of routes is the API; docs/openapi.json is generated from it.
import type { Static, TSchema } from '@sinclair/typebox';
import type { ApiErrorCode } from './errors.js';
import type { SessionRecord } from './sessions.js';
import type { Principal, Role } from './tokens.js';
import type { ApiContext } from './context.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Request<B, Q> {
  readonly principal: Principal;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Q;
  readonly body: B;
  readonly requestId: string;
  /** The console session the request came with (null for a bearer token or an anonymous call). */
  readonly session: SessionRecord | null;
  /** The client's address (for per-address limits); never logged with a person's data. */
  readonly clientAddress: string;
  /** The request headers the route named in `headers` (lower-case names; '' when absent). */
  readonly headers: Readonly<Record<string, string>>;
}

export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  /** Extra response headers (Set-Cookie, Cache-Control). */
  readonly headers?: Readonly<Record<string, string>>;
  /** A body that is not JSON (a photo): its media type and bytes. */
  readonly raw?: { readonly contentType: string; readonly bytes: Uint8Array };
}

export interface Route<B = unknown, Q = unknown> {
  readonly method: Method;
  /** Under /api/v1, with :name parameters (each an opaque id unless `paramPatterns` says otherwise). */
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  /** Roles that may call it; the handler then checks the scope (own school, own child). */
  readonly roles: readonly Role[];
  /** 'json' (application/json), 'csv' (text/csv), 'bytes' (one of `mediaTypes`) or none. */
  readonly bodyKind?: 'json' | 'csv' | 'bytes';
  /** The media types a 'bytes' body may have (image/jpeg...). */
  readonly mediaTypes?: readonly string[];
  /**
   * 'none': anyone may call it, without a token or a session (signing in). The handler then sees
   * the ANONYMOUS principal, which no scope check admits.
   */
  readonly auth?: 'none';
  /** Request headers the handler reads (lower-case; a device's signature); the others are not passed on. */
  readonly headers?: readonly string[];
  readonly body?: TSchema;
  readonly query?: TSchema;
  /** Largest body, in bytes; API_BODY_BYTES_MAX unless set. */
  readonly bodyBytesMax?: number;
  readonly paramPatterns?: Readonly<Record<string, RegExp>>;
  /** Most requests of this route in flight at once (queued ones included); more get 429 before their body is read. */
  readonly concurrencyMax?: number;
  /** The success status and the schema of its body (null: no body). */
  readonly success: readonly [number, TSchema | null];
  /** The media types of a binary success answer (Reply.raw), for the OpenAPI document. */
  readonly answers?: readonly string[];
  /** Errors beyond the common ones (401, 403, 400, 413, 415, 429, 500). */
  readonly errors?: readonly ApiErrorCode[];
  readonly handler: (ctx: ApiContext, req: Request<B, Q>) => Promise<Reply>;
}

/** Declares a route with its body and query types inferred from their schemas. */
export function route<TB extends TSchema = TSchema, TQ extends TSchema = TSchema>(
  r: Omit<Route<Static<TB>, Static<TQ>>, 'body' | 'query'> & { body?: TB; query?: TQ },
): Route {
  return r as unknown as Route;
}
