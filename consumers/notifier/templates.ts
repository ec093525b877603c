// Loads the notice templates from disk once, at the notifier's start: the built-in Russian set
// (consumers/notifier/templates/ru, shipped with the source) and, when configured, a school
// administration's folder whose files replace built-in ones of the same name. Every template is
// parsed and checked here (core/notify-text.ts), and a missing or broken one stops the start
// with a message naming the file: a notifier must never find out at send time that it cannot
// say something.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  channelsOf, NOTIFY_TYPES, parseTemplate, renderTemplate, TapgateError,
  type NotifyChannel, type NotifyParams, type NotifyTemplate, type NotifyType, type RenderedNotice,
} from '../../core/index.js';

/** Largest template file read, in bytes: a notice template is a few lines, not a document. */
export const TEMPLATE_FILE_BYTES_MAX = 16 * 1024;
/** Where the built-in templates live, relative to the project root (the folder with package.json). */
export const BUILT_IN_TEMPLATE_PATH = ['consumers', 'notifier', 'templates', 'ru'] as const;

export type TemplateOrigin = 'built-in' | 'override';

export interface TemplateSet {
  /**
   * Renders one notice. E-mail gets an HTML alternative unless ctx.mode is 'text'; push and
   * SMS are text only. The subject is the e-mail subject or push title, '' for SMS.
   */
  render(type: NotifyType, channel: NotifyChannel, params: NotifyParams,
    ctx: { readonly timeZone: string; readonly mode?: 'text' | 'html' }): RenderedNotice;
  /** Where each template came from, by file name: for the start-up log line (names only). */
  readonly origins: ReadonlyMap<string, TemplateOrigin>;
}

/**
 * The project root: the nearest folder up from this module that holds package.json. The same
 * walk works from the source (tap runs the .ts files) and from dist/, which gets no copy of the
 * templates: both lead to the one folder in the source tree.
 */
export function projectRoot(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${fileURLToPath(from)}`);
    dir = up;
  }
}

/** The folder of the built-in templates. */
export function templateDir(): string {
  return join(projectRoot(), ...BUILT_IN_TEMPLATE_PATH);
}

/** The template file name of a type and channel: entry.sms.txt. */
export function templateFileName(type: NotifyType, channel: NotifyChannel): string {
  return `${type}.${channel}.txt`;
}

/** Reads, checks and keeps every template; fails with NOTIFY_TEMPLATE_INVALID or _MISSING. */
export function loadTemplates(dirs: { readonly builtIn: string; readonly override?: string | null }): TemplateSet {
  const templates = new Map<string, NotifyTemplate>();
  const origins = new Map<string, TemplateOrigin>();
  const sources: Array<[string, TemplateOrigin]> = [[dirs.builtIn, 'built-in']];
  const override = dirs.override ?? '';
  if (override !== '') sources.push([override, 'override']);
  for (const [dir, origin] of sources) {
    for (const file of templateFiles(dir)) {
      templates.set(file, readTemplate(dir, file));
      origins.set(file, origin);
    }
  }
  const missing = NOTIFY_TYPES.flatMap((type) => channelsOf(type).map((channel) => templateFileName(type, channel)))
    .filter((file) => !templates.has(file));
  if (missing.length > 0) {
    throw new TapgateError('NOTIFY_TEMPLATE_MISSING', `notice templates missing from ${dirs.builtIn}: ${missing.join(', ')}`,
      { details: { dir: dirs.builtIn, file: missing[0] } });
  }
  return {
    origins,
    render(type, channel, params, ctx) {
      const template = templates.get(templateFileName(type, channel));
      if (template === undefined) throw new Error(`no template for ${type} on ${channel}: ${type} is not sent there`);
      const mode = channel === 'email' ? (ctx.mode ?? 'html') : 'text';
      return renderTemplate(template, params, { timeZone: ctx.timeZone, mode });
    },
  };
}

/** The .txt files of a folder; other files (README.md) are documentation, not templates. */
function templateFiles(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new TapgateError('NOTIFY_TEMPLATE_MISSING', `notice template folder ${dir} does not exist`, { details: { dir } });
  }
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.txt')).map((e) => e.name).sort();
}

function readTemplate(dir: string, file: string): NotifyTemplate {
  const path = join(dir, file);
  const size = statSync(path).size;
  if (size > TEMPLATE_FILE_BYTES_MAX) {
    const what = `${size} bytes, more than the ${TEMPLATE_FILE_BYTES_MAX} a template may have`;
    throw new TapgateError('NOTIFY_TEMPLATE_INVALID', `${path}: ${what}`,
      { details: { dir, file, line: 0, problem: 'too_large' } });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path));
  } catch {
    throw new TapgateError('NOTIFY_TEMPLATE_INVALID', `${path}: not UTF-8 text (save the file as UTF-8)`,
      { details: { dir, file, line: 0, problem: 'encoding' } });
  }
  try {
    return parseTemplate(text, file);
  } catch (err) {
    // The core names the file; the folder tells an override apart from the built-in one.
    if (!(err instanceof TapgateError)) throw err;
    throw new TapgateError(err.code, join(dir, err.message), { cause: err, details: { ...err.details, dir } });
  }
}
