// The VAPID public key the parents' portal hands to a browser subscribing to Web Push. The
// notifier owns the key pair (consumers/notifier/channels/vapid-keys.ts creates the file on its
// first start); the API process only reads the public half from the same file, named by
// TAPGATE_VAPID_FILE, so that every subscription is bound to the key the notifier signs with.
import { readFile, stat } from 'node:fs/promises';

/** The key file holds two short keys and a date; anything larger is not the notifier's. */
const VAPID_FILE_BYTES_MAX = 4096;
/** An uncompressed P-256 point: 65 bytes, the first 0x04. */
const PUBLIC_KEY_BYTES = 65;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Whether `key` is a base64url uncompressed P-256 point. */
export function isVapidPublicKey(key: unknown): key is string {
  if (typeof key !== 'string' || !BASE64URL.test(key)) return false;
  const bytes = Buffer.from(key, 'base64url');
  return bytes.length === PUBLIC_KEY_BYTES && bytes[0] === 0x04;
}

/**
 * A reader of the public key: null while the file is absent (the notifier has not started yet),
 * unreadable or not the notifier's; once a key is read it is kept (the notifier never replaces
 * the pair: doing so would cut off every subscribed browser). `path` '' means no Web Push.
 */
export function vapidPublicKeyReader(path: string): () => Promise<string | null> {
  let known: string | null = null;
  return async () => {
    if (known !== null || path === '') return known;
    try {
      if ((await stat(path)).size > VAPID_FILE_BYTES_MAX) return null;
      const doc = JSON.parse(await readFile(path, 'utf8')) as { publicKey?: unknown } | null;
      if (isVapidPublicKey(doc?.publicKey)) known = doc.publicKey;
    } catch { /* absent or damaged: no Web Push until the notifier has written a good file */ }
    return known;
  };
}
