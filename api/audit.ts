// The audit log: one JetStream message per change made through the API, on subject
// tapgate.audit.v1 in stream AUDIT. It says who (token id and role), what (action and the
// ids of the records touched), when, and the request id. Ids only, never personal data.
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { RetentionPolicy, StorageType, DiscardPolicy } from '@nats-io/jetstream';
import { ensureStream } from '../lib/index.js';
import type { Principal } from './tokens.js';

export const AUDIT_STREAM = 'AUDIT';
export const AUDIT_SUBJECT = 'tapgate.audit.v1';
/** Audit entries one GET /api/v1/audit returns unless `limit` says otherwise. */
export const AUDIT_PAGE_DEFAULT = 50;
/** Most audit entries one GET /api/v1/audit returns. */
export const AUDIT_PAGE_MAX = 200;

export interface AuditEntry {
  readonly atMs: number;
  readonly requestId: string;
  readonly tokenId: string;
  readonly role: string;
  /** e.g. "person.create", "identifier.block". */
  readonly action: string;
  /** The records the change touched, as "kind:id". */
  readonly targets: readonly string[];
}

export async function ensureAuditStream(jsm: JetStreamManager): Promise<void> {
  await ensureStream(jsm, { name: AUDIT_STREAM, subjects: [AUDIT_SUBJECT], storage: StorageType.File,
    retention: RetentionPolicy.Limits, discard: DiscardPolicy.Old, max_age: 0 });
}

export class AuditLog {
  /** Audit entries that could not be written (the change they describe stands). */
  failures = 0;

  constructor(private readonly js: JetStreamClient, private readonly jsm: JetStreamManager) {}

  async write(p: Principal, requestId: string, action: string, targets: readonly string[]): Promise<void> {
    const entry: AuditEntry = { atMs: Date.now(), requestId, tokenId: p.tokenId, role: p.role, action, targets };
    await this.js.publish(AUDIT_SUBJECT, JSON.stringify(entry));
  }

  /** The newest entries, newest first, up to `limit`, optionally only before stream seq `beforeSeq`. */
  async recent(limit: number, beforeSeq?: number): Promise<Array<AuditEntry & { seq: number }>> {
    const info = await this.jsm.streams.info(AUDIT_STREAM);
    const out: Array<AuditEntry & { seq: number }> = [];
    let seq = Math.min(info.state.last_seq, (beforeSeq ?? Number.MAX_SAFE_INTEGER) - 1);
    while (seq >= info.state.first_seq && seq > 0 && out.length < limit) {
      const m = await this.jsm.streams.getMessage(AUDIT_STREAM, { seq }).catch(() => null);
      if (m !== null) out.push({ ...(m.json<AuditEntry>()), seq });
      seq--;
    }
    return out;
  }
}
