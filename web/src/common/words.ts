// What people read instead of codes: decision reasons, directions, kinds, roles, channels and API
// errors in Russian (docs/console.md lists them). The numbers are the protocol's enum values
// (proto/tapgate/device/v1/device.proto); the API gives history rows with those numbers.

/** DecisionReason by number: the words after «отказ: ». */
export const REASONS: Readonly<Record<number, string>> = {
  1: 'разрешено',
  2: 'карта не зарегистрирована',
  3: 'карта заблокирована',
  4: 'срок временной карты истёк',
  5: 'карта другой школы',
  6: 'проход здесь не разрешён',
  7: 'повторное касание',
  8: 'недостаточно средств',
  9: 'превышен дневной лимит',
  10: 'запрещённая категория',
  11: 'нет льготы',
  12: 'льготное питание уже получено',
  13: 'не отмечен в школе сегодня',
  14: 'нет лицевого счёта',
  15: 'неизвестный товар',
  16: 'сопровождающий не уполномочен',
  17: 'это не карта ребёнка',
  18: 'это не карта сопровождающего',
  19: 'карта сопровождающего без ребёнка',
};

export function reasonText(reason: number): string {
  return REASONS[reason] ?? `причина ${reason}`;
}

/** The proto's Verdict and Direction values the pages act on (proto/tapgate/device/v1/device.proto). */
export const VERDICT_ALLOW = 1;
export const VERDICT_DENY = 2;
export const DIRECTION_EXIT = 2;

/** A pass as words: «вход», «выход», «отказ: карта заблокирована». */
export function passText(direction: number, verdict: number, reason: number): string {
  if (verdict === VERDICT_DENY) return `отказ: ${reasonText(reason)}`;
  return direction === DIRECTION_EXIT ? 'выход' : 'вход';
}

export const MEAL_KINDS: Readonly<Record<number, string>> = { 1: 'буфет', 2: 'горячее питание', 3: 'льготное питание' };

export const PERSON_KINDS: Readonly<Record<string, string>> = { pupil: 'ученик', staff: 'сотрудник', guardian: 'сопровождающий' };

export const ROLES: Readonly<Record<string, string>> = {
  city_admin: 'администратор города', school_operator: 'канцелярия школы', catering_operator: 'комбинат питания',
  guard: 'охрана', guardian: 'родитель', payment_integration: 'банк',
};

export const DEVICE_KINDS: Readonly<Record<string, string>> = { turnstile: 'турникет', pos: 'касса столовой' };

export const IDENTIFIER_KINDS: Readonly<Record<string, string>> = {
  social_card: 'социальная карта', fob: 'брелок', bracelet: 'браслет', watch: 'часы', temporary: 'временная карта',
};

/** A card's status (core/registry.ts identifier status). */
export const IDENTIFIER_STATUS: Readonly<Record<string, string>> = { active: 'действует', blocked: 'заблокирована' };

export const SCOPES: Readonly<Record<string, string>> = {
  passes: 'проходы', purchases: 'покупки', balance: 'баланс', pickup: 'забирать ребёнка',
};

export const EVENTS: Readonly<Record<string, string>> = {
  entry_exit: 'вход и выход', buffet: 'покупки в буфете', hot_meal: 'горячее питание', subsidised_meal: 'льготное питание',
  top_up: 'пополнение счёта', low_balance: 'низкий баланс', daily_digest: 'ежедневная сводка', weekly_digest: 'еженедельная сводка',
};

export const CHANNELS: Readonly<Record<string, string>> = { push: 'push-уведомление', email: 'e-mail', sms: 'SMS' };

/** API error codes a person may meet, in words; the server's English message is the fallback. */
export const ERRORS: Readonly<Record<string, string>> = {
  API_UNAUTHENTICATED: 'Нужно войти заново.',
  API_CSRF: 'Страница устарела: обновите её и повторите.',
  API_FORBIDDEN: 'Это действие вам недоступно.',
  API_NOT_FOUND: 'Не найдено.',
  API_INVALID_REQUEST: 'Проверьте введённые данные.',
  API_MALFORMED_BODY: 'Проверьте введённые данные.',
  API_ALREADY_REGISTERED: 'Такой человек уже зарегистрирован.',
  API_CONFLICT: 'Действие противоречит текущим данным.',
  API_MERGE_REFUSED: 'Объединение записей невозможно.',
  API_INVALID_AMOUNT: 'Сумма должна быть от 10 до 15 000 рублей.',
  API_BODY_TOO_LARGE: 'Файл слишком большой.',
  API_UNSUPPORTED_MEDIA_TYPE: 'Этот тип файла не подходит.',
  API_TOO_MANY_REQUESTS: 'Сервер занят, повторите через минуту.',
  API_TOO_MANY_ATTEMPTS: 'Слишком много попыток. Подождите и попробуйте снова.',
  API_LOGIN_FAILED: 'Неверный или устаревший код.',
  API_UNAVAILABLE: 'Сервис временно недоступен, повторите позже.',
  API_INTERNAL: 'Ошибка сервера. Сообщите в поддержку.',
};
