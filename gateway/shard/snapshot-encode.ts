// Serialises a snapshot without blocking the event loop (ADR 0013). The caller takes a consistent
// cut of the state in one turn (arrays of references to immutable records, copies of mutable
// ones); this writes the same JSON text that JSON.stringify would, a slice at a time, giving the
// event loop back whenever a slice has run for SNAPSHOT_SLICE_MS, and gzips it in libuv's thread
// pool (async zlib). A worker thread was measured and rejected: handing it the state costs the
// main thread a structured clone, slower than JSON.stringify itself (ADR 0013).
import { promisify } from 'node:util';
import { gzip, gunzip } from 'node:zlib';

/** Longest a serialisation slice runs before yielding the event loop, in ms. */
export const SNAPSHOT_SLICE_MS = 5;
/** Arrays shorter than this are stringified whole (a slice is checked between elements). */
const SMALL_ARRAY = 64;
/** Text is cut into Buffers of about this many characters. */
const PIECE_CHARS = 1 << 16;
/** Elements stringified between two looks at the clock. */
const CLOCK_EVERY = 128;

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);
const yieldLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

class Writer {
  private text = '';
  private readonly pieces: Buffer[] = [];
  private sliceStart = performance.now();
  private sinceClock = 0;

  write(s: string): void {
    this.text += s;
    if (this.text.length >= PIECE_CHARS) {
      this.pieces.push(Buffer.from(this.text, 'utf8'));
      this.text = '';
    }
  }

  /** Yields the event loop when the current slice has run long enough. */
  async pace(): Promise<void> {
    if (++this.sinceClock < CLOCK_EVERY) return;
    this.sinceClock = 0;
    if (performance.now() - this.sliceStart < SNAPSHOT_SLICE_MS) return;
    await yieldLoop();
    this.sliceStart = performance.now();
  }

  bytes(): Buffer {
    if (this.text.length > 0) this.pieces.push(Buffer.from(this.text, 'utf8'));
    this.text = '';
    return Buffer.concat(this.pieces);
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** True when `v` holds a large array somewhere below it: worth walking rather than stringifying. */
function holdsLargeArray(v: unknown, depth: number): boolean {
  if (Array.isArray(v)) return v.length >= SMALL_ARRAY || (depth > 0 && v.some((x) => holdsLargeArray(x, depth - 1)));
  if (isPlainObject(v)) return depth > 0 && Object.values(v).some((x) => holdsLargeArray(x, depth - 1));
  return false;
}

type Replacer = (this: unknown, key: string, value: unknown) => unknown;

async function walk(v: unknown, w: Writer, replacer: Replacer | undefined): Promise<void> {
  if (Array.isArray(v)) {
    w.write('[');
    for (let i = 0; i < v.length; i++) {
      if (i > 0) w.write(',');
      const x: unknown = v[i];
      if (holdsLargeArray(x, 2)) await walk(x, w, replacer);
      else w.write(JSON.stringify(x, replacer) ?? 'null');
      await w.pace();
    }
    w.write(']');
    return;
  }
  if (isPlainObject(v) && holdsLargeArray(v, 3)) {
    w.write('{');
    let first = true;
    for (const [key, x] of Object.entries(v)) {
      if (x === undefined || typeof x === 'function') continue;
      w.write(`${first ? '' : ','}${JSON.stringify(key)}:`);
      first = false;
      await walk(x, w, replacer);
    }
    w.write('}');
    return;
  }
  w.write(JSON.stringify(v, replacer) ?? 'null');
}

/** The JSON text of `value` (as JSON.stringify writes it, with the same replacer), produced in slices. */
export async function stringifySliced(value: unknown, replacer?: Replacer): Promise<Buffer> {
  const w = new Writer();
  await walk(value, w, replacer);
  return w.bytes();
}

/**
 * The snapshot container (ADR 0014): "TGS1", the JSON's length (u32 LE), the JSON, then each
 * binary column as its length (u32 LE) and its bytes, the whole gzipped. In the JSON a column is
 * `{"$blob": n}`. Typed arrays in the cut (state parts return them from `toJSON`) become columns,
 * so millions of numbers are copied, not printed and parsed.
 */
const MAGIC = Buffer.from('TGS1');

export const isBlobRef = (v: unknown): v is { $blob: number } =>
  typeof v === 'object' && v !== null && typeof (v as { $blob?: unknown }).$blob === 'number';

/** Serialises and gzips a snapshot cut; the event loop is never held for long. */
export async function encodeSnapshot(cut: unknown): Promise<Buffer> {
  const blobs: Buffer[] = [];
  const json = await stringifySliced(cut, (_key, value) => {
    if (!ArrayBuffer.isView(value)) return value;
    blobs.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
    return { $blob: blobs.length - 1 };
  });
  const parts: Buffer[] = [MAGIC, u32(json.length), json];
  for (const b of blobs) parts.push(u32(b.length), b);
  return gzipAsync(Buffer.concat(parts), { level: SNAPSHOT_GZIP_LEVEL });
}

/** gzip level of snapshots: the fastest; the columns compress well at any level. */
export const SNAPSHOT_GZIP_LEVEL = 1;

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

/**
 * Decodes a snapshot written by encodeSnapshot: its JSON with every `{"$blob": n}` replaced by
 * that column's bytes (a Uint8Array the state parts copy from). Throws on a damaged container.
 */
export async function decodeSnapshot<T>(bytes: Uint8Array): Promise<T> {
  const all = await gunzipAsync(bytes);
  if (all.length < 8 || !all.subarray(0, 4).equals(MAGIC)) throw new RangeError('snapshot: not a TGS1 container');
  const jsonEnd = 8 + all.readUInt32LE(4);
  if (jsonEnd > all.length) throw new RangeError('snapshot: JSON beyond the container');
  const blobs: Uint8Array[] = [];
  for (let o = jsonEnd; o < all.length;) {
    if (o + 4 > all.length) throw new RangeError('snapshot: truncated column');
    const end = o + 4 + all.readUInt32LE(o);
    if (end > all.length) throw new RangeError('snapshot: column beyond the container');
    blobs.push(all.subarray(o + 4, end));
    o = end;
  }
  // Resolved by a walk, not a JSON.parse reviver: V8's reviver costs seconds on a big state.
  return resolveBlobs(JSON.parse(all.toString('utf8', 8, jsonEnd)), blobs) as T;
}

/** Replaces every `{"$blob": n}` below `v` with column n, in place. */
function resolveBlobs(v: unknown, blobs: readonly Uint8Array[]): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (isBlobRef(v)) {
    const blob = blobs[v.$blob];
    if (blob === undefined) throw new RangeError(`snapshot: no column ${v.$blob}`);
    return blob;
  }
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (typeof v[i] === 'object' && v[i] !== null) v[i] = resolveBlobs(v[i], blobs);
    return v;
  }
  const o = v as Record<string, unknown>;
  for (const k in o) if (typeof o[k] === 'object' && o[k] !== null) o[k] = resolveBlobs(o[k], blobs);
  return o;
}
