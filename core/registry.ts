// The registry's record types and their constants: schools, devices, persons, guardians and
// what links them, cards, accounts, benefits, the canteen's catalogue, and the KV keys they live
// under. Pure. Validation is core/registry-parse.ts; the in-memory index the gateway and every
// worker keep is core/registry-index.ts, fed by the NATS KV watcher in lib/.
//
// KV keys are `<kind>.<id>` (school.s1, device.d1, person.p1, identifier.i1): ids only, never
// a card UID or a name, because KV keys travel as NATS subjects.

export const SCHOOL_KINDS = ['school', 'kindergarten', 'college'] as const;
export const DEVICE_KINDS = ['turnstile', 'pos'] as const;
export const PERSON_KINDS = ['pupil', 'staff'] as const;
export const IDENTIFIER_KINDS = ['social_card', 'fob', 'bracelet', 'watch', 'temporary'] as const;
export const IDENTIFIER_STATUSES = ['active', 'blocked'] as const;
export const RECORD_KINDS = ['school', 'device', 'person', 'identifier', 'account', 'benefit',
  'guardian', 'guardianship', 'invitation', 'preferences', 'category', 'product', 'push_subscription'] as const;
/**
 * What a guardianship lets a guardian see or do for a child. Parents get all; trusted persons what
 * they were granted. `pickup` lets a trusted person bring and collect the child at a turnstile
 * (the kindergarten hand-over, docs/adr/0015); a parent may always.
 */
export const GRANT_SCOPES = ['passes', 'purchases', 'balance', 'pickup'] as const;
export type GrantScope = (typeof GRANT_SCOPES)[number];
export const GUARDIAN_RELATIONS = ['parent', 'trusted'] as const;
export const INVITATION_STATUSES = ['pending', 'accepted', 'revoked'] as const;
/** Notification event types a guardian may subscribe to. */
export const NOTIFICATION_EVENTS = ['entry_exit', 'buffet', 'hot_meal', 'subsidised_meal', 'top_up', 'low_balance', 'daily_digest', 'weekly_digest'] as const;
export const NOTIFICATION_CHANNELS = ['push', 'email', 'sms'] as const;
/** Digests go by e-mail only. */
export const DIGEST_EVENTS: readonly NotificationEvent[] = ['daily_digest', 'weekly_digest'];
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
/** A mobile phone number in E.164: '+', country code, 8 to 15 digits in all. */
export const PHONE_PATTERN = /^\+[1-9]\d{7,14}$/;
export const MEAL_PERIODS = ['breakfast', 'lunch', 'afternoon'] as const;
export type MealPeriod = (typeof MEAL_PERIODS)[number];

export type SchoolKind = (typeof SCHOOL_KINDS)[number];
export type DeviceKind = (typeof DEVICE_KINDS)[number];
export type PersonKindName = (typeof PERSON_KINDS)[number];
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];
export type IdentifierStatus = (typeof IDENTIFIER_STATUSES)[number];
export type RecordKind = (typeof RECORD_KINDS)[number];

/**
 * A school. `shardId` names the shard that owns its state (docs/shards.md): one gateway at a time
 * decides its taps and holds its pupils' balances. DEFAULT_SHARD_ID when the record has none.
 */
export interface School { readonly id: string; readonly name: string; readonly timeZone: string; readonly kind: SchoolKind; readonly shardId: string }

/** The shard of a school whose record names none. */
export const DEFAULT_SHARD_ID = 'main';
/** A shard id: 1 to 32 of [a-z0-9-], starting with a letter or digit (it is a NATS subject token). */
export const SHARD_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,31}$/;
export interface Device {
  readonly id: string; readonly schoolId: string; readonly kind: DeviceKind;
  /** The 32-byte secret, hex. Lives only in the registry. */
  readonly secretHex: string;
  readonly enabled: boolean;
  /** Which kinds of person may pass here; both unless the door is, say, staff only. */
  readonly allowedPersonKinds: readonly PersonKindName[];
  /** What people call it («Турникет 1») and where it stands («главный вход»); '' when not given. */
  readonly name: string;
  readonly place: string;
}
export interface Person {
  readonly id: string; readonly schoolId: string; readonly kind: PersonKindName;
  readonly displayName: string; readonly className: string; readonly photoRef: string;
  /**
   * Whether the person (or a parent, for a child) consented to a photo for identification at the
   * turnstile: biometric data under 152-FZ. Without it there is no photo: the photo service refuses
   * uploads and withdrawing consent deletes the photo and clears photoRef. Default false.
   */
  readonly photoConsent: boolean;
  /** Full name and birth date (YYYY-MM-DD); '' when the record came from a file without them. */
  readonly surname: string; readonly givenName: string; readonly patronymic: string; readonly birthDate: string;
}
/** A parent or other adult, identified by a mobile phone. Personal data: lives only in the registry. */
export interface Guardian {
  readonly id: string; readonly phone: string; readonly surname: string; readonly givenName: string;
  /** Where e-mail notices and digests go; '' when the guardian gave none (then e-mail is skipped). */
  readonly email: string;
}
/** A guardian's access to a child: a parent (linked by the school) or a trusted person (invited by a parent). */
export interface Guardianship {
  readonly id: string; readonly guardianId: string; readonly personId: string;
  readonly relation: (typeof GUARDIAN_RELATIONS)[number];
  readonly scopes: readonly GrantScope[];
  /** The guardianship of the parent who invited this trusted person; '' for a parent. */
  readonly grantedBy: string;
}
/** A parent's invitation of a trusted person, matched on the invitee's phone and surname. */
export interface Invitation {
  readonly id: string; readonly personId: string; readonly guardianId: string;
  readonly phone: string; readonly surname: string; readonly scopes: readonly GrantScope[];
  readonly status: (typeof INVITATION_STATUSES)[number];
  readonly expiresAtMs: number;
  /** The guardianship created on acceptance; '' until then. */
  readonly guardianshipId: string;
}
/** What a guardian hears about one child, and how. */
export interface Preferences {
  readonly id: string; readonly guardianId: string; readonly personId: string;
  readonly subscriptions: ReadonlyArray<{ readonly event: NotificationEvent; readonly channels: readonly NotificationChannel[] }>;
  readonly lowBalanceThresholdKop: number | null;
  /**
   * Local hours (school's zone) in which purchase, top-up and balance notices wait until the end;
   * entries, exits and hand-overs are never held. null: no quiet hours.
   */
  readonly quietHours: QuietHours | null;
}
/** A span of local time, 'HH:MM' to 'HH:MM'; `from` later than `to` spans midnight (22:00 to 07:00). */
export interface QuietHours { readonly from: string; readonly to: string }
/** A local time of day, 00:00 to 23:59. */
export const CLOCK_TIME_PATTERN = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
/** A browser's Web Push subscription for a guardian (RFC 8030); removed when the push service answers 404 or 410. */
export interface PushSubscriptionRecord {
  readonly id: string; readonly guardianId: string;
  /** The push service URL: personal data (it identifies one browser), kept only here. */
  readonly endpoint: string;
  /** The browser's P-256 public key and auth secret, base64url. */
  readonly p256dh: string; readonly auth: string;
  readonly createdAtMs: number;
}
/** Longest push endpoint URL, in characters. */
export const PUSH_ENDPOINT_CHARS_MAX = 1024;
/** Most push subscriptions (browsers) per guardian. */
export const PUSH_SUBSCRIPTIONS_PER_GUARDIAN_MAX = 10;
/** An e-mail address as the notifier accepts it: one '@', no spaces or angle brackets, at most 254 characters. */
export const EMAIL_PATTERN = /^[^\s@<>(),;:"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
/** A product category of a school's canteen; `code` is what POS baskets and bans use. */
export interface Category { readonly id: string; readonly schoolId: string; readonly code: string; readonly name: string }
export interface Product {
  readonly id: string; readonly schoolId: string; readonly name: string; readonly category: string;
  readonly priceKop: number; readonly active: boolean;
}
/**
 * A card, fob, bracelet... held by a person of a school (`personId`) or by a guardian
 * (`guardianId`, for the kindergarten hand-over): exactly one of the two is set, the other is ''
 * or absent. One UID index finds either.
 */
export interface Identifier {
  readonly id: string; readonly personId: string; readonly kind: IdentifierKind;
  /** The guardian holding this identifier; absent for a person's identifier (then personId is set). */
  readonly guardianId?: string;
  /** The card UID, lower-case hex. Personal data: never leaves the registry and the workers. */
  readonly uidHex: string;
  readonly status: IdentifierStatus;
  /** Expiry instant, ms since the epoch; required for temporary identifiers. */
  readonly expiresAtMs: number | null;
  /** The lost identifier this one was issued to replace (POST .../duplicate); absent otherwise. */
  readonly replacesId?: string;
}

/** A personal account. Its balance is not here: it lives in the ledger. */
export interface Account {
  readonly id: string;
  /** The number banks and parents use: 8 to 10 digits. Personal data: never in events or logs. */
  readonly number: string;
  readonly personId: string;
  /** Most kopecks the pupil may spend per school day; null: no limit. Set by a guardian. */
  readonly dailyLimitKop: number | null;
  /** Product categories the guardian banned (e.g. sweets, soda). */
  readonly bannedCategories: readonly string[];
  /** A debit that takes the balance below this is flagged low_balance; null: never. */
  readonly lowBalanceThresholdKop: number | null;
}

/** A subsidised-meal entitlement: which meal periods, from which day to which day (inclusive, school's local dates). */
export interface Benefit {
  readonly id: string;
  readonly personId: string;
  readonly mealPeriods: readonly MealPeriod[];
  /** Local calendar dates as days since 1970-01-01. */
  readonly validFromDay: number;
  readonly validToDay: number;
}

/** A product category: lower-case letters, digits, '_' and '-', 1 to 32 characters. */
export const CATEGORY_PATTERN = /^[a-z0-9_-]{1,32}$/;
/** Largest daily limit a guardian may set, in kopecks (100,000 roubles). */
export const DAILY_LIMIT_KOP_MAX = 10_000_000;

/** A personal account number: 8 to 10 digits. */
export const ACCOUNT_NUMBER_PATTERN = /^\d{8,10}$/;

export type RegistryRecord =
  | { readonly kind: 'school'; readonly value: School }
  | { readonly kind: 'device'; readonly value: Device }
  | { readonly kind: 'person'; readonly value: Person }
  | { readonly kind: 'identifier'; readonly value: Identifier }
  | { readonly kind: 'account'; readonly value: Account }
  | { readonly kind: 'benefit'; readonly value: Benefit }
  | { readonly kind: 'guardian'; readonly value: Guardian }
  | { readonly kind: 'guardianship'; readonly value: Guardianship }
  | { readonly kind: 'invitation'; readonly value: Invitation }
  | { readonly kind: 'preferences'; readonly value: Preferences }
  | { readonly kind: 'category'; readonly value: Category }
  | { readonly kind: 'product'; readonly value: Product }
  | { readonly kind: 'push_subscription'; readonly value: PushSubscriptionRecord };

/** Largest product price, in kopecks (10,000 roubles). */
export const PRODUCT_PRICE_KOP_MAX = 1_000_000;

/** Ids are opaque: letters, digits, '_', '-', '.', at most 64 characters (safe in NATS subjects). */
export const ID_PATTERN = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,63}$/;
/** Longest display name, school, category or product name, photo reference. */
export const TEXT_CHARS_MAX = 200;
/** Longest device name or place («главный вход»). */
export const DEVICE_TEXT_CHARS_MAX = 64;
/** Longest surname, given name or patronymic. */
export const NAME_CHARS_MAX = 64;

/** The KV key of a record: `<kind>.<id>`. */
export function recordKey(record: RegistryRecord): string {
  return `${record.kind}.${record.value.id}`;
}

/** Splits a KV key into kind and id, or returns null for keys that are not ours. */
export function parseKey(key: string): { kind: RecordKind; id: string } | null {
  const dot = key.indexOf('.');
  const kind = key.slice(0, dot) as RecordKind;
  const rest = key.slice(dot + 1);
  if (dot < 0 || !(RECORD_KINDS as readonly string[]).includes(kind) || !ID_PATTERN.test(rest)) return null;
  return { kind, id: rest };
}
