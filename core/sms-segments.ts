// How an SMS text is encoded and cut into parts, without I/O. A text that fits the GSM 03.38
// default alphabet (the basic set, plus the extension table whose characters take an escape and
// so two septets) goes as GSM-7: 160 septets in one SMS, 153 per part of a concatenated one (the
// user data header takes the rest). Anything else (Cyrillic, emoji) goes as UCS-2: 70 UTF-16 code
// units in one SMS, 67 per part. A part never ends between the two halves of a surrogate pair or
// between an escape and the character it introduces, so every part decodes on its own; such a
// part is one unit shorter, and `parts` counts the parts the split really makes.

export type SmsEncoding = 'gsm7' | 'ucs2';

/** Septets in one GSM-7 SMS. */
export const SMS_GSM7_SINGLE_MAX = 160;
/** Septets per part of a concatenated GSM-7 SMS (7 septets go to the 6-octet UDH). */
export const SMS_GSM7_PART_MAX = 153;
/** UTF-16 code units in one UCS-2 SMS. */
export const SMS_UCS2_SINGLE_MAX = 70;
/** UTF-16 code units per part of a concatenated UCS-2 SMS (3 units go to the 6-octet UDH). */
export const SMS_UCS2_PART_MAX = 67;
/** The GSM-7 escape septet that introduces an extension-table character. */
export const GSM7_ESCAPE = 0x1b;

// The basic set, by septet value. 0x1B is the escape, not a character ('\u0000' marks it here).
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u0000ÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
// The extension table: character → the septet that follows the escape.
const GSM7_EXTENSION: ReadonlyMap<string, number> = new Map([
  ['\f', 0x0a], ['^', 0x14], ['{', 0x28], ['}', 0x29], ['\\', 0x2f],
  ['[', 0x3c], ['~', 0x3d], [']', 0x3e], ['|', 0x40], ['€', 0x65],
]);
const GSM7_BASIC_SEPTET: ReadonlyMap<string, number> = new Map(
  [...GSM7_BASIC].map((ch, septet) => [ch, septet] as const).filter(([, septet]) => septet !== GSM7_ESCAPE),
);

/** Septets one character takes in GSM-7 (1 basic, 2 extension), or 0 when it has none. */
function gsm7Septets(ch: string): 0 | 1 | 2 {
  if (GSM7_BASIC_SEPTET.has(ch)) return 1;
  if (GSM7_EXTENSION.has(ch)) return 2;
  return 0;
}

/** 'gsm7' when every character is in the GSM 03.38 basic set or its extension table, else 'ucs2'. */
export function smsEncoding(text: string): SmsEncoding {
  for (const ch of text) if (gsm7Septets(ch) === 0) return 'ucs2';
  return 'gsm7';
}

/**
 * The text cut into indivisible pieces with their size in units: single characters with 1 or 2
 * septets (GSM-7), or code points with 1 or 2 UTF-16 code units (UCS-2; a lone surrogate is one
 * unit and goes as it is).
 */
function pieces(text: string, encoding: SmsEncoding): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (const ch of text) out.push([ch, encoding === 'gsm7' ? gsm7Septets(ch) : ch.length]);
  return out;
}

/** Units (septets or UTF-16 code units) of a text in its encoding. */
function countUnits(text: string, encoding: SmsEncoding): number {
  let units = 0;
  for (const [, n] of pieces(text, encoding)) units += n;
  return units;
}

/** The parts to send: one part when the text fits a single SMS, else greedy parts of the per-part size. */
export function splitSms(text: string): string[] {
  const encoding = smsEncoding(text);
  const singleMax = encoding === 'gsm7' ? SMS_GSM7_SINGLE_MAX : SMS_UCS2_SINGLE_MAX;
  const partMax = encoding === 'gsm7' ? SMS_GSM7_PART_MAX : SMS_UCS2_PART_MAX;
  if (countUnits(text, encoding) <= singleMax) return [text];
  const parts: string[] = [];
  let part = '';
  let units = 0;
  for (const [ch, n] of pieces(text, encoding)) {
    if (units + n > partMax) {
      parts.push(part);
      part = '';
      units = 0;
    }
    part += ch;
    units += n;
  }
  parts.push(part);
  return parts;
}

export interface SmsSegments {
  readonly encoding: SmsEncoding;
  readonly parts: number;
  /** 160 or 70 for a single SMS, 153 or 67 per part of a concatenated one. */
  readonly unitsPerPart: number;
  /** Septets (GSM-7, an extension character counting 2) or UTF-16 code units (UCS-2) of the whole text. */
  readonly units: number;
}

/** The encoding, the number of parts and the units of a text, as the SMSC will bill them. */
export function smsSegments(text: string): SmsSegments {
  const encoding = smsEncoding(text);
  const parts = splitSms(text).length;
  const gsm = encoding === 'gsm7';
  const unitsPerPart = parts === 1
    ? (gsm ? SMS_GSM7_SINGLE_MAX : SMS_UCS2_SINGLE_MAX)
    : (gsm ? SMS_GSM7_PART_MAX : SMS_UCS2_PART_MAX);
  return { encoding, parts, unitsPerPart, units: countUnits(text, encoding) };
}

/**
 * A GSM-7 text as unpacked septets, one per octet (what SMPP carries with data_coding 0), an
 * extension character as the escape and its septet. Throws on a character outside the alphabet:
 * the caller checks smsEncoding first, so that is a programmer error.
 */
export function encodeGsm7(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const basic = GSM7_BASIC_SEPTET.get(ch);
    if (basic !== undefined) { out.push(basic); continue; }
    const ext = GSM7_EXTENSION.get(ch);
    if (ext === undefined) throw new Error('encodeGsm7: a character outside the GSM 03.38 alphabet');
    out.push(GSM7_ESCAPE, ext);
  }
  return Uint8Array.from(out);
}

/** A UCS-2 text as big-endian UTF-16 code units (data_coding 8); a surrogate pair stays as two units. */
export function encodeUcs2(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out[i * 2] = unit >> 8;
    out[i * 2 + 1] = unit & 0xff;
  }
  return out;
}
