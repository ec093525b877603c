// Notifier configuration, read once from the environment, validated, frozen. A bad value stops
// the start with a message naming the variable and its bounds (docs/notifications.md lists them).
import { DATABASE_PATTERN } from '../clickhouse-sink/config.js';
import {
  HOST_PATTERN, LOG_LEVELS, LOG_LEVELS_WHAT, intVar, natsAuthVars, natsUrlsVar, strVar, urlVar, type Env, type NatsAuth,
} from '../../lib/index.js';

/** Most partitions of recipients; the count is fixed for a deployment (docs/notifications.md). */
export const PARTITIONS_MAX = 256;
const ANY = /^.{0,1024}$/s;

export interface NotifierConfig {
  readonly natsUrl: string;
  readonly natsAuth: NatsAuth | null;
  readonly clickhouseUrl: string;
  readonly database: string;
  readonly partitions: number;
  readonly inFlightPerChannel: number;
  readonly host: string;
  readonly opsPort: number;
  readonly shutdownGraceMs: number;
  readonly logLevel: string;
  /** '' turns a channel off (its notices are skipped with NO_PROVIDER). */
  readonly smtpUrl: string;
  readonly mailFrom: string;
  readonly smppUrl: string;
  readonly smppPasswordFile: string;
  readonly smsSource: string;
  readonly vapidFile: string;
  readonly vapidSubject: string;
  /** An extra CA (PEM file) trusted for push services: the local push service in development. */
  readonly pushCaFile: string;
  readonly templatesDir: string;
  /** The local hour (school's zone) daily and weekly digests are planned at. */
  readonly digestHour: number;
  /** How often due digests are looked for, in ms. */
  readonly digestCheckMs: number;
  readonly sendTimeoutMs: number;
}

export function loadNotifierConfig(env: Env = process.env): NotifierConfig {
  return Object.freeze({
    natsUrl: natsUrlsVar(env, 'TAPGATE_NATS_URL', 'nats://127.0.0.1:14222'),
    natsAuth: natsAuthVars(env),
    clickhouseUrl: urlVar(env, 'TAPGATE_CLICKHOUSE_URL', 'http://127.0.0.1:18123', ['http:', 'https:']),
    database: strVar(env, 'TAPGATE_CLICKHOUSE_DATABASE', 'tapgate', DATABASE_PATTERN, 'a database name of [A-Za-z0-9_], 1..64 characters'),
    partitions: intVar(env, 'TAPGATE_NOTIFY_PARTITIONS', 8, 1, PARTITIONS_MAX),
    inFlightPerChannel: intVar(env, 'TAPGATE_NOTIFY_IN_FLIGHT_PER_CHANNEL', 64, 1, 10_000),
    host: strVar(env, 'TAPGATE_HOST', '127.0.0.1', HOST_PATTERN, 'a host name or IP address'),
    opsPort: intVar(env, 'TAPGATE_NOTIFY_OPS_PORT', 7404, 0, 65535),
    shutdownGraceMs: intVar(env, 'TAPGATE_NOTIFY_SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    logLevel: strVar(env, 'TAPGATE_LOG_LEVEL', 'info', LOG_LEVELS, LOG_LEVELS_WHAT),
    smtpUrl: strVar(env, 'TAPGATE_SMTP_URL', '', /^(|smtps?:\/\/[^\s]+)$/, 'smtp://host:port or smtps://host:port, or empty for no e-mail'),
    mailFrom: strVar(env, 'TAPGATE_MAIL_FROM', 'tapgate <noreply@tapgate.local>', ANY, 'a From address'),
    smppUrl: strVar(env, 'TAPGATE_SMPP_URL', '', /^(|smpp:\/\/[^\s]+)$/, 'smpp://system_id@host:port, or empty for no SMS'),
    smppPasswordFile: strVar(env, 'TAPGATE_SMPP_PASSWORD_FILE', '', ANY, 'a file holding the SMPP password'),
    smsSource: strVar(env, 'TAPGATE_SMS_SOURCE', 'tapgate', /^[A-Za-z0-9+ ]{1,15}$/, 'a sender name or number of 1..15 characters'),
    vapidFile: strVar(env, 'TAPGATE_VAPID_FILE', '', ANY, 'a file for the VAPID key pair (created on first start), or empty for no Web Push'),
    vapidSubject: strVar(env, 'TAPGATE_VAPID_SUBJECT', 'mailto:ops@tapgate.local', /^(mailto:|https:\/\/)\S+$/, 'a mailto: or https: URL'),
    pushCaFile: strVar(env, 'TAPGATE_PUSH_CA_FILE', '', ANY, 'a PEM file of an extra trusted CA'),
    templatesDir: strVar(env, 'TAPGATE_NOTIFY_TEMPLATES_DIR', '', ANY, 'a folder of template files that replace the built-in ones'),
    digestHour: intVar(env, 'TAPGATE_NOTIFY_DIGEST_HOUR', 19, 0, 23),
    digestCheckMs: intVar(env, 'TAPGATE_NOTIFY_DIGEST_CHECK_MS', 60_000, 100, 3_600_000),
    sendTimeoutMs: intVar(env, 'TAPGATE_NOTIFY_SEND_TIMEOUT_MS', 10_000, 100, 120_000),
  });
}
