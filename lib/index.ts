// I/O adapters shared by the gateway, processors, consumers and scripts.
export * from './nats.js';
export * from './logger.js';
export * from './registry-load.js';
export * from './registry-repair.js';
export * from './config.js';
export * from './lease.js';
export * from './ops-http.js';
export * from './shards.js';
export { loadUws } from './uws.js';
export { connectNatsAtStart, NATS_START_RETRY_FIRST_MS, NATS_START_RETRY_MAX_MS, type NatsStartOptions } from './nats-start.js';
export * from './clickhouse-layout.js';
