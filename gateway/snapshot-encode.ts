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

async function walk(v: unknown, w: Writer): Promise<void> {
  if (Array.isArray(v)) {
    w.write('[');
    for (let i = 0; i < v.length; i++) {
      if (i > 0) w.write(',');
      const x: unknown = v[i];
      if (holdsLargeArray(x, 2)) await walk(x, w);
      else w.write(JSON.stringify(x) ?? 'null');
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
      await walk(x, w);
    }
    w.write('}');
    return;
  }
  w.write(JSON.stringify(v) ?? 'null');
}

/** The JSON text of `value` (as JSON.stringify writes it), produced in slices. */
export async function stringifySliced(value: unknown): Promise<Buffer> {
  const w = new Writer();
  await walk(value, w);
  return w.bytes();
}

/** Serialises and gzips a snapshot cut; the event loop is never held for long. */
export async function encodeSnapshot(cut: unknown): Promise<Buffer> {
  return gzipAsync(await stringifySliced(cut));
}

export async function decodeSnapshot<T>(bytes: Uint8Array): Promise<T> {
  return JSON.parse((await gunzipAsync(bytes)).toString('utf8')) as T;
}
