// docs/openapi.json is generated from the API's route table (npm run gen:openapi); a route,
// schema or summary changed without regenerating it fails here. Also checks the document's
// shape: every route is in it once, every error status lists codes that exist.
import { readFileSync } from 'node:fs';
import t from 'tap';
import { openApiDocument, packageVersion, ROUTES } from '../../api/index.js';
import { API_ERRORS } from '../../api/errors.js';

const doc = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8')) as {
  openapi: string; paths: Record<string, Record<string, { responses: Record<string, { description: string }>; 'x-roles': string[] }>>;
};

t.test('openapi - docs/openapi.json is what the route table generates (npm run gen:openapi)', async (t) => {
  t.same(doc, JSON.parse(JSON.stringify(openApiDocument(ROUTES, packageVersion()))));
});

t.test('openapi - every route once, with roles and known error codes', async (t) => {
  t.equal(doc.openapi, '3.1.0');
  const ops = Object.values(doc.paths).flatMap((p) => Object.values(p));
  t.equal(ops.length, ROUTES.length, 'one operation per route');
  const keys = new Set(ROUTES.map((r) => `${r.method} ${r.path}`));
  t.equal(keys.size, ROUTES.length, 'no route is declared twice');
  for (const op of ops) {
    t.ok(op['x-roles'].length > 0, 'roles listed');
    for (const [status, r] of Object.entries(op.responses)) {
      if (Number(status) < 400) continue;
      for (const code of r.description.split(', ')) t.ok(code in API_ERRORS && String(API_ERRORS[code as keyof typeof API_ERRORS][0]) === status, `${code} is a ${status}`);
    }
  }
});
