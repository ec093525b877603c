// Loads uWebSockets.js and refuses to go on if its native binary did not load. The package
// silently falls back to a slow `ws` shim when the binary does not match the platform or the
// Node ABI; a gateway or an API process on the shim would be 7-9x slower without saying so.
// Shared by the gateway (devices, ops) and the API process (the admin API).
import { createRequire } from 'node:module';
import { TapgateError } from '../core/index.js';
import type * as UWS from 'uWebSockets.js';

const require = createRequire(import.meta.url);

export function loadUws(): typeof UWS {
  if (process.env['UWS_USE_FALLBACK'] !== undefined && process.env['UWS_USE_FALLBACK'] !== '') {
    throw new TapgateError('GW_UWS_FALLBACK', 'UWS_USE_FALLBACK is set: tapgate runs only on the native uWebSockets.js binary; unset it');
  }
  const before = new Set(Object.keys(require.cache));
  const warn = console.warn;
  const warnings: string[] = [];
  console.warn = (...args: unknown[]) => { warnings.push(args.map(String).join(' ')); };
  let uws: typeof UWS;
  try {
    uws = require('uWebSockets.js') as typeof UWS;
  } finally {
    console.warn = warn;
  }
  const native = Object.keys(require.cache).some((k) => /uws_[a-z0-9]+_[a-z0-9]+_\d+\.node$/.test(k));
  if (!native) {
    const loaded = [...Object.keys(require.cache)].filter((k) => !before.has(k)).length;
    throw new TapgateError('GW_UWS_FALLBACK',
      `uWebSockets.js fell back to its ws shim (no native binary for ${process.platform}-${process.arch}, Node ABI ${process.versions.modules}); ` +
      `run tapgate on Node 20 on linux-x64. ${warnings.join(' ').slice(0, 300)}`, { details: { modulesLoaded: loaded } });
  }
  return uws;
}
