// Parsing request bodies safely: UTF-8 that is really UTF-8, a nesting limit checked before
// JSON.parse sees the text (so a deep body costs one linear scan, never a deep recursion), and
// no key that could reach an object's prototype.
import { ApiError } from './errors.js';

/** Deepest nesting of objects and arrays accepted in a JSON body. */
export const JSON_DEPTH_MAX = 16;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const decoder = new TextDecoder('utf-8', { fatal: true });

export function decodeUtf8(bytes: Uint8Array): string {
  try { return decoder.decode(bytes); } catch { throw new ApiError('API_MALFORMED_BODY', 'the body is not valid UTF-8'); }
}

/** The deepest nesting of [ and { in JSON text, ignoring strings. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) { if (++depth > max) max = depth; }
    else if (c === 125 || c === 93) depth--;
  }
  return max;
}

export function parseJsonBody(bytes: Uint8Array): unknown {
  const text = decodeUtf8(bytes);
  if (jsonDepth(text) > JSON_DEPTH_MAX) throw new ApiError('API_MALFORMED_BODY', `the body is nested more than ${JSON_DEPTH_MAX} levels deep`, { depthMax: JSON_DEPTH_MAX });
  try {
    return JSON.parse(text, function reviver(key, value: unknown) {
      if (FORBIDDEN_KEYS.has(key)) throw new ApiError('API_MALFORMED_BODY', `the key "${key}" is not allowed`, { key });
      return value;
    });
  } catch (err) {
    if (err instanceof ApiError) throw err;
    // SyntaxError messages quote the body, which may hold personal data: not passed on.
    throw new ApiError('API_MALFORMED_BODY', 'the body is not valid JSON');
  }
}
