// The baseline for the tap benchmark: a bare uWS WebSocket server on the same native build and
// options as the gateway's device endpoint, echoing every binary frame back unchanged. No
// decode, no decision, no log: what the network path alone costs on this machine.
import { loadUws } from '../gateway/uws.js';
import { HARD_MAX_FRAME_BYTES } from '../core/index.js';

const uws = loadUws();
const port = Number(process.env['ECHO_PORT'] ?? '0');
uws.App().ws('/device/v1', {
  compression: uws.DISABLED, maxPayloadLength: HARD_MAX_FRAME_BYTES, maxBackpressure: 1024 * 1024, idleTimeout: 0,
  message: (ws, message, isBinary) => { ws.send(message, isBinary); },
}).listen('127.0.0.1', port, (token) => {
  if (token === false) { process.stderr.write(`echo server: cannot listen on ${port}\n`); process.exit(1); }
  process.stdout.write(JSON.stringify({ msg: 'echo listening', port: uws.us_socket_local_port(token) }) + '\n');
});
process.once('SIGTERM', () => process.exit(0));
