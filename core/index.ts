// The pure domain of tapgate: registry records, tap rules, presence, seq memory, time zones,
// the handshake MAC, limits and error codes. Imports nothing with I/O.
export * from './errors.js';
export * from './limits.js';
export * from './registry.js';
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
export * from './text.js';
export * from './registry-repair.js';
export * from './expiry-queue.js';
