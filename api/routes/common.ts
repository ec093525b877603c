// Small helpers the route tables share.
import { Type, type TSchema } from '@sinclair/typebox';
import type { ApiContext } from '../context.js';
import type { Principal } from '../tokens.js';
import type { Reply } from '../route.js';

/** Most items one list response returns; more by passing `after` = the last id seen. */
export const PAGE_MAX = 1000;
export const PAGE_DEFAULT = 200;

export function ok(status: number, body?: unknown): Reply {
  return body === undefined ? { status } : { status, body };
}

/** Orders records by id, bytewise (the same order as paging; no locale). */
export function byId(a: { readonly id: string }, b: { readonly id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** One page of items sorted by id: `limit` of them after the id `after`. */
export function page<T extends { readonly id: string }>(items: Iterable<T>, q: { limit?: string; after?: string }): { items: T[]; next: string | null } {
  const limit = Math.min(Number(q.limit ?? PAGE_DEFAULT), PAGE_MAX);
  const sorted = [...items].filter((x) => q.after === undefined || x.id > q.after).sort(byId);
  const items2 = sorted.slice(0, limit);
  return { items: items2, next: sorted.length > limit ? items2[items2.length - 1]!.id : null };
}

export function pageOf(item: TSchema): TSchema {
  return Type.Object({ items: Type.Array(item), next: Type.Union([Type.String(), Type.Null()]) });
}

/** Writes an audit entry for a change; a failure is logged and counted, the change stands. */
export async function audited(ctx: ApiContext, p: Principal, requestId: string, action: string, targets: string[]): Promise<void> {
  try {
    await ctx.audit.write(p, requestId, action, targets);
  } catch (err) {
    ctx.audit.failures++;
    ctx.log.error({ requestId, action, targets, err: err instanceof Error ? err.name : 'unknown' }, 'audit entry not written');
  }
}
