// Schools, devices, API tokens, the audit log and the emergency headcount.
import { randomBytes } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { DEVICE_KINDS, DEVICE_TEXT_CHARS_MAX, localDayBounds, PERSON_KINDS, SCHOOL_KINDS, SHARD_ID_PATTERN, type Device, type School } from '../../core/index.js';
import { AUDIT_PAGE_DEFAULT, AUDIT_PAGE_MAX } from '../audit.js';
import { notFound, schoolInScope } from '../context.js';
import { deskPassOf, DeskPassView } from '../desk-feed.js';
import { DESK_BACKLOG_MAX } from '../history.js';
import { ApiError } from '../errors.js';
import { route, type Route } from '../route.js';
import { Id, Obj, Page, Text } from '../schemas.js';
import { newId } from '../store.js';
import { ROLES, tokenSpecProblem, type Role } from '../tokens.js';
import { audited, ok, page, pageOf } from './common.js';

const ADMIN: Role[] = ['city_admin'];
const OPERATORS: Role[] = ['city_admin', 'school_operator'];
const STAFF: Role[] = ['city_admin', 'school_operator', 'catering_operator'];
/** Who reads the headcount and the list of their schools: the office and the guard's desk. */
const DESK: Role[] = ['city_admin', 'school_operator', 'guard'];

const SchoolKind = Type.Union(SCHOOL_KINDS.map((k) => Type.Literal(k)));
/** The shard that owns a school's state (docs/shards.md); 'main' when a school is created without one. */
const ShardId = Type.String({ pattern: SHARD_ID_PATTERN.source, description: 'the shard owning the school: 1 to 32 of [a-z0-9-]; default main' });
const SchoolView = Obj({ id: Id, name: Type.String(), timeZone: Type.String(), kind: SchoolKind, shardId: Type.String() });
const SchoolBody = Obj({ name: Text, timeZone: Type.String({ minLength: 1, maxLength: 64 }), kind: Type.Optional(SchoolKind),
  shardId: Type.Optional(ShardId) });
const SchoolPatch = Obj({ name: Type.Optional(Text), timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  kind: Type.Optional(SchoolKind), shardId: Type.Optional(ShardId) }, { minProperties: 1 });
const PersonKinds = Type.Array(Type.Union(PERSON_KINDS.map((k) => Type.Literal(k))), { minItems: 1, maxItems: 2, uniqueItems: true });
const DeviceView = Obj({ id: Id, schoolId: Id, kind: Type.Union(DEVICE_KINDS.map((k) => Type.Literal(k))), enabled: Type.Boolean(), allowedPersonKinds: PersonKinds,
  name: Type.String({ description: 'what people call it; empty when not given' }), place: Type.String({ description: 'where it stands («главный вход»); empty when not given' }) });
/** A device's name or place: text people read, at most DEVICE_TEXT_CHARS_MAX characters; empty clears it. */
const DeviceText = Type.String({ maxLength: DEVICE_TEXT_CHARS_MAX * 4 });
const DevicePatch = Obj({ name: Type.Optional(DeviceText), place: Type.Optional(DeviceText), enabled: Type.Optional(Type.Boolean()) }, { minProperties: 1 });
const DeviceWithSecret = Obj({ device: DeviceView, secretHex: Type.String({ description: 'the device secret; shown only in this response' }) });
const DeviceBody = Obj({ kind: Type.Union(DEVICE_KINDS.map((k) => Type.Literal(k))), allowedPersonKinds: Type.Optional(PersonKinds),
  name: Type.Optional(DeviceText), place: Type.Optional(DeviceText) });
const TokenBody = Obj({ role: Type.Union(ROLES.map((r) => Type.Literal(r))), schoolIds: Type.Optional(Type.Array(Id, { maxItems: 100 })),
  guardianId: Type.Optional(Id), label: Type.Optional(Type.String({ maxLength: 100 })) });
const TokenView = Obj({ id: Type.String(), role: Type.String(), schoolIds: Type.Array(Type.String()), guardianId: Type.String(), label: Type.String(),
  createdAtMs: Type.Integer(), revoked: Type.Boolean() });
const Headcount = Obj({ schoolId: Id, atMs: Type.Integer(), pupils: Type.Integer(), staff: Type.Integer(),
  byClass: Type.Array(Obj({ className: Type.String(), count: Type.Integer(), persons: Type.Array(Obj({ id: Id, displayName: Type.String() })) })),
  staffInside: Type.Array(Obj({ id: Id, displayName: Type.String() })) });

const schoolView = (s: School) => ({ id: s.id, name: s.name, timeZone: s.timeZone, kind: s.kind, shardId: s.shardId });
const deviceView = (d: Device) => ({ id: d.id, schoolId: d.schoolId, kind: d.kind, enabled: d.enabled, allowedPersonKinds: [...d.allowedPersonKinds],
  name: d.name, place: d.place });
const newSecret = () => randomBytes(32).toString('hex');

function deviceInScope(ctx: Parameters<Route['handler']>[0], p: Parameters<Route['handler']>[1]['principal'], id: string): Device {
  const d = ctx.registry.devices.get(id);
  if (d === undefined) throw notFound('device', id);
  schoolInScope(ctx, p, d.schoolId, 'device');
  return d;
}

export const schoolRoutes: Route[] = [
  route({ method: 'POST', path: '/schools', tag: 'schools', summary: 'Create a school', roles: ADMIN, bodyKind: 'json', body: SchoolBody,
    success: [201, SchoolView],
    handler: async (ctx, req) => ctx.store.exclusive(async () => {
      const rec = ctx.store.record('school', { id: newId('s'), ...req.body });
      await ctx.store.put(rec);
      await audited(ctx, req.principal, req.requestId, 'school.create', [`school:${rec.value.id}`]);
      return ok(201, schoolView(rec.value));
    }) }),
  route({ method: 'GET', path: '/schools', tag: 'schools', summary: 'List the schools the caller may see', roles: [...STAFF, 'guard'], query: Page,
    success: [200, pageOf(SchoolView)],
    handler: async (ctx, req) => {
      const p = req.principal;
      const list = [...ctx.registry.schools.values()].filter((s) => p.role === 'city_admin' || p.schoolIds.has(s.id));
      const r = page(list, req.query);
      return ok(200, { items: r.items.map(schoolView), next: r.next });
    } }),
  route({ method: 'GET', path: '/schools/:schoolId', tag: 'schools', summary: 'Read a school', roles: STAFF, success: [200, SchoolView], errors: ['API_NOT_FOUND'],
    handler: async (ctx, req) => ok(200, schoolView(schoolInScope(ctx, req.principal, req.params['schoolId']!))) }),
  route({ method: 'PATCH', path: '/schools/:schoolId', tag: 'schools', summary: 'Change a school\'s name, time zone or kind (its shard is set once, at creation)', roles: ADMIN, bodyKind: 'json', body: SchoolPatch,
    success: [200, SchoolView], errors: ['API_NOT_FOUND', 'API_CONFLICT'],
    handler: async (ctx, req) => ctx.store.exclusive(async () => {
      const s = schoolInScope(ctx, req.principal, req.params['schoolId']!);
      // The school's devices' seq memory lives in its shard: moving it would let a resent tap be decided twice (docs/shards.md).
      if (req.body.shardId !== undefined && req.body.shardId !== s.shardId) {
        throw new ApiError('API_CONFLICT', 'a school cannot move to another shard yet', { field: 'shardId' });
      }
      const rec = ctx.store.record('school', { ...s, ...req.body });
      await ctx.store.put(rec);
      await audited(ctx, req.principal, req.requestId, 'school.update', [`school:${s.id}`]);
      return ok(200, schoolView(rec.value));
    }) }),

  route({ method: 'POST', path: '/schools/:schoolId/devices', tag: 'devices', summary: 'Provision a device; the response holds its secret, shown only once',
    roles: OPERATORS, bodyKind: 'json', body: DeviceBody, success: [201, DeviceWithSecret], errors: ['API_NOT_FOUND'],
    handler: async (ctx, req) => ctx.store.exclusive(async () => {
      const school = schoolInScope(ctx, req.principal, req.params['schoolId']!);
      const secretHex = newSecret();
      const rec = ctx.store.record('device', { id: newId('d'), schoolId: school.id, kind: req.body.kind, secretHex, enabled: true,
        allowedPersonKinds: req.body.allowedPersonKinds ?? [], name: req.body.name ?? '', place: req.body.place ?? '' });
      await ctx.store.put(rec);
      await audited(ctx, req.principal, req.requestId, 'device.provision', [`device:${rec.value.id}`, `school:${school.id}`]);
      return ok(201, { device: deviceView(rec.value), secretHex });
    }) }),
  route({ method: 'GET', path: '/schools/:schoolId/devices', tag: 'devices', summary: 'List a school\'s devices (never their secrets)', roles: STAFF, query: Page,
    success: [200, pageOf(DeviceView)], errors: ['API_NOT_FOUND'],
    handler: async (ctx, req) => {
      const school = schoolInScope(ctx, req.principal, req.params['schoolId']!);
      const r = page([...ctx.registry.deviceIdsOfSchool(school.id)].map((id) => ctx.registry.devices.get(id)!), req.query);
      return ok(200, { items: r.items.map(deviceView), next: r.next });
    } }),
  route({ method: 'GET', path: '/devices/:deviceId', tag: 'devices', summary: 'Read a device (never its secret)', roles: STAFF, success: [200, DeviceView], errors: ['API_NOT_FOUND'],
    handler: async (ctx, req) => ok(200, deviceView(deviceInScope(ctx, req.principal, req.params['deviceId']!))) }),
  route({ method: 'POST', path: '/devices/:deviceId/rotate-secret', tag: 'devices', summary: 'Give a device a new secret (shown once); its connection is closed and must re-authenticate',
    roles: OPERATORS, success: [200, DeviceWithSecret], errors: ['API_NOT_FOUND'],
    handler: async (ctx, req) => ctx.store.exclusive(async () => {
      const d = deviceInScope(ctx, req.principal, req.params['deviceId']!);
      const secretHex = newSecret();
      const rec = ctx.store.record('device', { ...d, secretHex });
      await ctx.store.put(rec);
      await audited(ctx, req.principal, req.requestId, 'device.rotate_secret', [`device:${d.id}`]);
      return ok(200, { device: deviceView(rec.value), secretHex });
    }) }),
  route({ method: 'PATCH', path: '/devices/:deviceId', tag: 'devices',
    summary: 'Name a device, say where it stands («главный вход»), or enable or disable it (disabling closes its connection within a second)',
    roles: OPERATORS, bodyKind: 'json', body: DevicePatch, success: [200, DeviceView], errors: ['API_NOT_FOUND'],
    handler: async (ctx, req) => ctx.store.exclusive(async () => {
      const d = deviceInScope(ctx, req.principal, req.params['deviceId']!);
      const rec = ctx.store.record('device', { ...d, ...req.body });
      const changed = rec.value.name !== d.name || rec.value.place !== d.place || rec.value.enabled !== d.enabled;
      if (changed) {
        await ctx.store.put(rec);
        const action = rec.value.enabled === d.enabled ? 'device.update' : `device.${rec.value.enabled ? 'enable' : 'disable'}`;
        await audited(ctx, req.principal, req.requestId, action, [`device:${d.id}`]);
      }
      return ok(200, deviceView(rec.value));
    }) }),
  ...(['disable', 'enable'] as const).map((action) => route({ method: 'POST', path: `/devices/:deviceId/${action}`, tag: 'devices',
    summary: action === 'disable' ? 'Disable a device: its connection is closed within a second and it cannot connect' : 'Enable a disabled device',
    roles: OPERATORS, success: [200, DeviceView], errors: ['API_NOT_FOUND'],
    handler: async (ctx, req) => ctx.store.exclusive(async () => {
      const d = deviceInScope(ctx, req.principal, req.params['deviceId']!);
      const rec = ctx.store.record('device', { ...d, enabled: action === 'enable' });
      if (rec.value.enabled !== d.enabled) {
        await ctx.store.put(rec);
        await audited(ctx, req.principal, req.requestId, `device.${action}`, [`device:${d.id}`]);
      }
      return ok(200, deviceView(rec.value));
    }) })),

  route({ method: 'GET', path: '/schools/:schoolId/passes', tag: 'schools',
    summary: `The school's latest turnstile passes of its local today, allowed and refused, newest first, named as the desk's live feed names them `
      + `(at most ${DESK_BACKLOG_MAX}, default ${DESK_BACKLOG_MAX}): what the guard's desk shows on opening. From ClickHouse, a moment behind the feed`,
    roles: DESK, query: Obj({ limit: Type.Optional(Type.String({ pattern: '^[1-9]\\d{0,2}$' })) }),
    success: [200, Obj({ schoolId: Id, items: Type.Array(DeskPassView) })], errors: ['API_NOT_FOUND', 'API_UNAVAILABLE'],
    handler: async (ctx, req) => {
      const school = schoolInScope(ctx, req.principal, req.params['schoolId']!);
      const limit = Number(req.query.limit ?? DESK_BACKLOG_MAX);
      if (limit > DESK_BACKLOG_MAX) throw new ApiError('API_INVALID_REQUEST', `limit is at most ${DESK_BACKLOG_MAX}`, { field: 'limit' });
      const today = localDayBounds(school.timeZone, Date.now());
      const rows = await ctx.history.schoolPasses(school.id, { fromMs: today.startMs, toMs: today.endMs }, limit);
      return ok(200, { schoolId: school.id, items: rows.map((r) => deskPassOf(r, ctx.registry)) });
    } }),
  route({ method: 'GET', path: '/schools/:schoolId/headcount', tag: 'schools',
    summary: 'Emergency headcount: who is inside the school now, pupils by class and staff, from the live presence kept by the shard owning the school',
    roles: DESK, success: [200, Headcount], errors: ['API_NOT_FOUND', 'API_UNAVAILABLE'],
    handler: async (ctx, req) => {
      const school = schoolInScope(ctx, req.principal, req.params['schoolId']!);
      const byClass = new Map<string, Array<{ id: string; displayName: string }>>();
      const staff: Array<{ id: string; displayName: string }> = [];
      for (const id of await ctx.insidePersonIds(school.id)) {
        const person = ctx.registry.persons.get(id);
        const entry = { id, displayName: person?.displayName ?? '' };
        if (person?.kind === 'staff') { staff.push(entry); continue; }
        const cls = person?.className ?? '';
        const list = byClass.get(cls) ?? [];
        list.push(entry);
        byClass.set(cls, list);
      }
      const classes = [...byClass].sort(([a], [b]) => a.localeCompare(b, 'ru', { numeric: true }))
        .map(([className, persons]) => ({ className, count: persons.length, persons: persons.sort((a, b) => a.displayName.localeCompare(b.displayName, 'ru')) }));
      return ok(200, { schoolId: school.id, atMs: Date.now(), pupils: classes.reduce((n, c) => n + c.count, 0), staff: staff.length, byClass: classes,
        staffInside: staff.sort((a, b) => a.displayName.localeCompare(b.displayName, 'ru')) });
    } }),

  route({ method: 'POST', path: '/tokens', tag: 'tokens', summary: 'Create an API token; the response holds the token, shown only once', roles: ADMIN,
    bodyKind: 'json', body: TokenBody, success: [201, Obj({ token: Type.String(), tokenInfo: TokenView })], errors: ['API_NOT_FOUND'],
    handler: async (ctx, req) => {
      const problem = tokenSpecProblem(req.body);
      if (problem !== null) throw new ApiError('API_INVALID_REQUEST', problem, { field: problem.startsWith('label') ? 'label' : 'role' });
      for (const s of req.body.schoolIds ?? []) if (!ctx.registry.schools.has(s)) throw notFound('school', s);
      if (req.body.guardianId !== undefined && !ctx.registry.guardians.has(req.body.guardianId)) throw notFound('guardian', req.body.guardianId);
      const { token, record } = await ctx.tokens.create(req.body);
      await audited(ctx, req.principal, req.requestId, 'token.create', [`token:${record.id}`]);
      const { secretSha256: _hash, ...info } = record;
      return ok(201, { token, tokenInfo: info });
    } }),
  route({ method: 'DELETE', path: '/tokens/:tokenId', tag: 'tokens', summary: 'Revoke an API token', roles: ADMIN, success: [204, null], errors: ['API_NOT_FOUND'],
    paramPatterns: { tokenId: /^[A-Za-z0-9]{1,32}$/ },
    handler: async (ctx, req) => {
      const id = req.params['tokenId']!;
      const token = ctx.tokens.get(id);
      if (token === undefined) throw notFound('token', id);
      if (!token.revoked) {
        await ctx.tokens.revoke(id);
        await audited(ctx, req.principal, req.requestId, 'token.revoke', [`token:${id}`]);
      }
      return ok(204);
    } }),
  route({ method: 'GET', path: '/audit', tag: 'audit', summary: 'The newest audit entries, newest first', roles: ADMIN,
    query: Obj({ limit: Type.Optional(Type.String({ pattern: '^[1-9]\\d{0,2}$' })), before: Type.Optional(Type.String({ pattern: '^[1-9]\\d{0,15}$' })) }),
    success: [200, Obj({ items: Type.Array(Type.Record(Type.String(), Type.Unknown())) })], errors: ['API_UNAVAILABLE'],
    handler: async (ctx, req) => {
      const limit = Math.min(Number(req.query.limit ?? AUDIT_PAGE_DEFAULT), AUDIT_PAGE_MAX);
      try {
        return ok(200, { items: await ctx.audit.recent(limit, req.query.before === undefined ? undefined : Number(req.query.before)) });
      } catch {
        throw new ApiError('API_UNAVAILABLE', 'the audit log cannot be read now');
      }
    } }),
];
