// Unit tests of the SMS encoding choice and part counting (core/sms-segments.ts): the GSM-7 and
// UCS-2 limits at their edges (160/161, 70/71, 134/135), extension characters counting two
// septets, emoji counting two UTF-16 units, and splits that never cut an escape or a pair.
import t from 'tap';
import {
  encodeGsm7, encodeUcs2, smsEncoding, smsSegments, splitSms, type SmsSegments,
} from '../../core/index.js';

const ru = (n: number) => 'я'.repeat(n);
const en = (n: number) => 'a'.repeat(n);

t.test('sms-segments - encoding, parts, units per part and units', async (t) => {
  const cases: Array<[string, string, SmsSegments]> = [
    ['empty text', '', { encoding: 'gsm7', parts: 1, unitsPerPart: 160, units: 0 }],
    ['70 Cyrillic characters', ru(70), { encoding: 'ucs2', parts: 1, unitsPerPart: 70, units: 70 }],
    ['71 Cyrillic characters', ru(71), { encoding: 'ucs2', parts: 2, unitsPerPart: 67, units: 71 }],
    ['134 Cyrillic characters', ru(134), { encoding: 'ucs2', parts: 2, unitsPerPart: 67, units: 134 }],
    ['135 Cyrillic characters', ru(135), { encoding: 'ucs2', parts: 3, unitsPerPart: 67, units: 135 }],
    ['150 Cyrillic characters', ru(150), { encoding: 'ucs2', parts: 3, unitsPerPart: 67, units: 150 }],
    ['one Cyrillic letter makes the text UCS-2', en(100) + 'Ж',
      { encoding: 'ucs2', parts: 2, unitsPerPart: 67, units: 101 }],
    ['160 GSM characters', en(160), { encoding: 'gsm7', parts: 1, unitsPerPart: 160, units: 160 }],
    ['161 GSM characters', en(161), { encoding: 'gsm7', parts: 2, unitsPerPart: 153, units: 161 }],
    ['306 GSM characters', en(306), { encoding: 'gsm7', parts: 2, unitsPerPart: 153, units: 306 }],
    ['307 GSM characters', en(307), { encoding: 'gsm7', parts: 3, unitsPerPart: 153, units: 307 }],
    ['basic set accents and Greek', 'àÉñΔΩ@£¥', { encoding: 'gsm7', parts: 1, unitsPerPart: 160, units: 8 }],
    ['€ counts 2 septets', '€', { encoding: 'gsm7', parts: 1, unitsPerPart: 160, units: 2 }],
    ['80 € fill one SMS', '€'.repeat(80), { encoding: 'gsm7', parts: 1, unitsPerPart: 160, units: 160 }],
    ['80 € and a letter need two', '€'.repeat(80) + 'a',
      { encoding: 'gsm7', parts: 2, unitsPerPart: 153, units: 161 }],
    ['every extension character counts 2', '^{}\\[~]|€\f',
      { encoding: 'gsm7', parts: 1, unitsPerPart: 160, units: 20 }],
    ['a raw escape character is not text', 'a\u001bb', { encoding: 'ucs2', parts: 1, unitsPerPart: 70, units: 3 }],
    ['a lowercase ç is not in the basic set', 'ç', { encoding: 'ucs2', parts: 1, unitsPerPart: 70, units: 1 }],
    ['emoji counts 2 units', '🦔', { encoding: 'ucs2', parts: 1, unitsPerPart: 70, units: 2 }],
    ['35 emoji fill one SMS', '🦔'.repeat(35), { encoding: 'ucs2', parts: 1, unitsPerPart: 70, units: 70 }],
    ['36 emoji need two', '🦔'.repeat(36), { encoding: 'ucs2', parts: 2, unitsPerPart: 67, units: 72 }],
  ];
  for (const [name, text, want] of cases) t.same(smsSegments(text), want, name);
});

t.test('sms-segments - smsEncoding', async (t) => {
  t.equal(smsEncoding('Hello, world! 1+1=2?'), 'gsm7');
  t.equal(smsEncoding('Привет'), 'ucs2');
  t.equal(smsEncoding('«quotes»'), 'ucs2');
  t.equal(smsEncoding('price 5€ [ok]'), 'gsm7');
});

t.test('sms-segments - splitSms parts and their boundaries', async (t) => {
  const cases: Array<[string, string, string[]]> = [
    ['a single SMS is one part', ru(70), [ru(70)]],
    ['71 Cyrillic: 67 + 4', ru(71), [ru(67), ru(4)]],
    ['135 Cyrillic: 67 + 67 + 1', ru(135), [ru(67), ru(67), ru(1)]],
    ['161 GSM: 153 + 8', en(161), [en(153), en(8)]],
    ['an escape is never cut from its character', en(152) + '€' + en(10), [en(152), '€' + en(10)]],
    ['a surrogate pair is never cut', ru(66) + '🦔' + ru(10), [ru(66), '🦔' + ru(10)]],
    ['a pair that fits stays in the part', ru(65) + '🦔' + ru(10), [ru(65) + '🦔', ru(10)]],
  ];
  for (const [name, text, want] of cases) {
    const parts = splitSms(text);
    t.same(parts, want, name);
    t.equal(parts.join(''), text, `${name}: parts join back to the text`);
  }
});

t.test('sms-segments - a pair kept whole can add a part', async (t) => {
  // 134 units would be 2 parts of 67, but the pair cannot end part 1: 66 + 67 + 1.
  const text = ru(66) + '🦔' + ru(66);
  t.same(splitSms(text), [ru(66), '🦔' + ru(65), ru(1)]);
  t.same(smsSegments(text), { encoding: 'ucs2', parts: 3, unitsPerPart: 67, units: 134 });
});

t.test('sms-segments - encoders', async (t) => {
  t.same([...encodeGsm7('@€a\n')], [0x00, 0x1b, 0x65, 0x61, 0x0a]);
  t.same([...encodeGsm7('[Δ]')], [0x1b, 0x3c, 0x10, 0x1b, 0x3e]);
  t.throws(() => encodeGsm7('Ж'), /outside the GSM 03.38 alphabet/);
  t.same([...encodeUcs2('Жa🦔')], [0x04, 0x16, 0x00, 0x61, 0xd8, 0x3e, 0xdd, 0x94]);
});
