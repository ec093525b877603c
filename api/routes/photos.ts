// The photo service for `photo_ref` (docs/api.md "Photos", docs/protocol.md "Photos"): the school
// office records consent and uploads a photo; the office and the guard's desk read it; a device
// fetches the photos of its own school with a request signed by its secret. No consent, no photo
// (152-FZ: a photo used for identification is biometric data): an upload without consent is
// refused, and withdrawing consent deletes the photo and clears photoRef at once.
//
// Every upload gets a fresh opaque photoRef, so a device's cache keyed by photoRef never shows an
// old photo. The person record is written first when a photo goes away (nobody is served one the
// record no longer names), and the bytes first when one arrives (the record never names a missing
// photo).
import { randomBytes } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import {
  inspectImage, PHOTO_BYTES_MAX, PHOTO_MEDIA_TYPES, PHOTO_REF_PATTERN, photoMediaType, verifyPhotoFetch, type Person,
} from '../../core/index.js';
import { type ApiContext, notFound, personInSchoolScope } from '../context.js';
import { ApiError } from '../errors.js';
import { route, type Reply, type Route } from '../route.js';
import { Obj } from '../schemas.js';
import type { Principal, Role } from '../tokens.js';
import { audited, ok } from './common.js';
import { PersonView, personView } from './persons.js';

const OPERATORS: Role[] = ['city_admin', 'school_operator'];
const READERS: Role[] = ['city_admin', 'school_operator', 'guard'];
/** How long a browser may reuse a photo without asking again, in seconds (a new upload has a new ref anyway). */
export const PHOTO_CACHE_MAX_AGE_S = 60;
/** Photo uploads handled at once per API process (each holds up to PHOTO_BYTES_MAX in memory). */
const UPLOADS_IN_FLIGHT_MAX = 16;
/** Device photo fetches handled at once per API process: a school's turnstiles refresh together in the morning. */
const DEVICE_FETCHES_IN_FLIGHT_MAX = 64;
/** The headers of a device's photo fetch (docs/protocol.md, "Photos"). */
export const DEVICE_ID_HEADER = 'x-tapgate-device-id';
export const DEVICE_TIME_HEADER = 'x-tapgate-time-ms';
export const DEVICE_MAC_HEADER = 'x-tapgate-mac';

const ConsentBody = Obj({ consent: Type.Boolean({ description: 'true: consent recorded; false: withdrawn (the photo is deleted)' }) });
const RefParam = { photoRef: PHOTO_REF_PATTERN };

/** A new opaque photo reference: `ph_` and 128 random bits. */
const newPhotoRef = () => `ph_${randomBytes(16).toString('base64url')}`;

/** The photo a person's record names, if the service holds it and the person consented; else the uniform 404. */
async function photoOf(ctx: ApiContext, person: Person): Promise<{ ref: string; bytes: Uint8Array }> {
  if (!person.photoConsent || !PHOTO_REF_PATTERN.test(person.photoRef)) throw notFound('photo');
  const stored = await ctx.photos.get(person.photoRef);
  if (stored === null || stored.personId !== person.id) throw notFound('photo');
  return { ref: person.photoRef, bytes: stored.bytes };
}

/** The image as the answer: private caching, the photoRef as its ETag, 304 when the client has it. */
function imageReply(photo: { ref: string; bytes: Uint8Array }, ifNoneMatch: string): Reply {
  const headers = { 'cache-control': `private, max-age=${PHOTO_CACHE_MAX_AGE_S}`, etag: `"${photo.ref}"` };
  if (ifNoneMatch === `"${photo.ref}"`) return { status: 304, headers };
  return { status: 200, headers, raw: { contentType: photoMediaType(photo.bytes) ?? 'application/octet-stream', bytes: photo.bytes } };
}

/** Purges a photo no record names any more; a failure leaves an orphan nobody is served (logged, not the client's problem). */
export async function dropPhoto(ctx: ApiContext, ref: string, requestId: string): Promise<void> {
  if (!PHOTO_REF_PATTERN.test(ref)) return;
  try { await ctx.photos.remove(ref); } catch {
    ctx.log.error({ requestId, photoRef: ref }, 'a photo no record names could not be purged; purge it from tapgate_photos');
  }
}

/** Writes the person without a photo (and with `consent`), then purges the old photo. */
async function clearPhoto(ctx: ApiContext, p: Principal, requestId: string, old: Person, consent: boolean): Promise<Person> {
  const rec = ctx.store.record('person', { ...old, photoRef: '', photoConsent: consent });
  await ctx.store.put(rec);
  if (old.photoRef !== '') {
    await dropPhoto(ctx, old.photoRef, requestId);
    await audited(ctx, p, requestId, 'person.photo.delete', [`person:${old.id}`]);
  }
  return rec.value;
}

async function upload(ctx: ApiContext, p: Principal, requestId: string, personId: string,
  body: { mediaType: string; bytes: Buffer }): Promise<Reply> {
  const old = personInSchoolScope(ctx, p, personId);
  if (!old.photoConsent) throw new ApiError('API_CONFLICT', 'no photo without the person\'s recorded consent', { reason: 'no_consent' });
  const check = inspectImage(body.bytes, body.mediaType);
  if ('problem' in check) throw new ApiError('API_INVALID_REQUEST', `the body is not a whole JPEG or PNG photo of sane size: ${check.problem}`,
    { field: 'body', problem: check.problem });
  const ref = newPhotoRef();
  await ctx.photos.put(ref, old.id, body.bytes);
  const rec = ctx.store.record('person', { ...old, photoRef: ref });
  try {
    await ctx.store.put(rec);
  } catch (err) {
    await dropPhoto(ctx, ref, requestId);
    throw err;
  }
  await dropPhoto(ctx, old.photoRef, requestId);
  await audited(ctx, p, requestId, 'person.photo.upload', [`person:${old.id}`]);
  return ok(200, personView(ctx, rec.value));
}

/** The device a signed photo fetch comes from; any failure is one 401 that says nothing of which check failed. */
function signedDevice(ctx: ApiContext, h: Readonly<Record<string, string>>, photoRef: string) {
  const deviceId = h[DEVICE_ID_HEADER] ?? '';
  const time = h[DEVICE_TIME_HEADER] ?? '';
  const mac = h[DEVICE_MAC_HEADER] ?? '';
  const device = ctx.registry.devices.get(deviceId);
  const valid = device !== undefined && device.enabled && /^[1-9]\d{0,15}$/.test(time) && /^[0-9a-f]{64}$/.test(mac)
    && verifyPhotoFetch(Buffer.from(device.secretHex, 'hex'), { deviceId, timeMs: Number(time), photoRef, mac: Buffer.from(mac, 'hex') }, Date.now());
  if (!valid) throw new ApiError('API_UNAUTHENTICATED', 'the photo fetch is not signed by an enabled device within the clock window');
  return device;
}

export const photoRoutes: Route[] = [
  route({ method: 'PUT', path: '/persons/:personId/photo-consent', tag: 'photos',
    summary: 'Record or withdraw consent to a photo (152-FZ); withdrawing deletes the photo and clears photoRef at once',
    roles: OPERATORS, bodyKind: 'json', body: ConsentBody, success: [200, PersonView], errors: ['API_NOT_FOUND'],
    handler: async (ctx, req) => ctx.store.exclusive(async () => {
      const old = personInSchoolScope(ctx, req.principal, req.params['personId']!);
      if (old.photoConsent === req.body.consent) return ok(200, personView(ctx, old));
      let person: Person;
      if (req.body.consent) {
        const rec = ctx.store.record('person', { ...old, photoConsent: true });
        await ctx.store.put(rec);
        person = rec.value;
      } else person = await clearPhoto(ctx, req.principal, req.requestId, old, false);
      await audited(ctx, req.principal, req.requestId, req.body.consent ? 'person.photo_consent.grant' : 'person.photo_consent.withdraw',
        [`person:${old.id}`]);
      return ok(200, personView(ctx, person));
    }) }),
  route({ method: 'PUT', path: '/persons/:personId/photo', tag: 'photos',
    summary: 'Upload the person\'s photo (JPEG or PNG, 32 to 4096 px a side); a new photoRef each time; 409 reason no_consent without consent',
    roles: OPERATORS, bodyKind: 'bytes', mediaTypes: PHOTO_MEDIA_TYPES, bodyBytesMax: PHOTO_BYTES_MAX, concurrencyMax: UPLOADS_IN_FLIGHT_MAX,
    success: [200, PersonView], errors: ['API_NOT_FOUND', 'API_CONFLICT', 'API_UNAVAILABLE'],
    handler: async (ctx, req) => ctx.store.exclusive(async () =>
      upload(ctx, req.principal, req.requestId, req.params['personId']!, req.body as { mediaType: string; bytes: Buffer })) }),
  route({ method: 'DELETE', path: '/persons/:personId/photo', tag: 'photos', summary: 'Delete the person\'s photo (consent stays as it is)',
    roles: OPERATORS, success: [204, null], errors: ['API_NOT_FOUND'],
    handler: async (ctx, req) => ctx.store.exclusive(async () => {
      const old = personInSchoolScope(ctx, req.principal, req.params['personId']!);
      if (old.photoRef !== '') await clearPhoto(ctx, req.principal, req.requestId, old, old.photoConsent);
      return ok(204);
    }) }),
  route({ method: 'GET', path: '/persons/:personId/photo', tag: 'photos',
    summary: 'The person\'s photo as image bytes (ETag: the photoRef); the uniform 404 without a photo or consent',
    roles: READERS, headers: ['if-none-match'], answers: PHOTO_MEDIA_TYPES, success: [200, null], errors: ['API_NOT_FOUND', 'API_UNAVAILABLE'],
    handler: async (ctx, req) => {
      const person = personInSchoolScope(ctx, req.principal, req.params['personId']!, 'photo');
      return imageReply(await photoOf(ctx, person), req.headers['if-none-match'] ?? '');
    } }),
  route({ method: 'GET', path: '/device/photos/:photoRef', tag: 'photos', auth: 'none', roles: [],
    summary: 'A device fetches a photo of its own school, signed with its secret (docs/protocol.md "Photos"); 401 unsigned, 404 otherwise',
    paramPatterns: RefParam, headers: [DEVICE_ID_HEADER, DEVICE_TIME_HEADER, DEVICE_MAC_HEADER, 'if-none-match'],
    concurrencyMax: DEVICE_FETCHES_IN_FLIGHT_MAX, answers: PHOTO_MEDIA_TYPES, success: [200, null], errors: ['API_NOT_FOUND', 'API_UNAVAILABLE'],
    handler: async (ctx, req) => {
      const ref = req.params['photoRef']!;
      const device = signedDevice(ctx, req.headers, ref);
      const stored = await ctx.photos.get(ref);
      const person = stored === null ? undefined : ctx.registry.persons.get(stored.personId);
      if (person === undefined || person.photoRef !== ref || person.schoolId !== device.schoolId) throw notFound('photo');
      return imageReply(await photoOf(ctx, person), req.headers['if-none-match'] ?? '');
    } }),
];
