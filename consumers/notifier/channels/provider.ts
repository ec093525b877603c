// The one interface every notification channel implements (e-mail over SMTP, Web Push, SMS over
// SMPP). The outbox (../outbox.ts) owns retries, backoff and the dead letter; a provider makes one
// attempt per call and reports what happened as a value. It never throws for a provider failure
// (a refused connection, a 5xx, a timeout): those are outcomes. It throws only for programmer
// errors (a message for another channel).
//
// Personal data: `to`, `subject` and `text` hold an address or phone and a rendered text with
// names. A provider passes them to the provider and nowhere else: never to a log line, a metric
// label or an error detail. Details carry codes and numbers only.

export const CHANNELS = ['email', 'push', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Web Push delivery options (RFC 8030 section 5): always explicit, never the library's 4-week default TTL. */
export interface PushOptions {
  /** Seconds the push service keeps an undelivered message. */
  readonly ttlSeconds: number;
  readonly urgency: 'very-low' | 'low' | 'normal' | 'high';
  /** A later message with the same topic replaces an undelivered one: at most 32 URL-safe base64 characters. */
  readonly topic: string;
}

/** A Web Push subscription as the browser's PushSubscription.toJSON() gives it. */
export interface PushSubscriptionJson {
  readonly endpoint: string;
  readonly keys: { readonly p256dh: string; readonly auth: string };
}

export interface OutgoingMessage {
  /** The outbox key: opaque, one per (event, recipient, channel). Used as the message id where the protocol has one. */
  readonly key: string;
  readonly channel: Channel;
  /** E-mail address (email), E.164 phone (sms), or the subscription (push). */
  readonly to: string | PushSubscriptionJson;
  /** E-mail subject; push notification title; '' for SMS. */
  readonly subject: string;
  /** Plain text body (the whole SMS; the push body). */
  readonly text: string;
  /** E-mail only: an HTML alternative. */
  readonly html?: string;
  /** Push only. */
  readonly push?: PushOptions;
}

export type SendOutcome =
  /** The provider took the message: SMTP 250 after DATA, push service 201, SMSC submit_sm_resp OK. */
  | { readonly kind: 'accepted'; readonly providerId: string; readonly parts: number }
  /** A temporary failure (connection refused, timeout, 4xx SMTP, 429/5xx push, SMSC throttled): try again later. */
  | { readonly kind: 'retry'; readonly code: string; readonly detail: string; readonly retryAfterMs?: number }
  /** A permanent failure (5xx SMTP recipient refused, push 400/413, SMSC invalid destination): never again. */
  | { readonly kind: 'rejected'; readonly code: string; readonly detail: string }
  /** Push only: the subscription no longer exists (404/410); the caller removes it. */
  | { readonly kind: 'gone'; readonly code: string; readonly detail: string };

/** A delivery receipt a provider learns of later (SMS: deliver_sm with esm_class receipt). */
export interface Receipt {
  readonly providerId: string;
  readonly delivered: boolean;
  /** The SMSC's final state name, e.g. DELIVRD, UNDELIV, EXPIRED, REJECTD. */
  readonly state: string;
  readonly atMs: number;
}

export interface Provider {
  readonly channel: Channel;
  /** One attempt. Resolves with the outcome; rejects only on a programmer error. */
  send(msg: OutgoingMessage): Promise<SendOutcome>;
  /** Receipts, for providers that have them; the callback is set once, before the first send. */
  onReceipt?(cb: (r: Receipt) => void): void;
  /** Closes connections; waits for sends in flight at most graceMs. */
  close(graceMs: number): Promise<void>;
}
