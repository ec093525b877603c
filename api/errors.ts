// Errors of the admin API: each has a stable code (listed in docs/errors.md with the rest),
// an HTTP status, a message for people and details for programs. Every error body is
// { "error": { "code", "message", "details" } }.

export const API_ERRORS = {
  API_UNAUTHENTICATED: [401, 'no API token, or one that is unknown, revoked or malformed'],
  API_LOGIN_FAILED: [401, 'an SMS sign-in code that is wrong, expired or used, or a phone without an open code (one answer for all)'],
  API_CSRF: [403, 'a console request that changes anything came without the session\'s CSRF token or from another site'],
  API_FORBIDDEN: [403, 'the token\'s role or scope does not allow this request'],
  API_NOT_FOUND: [404, 'no such route, or no such record'],
  API_METHOD_NOT_ALLOWED: [405, 'the route exists but not with this method'],
  API_BODY_TOO_LARGE: [413, 'the request body is larger than the route accepts'],
  API_UNSUPPORTED_MEDIA_TYPE: [415, 'the Content-Type is not the one the route accepts'],
  API_MALFORMED_BODY: [400, 'the body is not valid JSON or UTF-8, is nested too deeply, or has a __proto__/constructor/prototype key'],
  API_INVALID_REQUEST: [400, 'the body, path or query failed validation; details name the fields'],
  API_ALREADY_REGISTERED: [409, 'a person with the same normalised surname, name, patronymic and birth date exists; details.existingId names it'],
  API_CONFLICT: [409, 'the change conflicts with the registry (a card UID, phone or payment id already used, a state that does not allow it)'],
  API_MERGE_REFUSED: [409, 'a merge of a duplicate person was refused (details.reason): another school or kind, or the duplicate\'s account holds money or has history'],
  API_INVALID_AMOUNT: [400, 'a top-up amount outside 10 to 15,000 roubles'],
  API_TOO_MANY_REQUESTS: [429, 'too many API requests in flight; retry after a moment'],
  API_TOO_MANY_ATTEMPTS: [429, 'too many SMS sign-in codes or attempts for this phone or address; details.retryAfterS'],
  API_UNAVAILABLE: [503, 'a store the request needs (ledger, ClickHouse, NATS) is unavailable; retry later'],
  API_INTERNAL: [500, 'an unexpected failure; the log has the request id'],
} as const;

export type ApiErrorCode = keyof typeof API_ERRORS;

export class ApiError extends Error {
  readonly status: number;
  constructor(readonly code: ApiErrorCode, message: string, readonly details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = API_ERRORS[code][0];
  }
}

export const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 304: 'Not Modified', 204: 'No Content', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 409: 'Conflict', 413: 'Payload Too Large', 415: 'Unsupported Media Type', 429: 'Too Many Requests',
  500: 'Internal Server Error', 503: 'Service Unavailable',
};

/** Awaits a NATS operation; its failure (timeout, no connection, no stream) is a 503 the client may retry. */
export async function orUnavailable<T>(p: Promise<T>, store: string): Promise<T> {
  try { return await p; } catch { throw new ApiError('API_UNAVAILABLE', `the ${store} (NATS) cannot take the change now; retry later`); }
}
