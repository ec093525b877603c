// docs/errors.md against the source: every TapgateError code (ERROR_CODES), every device
// ErrorCode but _UNSPECIFIED, and every WebSocket close code (CloseCode) is listed, each in
// the first column of its own section's table, and no section lists a code the source does
// not have. A code added to the source without a line in the doc fails here, and so does a
// line left behind after a code is removed.
import { readFileSync } from 'node:fs';
import t from 'tap';
import { CloseCode, ERROR_CODES } from '../../core/index.js';
import { tapgate } from '../../core/proto.js';
import { API_ERRORS } from '../../api/errors.js';

const DOC_PATH = new URL('../../docs/errors.md', import.meta.url);
const doc = readFileSync(DOC_PATH, 'utf8');

/** The body of the `## ` section whose heading starts with `heading`, up to the next `## `. */
function section(heading: string): string {
  const parts = doc.split(/^## /m);
  const found = parts.find((p) => p.startsWith(heading));
  if (found === undefined) throw new Error(`docs/errors.md has no section "## ${heading}"`);
  return found;
}

/** The first cell of every table row of a section, without backticks; header and rule rows skipped. */
function firstColumn(body: string): string[] {
  const cells: string[] = [];
  for (const line of body.split('\n')) {
    const m = /^\|\s*([^|]+?)\s*\|/.exec(line);
    if (m === null) continue;
    const cell = m[1]!;
    if (/^-+$/.test(cell) || cell === 'code') continue;
    cells.push(cell.replace(/^`(.*)`$/, '$1'));
  }
  return cells;
}

const tapgateSection = section('TapgateError codes');
const deviceSection = section('Device error codes');
const closeSection = section('WebSocket close codes');
const apiSection = section('Admin API error codes');

const errorCodes = Object.keys(ERROR_CODES).sort();
const deviceCodes = Object.keys(tapgate.device.v1.ErrorCode)
  .filter((k) => Number.isNaN(Number(k)) && k !== 'ERROR_CODE_UNSPECIFIED').sort();
const closeCodes = Object.entries(CloseCode).map(([name, value]) => ({ name, value }));

t.test('errors doc - sections hold the codes in backticks in the first column', async (t) => {
  for (const line of tapgateSection.split('\n').filter((l) => /^\|\s*[A-Z]/.test(l))) t.fail(`code without backticks: ${line}`);
  for (const line of deviceSection.split('\n').filter((l) => /^\|\s*[A-Z]/.test(l))) t.fail(`code without backticks: ${line}`);
  t.ok(errorCodes.length > 0 && deviceCodes.length > 0 && closeCodes.length > 0, 'the source has codes to check');
});

t.test('errors doc - every TapgateError code is listed, and no other', async (t) => {
  const listed = firstColumn(tapgateSection).sort();
  for (const code of errorCodes) t.ok(listed.includes(code), `${code} is in the TapgateError table`);
  for (const code of listed) t.ok(errorCodes.includes(code), `${code} in the TapgateError table exists in core/errors.ts`);
  t.equal(new Set(listed).size, listed.length, 'no code listed twice');
});

t.test('errors doc - every device ErrorCode but UNSPECIFIED is listed with its value, and no other', async (t) => {
  const listed = firstColumn(deviceSection).sort();
  t.same(listed, deviceCodes, 'the device table lists exactly the proto ErrorCode names');
  const values = tapgate.device.v1.ErrorCode as unknown as Record<string, number>;
  for (const name of deviceCodes) {
    t.match(deviceSection, new RegExp(`^\\| \`${name}\` \\| ${values[name]} \\|`, 'm'), `${name} has value ${values[name]}`);
  }
});

t.test('errors doc - every CloseCode value is listed with its name, and no other', async (t) => {
  const listed = firstColumn(closeSection).map(Number).sort((a, b) => a - b);
  t.same(listed, closeCodes.map((c) => c.value).sort((a, b) => a - b), 'the close table lists exactly the CloseCode values');
  for (const { name, value } of closeCodes) {
    t.match(closeSection, new RegExp(`^\\| ${value} \\| \`${name}\` \\|`, 'm'), `${value} is ${name}`);
  }
});

t.test('errors doc - every admin API code is listed with its HTTP status, and no other', async (t) => {
  const listed = firstColumn(apiSection).sort();
  t.same(listed, Object.keys(API_ERRORS).sort(), 'the API table lists exactly the codes of api/errors.ts');
  for (const [code, [status]] of Object.entries(API_ERRORS)) {
    t.match(apiSection, new RegExp(`^\\| \`${code}\` \\| ${status} \\|`, 'm'), `${code} is ${status}`);
  }
});

t.test('errors doc - a code the source lacks is caught', async (t) => {
  // The same parsing, run on a table with one made-up code, must see it: guards the check itself.
  const fake = firstColumn('| code | meaning |\n| --- | --- |\n| `GW_NO_SUCH_CODE` | made up |\n');
  t.same(fake, ['GW_NO_SUCH_CODE']);
  t.notOk(errorCodes.includes(fake[0]!), 'the made-up code is not in core/errors.ts');
});
