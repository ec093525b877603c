// The template language of parents' notices and its renderer. Pure: parses a template's text
// and renders it with parameters; reading files is consumers/notifier/templates.ts. A school's
// administration may edit the templates, so the language runs no code: it inserts values,
// formats them through a fixed set of filters, and shows or repeats parts. Every mistake is
// found when the template is loaded (unknown names, filters, sections, headers), not when a
// notice is sent. The same rules, for the people who edit templates, are in
// consumers/notifier/templates/README.md.
//
//   {name}                 a value: text (a name), a count, or a list of items
//   {name|filter}          a value through a filter; {name|filter:a|b|c} with arguments
//     time                 an instant (ms since the epoch) as «08:12» in the school's zone;
//                          a list of instants as «08:12, 15:40»
//     date, weekday        an instant as «1 декабря», «понедельник»
//     rub                  kopecks as «50 ₽», «50,50 ₽», «1 250 ₽», «−12,50 ₽»
//     plural:обед|обеда|обедов       a count with its noun: «1 обед», «3 обеда», «5 обедов»
//     plural-word:обед|обеда|обедов  the noun alone: «обеда»
//     initials             «Петрова Анна Ивановна» → «Петрова А. И.»
//     gender:вошёл|вошла[|вошёл(-ла)] by sex 'm' | 'f'; the third form (or «вошёл/вошла»)
//                          when the sex is not known
//     choose:school=школа|college=колледж|*=...   by the value of a fixed-choice parameter
//     list                 items as «булочка ×2, чай»
//   {?name}...{/name}      shown when the value is set (non-empty text, non-zero, true, a
//                          non-empty list); {!name}...{/name} when it is not
//   {#name}...{/name}      repeated for each record of a list (purchases, topUps), whose fields
//                          may be used inside
//   {{                     a literal «{» (a lone «}» needs no escape)
//
// An e-mail template starts with «Тема: ...», a push template with «Заголовок: ...», then a
// blank line, then the body; an SMS template is a body only. The file is named
// <type>.<channel>.txt and may use the parameters TEMPLATE_PARAMS lists for its type.
import { TapgateError } from './errors.js';
import { GUARDIAN_RELATIONS, MEAL_PERIODS, SCHOOL_KINDS } from './registry.js';
import {
  formatCount, formatDate, formatItems, formatRub, formatTime, formatWeekday, genderForm, htmlDocument, initials,
  LIST_SEPARATOR, pluralForm, type NotifyItem,
} from './notify-format.js';

export const NOTIFY_TYPES = [
  'entry', 'exit', 'dropoff', 'pickup', 'pickup_refused', 'dropoff_refused', 'buffet', 'hot_meal', 'subsidised_meal', 'top_up', 'low_balance',
  'daily_digest', 'weekly_digest',
] as const;
export type NotifyType = (typeof NOTIFY_TYPES)[number];
export const NOTIFY_CHANNELS = ['email', 'push', 'sms'] as const;
export type NotifyChannel = (typeof NOTIFY_CHANNELS)[number];

/** Digests are long: e-mail only. Every other type goes to every channel. */
export function channelsOf(type: NotifyType): readonly NotifyChannel[] {
  return type === 'daily_digest' || type === 'weekly_digest' ? ['email'] : NOTIFY_CHANNELS;
}

/** The header line a channel's template starts with, or null when it has none (SMS). */
export const HEADER_PREFIX: Readonly<Record<NotifyChannel, string | null>> = {
  email: 'Тема:', push: 'Заголовок:', sms: null,
};

const SEXES = ['m', 'f', ''] as const;
type Kind = 'text' | 'enum' | 'instant' | 'instants' | 'kop' | 'count' | 'flag' | 'items' | 'records';
interface ParamSpec { readonly kind: Kind; readonly values?: readonly string[]; readonly fields?: readonly string[] }

/** Every parameter name and what it holds; one name means one thing in every template. */
export const NOTIFY_PARAM_SPECS: Readonly<Record<string, ParamSpec>> = {
  child: { kind: 'text' }, school: { kind: 'text' }, adult: { kind: 'text' },
  sex: { kind: 'enum', values: SEXES }, adultSex: { kind: 'enum', values: SEXES },
  kind: { kind: 'enum', values: SCHOOL_KINDS }, relation: { kind: 'enum', values: GUARDIAN_RELATIONS },
  period: { kind: 'enum', values: MEAL_PERIODS },
  at: { kind: 'instant' }, day: { kind: 'instant' }, from: { kind: 'instant' }, to: { kind: 'instant' },
  entries: { kind: 'instants' }, exits: { kind: 'instants' },
  amount: { kind: 'kop' }, balance: { kind: 'kop' }, threshold: { kind: 'kop' },
  purchaseTotal: { kind: 'kop' }, topUpTotal: { kind: 'kop' }, spent: { kind: 'kop' },
  purchaseCount: { kind: 'count' }, topUpCount: { kind: 'count' }, meals: { kind: 'count' }, daysPresent: { kind: 'count' },
  late: { kind: 'flag' }, items: { kind: 'items' },
  purchases: { kind: 'records', fields: ['at', 'items', 'amount'] },
  topUps: { kind: 'records', fields: ['at', 'amount'] },
};

const EVENT = ['child', 'sex', 'kind', 'school', 'at', 'late'] as const;
const ADULT = ['adult', 'adultSex'] as const;

/** The parameters each type's templates may use; the notifier passes every one of them. */
export const TEMPLATE_PARAMS: Readonly<Record<NotifyType, readonly string[]>> = {
  entry: EVENT,
  exit: EVENT,
  dropoff: [...EVENT, ...ADULT, 'relation'],
  pickup: [...EVENT, ...ADULT, 'relation'],
  pickup_refused: [...EVENT, ...ADULT],
  dropoff_refused: [...EVENT, ...ADULT],
  buffet: [...EVENT, 'items', 'amount', 'balance'],
  hot_meal: [...EVENT, 'period', 'amount', 'balance'],
  subsidised_meal: [...EVENT, 'period'],
  top_up: [...EVENT, 'amount', 'balance'],
  low_balance: [...EVENT, 'balance', 'threshold'],
  daily_digest: ['child', 'sex', 'kind', 'school', 'day', 'entries', 'exits', 'purchases', 'purchaseCount', 'purchaseTotal',
    'topUps', 'topUpCount', 'topUpTotal', 'meals', 'balance'],
  weekly_digest: ['child', 'sex', 'kind', 'school', 'from', 'to', 'daysPresent', 'meals', 'purchaseCount', 'spent',
    'topUpCount', 'topUpTotal', 'balance'],
};

export type NotifyParamRecord = Readonly<Record<string, NotifyParamValue>>;
export type NotifyParamValue =
  string | number | boolean | null | readonly number[] | readonly NotifyItem[] | readonly NotifyParamRecord[];
export type NotifyParams = Readonly<Record<string, NotifyParamValue>>;
export interface NotifyRenderContext { readonly timeZone: string; readonly mode?: 'text' | 'html' }

/** Which kinds each filter takes, and how many arguments (min, max; max -1: any). */
export const NOTIFY_FILTERS = {
  time: { kinds: ['instant', 'instants'], args: [0, 0] },
  date: { kinds: ['instant'], args: [0, 0] },
  weekday: { kinds: ['instant'], args: [0, 0] },
  rub: { kinds: ['kop'], args: [0, 0] },
  plural: { kinds: ['count'], args: [3, 3] },
  'plural-word': { kinds: ['count'], args: [3, 3] },
  initials: { kinds: ['text'], args: [0, 0] },
  gender: { kinds: ['enum'], args: [2, 3] },
  choose: { kinds: ['enum'], args: [1, -1] },
  list: { kinds: ['items'], args: [0, 0] },
} as const satisfies Record<string, { kinds: readonly Kind[]; args: readonly [number, number] }>;
export type FilterName = keyof typeof NOTIFY_FILTERS;
/** Kinds shown as they are, without a filter. */
const PLAIN_KINDS: readonly Kind[] = ['text', 'count', 'items'];

export type NotifyTemplateNode =
  | { readonly t: 'text'; readonly text: string }
  | { readonly t: 'value'; readonly name: string; readonly filter: FilterName | null; readonly args: readonly string[] }
  | { readonly t: 'section'; readonly op: '?' | '!' | '#'; readonly name: string; readonly body: readonly NotifyTemplateNode[] };

export interface NotifyTemplate {
  readonly file: string;
  readonly type: NotifyType;
  readonly channel: NotifyChannel;
  /** The subject (e-mail) or title (push); null for SMS. */
  readonly subject: readonly NotifyTemplateNode[] | null;
  readonly body: readonly NotifyTemplateNode[];
}

export type NotifyTemplateProblem =
  | 'file_name' | 'header' | 'tag' | 'unknown_param' | 'unknown_filter' | 'filter_kind' | 'filter_args' | 'needs_filter'
  | 'section_open' | 'section_close' | 'not_records'
  /** Found by the loader (consumers/notifier/templates.ts), not by parseTemplate. */
  | 'too_large' | 'encoding';

function invalid(file: string, line: number, problem: NotifyTemplateProblem, what: string, name?: string): TapgateError {
  const details: Record<string, unknown> = { file, line, problem };
  if (name !== undefined) details['name'] = name;
  return new TapgateError('NOTIFY_TEMPLATE_INVALID', `${file}:${line}: ${what}`, { details });
}

const FILE_NAME = /^([a-z_]+)\.([a-z]+)\.txt$/;
const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** The type and channel a template file name stands for, or a NOTIFY_TEMPLATE_INVALID error. */
export function templateFileKey(fileName: string): { type: NotifyType; channel: NotifyChannel } {
  const m = FILE_NAME.exec(fileName);
  const type = m?.[1] as NotifyType | undefined;
  const channel = m?.[2] as NotifyChannel | undefined;
  const fail = (what: string): TapgateError => invalid(fileName, 0, 'file_name', what);
  if (type === undefined || channel === undefined) throw fail('a template file is named <type>.<channel>.txt');
  if (!NOTIFY_TYPES.includes(type)) throw fail(`unknown type ${type} (types: ${NOTIFY_TYPES.join(', ')})`);
  if (!channelsOf(type).includes(channel)) {
    throw fail(`${type} has no channel ${channel} (channels: ${channelsOf(type).join(', ')})`);
  }
  return { type, channel };
}

/** Parses and checks a template; fileName (<type>.<channel>.txt) says which parameters it may use. */
export function parseTemplate(source: string, fileName: string): NotifyTemplate {
  const { type, channel } = templateFileKey(fileName);
  const lines = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  const prefix = HEADER_PREFIX[channel];
  let subject: NotifyTemplateNode[] | null = null;
  let bodyLine = 1;
  if (prefix !== null) {
    const first = lines[0] ?? '';
    if (!first.startsWith(prefix) || first.slice(prefix.length).trim() === '') {
      throw invalid(fileName, 1, 'header', `the first line must be «${prefix} ...» with the text after it`);
    }
    if ((lines[1] ?? '').trim() !== '') throw invalid(fileName, 2, 'header', `a blank line must follow «${prefix} ...»`);
    subject = new Parser(fileName, TEMPLATE_PARAMS[type], first.slice(prefix.length).trim(), 1).parse();
    bodyLine = 3;
  }
  const bodySource = lines.slice(bodyLine - 1).join('\n').replace(/\s+$/, '');
  const body = new Parser(fileName, TEMPLATE_PARAMS[type], bodySource, bodyLine).parse();
  return Object.freeze({ file: fileName, type, channel, subject, body });
}

interface Open {
  readonly op: '?' | '!' | '#'; readonly name: string; readonly line: number; readonly body: NotifyTemplateNode[];
}

/** One pass over a text: tags, sections and the names in scope, with the line of every tag. */
class Parser {
  private line: number;
  private readonly stack: Open[] = [];
  private readonly root: NotifyTemplateNode[] = [];

  constructor(
    private readonly file: string, private readonly params: readonly string[], private readonly src: string, firstLine: number,
  ) {
    this.line = firstLine;
  }

  private fail(problem: NotifyTemplateProblem, what: string, name?: string): TapgateError {
    return invalid(this.file, this.line, problem, what, name);
  }

  parse(): NotifyTemplateNode[] {
    let text = '';
    let i = 0;
    while (i < this.src.length) {
      const c = this.src[i]!;
      if (c !== '{') { if (c === '\n') this.line++; text += c; i++; continue; }
      if (this.src[i + 1] === '{') { text += '{'; i += 2; continue; }
      const end = this.src.indexOf('}', i);
      const nl = this.src.indexOf('\n', i);
      if (end < 0 || (nl >= 0 && nl < end)) throw this.fail('tag', '«{» without «}» on the same line (write {{ for a brace)');
      if (text !== '') this.out().push({ t: 'text', text });
      text = '';
      this.tag(this.src.slice(i + 1, end));
      i = end + 1;
    }
    if (text !== '') this.out().push({ t: 'text', text });
    const open = this.stack.at(-1);
    if (open !== undefined) {
      throw invalid(this.file, open.line, 'section_open', `{${open.op}${open.name}} is not closed by {/${open.name}}`, open.name);
    }
    return this.root;
  }

  private out(): NotifyTemplateNode[] {
    return this.stack.at(-1)?.body ?? this.root;
  }

  private tag(inner: string): void {
    const op = inner[0];
    if (op === '?' || op === '!' || op === '#') {
      const name = this.known(inner.slice(1), inner);
      if (op === '#' && NOTIFY_PARAM_SPECS[name]?.kind !== 'records') {
        throw this.fail('not_records', `{#${name}} repeats only a list of records (purchases, topUps)`, name);
      }
      this.stack.push({ op, name, line: this.line, body: [] });
      return;
    }
    if (op === '/') return this.close(inner.slice(1));
    const bar = inner.indexOf('|');
    const name = this.known(bar < 0 ? inner : inner.slice(0, bar), inner);
    const spec = NOTIFY_PARAM_SPECS[name]!;
    if (bar < 0) {
      if (!PLAIN_KINDS.includes(spec.kind)) {
        throw this.fail('needs_filter', `{${name}} needs a filter (${filtersFor(spec.kind)})`, name);
      }
      this.out().push({ t: 'value', name, filter: null, args: [] });
      return;
    }
    const filterText = inner.slice(bar + 1);
    const colon = filterText.indexOf(':');
    const filter = (colon < 0 ? filterText : filterText.slice(0, colon)).trim();
    const args = colon < 0 ? [] : filterText.slice(colon + 1).split('|');
    this.out().push({ t: 'value', name, filter: this.filter(name, spec, filter, args, inner), args });
  }

  private close(raw: string): void {
    const name = raw.trim();
    const open = this.stack.pop();
    if (open === undefined) throw this.fail('section_close', `{/${name}} closes no section`, name);
    if (open.name !== name) {
      throw this.fail('section_close', `{/${name}} cannot close {${open.op}${open.name}} opened on line ${open.line}`, name);
    }
    this.out().push({ t: 'section', op: open.op, name, body: open.body });
  }

  /** A name in scope: the type's parameters and the fields of the records being repeated. */
  private known(raw: string, inner: string): string {
    const name = raw.trim();
    if (!NAME.test(name)) throw this.fail('tag', `{${inner}} is not a placeholder (a name is letters and digits)`);
    const fields = this.stack.filter((o) => o.op === '#').flatMap((o) => NOTIFY_PARAM_SPECS[o.name]?.fields ?? []);
    if (!this.params.includes(name) && !fields.includes(name)) {
      const known = [...this.params, ...fields].join(', ');
      throw this.fail('unknown_param', `unknown placeholder {${name}} (known: ${known})`, name);
    }
    return name;
  }

  private filter(name: string, spec: ParamSpec, raw: string, args: readonly string[], inner: string): FilterName {
    if (!Object.hasOwn(NOTIFY_FILTERS, raw)) {
      const all = Object.keys(NOTIFY_FILTERS).join(', ');
      throw this.fail('unknown_filter', `unknown filter «${raw}» in {${inner}} (filters: ${all})`, name);
    }
    const filter = raw as FilterName;
    const { kinds, args: [min, max] } = NOTIFY_FILTERS[filter];
    if (!(kinds as readonly Kind[]).includes(spec.kind) || (filter === 'gender' && spec.values !== SEXES)) {
      throw this.fail('filter_kind', `filter ${filter} does not apply to {${name}} (use ${filtersFor(spec.kind)})`, name);
    }
    const bad = (what: string) => this.fail('filter_args', `{${inner}}: ${what}`, name);
    if (args.length < min || (max >= 0 && args.length > max)) {
      throw bad(min === max
        ? `${filter} takes ${min} forms separated by |, got ${args.length}`
        : `${filter} takes ${min} to ${max < 0 ? 'any' : max} forms, got ${args.length}`);
    }
    const plural = filter === 'plural' || filter === 'plural-word';
    if (plural && args.some((a) => a.trim() === '')) throw bad('a plural form is empty');
    if (filter === 'choose') this.checkChoices(spec, args, bad);
    return filter;
  }

  private checkChoices(spec: ParamSpec, args: readonly string[], bad: (what: string) => TapgateError): void {
    const values = spec.values ?? [];
    const keys = args.map((a) => a.slice(0, a.indexOf('=')).trim());
    args.forEach((a, k) => {
      if (!a.includes('=')) throw bad(`choose takes value=text pairs, got «${a}»`);
      if (keys[k] !== '*' && !values.includes(keys[k]!)) {
        throw bad(`«${keys[k]!}» is not one of ${values.filter((v) => v !== '').join(', ')}`);
      }
    });
    const missing = values.filter((v) => !keys.includes(v));
    if (!keys.includes('*') && missing.length > 0) {
      const names = missing.map((v) => (v === '' ? '(not known)' : v)).join(', ');
      throw bad(`no text for ${names}: add them or *=text for the rest`);
    }
  }
}

function filtersFor(kind: Kind): string {
  const names = (Object.keys(NOTIFY_FILTERS) as FilterName[])
    .filter((f) => (NOTIFY_FILTERS[f].kinds as readonly Kind[]).includes(kind));
  return names.length === 0 ? 'no filter' : names.join(', ');
}

/** A rendered notice: the subject or title ('' for SMS), the text, and for HTML mode the HTML document. */
export interface RenderedNotice { readonly subject: string; readonly text: string; readonly html?: string }

/**
 * Renders a template. A parameter of the wrong shape is the notifier's bug, not the template's:
 * it fails an assertion naming the parameter (never its value, which may be personal data).
 */
export function renderTemplate(template: NotifyTemplate, params: NotifyParams, ctx: NotifyRenderContext): RenderedNotice {
  const subject = template.subject === null ? ''
    : renderNodes(template.subject, [params], ctx).replace(/\s+/g, ' ').trim();
  const text = tidy(renderNodes(template.body, [params], ctx));
  return ctx.mode === 'html' ? { subject, text, html: htmlDocument(subject, text) } : { subject, text };
}

/** Trailing spaces cut, at most one blank line in a row (a hidden section leaves none behind). */
function tidy(text: string): string {
  return text.replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').trim();
}

function renderNodes(
  nodes: readonly NotifyTemplateNode[], scopes: readonly NotifyParamRecord[], ctx: NotifyRenderContext,
): string {
  let out = '';
  for (const node of nodes) {
    if (node.t === 'text') out += node.text;
    else if (node.t === 'value') out += renderValue(node.name, lookup(scopes, node.name), node.filter, node.args, ctx);
    else if (node.op === '#') {
      const records = lookup(scopes, node.name);
      if (!Array.isArray(records)) throw new Error(`notify param ${node.name}: expected a list of records`);
      for (const r of records as readonly NotifyParamRecord[]) out += renderNodes(node.body, [...scopes, r], ctx);
    } else if (isSet(lookup(scopes, node.name)) === (node.op === '?')) out += renderNodes(node.body, scopes, ctx);
  }
  return out;
}

function lookup(scopes: readonly NotifyParamRecord[], name: string): NotifyParamValue {
  for (let k = scopes.length - 1; k >= 0; k--) {
    const v = scopes[k]![name];
    if (v !== undefined) return v;
  }
  throw new Error(`notify param ${name}: missing`);
}

function isSet(v: NotifyParamValue): boolean {
  return Array.isArray(v) ? v.length > 0 : Boolean(v);
}

function renderValue(
  name: string, v: NotifyParamValue, filter: FilterName | null, args: readonly string[], ctx: NotifyRenderContext,
): string {
  if (v === null) return '';
  const expect = (ok: boolean, what: string): void => {
    if (!ok) throw new Error(`notify param ${name}: expected ${what}`);
  };
  switch (filter) {
    case null:
      if (Array.isArray(v)) return formatItems(v as readonly NotifyItem[]);
      expect(typeof v === 'string' || typeof v === 'number', 'text or a number');
      return typeof v === 'number' ? formatCount(v) : String(v);
    case 'time':
      if (Array.isArray(v)) {
        return (v as readonly number[]).map((ms) => formatTime(ms, ctx.timeZone)).join(LIST_SEPARATOR);
      }
      expect(typeof v === 'number', 'ms since the epoch');
      return formatTime(v as number, ctx.timeZone);
    case 'date': case 'weekday':
      expect(typeof v === 'number', 'ms since the epoch');
      return filter === 'date' ? formatDate(v as number, ctx.timeZone) : formatWeekday(v as number, ctx.timeZone);
    case 'rub': expect(typeof v === 'number', 'kopecks'); return formatRub(v as number);
    case 'plural': case 'plural-word': {
      expect(typeof v === 'number', 'a count');
      const word = pluralForm(v as number, [args[0]!, args[1]!, args[2]!]);
      return filter === 'plural' ? `${formatCount(v as number)} ${word}` : word;
    }
    case 'initials': expect(typeof v === 'string', 'text'); return initials(v as string);
    case 'gender': expect(typeof v === 'string', "'m', 'f' or ''"); return genderForm(v as string, args);
    case 'choose': {
      expect(typeof v === 'string', 'one of its values');
      const key = (a: string): string => a.slice(0, a.indexOf('=')).trim();
      const pick = args.find((a) => key(a) === v) ?? args.find((a) => key(a) === '*');
      return pick === undefined ? '' : pick.slice(pick.indexOf('=') + 1);
    }
    case 'list': expect(Array.isArray(v), 'a list of items'); return formatItems(v as readonly NotifyItem[]);
  }
}
