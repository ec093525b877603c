// A KV bucket of records under one key prefix, kept in memory by a watch: the API processes'
// tokens (api/tokens.ts) and console sessions (api/sessions.ts). The start resolves once the
// records stored before it are in (so a process never answers 401 for a token or session that
// existed when it started); later changes arrive while it runs.
import type { KV } from '@nats-io/kv';

export interface WatchedRecords { stop(): void }

/** Watches `prefix.>`: `put(id, json)` for each value (a bad one is `put` as null), `removed(id)` for deletes. */
export async function watchRecords(kv: KV, prefix: string, put: (id: string, value: unknown) => void,
  removed: (id: string) => void): Promise<WatchedRecords> {
  const status = await kv.status();
  const last = status.streamInfo.state.last_seq;
  let ready!: () => void;
  const done = new Promise<void>((r) => { ready = r; });
  if (status.streamInfo.state.messages === 0) ready();
  const iter = await kv.watch({ key: `${prefix}.>` });
  void (async () => {
    for await (const e of iter) {
      const id = e.key.slice(prefix.length + 1);
      if (e.operation === 'PUT') {
        let value: unknown = null;
        try { value = JSON.parse(e.string()); } catch { /* not JSON: null */ }
        put(id, value);
      } else removed(id);
      if (e.isUpdate || e.revision >= last || e.delta === 0) ready();
    }
  })();
  await done;
  return { stop: () => iter.stop() };
}
