// Building blocks of the API's JSON Schemas (TypeBox: each definition is the JSON Schema and,
// through Static<>, the TypeScript type). Objects are closed: an unknown field is an error.
import { Type, type TProperties, type ObjectOptions } from '@sinclair/typebox';
import {
  ACCOUNT_NUMBER_PATTERN, CARD_UID_BYTES_MAX, CARD_UID_BYTES_MIN, CATEGORY_PATTERN, CLOCK_TIME_PATTERN, DAILY_LIMIT_KOP_MAX, EMAIL_PATTERN, ID_PATTERN,
  NAME_CHARS_MAX, PHONE_PATTERN,
} from '../core/index.js';

export const Id = Type.String({ pattern: ID_PATTERN.source, maxLength: 64, description: 'an opaque id' });
/** What every human text field says of itself; core/text.ts checks it (docs/api.md, "Text and dates"). */
const HUMAN = 'human text: stored NFC, trimmed, inner white space as one space; no control, format (bidi, zero-width), '
  + 'line-separator, private-use or lone surrogate characters; not empty';
export const Name = Type.String({ minLength: 1, maxLength: NAME_CHARS_MAX, description: `${HUMAN}; at most ${NAME_CHARS_MAX} characters` });
export const Text = Type.String({ minLength: 1, maxLength: 200, description: `${HUMAN}; at most 200 characters` });
export const ClassName = Type.String({ maxLength: 16,
  description: 'a grade 0 to 11 with 1 or 2 Cyrillic letters or "-" and a number: 5А, 11-Б, 10-2; stored as 5А, 11Б, 10-2 (Latin look-alikes read as Cyrillic); "" for none' });
export const Phone = Type.String({ pattern: PHONE_PATTERN.source, description: 'E.164 mobile number, e.g. +79161234567' });
export const Email = Type.String({ pattern: EMAIL_PATTERN.source, maxLength: 254, description: 'an e-mail address, name@example.ru' });
const ClockTime = Type.String({ pattern: CLOCK_TIME_PATTERN.source, description: 'a local time of day HH:MM' });
export const QuietHoursBody = Obj({ from: ClockTime, to: ClockTime }, { description: 'local hours (school\'s zone) in which purchase, top-up and balance notices wait; from later than to spans midnight' });
export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'a calendar date YYYY-MM-DD: month 01-12, a day of that month, year 1900-2199' });
export const Category = Type.String({ pattern: CATEGORY_PATTERN.source });
export const Kop = Type.Integer({ minimum: 0, maximum: DAILY_LIMIT_KOP_MAX });
export const AccountNumber = Type.String({ pattern: ACCOUNT_NUMBER_PATTERN.source });
export const UidHex = Type.String({ pattern: `^([0-9a-fA-F]{2}){${CARD_UID_BYTES_MIN},${CARD_UID_BYTES_MAX}}$`, description: `card UID, ${CARD_UID_BYTES_MIN} to ${CARD_UID_BYTES_MAX} bytes as hex` });

export function Obj<T extends TProperties>(props: T, opts: ObjectOptions = {}) {
  return Type.Object(props, { additionalProperties: false, ...opts });
}

export const Problem = Obj({ path: Type.String(), message: Type.String() });
export const ErrorBody = Obj({
  error: Obj({ code: Type.String(), message: Type.String(), details: Type.Record(Type.String(), Type.Unknown()) }),
}, { $id: 'Error' });
export const DateRange = Obj({ from: IsoDate, to: IsoDate });
export const Page = Obj({ limit: Type.Optional(Type.String({ pattern: '^[1-9]\\d{0,3}$' })), after: Type.Optional(Id) });
