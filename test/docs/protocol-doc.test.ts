// docs/protocol.md against the source: the worked example is exactly what
// scripts/protocol-example.ts renders from the generated protobuf code, every DecisionReason but
// _UNSPECIFIED is named in the document, and the section numbers the text refers to exist
// (the introduction's among them); the photo fetch's worked MAC is the one the code computes.
import { readFileSync } from 'node:fs';
import t from 'tap';
import { photoFetchMac } from '../../core/index.js';
import { tapgate } from '../../core/proto.js';
import { DEVICE_ID_HEADER, DEVICE_MAC_HEADER, DEVICE_TIME_HEADER } from '../../api/routes/photos.js';
import { BEGIN_MARKER, END_MARKER, renderExample } from '../../scripts/protocol-example.js';

const doc = readFileSync(new URL('../../docs/protocol.md', import.meta.url), 'utf8');

t.test('protocol doc - the worked example is the one the script renders', async (t) => {
  const begin = doc.indexOf(BEGIN_MARKER);
  const end = doc.indexOf(END_MARKER) + END_MARKER.length;
  t.ok(begin >= 0 && end > begin, 'the document has the example markers');
  t.equal(doc.slice(begin, end), renderExample(), 'run: node dist/scripts/protocol-example.js --write docs/protocol.md');
});

t.test('protocol doc - every decision reason is named', async (t) => {
  const names = Object.keys(tapgate.device.v1.DecisionReason).filter((n) => Number.isNaN(Number(n)) && n !== 'DECISION_REASON_UNSPECIFIED');
  const missing = names.filter((n) => !doc.includes(n) && !doc.includes(`\`${n.slice('DECISION_REASON'.length)}\``));
  t.same(missing, [], 'each reason appears by its full name or as `_SUFFIX` in the enum table');
});

t.test('protocol doc - section numbers: the introduction\'s pointers and every "section N" name a heading', async (t) => {
  const headings = new Map([...doc.matchAll(/^## (\d+)\. (.+)$/gm)].map((m) => [m[1]!, m[2]!]));
  t.match(doc, /Section 13 covers canteen POS readers, section 14 is\sa worked example/, 'the introduction');
  t.match(headings.get('13'), /^Canteen POS readers/);
  t.match(headings.get('14'), /^Worked example/);
  const refs = [...doc.matchAll(/\bsections? (\d+)/gi)].map((m) => m[1]!);
  t.ok(refs.length > 10, `${refs.length} references`);
  t.same(refs.filter((n) => !headings.has(n)), [], 'no reference to a section that does not exist');
});

t.test('protocol doc - the photo fetch example\'s MAC is what photoFetchMac computes', async (t) => {
  const secret = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
  const mac = photoFetchMac(secret, 't-main-01', 1767247200000, 'ph_0t3Vj9bS1qRkXQ2mW8yZcA').toString('hex');
  t.match(doc, `x-tapgate-mac: ${mac}\n`, 'the documented header');
  t.match(doc, 'GET /api/v1/device/photos/ph_0t3Vj9bS1qRkXQ2mW8yZcA HTTP/1.1', 'the documented request');
  t.ok(DEVICE_MAC_HEADER === 'x-tapgate-mac' && DEVICE_TIME_HEADER === 'x-tapgate-time-ms' && DEVICE_ID_HEADER === 'x-tapgate-device-id',
    'the header names are the API\'s');
});
