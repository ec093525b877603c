// The photo checks of core/photo.ts: which bytes pass as a whole JPEG or PNG of sane size (and
// why the others do not), and the photo fetch MAC with its clock window.
import t from 'tap';
import { inspectImage, PHOTO_CLOCK_SKEW_MS_MAX, photoFetchMac, verifyPhotoFetch } from '../../core/index.js';
import { jpegImage, pngImage } from '../helpers/images.js';

t.test('photo - inspectImage: whole images pass with their size; the rest names its problem', async (t) => {
  const png = pngImage(40, 50);
  const jpeg = jpegImage(64, 80);
  const withFill = Buffer.concat([jpeg.subarray(0, 2), Buffer.from([0xff]), jpeg.subarray(2)]);
  const wide = Buffer.from(png);
  wide.writeUInt32BE(4097, 16);
  const cases: Array<[string, Uint8Array, string, unknown]> = [
    ['a PNG', png, 'image/png', { ok: { mediaType: 'image/png', widthPx: 40, heightPx: 50 } }],
    ['a JPEG', jpeg, 'image/jpeg', { ok: { mediaType: 'image/jpeg', widthPx: 64, heightPx: 80 } }],
    ['a JPEG with a fill byte', withFill, 'image/jpeg', { ok: { mediaType: 'image/jpeg', widthPx: 64, heightPx: 80 } }],
    ['the smallest sides', pngImage(32, 32), 'image/png', { ok: { mediaType: 'image/png', widthPx: 32, heightPx: 32 } }],
    ['a side of 31', pngImage(31, 40), 'image/png', { problem: 'dimensions' }],
    ['a side of 4097', wide, 'image/png', { problem: 'dimensions' }],
    ['a PNG named a JPEG', png, 'image/jpeg', { problem: 'media_type_mismatch' }],
    ['a JPEG named a PNG', jpeg, 'image/png', { problem: 'media_type_mismatch' }],
    ['text', Buffer.from('hello'), 'image/png', { problem: 'not_image' }],
    ['nothing', Buffer.alloc(0), 'image/jpeg', { problem: 'not_image' }],
    ['a JPEG without its end marker', jpeg.subarray(0, jpeg.length - 2), 'image/jpeg', { problem: 'truncated' }],
    ['a JPEG cut in a segment', jpeg.subarray(0, 40), 'image/jpeg', { problem: 'truncated' }],
    ['a JPEG of SOI only', jpeg.subarray(0, 3), 'image/jpeg', { problem: 'truncated' }],
    ['a PNG without IEND', png.subarray(0, png.length - 12), 'image/png', { problem: 'truncated' }],
    ['a PNG cut in IDAT', png.subarray(0, 45), 'image/png', { problem: 'truncated' }],
    ['a PNG with bytes after IEND', Buffer.concat([png, Buffer.from('<script>')]), 'image/png', { problem: 'not_image' }],
  ];
  for (const [what, bytes, type, expected] of cases) t.same(inspectImage(bytes, type), expected, what);
});

t.test('photo - the fetch MAC verifies only for its device, time, ref and key, within the clock window', async (t) => {
  const key = Buffer.alloc(32, 7);
  const f = { deviceId: 'd1', timeMs: 1_767_247_200_000, photoRef: 'ph_AAAAAAAAAAAAAAAAAAAAAA' };
  const mac = photoFetchMac(key, f.deviceId, f.timeMs, f.photoRef);
  const now = f.timeMs;
  const cases: Array<[string, Parameters<typeof verifyPhotoFetch>, boolean]> = [
    ['as signed', [key, { ...f, mac }, now], true],
    ['at the window\'s edge', [key, { ...f, mac }, now + PHOTO_CLOCK_SKEW_MS_MAX], true],
    ['past the window', [key, { ...f, mac }, now + PHOTO_CLOCK_SKEW_MS_MAX + 1], false],
    ['before the window', [key, { ...f, mac }, now - PHOTO_CLOCK_SKEW_MS_MAX - 1], false],
    ['another device', [key, { ...f, deviceId: 'd2', mac }, now], false],
    ['another ref', [key, { ...f, photoRef: 'ph_BAAAAAAAAAAAAAAAAAAAAA', mac }, now], false],
    ['another key', [Buffer.alloc(32, 8), { ...f, mac }, now], false],
    ['a short MAC', [key, { ...f, mac: mac.subarray(0, 31) }, now], false],
  ];
  for (const [what, args, expected] of cases) t.equal(verifyPhotoFetch(...args), expected, what);
});
