// Words of the parents' portal: what the notifier's delivery log and the account history say, in
// Russian. The shared words (reasons, scopes, events, channels) are in ../common/words.ts.

/** Notice types of the delivery log (core/notify-rules.ts NOTICE_TYPES). */
export const NOTICE_TYPES: Readonly<Record<string, string>> = {
  entry: 'вход в школу', exit: 'выход из школы', dropoff: 'привели в школу', pickup: 'забрали из школы',
  pickup_refused: 'отказ: забрать не разрешено', dropoff_refused: 'отказ: привести не разрешено', buffet: 'покупка в буфете',
  hot_meal: 'горячее питание', subsidised_meal: 'льготное питание', top_up: 'пополнение счёта', low_balance: 'низкий баланс',
  daily_digest: 'ежедневная сводка', weekly_digest: 'еженедельная сводка',
};

/** Delivery statuses of the log. */
export const DELIVERY: Readonly<Record<string, string>> = {
  queued: 'в очереди', sent: 'отправлено', delivered: 'доставлено', undelivered: 'не доставлено', failed: 'ошибка отправки',
  gone: 'адрес больше не действует', uncertain: 'неизвестно, дошло ли', collapsed: 'заменено более новым', skipped: 'не отправлялось',
};

/** Money events of an account's history. */
export const MONEY_KINDS: Readonly<Record<string, string>> = {
  top_up: 'пополнение', refund: 'возврат за покупку', transfer_in: 'перевод из другой школы', transfer_out: 'перевод в другую школу',
};

export const INVITATION_STATUS: Readonly<Record<string, string>> = {
  pending: 'ждёт ответа', accepted: 'принято', revoked: 'отозвано',
};

/** A word from a table, or a neutral fallback that never shows a raw code as if it were text. */
export function word(table: Readonly<Record<string, string>>, key: string): string {
  return table[key] ?? '—';
}
