// docs/money.md and docs/protocol.md against core/seq-memory.ts: both state the same seq window
// (SEQ_MEMORY) and what a retry beyond it gets (ERROR_CODE_SEQ_TOO_OLD, never decided again),
// and neither promises a device's original decision "forever".
import { readFileSync } from 'node:fs';
import t from 'tap';
import { SEQ_MEMORY } from '../../core/index.js';

const money = readFileSync(new URL('../../docs/money.md', import.meta.url), 'utf8');
const protocol = readFileSync(new URL('../../docs/protocol.md', import.meta.url), 'utf8');
const grouped = SEQ_MEMORY.toLocaleString('en-US');

t.test('seq memory docs - money.md states the window and what a retry beyond it gets', async (t) => {
  const bullet = money.split('\n- ').find((b) => b.includes('(device, seq)'));
  t.ok(bullet, 'money.md has a bullet on (device, seq) retries');
  t.ok(bullet!.includes(grouped), `it names the window, ${grouped} seqs`);
  t.ok(bullet!.includes('ERROR_CODE_SEQ_TOO_OLD'), 'it names the refusal beyond the window');
  t.match(bullet!, /not decided again/, 'and says the tap is not decided (debited) again');
  t.notMatch(bullet!, /original result, forever/, 'no promise of the original decision forever');
});

t.test('seq memory docs - protocol.md states the same window', async (t) => {
  t.ok(protocol.includes(`remembers the decisions of the last \`Welcome.seq_memory\` (${SEQ_MEMORY}) seqs`), 'section 5');
  t.ok(protocol.includes(`| seq memory | ${SEQ_MEMORY} seqs |`), 'section 12');
});
