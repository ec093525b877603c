// The web console's static files (docs/console.md): the pages, scripts, styles, icons, the
// manifest and the service worker that `npm run build` puts in dist/web/ from web/. They are read
// into memory once when the API process starts (the whole console is a few hundred kilobytes),
// gzipped once, and served with an ETag, so a revisit costs a 304. Nothing is loaded from
// another site: the Content-Security-Policy of every page allows this origin only, which also
// keeps a stored name that slipped into markup from running as a script.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Largest file the console may ship, in bytes: a bigger one is a build mistake. */
export const WEB_FILE_BYTES_MAX = 2 * 1024 * 1024;
/** Most files the console may ship. */
export const WEB_FILES_MAX = 500;

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.webmanifest': 'application/manifest+json',
  '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json', '.webmanifest', '.txt']);

/** Pages by their address: each area of the console is one page. */
export const PAGES: Readonly<Record<string, string>> = {
  '/': '/index.html', '/desk': '/desk.html', '/parent': '/parent.html', '/office': '/office.html',
};

/** The Content-Security-Policy of every page: this origin only, no inline script, no framing. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: blob:", "connect-src 'self'",
  "worker-src 'self'", "manifest-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
].join('; ');

export interface WebFile {
  readonly contentType: string;
  readonly bytes: Buffer;
  readonly gzip: Buffer | null;
  readonly etag: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface WebAnswer { readonly status: 200 | 304 | 404; readonly file: WebFile | null; readonly gzip: boolean }

export class WebAssets {
  private readonly files = new Map<string, WebFile>();

  /** Reads every file under `dir`; a missing folder serves nothing (the API still works). */
  constructor(readonly dir: string) {
    if (!existsSync(dir)) return;
    const walk = (d: string) => {
      for (const name of readdirSync(d)) {
        const full = join(d, name);
        if (statSync(full).isDirectory()) { walk(full); continue; }
        const type = TYPES[extname(name)];
        if (type === undefined || name.endsWith('.map')) continue;
        const bytes = readFileSync(full);
        if (bytes.length > WEB_FILE_BYTES_MAX) throw new Error(`${full} is over ${WEB_FILE_BYTES_MAX} bytes`);
        if (this.files.size >= WEB_FILES_MAX) throw new Error(`more than ${WEB_FILES_MAX} files under ${dir}`);
        this.files.set('/' + relative(dir, full).split(sep).join('/'), webFile(extname(name), type, bytes));
      }
    };
    walk(dir);
  }

  get size(): number { return this.files.size; }

  /** The answer to a GET of `path`, honouring If-None-Match and Accept-Encoding. */
  answer(path: string, ifNoneMatch: string, acceptEncoding: string): WebAnswer {
    const file = this.files.get(PAGES[path] ?? path);
    if (file === undefined) return { status: 404, file: null, gzip: false };
    if (ifNoneMatch !== '' && ifNoneMatch.split(',').some((t) => t.trim() === file.etag)) return { status: 304, file, gzip: false };
    return { status: 200, file, gzip: file.gzip !== null && /\bgzip\b/.test(acceptEncoding) };
  }
}

function webFile(ext: string, contentType: string, bytes: Buffer): WebFile {
  const gz = COMPRESSIBLE.has(ext) ? gzipSync(bytes, { level: 9 }) : null;
  const etag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 22)}"`;
  const headers: Record<string, string> = {
    // No hashed file names: each visit revalidates, and the ETag makes that a 304.
    'cache-control': 'no-cache', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer',
  };
  if (ext === '.html') Object.assign(headers, { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-frame-options': 'DENY' });
  if (ext === '.js' && contentType.startsWith('text/javascript')) headers['service-worker-allowed'] = '/';
  return { contentType, bytes, gzip: gz !== null && gz.length < bytes.length ? gz : null, etag, headers };
}
