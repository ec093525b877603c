// The built-in notice templates and their loader (consumers/notifier/templates.ts): every
// template loads and renders for every type and channel it serves with typical values, an
// override folder replaces exactly the files it holds, a broken or missing template stops the
// load naming the file, and the SMS texts fit one 70-character segment where they must.
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { channelsOf, NOTIFY_TYPES, TEMPLATE_PARAMS, type NotifyParams, type NotifyType } from '../../../core/index.js';
import { loadTemplates, templateDir, templateFileName } from '../../../consumers/index.js';

/** One UCS-2 SMS segment, in UTF-16 code units: Cyrillic text is never GSM 7-bit. */
const SMS_SEGMENT_CHARS = 70;
/** The SMS templates that must fit one segment with typical values; the rest are logged. */
const ONE_SEGMENT: readonly NotifyType[] = ['entry', 'exit', 'top_up', 'low_balance', 'pickup'];

const AT = Date.UTC(2025, 11, 1, 5, 12); // Monday 1 December 2025, 08:12 in Moscow
const HOUR_MS = 3_600_000;
const EVENT = { child: 'Маша', sex: 'f', kind: 'school', school: 'Школа № 5', at: AT, late: false };
const ADULT = { adult: 'Иванова Анна Ивановна', adultSex: 'f' };
const TWO_ITEMS = [{ name: 'булочка', qty: 1 }, { name: 'чай', qty: 1 }];

/** Typical values of every type, as the notifier will pass them. */
const TYPICAL: Readonly<Record<NotifyType, NotifyParams>> = {
  entry: EVENT,
  exit: { ...EVENT, at: AT + 7 * HOUR_MS },
  dropoff: { ...EVENT, kind: 'kindergarten', ...ADULT, relation: 'parent' },
  pickup: { ...EVENT, kind: 'kindergarten', at: AT + 9 * HOUR_MS, ...ADULT, relation: 'trusted' },
  pickup_refused: { ...EVENT, kind: 'kindergarten', at: AT + 9 * HOUR_MS, adult: 'Петров Иван Сергеевич', adultSex: 'm' },
  dropoff_refused: { ...EVENT, kind: 'kindergarten', adult: 'Петров Иван Сергеевич', adultSex: 'm' },
  buffet: { ...EVENT, items: TWO_ITEMS, amount: 5_000, balance: 31_200 },
  hot_meal: { ...EVENT, period: 'lunch', amount: 8_500, balance: 22_700 },
  subsidised_meal: { ...EVENT, period: 'breakfast' },
  top_up: { ...EVENT, amount: 50_000, balance: 81_200 },
  low_balance: { ...EVENT, balance: 4_550, threshold: 10_000 },
  daily_digest: {
    child: 'Маша', sex: 'f', kind: 'school', school: 'Школа № 5', day: AT,
    entries: [AT], exits: [AT + 7 * HOUR_MS],
    purchases: [{ at: AT + 3 * HOUR_MS, items: TWO_ITEMS, amount: 5_000 }, { at: AT + 5 * HOUR_MS, items: [{ name: 'сок', qty: 2 }], amount: 12_000 }],
    purchaseCount: 2, purchaseTotal: 17_000, topUps: [{ at: AT - HOUR_MS, amount: 50_000 }], topUpCount: 1, topUpTotal: 50_000,
    meals: 1, balance: 31_200,
  },
  weekly_digest: {
    child: 'Маша', sex: 'f', kind: 'school', school: 'Школа № 5', from: AT, to: AT + 4 * 86_400_000, daysPresent: 5, meals: 5,
    purchaseCount: 3, spent: 25_000, topUpCount: 1, topUpTotal: 50_000, balance: 31_200,
  },
};

const MSK = { timeZone: 'Europe/Moscow' } as const;
const builtIn = templateDir();

t.test('notifier templates - the built-in set loads, every file is a template it needs', async (t) => {
  const set = loadTemplates({ builtIn });
  const needed = NOTIFY_TYPES.flatMap((type) => channelsOf(type).map((c) => templateFileName(type, c))).sort();
  t.same([...set.origins.keys()].sort(), needed, 'one file per type and channel, no stray file');
  t.ok([...set.origins.values()].every((o) => o === 'built-in'));
  t.same(readdirSync(builtIn).filter((f) => f.endsWith('.txt')).sort(), needed, 'the folder holds exactly those');
  for (const type of NOTIFY_TYPES) {
    t.same(Object.keys(TYPICAL[type]).sort(), [...TEMPLATE_PARAMS[type]].sort(), `the typical ${type} values are its declared params`);
  }
});

t.test('notifier templates - every type and channel renders with typical values', async (t) => {
  const set = loadTemplates({ builtIn });
  for (const type of NOTIFY_TYPES) {
    for (const channel of channelsOf(type)) {
      for (const late of [false, true]) {
        const out = set.render(type, channel, { ...TYPICAL[type], ...(type.endsWith('digest') ? {} : { late }) }, MSK);
        const what = `${type}.${channel}${late ? ' late' : ''}`;
        t.ok(out.text.length > 0, `${what} has a text`);
        t.notMatch(out.text, /[{}]|undefined|NaN|null/, `${what} has no leftovers`);
        t.equal(out.subject === '', channel === 'sms', `${what}: a subject exactly when not SMS`);
        t.equal(out.html !== undefined, channel === 'email', `${what}: HTML exactly for e-mail`);
        if (late && !type.endsWith('digest')) t.match(out.text, 'с опозданием', `${what} says it is late`);
      }
    }
  }
});

t.test('notifier templates - exact texts of the examples', async (t) => {
  const set = loadTemplates({ builtIn });
  t.equal(set.render('entry', 'sms', TYPICAL.entry, MSK).text, 'Маша вошла в школу в 08:12');
  t.equal(set.render('entry', 'sms', { ...TYPICAL.entry, sex: 'm', child: 'Петя', kind: 'college' }, MSK).text, 'Петя вошёл в колледж в 08:12');
  t.equal(set.render('entry', 'sms', { ...TYPICAL.entry, sex: '' }, { timeZone: 'Asia/Yekaterinburg' }).text, 'Маша вошёл(-ла) в школу в 10:12');
  t.equal(set.render('exit', 'sms', TYPICAL.exit, MSK).text, 'Маша вышла из школы в 15:12');
  t.equal(set.render('buffet', 'sms', TYPICAL.buffet, MSK).text, 'Маша, буфет: булочка, чай — 50\u00a0₽. Остаток 312\u00a0₽');
  t.equal(set.render('buffet', 'sms', { ...TYPICAL.buffet, late: true }, MSK).text,
    'Маша, буфет: булочка, чай — 50\u00a0₽. Остаток 312\u00a0₽ (с опозданием: событие в 08:12)');
  t.equal(set.render('pickup', 'push', TYPICAL.pickup, MSK).text,
    'Маша ушла из детского сада в 17:12. Забрала: Иванова А. И. (доверенное лицо).');
  const digest = set.render('daily_digest', 'email', TYPICAL.daily_digest, MSK);
  t.equal(digest.subject, 'Маша: итоги дня, 1 декабря');
  t.match(digest.text, 'Покупки: 2 покупки на 170\u00a0₽.\n11:12 — булочка, чай — 50\u00a0₽\n13:12 — сок ×2 — 120\u00a0₽');
  t.match(set.render('weekly_digest', 'email', TYPICAL.weekly_digest, MSK).text, 'Маша была в школе 5 дней.');
  t.equal(set.render('entry', 'email', TYPICAL.entry, { ...MSK, mode: 'text' }).html, undefined, 'mode text: no HTML');
});

t.test('notifier templates - SMS texts fit one segment where they must', async (t) => {
  const set = loadTemplates({ builtIn });
  for (const type of NOTIFY_TYPES.filter((ty) => channelsOf(ty).includes('sms'))) {
    const text = set.render(type, 'sms', TYPICAL[type], MSK).text;
    t.comment(`${type}.sms: ${text.length} chars`);
    if (ONE_SEGMENT.includes(type)) t.ok(text.length <= SMS_SEGMENT_CHARS, `${type}.sms is ${text.length} <= ${SMS_SEGMENT_CHARS}`);
  }
});

t.test('notifier templates - an override file replaces the built-in one of its name, the rest stay', async (t) => {
  const override = t.testdir({ 'entry.sms.txt': '{child}: вход {at|time}\n', 'README.md': 'not a template {' });
  const set = loadTemplates({ builtIn, override });
  t.equal(set.render('entry', 'sms', TYPICAL.entry, MSK).text, 'Маша: вход 08:12');
  t.equal(set.render('exit', 'sms', TYPICAL.exit, MSK).text, 'Маша вышла из школы в 15:12', 'exit is still built-in');
  t.equal(set.origins.get('entry.sms.txt'), 'override');
  t.equal(set.origins.get('exit.sms.txt'), 'built-in');
  t.equal(loadTemplates({ builtIn, override: null }).render('entry', 'sms', TYPICAL.entry, MSK).text, 'Маша вошла в школу в 08:12');
});

t.test('notifier templates - a broken, stray or missing template stops the load naming the file', async (t) => {
  const broken = t.testdir({ 'buffet.push.txt': 'Заголовок: {child}\n\n{items|list} {balanse|rub}\n' });
  t.throws(() => loadTemplates({ builtIn, override: broken }), {
    code: 'NOTIFY_TEMPLATE_INVALID',
    message: `${join(broken, 'buffet.push.txt')}:3: unknown placeholder {balanse} (known: ${TEMPLATE_PARAMS.buffet.join(', ')})`,
    details: { dir: broken, file: 'buffet.push.txt', line: 3, problem: 'unknown_param', name: 'balanse' },
  });
  const stray = t.testdir({ 'entry.fax.txt': 'x' });
  t.throws(() => loadTemplates({ builtIn, override: stray }), {
    code: 'NOTIFY_TEMPLATE_INVALID', message: `${join(stray, 'entry.fax.txt')}:0: entry has no channel fax (channels: email, push, sms)`,
  });
  const latin1 = t.testdir({ 'entry.sms.txt': Buffer.from([0x4d, 0xe0, 0x0a]) });
  t.throws(() => loadTemplates({ builtIn, override: latin1 }), {
    code: 'NOTIFY_TEMPLATE_INVALID', message: `${join(latin1, 'entry.sms.txt')}: not UTF-8 text (save the file as UTF-8)`,
  });
  const big = t.testdir({ 'entry.sms.txt': 'я'.repeat(10_000) });
  t.throws(() => loadTemplates({ builtIn, override: big }), {
    code: 'NOTIFY_TEMPLATE_INVALID', message: `${join(big, 'entry.sms.txt')}: 20000 bytes, more than the 16384 a template may have`,
  });
  const partial = t.testdir({});
  for (const f of readdirSync(builtIn).filter((n) => n.endsWith('.txt') && n !== 'top_up.sms.txt' && n !== 'low_balance.push.txt')) {
    copyFileSync(join(builtIn, f), join(partial, f));
  }
  t.throws(() => loadTemplates({ builtIn: partial }), {
    code: 'NOTIFY_TEMPLATE_MISSING', message: `notice templates missing from ${partial}: top_up.sms.txt, low_balance.push.txt`,
    details: { dir: partial, file: 'top_up.sms.txt' },
  });
  const nowhere = join(partial, 'no-such-folder');
  t.throws(() => loadTemplates({ builtIn, override: nowhere }), {
    code: 'NOTIFY_TEMPLATE_MISSING', message: `notice template folder ${nowhere} does not exist`, details: { dir: nowhere },
  });
});

t.test('notifier templates - the built-in folder is found from the project root', async (t) => {
  t.match(builtIn, /consumers\/notifier\/templates\/ru$/);
  t.ok(readdirSync(builtIn).includes('entry.sms.txt'));
});
