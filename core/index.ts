// The pure domain of tapgate: registry records, tap rules, presence, seq memory, time zones,
// the handshake and photo-fetch MACs, photo checks, limits, error codes and the notice template language. Imports nothing with I/O.
export * from './errors.js';
export * from './limits.js';
export * from './registry.js';
export * from './registry-parse.js';
export * from './registry-index.js';
export * from './registry-file.js';
export * from './rules.js';
export * from './handover.js';
export * from './pass-state.js';
export * from './seq-memory.js';
export * from './interner.js';
export * from './sale-book.js';
export * from './time.js';
export * from './mac.js';
export * from './proto.js';
export * from './money.js';
export * from './meals.js';
export * from './purchase.js';
export * from './person-key.js';
export * from './device-rate.js';
export * from './frame-peek.js';
export * from './notify-rules.js';
export * from './text.js';
export * from './registry-repair.js';
export * from './expiry-queue.js';
export * from './sms-segments.js';
export { MERGE_REFUSALS, mergePlan, mergeRefusal, type MergeInput, type MergePlan, type MergeRefusal } from './merge.js';
export {
  PHOTO_BYTES_MAX, PHOTO_SIDE_PX_MIN, PHOTO_SIDE_PX_MAX, PHOTO_PIXELS_MAX, PHOTO_MEDIA_TYPES, PHOTO_REF_PATTERN, PHOTO_MAC_CONTEXT,
  PHOTO_CLOCK_SKEW_MS_MAX, inspectImage, photoMediaType, photoFetchMac, verifyPhotoFetch,
  type PhotoMediaType, type ImageInfo, type ImageProblem, type ImageCheck,
} from './photo.js';
export {
  NOTIFY_TYPES, NOTIFY_CHANNELS, NOTIFY_FILTERS, NOTIFY_PARAM_SPECS, TEMPLATE_PARAMS, HEADER_PREFIX,
  channelsOf, templateFileKey, parseTemplate, renderTemplate,
  type NotifyType, type NotifyChannel, type FilterName, type NotifyParamValue, type NotifyParamRecord, type NotifyParams,
  type NotifyRenderContext, type NotifyTemplate, type NotifyTemplateNode, type NotifyTemplateProblem, type RenderedNotice,
} from './notify-text.js';
export {
  formatTime, formatDate, formatWeekday, formatInteger, formatCount, formatRub, pluralForm, initials, genderForm, formatItems,
  escapeHtml, htmlDocument, THOUSANDS_SEPARATOR, LIST_SEPARATOR, type NotifyItem,
} from './notify-format.js';
export {
  LOGIN_CODE_LENGTH, LOGIN_CODE_TTL_MS, LOGIN_CODE_WRONG_MAX, LOGIN_CODES_PER_PHONE_MAX, LOGIN_WINDOW_MS,
  checkLoginCode, issueLoginCode, nextIssueInMs, randomLoginCode, takeAttempt,
  type CheckOutcome, type IssueOutcome, type LoginCodeRecord,
} from './login-code.js';
