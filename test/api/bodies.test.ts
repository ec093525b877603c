// Bad request bodies and path parameters against the admin API. First the parser itself
// (api/body.ts: the nesting scan ignores brackets inside strings, forbidden keys are refused
// wherever they are, invalid UTF-8 is refused, messages never quote the body), then a real
// gateway: too large (declared or streamed), wrong content type, malformed, too deep,
// prototype keys, schema failures and hostile path parameters each get their 4xx code in the
// error envelope with an x-request-id; nothing is created and nothing answers 500.
import { request } from 'node:http';
import t, { type Test } from 'tap';
import { decodeUtf8, JSON_DEPTH_MAX, jsonDepth, parseJsonBody } from '../../api/body.js';
import { ApiError } from '../../api/errors.js';
import { API_BODY_BYTES_MAX } from '../../api/server.js';
import { SCHOOL_A, startApiStack, type ApiResponse } from '../helpers/api-fixtures.js';

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

function parseError(fn: () => unknown): { code: string; message: string; details: Record<string, unknown> } | 'parsed' {
  try { fn(); return 'parsed'; } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return { code: err.code, message: err.message, details: err.details };
  }
}

t.test('body - jsonDepth counts [ and { outside strings only', async (t) => {
  const cases: Array<[string, number]> = [
    ['1', 0], ['"x"', 0], ['{}', 1], ['[]', 1], ['[[[]]]', 3], ['[1,[2,[3]],[4]]', 3], ['{"a":[{"b":[]}]}', 4],
    ['"[[[[{{{{"', 0], ['{"a":"]]]]"}', 1], ['{"a":"[[[["}', 1],
    ['{"a":"\\"[[["}', 1], // an escaped quote does not end the string
    ['{"a":"\\\\"}', 1], // an escaped backslash does: the } after it counts
    ['{"a":"\\\\","b":[[]]}', 3], ['["\\\\\\"[[", [[]]]', 3], ['{"\\"{": {"k": "}"}}', 2],
  ];
  for (const [text, depth] of cases) t.equal(jsonDepth(text), depth, text);
  for (const d of [1, 2, 16, 17, 100]) {
    let value: unknown = { leaf: '[{"' };
    for (let i = 1; i < d; i++) value = i % 2 === 0 ? [value, '}]'] : { k: value, s: '\\"[' };
    t.equal(jsonDepth(JSON.stringify(value)), d, `generated depth ${d}`);
  }
});

t.test('body - parseJsonBody accepts good JSON and refuses the rest with API_MALFORMED_BODY', async (t) => {
  t.same(parseJsonBody(utf8('{"name":"Школа №1","list":[1,2,{"x":null}]}')), { name: 'Школа №1', list: [1, 2, { x: null }] });
  t.same(parseJsonBody(utf8(`{"a":"${'['.repeat(1000)}\\"${'{'.repeat(1000)}"}`)), { a: `${'['.repeat(1000)}"${'{'.repeat(1000)}` },
    'brackets inside strings do not count towards the depth');
  t.same(parseJsonBody(utf8(nested(JSON_DEPTH_MAX))), JSON.parse(nested(JSON_DEPTH_MAX)), `${JSON_DEPTH_MAX} levels are accepted`);
  t.same(parseJsonBody(utf8('{"a":"__proto__","b":["constructor","prototype"]}')), { a: '__proto__', b: ['constructor', 'prototype'] },
    'the forbidden words are fine as values');
  t.same(parseJsonBody(utf8('{"proto":1,"constructors":2}')), { proto: 1, constructors: 2 });

  const malformed = (what: string, bytes: Uint8Array, details: Record<string, unknown> = {}) => {
    const e = parseError(() => parseJsonBody(bytes));
    t.match(e, { code: 'API_MALFORMED_BODY', details }, what);
    if (e !== 'parsed') t.notMatch(e.message, /Secret/, `${what}: the message does not quote the body`);
  };
  malformed(`${JSON_DEPTH_MAX + 1} levels`, utf8(nested(JSON_DEPTH_MAX + 1)), { depthMax: JSON_DEPTH_MAX });
  malformed('100000 levels', utf8(nested(100_000)), { depthMax: JSON_DEPTH_MAX });
  malformed('17 levels of objects', utf8('{"a":'.repeat(17) + '1' + '}'.repeat(17)), { depthMax: JSON_DEPTH_MAX });
  for (const k of ['__proto__', 'constructor', 'prototype']) {
    malformed(`top-level ${k}`, utf8(`{"${k}":{"polluted":true},"name":"Secret"}`), { key: k });
    malformed(`nested ${k}`, utf8(`{"a":[{"b":{"${k}":1}}],"name":"Secret"}`), { key: k });
  }
  malformed('__proto__ spelt with an escape', utf8('{"\\u005f_proto__":{"polluted":true}}'), { key: '__proto__' });
  t.equal(({} as Record<string, unknown>)['polluted'], undefined, 'Object.prototype is untouched');
  malformed('truncated', utf8('{"name":"Secret'));
  malformed('trailing comma', utf8('{"name":"Secret",}'));
  malformed('two values', utf8('{} {}'));
  malformed('single quotes', utf8("{'name':'Secret'}"));
  malformed('empty', utf8(''));
  malformed('only spaces', utf8('   '));
  for (const [what, bytes] of [
    ['a lone continuation byte', [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0x80, 0x22, 0x7d]],
    ['0xff', [0x7b, 0xff, 0x7d]],
    ['an overlong slash', [0x22, 0xc0, 0xaf, 0x22]],
    ['an encoded surrogate', [0x22, 0xed, 0xa0, 0x80, 0x22]],
    ['a truncated sequence', [0x22, 0xe2, 0x82, 0x22]],
  ] as const) {
    malformed(`invalid UTF-8: ${what}`, Uint8Array.from(bytes));
    t.match(parseError(() => decodeUtf8(Uint8Array.from(bytes))), { code: 'API_MALFORMED_BODY' }, `decodeUtf8: ${what}`);
  }
});

// The gateway.
const api = await startApiStack();
t.teardown(() => api.stop());
const admin = api.admin;
const base = new URL(api.gw.apiUrl);

interface Raw { readonly status: number; readonly headers: Headers; readonly body: any }

/** One request over node:http: exact path bytes, headers as given, the body in chunks (no content-length unless set: chunked). */
function raw(method: string, path: string, headers: Record<string, string>, chunks: readonly Uint8Array[] = []): Promise<Raw> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const req = request({ host: base.hostname, port: base.port, agent: false, method, path, headers: { authorization: `Bearer ${api.adminToken}`, ...headers },
      timeout: 20_000 }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => {
        settled = true;
        const text = Buffer.concat(parts).toString('utf8');
        let body: unknown = text;
        try { body = JSON.parse(text); } catch { /* not JSON */ }
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h.set(k, v);
        resolve({ status: res.statusCode ?? 0, headers: h, body });
      });
    });
    // The server may answer (413, 415) and close before it has read everything we send.
    req.on('error', (err) => { if (!settled) setTimeout(() => { if (!settled) reject(err); }, 500); });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer within 20 s`)));
    for (const c of chunks) req.write(c);
    req.end();
  });
}

function expectError(t: Test, res: ApiResponse | Raw, status: number, code: string, what: string): void {
  const err = (res.body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  t.same({
    status: res.status, code: err?.code,
    envelope: typeof err?.message === 'string' && err.message !== '' && typeof err.details === 'object' && err.details !== null && !Array.isArray(err.details),
    requestId: /^[0-9a-f]{16}$/.test(res.headers.get('x-request-id') ?? ''),
  }, { status, code, envelope: true, requestId: true }, what);
}

async function schoolCount(): Promise<number> {
  const r = await admin('GET', '/schools?limit=1000');
  if (r.status !== 200) throw new Error(`GET /schools gave ${r.status}`);
  return r.body.items.length;
}

const JSON_CT = { 'content-type': 'application/json' };
/** A valid school body padded to exactly `bytes` bytes with spaces. */
const schoolBodyOf = (bytes: number) => {
  const s = '{"name":"Padded","timeZone":"Europe/Moscow"}';
  return s.slice(0, -1) + ' '.repeat(bytes - s.length) + '}';
};

t.test('bodies - too large: declared, streamed without a length, and the limit itself', async (t) => {
  const before = await schoolCount();
  const over = utf8(schoolBodyOf(API_BODY_BYTES_MAX + 1));
  const declared = await raw('POST', '/api/v1/schools', { ...JSON_CT, 'content-length': String(over.length) }, [over]);
  expectError(t, declared, 413, 'API_BODY_TOO_LARGE', 'content-length over the limit');
  t.same(declared.body.error.details, { bytesMax: API_BODY_BYTES_MAX });
  const viaFetch = await admin('POST', '/schools', undefined, { raw: over });
  expectError(t, viaFetch, 413, 'API_BODY_TOO_LARGE', 'fetch with a body over the limit');
  const huge = await raw('POST', '/api/v1/schools', { ...JSON_CT, 'content-length': String(10 * 1024 * 1024) }, [utf8('{')]);
  expectError(t, huge, 413, 'API_BODY_TOO_LARGE', 'a declared 10 MiB body is refused before it is sent');
  const chunks = Array.from({ length: 5 }, (_, i) => utf8((i === 0 ? '{"name":"' : '') + 'x'.repeat(16 * 1024)));
  const streamed = await raw('POST', '/api/v1/schools', { ...JSON_CT }, chunks);
  expectError(t, streamed, 413, 'API_BODY_TOO_LARGE', 'a chunked body without content-length that grows over the limit');
  const atLimit = await admin('POST', '/schools', undefined, { raw: schoolBodyOf(API_BODY_BYTES_MAX) });
  t.equal(atLimit.status, 201, 'a body of exactly the limit is taken');
  t.equal(await schoolCount(), before + 1, 'only the body at the limit created a school');
});

t.test('bodies - wrong content type gives 415', async (t) => {
  const body = '{"name":"Typed","timeZone":"Europe/Moscow"}';
  for (const ct of ['text/plain', 'application/json; charset=latin1', 'application/json; charset=iso-8859-1', 'text/csv', 'application/jsonx',
    'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
    const res = await admin('POST', '/schools', undefined, { raw: body, contentType: ct });
    expectError(t, res, 415, 'API_UNSUPPORTED_MEDIA_TYPE', ct);
    t.same(res.body.error.details, { expected: 'application/json' }, `${ct}: details name the type`);
  }
  expectError(t, await raw('POST', '/api/v1/schools', { 'content-length': String(body.length) }, [utf8(body)]), 415, 'API_UNSUPPORTED_MEDIA_TYPE',
    'no content-type');
  const before = await schoolCount();
  for (const ct of ['application/json; charset=utf-8', 'Application/JSON', 'application/json;charset="UTF-8"']) {
    t.equal((await admin('POST', '/schools', undefined, { raw: body, contentType: ct })).status, 201, `${ct} is taken`);
  }
  t.equal(await schoolCount(), before + 3);
});

t.test('bodies - malformed, empty, invalid UTF-8 and too deep give 400 API_MALFORMED_BODY', async (t) => {
  const before = await schoolCount();
  const cases: Array<[string, string | Uint8Array]> = [
    ['truncated JSON', '{"name":"Broken","timeZone":'],
    ['trailing garbage', '{"name":"Broken","timeZone":"Europe/Moscow"}x'],
    ['single quotes', "{'name':'Broken'}"],
    ['invalid UTF-8 in a string', Uint8Array.from([...utf8('{"name":"'), 0xc3, 0x28, ...utf8('","timeZone":"Europe/Moscow"}')])],
    ['an encoded surrogate', Uint8Array.from([...utf8('{"name":"'), 0xed, 0xa0, 0x80, ...utf8('","timeZone":"Europe/Moscow"}')])],
    [`${JSON_DEPTH_MAX + 1} levels`, `{"name":"Deep","timeZone":"Europe/Moscow","kind":${nested(JSON_DEPTH_MAX)}}`],
    ['10000 levels', `{"name":"Deep","timeZone":"Europe/Moscow","kind":${nested(9_999)}}`],
    ['10000 unclosed levels', '['.repeat(10_000)],
  ];
  for (const [what, body] of cases) expectError(t, await admin('POST', '/schools', undefined, { raw: body }), 400, 'API_MALFORMED_BODY', what);
  expectError(t, await raw('POST', '/api/v1/schools', { ...JSON_CT, 'content-length': '0' }), 400, 'API_MALFORMED_BODY', 'empty body, content-length 0');
  expectError(t, await raw('POST', '/api/v1/schools', { ...JSON_CT }), 400, 'API_MALFORMED_BODY', 'empty body, no content-length');
  // JSON that parses but is not an object is a schema failure, not a malformed body.
  for (const body of ['[]', 'null', '"school"', '42']) {
    expectError(t, await admin('POST', '/schools', undefined, { raw: body }), 400, 'API_INVALID_REQUEST', `the JSON value ${body}`);
  }
  const deepOk = await admin('POST', '/schools', undefined, { raw: `{"name":"Deep","timeZone":"Europe/Moscow","kind":${nested(JSON_DEPTH_MAX - 1)}}` });
  expectError(t, deepOk, 400, 'API_INVALID_REQUEST', `${JSON_DEPTH_MAX} levels parse and fail the schema`);
  t.equal((await admin('GET', '/schools')).status, 200, 'the gateway still answers');
  t.equal(await schoolCount(), before, 'nothing was created');
});

t.test('bodies - __proto__, constructor and prototype keys are refused and change nothing', async (t) => {
  const before = await schoolCount();
  for (const k of ['__proto__', 'constructor', 'prototype']) {
    for (const [where, body] of [
      ['top level', `{"${k}":{"name":"Polluted"},"name":"Proto","timeZone":"Europe/Moscow"}`],
      ['top level, last', `{"name":"Proto","timeZone":"Europe/Moscow","${k}":{"kind":"college"}}`],
      ['nested', `{"name":"Proto","timeZone":"Europe/Moscow","kind":{"${k}":{"polluted":true}}}`],
      ['nested in an array', `{"name":"Proto","timeZone":"Europe/Moscow","kind":[1,{"a":{"${k}":1}}]}`],
    ] as const) {
      const res = await admin('POST', '/schools', undefined, { raw: body });
      expectError(t, res, 400, 'API_MALFORMED_BODY', `${k} at ${where}`);
      t.same(res.body.error.details, { key: k }, `${k} at ${where}: details name the key`);
    }
  }
  const patch = await admin('PATCH', `/schools/${SCHOOL_A}`, undefined, { raw: '{"__proto__":{"name":"Hijacked"}}' });
  expectError(t, patch, 400, 'API_MALFORMED_BODY', 'PATCH with __proto__');
  const token = await admin('POST', '/tokens', undefined, { raw: '{"role":"payment_integration","constructor":{"role":"city_admin"}}' });
  expectError(t, token, 400, 'API_MALFORMED_BODY', 'token with constructor');
  t.equal(await schoolCount(), before, 'no school was created');
  t.equal((await admin('GET', `/schools/${SCHOOL_A}`)).body.name, 'School A', 'school A kept its name');
  const created = await admin('POST', '/schools', { name: 'After', timeZone: 'Europe/Moscow' });
  t.same(Object.keys(created.body).sort(), ['id', 'kind', 'name', 'shardId', 'timeZone'], 'a later object has no inherited extras');
  t.equal(created.body.kind, 'school');
});

t.test('bodies - schema failures give 400 API_INVALID_REQUEST with problems naming the path', async (t) => {
  const before = await schoolCount();
  const problemsOf = (res: ApiResponse) => (res.body.error.details.problems as Array<{ path: string; message: string }>);
  const unknown = await admin('POST', '/schools', { name: 'Extra', timeZone: 'Europe/Moscow', extra: 1 });
  expectError(t, unknown, 400, 'API_INVALID_REQUEST', 'unknown field');
  t.ok(Array.isArray(unknown.body.error.details.problems) && problemsOf(unknown).length >= 1, 'details.problems is a list');
  t.ok(problemsOf(unknown).some((p) => p.path === 'body/extra'), `the unknown field is named: ${JSON.stringify(problemsOf(unknown))}`);
  const types = await admin('POST', '/schools', { name: 5, timeZone: true });
  expectError(t, types, 400, 'API_INVALID_REQUEST', 'wrong types');
  const paths = new Set(problemsOf(types).map((p) => p.path));
  t.ok(paths.has('body/name') && paths.has('body/timeZone'), `both fields are named: ${[...paths].join(', ')}`);
  t.ok(problemsOf(types).every((p) => typeof p.message === 'string' && p.message !== ''), 'each problem has a message');
  const missing = await admin('POST', '/schools', { name: 'No zone' });
  expectError(t, missing, 400, 'API_INVALID_REQUEST', 'missing field');
  t.ok(problemsOf(missing).some((p) => p.path === 'body/timeZone'), 'the missing field is named');
  const enumBad = await admin('POST', '/schools', { name: 'Kind', timeZone: 'Europe/Moscow', kind: 'university' });
  expectError(t, enumBad, 400, 'API_INVALID_REQUEST', 'value outside the enum');
  t.ok(problemsOf(enumBad).some((p) => p.path === 'body/kind'), 'the bad enum value is named');
  const many = await admin('POST', '/schools', Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`f${i}`, i])));
  expectError(t, many, 400, 'API_INVALID_REQUEST', 'fifty unknown fields');
  t.ok(problemsOf(many).length <= 10, 'the problem list is bounded');
  const longName = await admin('POST', '/schools', { name: 'x'.repeat(201), timeZone: 'Europe/Moscow' });
  expectError(t, longName, 400, 'API_INVALID_REQUEST', 'name over its length');
  const query = await admin('GET', '/schools?limit=abc');
  expectError(t, query, 400, 'API_INVALID_REQUEST', 'bad query value');
  t.ok(problemsOf(query).some((p) => p.path === 'query/limit'), 'the query field is named');
  expectError(t, await admin('GET', '/schools?__proto__=1'), 400, 'API_INVALID_REQUEST', 'a __proto__ query key is an unknown field');
  t.equal(await schoolCount(), before, 'nothing was created');
});

t.test('bodies - hostile path parameters give 400 or 404 in the envelope, never 500', async (t) => {
  const paths = [
    '/api/v1/persons/..%2F..', '/api/v1/persons/%2e%2e', '/api/v1/persons/..', '/api/v1/persons/.', '/api/v1/persons/%2E',
    '/api/v1/persons/%ZZ', '/api/v1/persons/%', '/api/v1/persons/a%00b', '/api/v1/persons/%F0%9F%98%80', '/api/v1/persons/%C0%AF',
    `/api/v1/persons/${'a'.repeat(65)}`, `/api/v1/persons/${'a'.repeat(10_000)}`, '/api/v1/persons/a%20b', '/api/v1/persons/a%2Fb',
    '/api/v1/persons/__proto__', '/api/v1/persons/constructor', '/api/v1/persons/toString', '/api/v1/schools/hasOwnProperty',
    '/api/v1/schools/..%2F..%2Fetc%2Fpasswd/devices', '/api/v1/accounts/by-number/12ab/top-ups', '/api/v1/tokens/a.b',
    '/api/v1/persons/x?x=%ZZ', '/api/v1//persons//x', '/api/v1/persons/x/', '/api/v1/%2E%2E/schools',
  ];
  for (const path of paths) {
    const method = path.includes('top-ups') ? 'POST' : path.startsWith('/api/v1/tokens/') ? 'DELETE' : 'GET';
    const res = await raw(method, path, path.includes('top-ups') ? { ...JSON_CT, 'content-length': '2' } : {}, path.includes('top-ups') ? [utf8('{}')] : []);
    const code = res.body?.error?.code as string | undefined;
    t.ok([400, 403, 404, 405].includes(res.status), `${path.slice(0, 80)}: a 4xx (got ${res.status} ${code ?? ''})`);
    expectError(t, res, res.status, code ?? '?', `${path.slice(0, 80)}: the envelope`);
  }
  const dot = await raw('GET', '/api/v1/persons/..%2F..', {});
  expectError(t, dot, 400, 'API_INVALID_REQUEST', '..%2F.. is not an id');
  t.same(dot.body.error.details, { field: 'personId' }, 'details name the parameter');
  expectError(t, await raw('GET', '/api/v1/persons/__proto__', {}), 404, 'API_NOT_FOUND', '__proto__ is a valid-looking id of no one');
  expectError(t, await raw('GET', '/api/v1/schools/hasOwnProperty', {}), 404, 'API_NOT_FOUND', 'hasOwnProperty is no school');
  t.equal((await admin('GET', '/schools')).status, 200, 'the gateway still answers');
  const failures = api.gw.logs.filter((l) => l['msg'] === 'api request failed');
  t.same(failures, [], 'no request in this file ended in a 500');
});
