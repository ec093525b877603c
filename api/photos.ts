// Where persons' photos live: the KV bucket tapgate_photos, apart from events and analytics (no
// ledger event, ClickHouse row or notice ever carries one). Only the `api` NATS user may use the
// bucket (scripts/lib/nats-auth.mjs). A NATS Object Store would chunk larger files, but photos are
// small (core/photo.ts PHOTO_BYTES_MAX) and one KV value each keeps a photo one atomic message.
//
// Key `photo.<photoRef>`; value: a format byte (1), the length of the owner's person id (one byte),
// the person id (ASCII), then the image bytes. The owner in the value lets a device's fetch, which
// knows only the photoRef, find the person whose record must still point at this photo.
import type { NatsConnection } from '@nats-io/transport-node';
import { Kvm, type KV } from '@nats-io/kv';
import { StorageType } from '@nats-io/jetstream';
import { PHOTO_BYTES_MAX } from '../core/index.js';
import { natsReplicas } from '../lib/index.js';
import { orUnavailable } from './errors.js';

export const PHOTO_BUCKET = 'tapgate_photos';
const VALUE_FORMAT = 1;
/** Bytes of a value beyond the image: format, id length, id (at most 64). */
const VALUE_HEADER_BYTES_MAX = 2 + 64;
/** The bucket's largest value, in bytes (under nats-server's default max_payload of 1 MB). */
export const PHOTO_VALUE_BYTES_MAX = PHOTO_BYTES_MAX + VALUE_HEADER_BYTES_MAX;

export async function openPhotoBucket(nc: NatsConnection): Promise<KV> {
  return new Kvm(nc).create(PHOTO_BUCKET, { history: 1, storage: StorageType.File, replicas: natsReplicas(),
    maxValueSize: PHOTO_VALUE_BYTES_MAX });
}

export interface StoredPhoto { readonly personId: string; readonly bytes: Uint8Array }

export class PhotoStore {
  constructor(private readonly kv: KV) {}

  async put(photoRef: string, personId: string, image: Uint8Array): Promise<void> {
    const id = Buffer.from(personId, 'ascii');
    const value = Buffer.concat([Buffer.of(VALUE_FORMAT, id.length), id, image]);
    await orUnavailable(this.kv.put(`photo.${photoRef}`, value), 'photo store');
  }

  /** The photo and its owner, or null when there is none (or a value this version cannot read). */
  async get(photoRef: string): Promise<StoredPhoto | null> {
    const e = await orUnavailable(this.kv.get(`photo.${photoRef}`), 'photo store');
    if (e === null || e.operation !== 'PUT' || e.value.length < 2 || e.value[0] !== VALUE_FORMAT) return null;
    const idLength = e.value[1]!;
    return { personId: Buffer.from(e.value.subarray(2, 2 + idLength)).toString('ascii'), bytes: e.value.subarray(2 + idLength) };
  }

  /** Removes a photo for good: a purge drops the stored message, not only marks it deleted. */
  async remove(photoRef: string): Promise<void> {
    await orUnavailable(this.kv.purge(`photo.${photoRef}`), 'photo store');
  }
}
