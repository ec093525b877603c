// `npm run gen:openapi` writes docs/openapi.json from the API's route table; with --check it
// only compares and exits 1 when the file is stale (npm test runs the check).
import { readFileSync, writeFileSync } from 'node:fs';
import { openApiDocument, packageVersion, ROUTES } from '../api/index.js';

const path = new URL('../../docs/openapi.json', import.meta.url);
const text = JSON.stringify(openApiDocument(ROUTES, packageVersion()), null, 2) + '\n';
if (process.argv.includes('--check')) {
  let current = '';
  try { current = readFileSync(path, 'utf8'); } catch { /* missing */ }
  if (current !== text) { process.stderr.write('docs/openapi.json is stale: run npm run gen:openapi\n'); process.exit(1); }
} else {
  writeFileSync(path, text);
  process.stdout.write(`docs/openapi.json: ${Object.keys(openApiDocument(ROUTES, packageVersion())['paths'] as object).length} paths\n`);
}
