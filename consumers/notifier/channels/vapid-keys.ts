// The notifier's VAPID identity (RFC 8292): one P-256 key pair that signs every Web Push request.
// Browsers bind each subscription to the public key the parents' portal gave them, so the pair
// must survive restarts: losing it makes every stored subscription answer 403 until the parents
// subscribe again. It is therefore generated once, on the first start, written with mode 0600,
// and read back on every later start. A file that is damaged is refused with a clear error rather
// than silently replaced, because replacing it would cut off every subscribed browser.
import { createECDH, randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import webpush from 'web-push';
import { TapgateError } from '../../../core/index.js';

export interface VapidKeys {
  /** Uncompressed P-256 point, 65 bytes, base64url without padding. */
  readonly publicKey: string;
  /** P-256 private scalar, 32 bytes, base64url without padding. */
  readonly privateKey: string;
}

export interface VapidDetails extends VapidKeys {
  /** Who the push service may contact about our traffic: a mailto: or https: URL. */
  readonly subject: string;
}

const PUBLIC_KEY_BYTES = 65;
const PRIVATE_KEY_BYTES = 32;
/** The file holds two short keys and a date; anything larger is not ours. */
const KEY_FILE_BYTES_MAX = 4096;
const KEY_FILE_MODE = 0o600;
const KEY_DIR_MODE = 0o700;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** A new key pair (web-push's generator, which pads short keys to their full length). */
export function generateVapidKeys(): VapidKeys {
  const keys = webpush.generateVAPIDKeys();
  return { publicKey: keys.publicKey, privateKey: keys.privateKey };
}

/** Why the pair cannot sign VAPID tokens, or null when it can. Never quotes the keys. */
export function vapidKeysProblem(publicKey: unknown, privateKey: unknown): string | null {
  if (typeof publicKey !== 'string' || !BASE64URL.test(publicKey)) return 'publicKey is not a base64url string';
  if (typeof privateKey !== 'string' || !BASE64URL.test(privateKey)) return 'privateKey is not a base64url string';
  const pub = Buffer.from(publicKey, 'base64url');
  if (pub.length !== PUBLIC_KEY_BYTES || pub[0] !== 0x04) {
    return `publicKey is not an uncompressed P-256 point (${PUBLIC_KEY_BYTES} bytes starting with 0x04)`;
  }
  const priv = Buffer.from(privateKey, 'base64url');
  if (priv.length !== PRIVATE_KEY_BYTES) return `privateKey is not ${PRIVATE_KEY_BYTES} bytes`;
  // A pair whose halves do not match signs tokens every push service refuses (401): catch it here.
  try {
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(priv);
    if (!ecdh.getPublicKey().equals(pub)) return 'publicKey does not belong to privateKey';
  } catch {
    return 'privateKey is not a valid P-256 private key';
  }
  return null;
}

/** Why the subject is unusable, or null. RFC 8292 section 2.1: a mailto: or https: URL. */
export function vapidSubjectProblem(subject: unknown): string | null {
  if (typeof subject !== 'string' || subject === '') return 'subject is empty';
  let url: URL;
  try { url = new URL(subject); } catch { return 'subject is not a URL'; }
  if (url.protocol === 'mailto:' && url.pathname.includes('@')) return null;
  if (url.protocol === 'https:' && url.hostname !== '') return null;
  return 'subject must be a mailto: address or an https: URL';
}

/** Throws NOTIFIER_VAPID_INVALID when the details cannot sign; `where` names their source. */
export function checkVapidDetails(details: VapidDetails, where: string): void {
  const problem = vapidSubjectProblem(details.subject) ?? vapidKeysProblem(details.publicKey, details.privateKey);
  if (problem !== null) {
    throw new TapgateError('NOTIFIER_VAPID_INVALID', `${where}: ${problem}`, { details: { where, problem } });
  }
}

/**
 * The key pair stored at `path`, created there on the first start. The file is JSON
 * `{ "publicKey", "privateKey", "createdAt" }`, mode 0600, its folder created (0700) when missing.
 * Two processes starting at once end up with the same pair: the file is published with link(2),
 * which fails when it exists, and the loser reads the winner's file.
 */
export async function loadOrCreateVapidKeys(path: string, subject: string): Promise<VapidDetails> {
  const subjectProblem = vapidSubjectProblem(subject);
  if (subjectProblem !== null) {
    throw new TapgateError('NOTIFIER_VAPID_INVALID', `VAPID subject: ${subjectProblem}`,
      { details: { problem: subjectProblem } });
  }
  const existing = await readKeyFile(path);
  const keys = existing ?? await createKeyFile(path);
  return { subject, publicKey: keys.publicKey, privateKey: keys.privateKey };
}

/** The validated pair in the file, or null when there is no file. */
async function readKeyFile(path: string): Promise<VapidKeys | null> {
  const fail = (problem: string, cause?: unknown): never => {
    throw new TapgateError('NOTIFIER_VAPID_INVALID', `VAPID key file ${path}: ${problem}`,
      { details: { path, problem }, ...(cause === undefined ? {} : { cause }) });
  };
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) fail('not a regular file');
    size = info.size;
  } catch (err) {
    if (err instanceof TapgateError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return fail('cannot be read', err);
  }
  if (size > KEY_FILE_BYTES_MAX) fail(`${size} bytes, more than ${KEY_FILE_BYTES_MAX}`);
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    return fail('not valid JSON', err);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return fail('not a JSON object');
  const { publicKey, privateKey } = doc as Record<string, unknown>;
  const problem = vapidKeysProblem(publicKey, privateKey);
  if (problem !== null) fail(problem);
  return { publicKey: publicKey as string, privateKey: privateKey as string };
}

/** Writes a new pair beside `path`, then publishes it atomically; returns the pair the file holds. */
async function createKeyFile(path: string): Promise<VapidKeys> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: KEY_DIR_MODE });
  const keys = generateVapidKeys();
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const file = await open(tmp, 'wx', KEY_FILE_MODE);
  try {
    await file.writeFile(`${JSON.stringify({ ...keys, createdAt: new Date().toISOString() }, null, 2)}\n`);
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await link(tmp, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    await unlink(tmp);
  }
  await syncDir(dir);
  const stored = await readKeyFile(path);
  if (stored === null) {
    throw new TapgateError('NOTIFIER_VAPID_INVALID', `VAPID key file ${path}: vanished after it was written`);
  }
  return stored;
}

/** Makes the new directory entry durable, so a crash right after the first start keeps the pair. */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try { await handle.sync(); } finally { await handle.close(); }
}
