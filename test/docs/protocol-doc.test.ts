// docs/protocol.md against the source: the worked example is exactly what
// scripts/protocol-example.ts renders from the generated protobuf code, every DecisionReason but
// _UNSPECIFIED is named in the document, and the section numbers the text refers to exist
// (the introduction's among them).
import { readFileSync } from 'node:fs';
import t from 'tap';
import { tapgate } from '../../core/proto.js';
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
