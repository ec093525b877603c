// The OpenAPI 3.1 document of the admin API, generated from the route table: the same schemas
// validate requests at run time. Served at /api/v1/openapi.json and kept in docs/openapi.json
// (`npm run gen:openapi`; `npm test` fails when the two differ).
import type { TSchema } from '@sinclair/typebox';
import { API_ERRORS } from './errors.js';
import type { Route } from './route.js';
import { API_BODY_BYTES_MAX, API_PREFIX } from './server.js';

const COMMON_ERRORS = ['API_UNAUTHENTICATED', 'API_FORBIDDEN', 'API_INVALID_REQUEST', 'API_TOO_MANY_REQUESTS', 'API_INTERNAL'] as const;

/** A plain JSON copy of a TypeBox schema (TypeBox marks schemas with symbol keys, which JSON drops). */
function plain(schema: TSchema): unknown {
  return JSON.parse(JSON.stringify(schema)) as unknown;
}

export function openApiDocument(routes: readonly Route[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = API_PREFIX + r.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const params = [...r.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({
      name: m[1], in: 'path', required: true, schema: { type: 'string', pattern: (r.paramPatterns?.[m[1]!] ?? /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}$/).source },
    }));
    const query = r.query === undefined ? [] : Object.entries((plain(r.query) as { properties: Record<string, unknown>; required?: string[] }).properties)
      .map(([name, schema]) => ({ name, in: 'query', required: ((plain(r.query!) as { required?: string[] }).required ?? []).includes(name), schema }));
    const codes = new Set<string>([...COMMON_ERRORS, ...(r.errors ?? [])]);
    if (r.bodyKind !== undefined) { codes.add('API_MALFORMED_BODY'); codes.add('API_BODY_TOO_LARGE'); codes.add('API_UNSUPPORTED_MEDIA_TYPE'); }
    const byStatus = new Map<number, string[]>();
    for (const code of codes) {
      const status = API_ERRORS[code as keyof typeof API_ERRORS][0];
      byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
    }
    const responses: Record<string, unknown> = {
      [String(r.success[0])]: r.answers !== undefined
        ? { description: 'done', content: Object.fromEntries(r.answers.map((m) => [m, { schema: { type: 'string', format: 'binary' } }])) }
        : r.success[1] === null ? { description: 'done' } : { description: 'done', content: { 'application/json': { schema: plain(r.success[1]) } } },
    };
    for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
      responses[String(status)] = { description: list.join(', '), content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    }
    const op: Record<string, unknown> = {
      operationId: `${r.method.toLowerCase()}${r.path.replace(/[/:-]+(\w)/g, (_, c: string) => c.toUpperCase())}`,
      summary: r.summary, tags: [r.tag], 'x-roles': r.auth === 'none' ? ['anyone'] : [...r.roles], parameters: [...params, ...query], responses,
    };
    if (r.auth === 'none') op['security'] = [];
    if (r.bodyKind === 'json') {
      op['requestBody'] = { required: true, description: `JSON, at most ${r.bodyBytesMax ?? API_BODY_BYTES_MAX} bytes`,
        content: { 'application/json': { schema: r.body === undefined ? {} : plain(r.body) } } };
    } else if (r.bodyKind === 'bytes') {
      op['requestBody'] = { required: true, description: `at most ${r.bodyBytesMax ?? API_BODY_BYTES_MAX} bytes`,
        content: Object.fromEntries((r.mediaTypes ?? []).map((m) => [m, { schema: { type: 'string', format: 'binary' } }])) };
    } else if (r.bodyKind === 'csv') {
      op['requestBody'] = { required: true, description: `CSV (UTF-8), at most ${r.bodyBytesMax ?? API_BODY_BYTES_MAX} bytes`, content: { 'text/csv': { schema: { type: 'string' } } } };
    }
    (paths[path] ??= {})[r.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'tapgate admin API', version, description: 'Registry and admin API of tapgate. See docs/api.md; error codes in docs/errors.md.' },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { session: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'an API token tg_<id>_<secret>' },
        session: { type: 'apiKey', in: 'cookie', name: 'tg_session',
          description: 'a console session (docs/console.md); changes also need the x-csrf-token header' } },
      schemas: { Error: { type: 'object', required: ['error'], properties: { error: { type: 'object', required: ['code', 'message', 'details'],
        properties: { code: { type: 'string', enum: Object.keys(API_ERRORS) }, message: { type: 'string' }, details: { type: 'object' } } } } } },
    },
    paths,
  };
}
