// Minimal typings for the `smpp` package (0.5.1 ships none): what the SMS channel
// (./sms.ts, ./smpp-session.ts) and the local SMSC (local/smsc.ts) use, nothing more. The module
// is CommonJS; an ES module gets module.exports as its default export, so import it as
// `import smpp from 'smpp'`. The error and constant tables are copied onto module.exports at load
// time, which Node's named-export detection cannot see: read them from the default export.
// This is an ambient declaration: tsc picks it up because consumers/ is in tsconfig's include.

declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer } from 'node:net';

  /** A decoded short_message or message_payload: the UDH information elements and the text. */
  export interface DecodedMessage {
    readonly udh?: Buffer[];
    readonly message: string | Buffer;
  }

  /** Field values of a PDU: mandatory parameters and TLVs by their snake_case names. */
  export type PduFields = Record<string, unknown>;

  export class PDU {
    constructor(command: string, options?: PduFields);
    command: string;
    command_id: number;
    command_status: number;
    sequence_number: number;
    /** Any parameter or TLV by name (system_id, message_id, short_message, esm_class, ...). */
    [field: string]: unknown;
    isResponse(): boolean;
    /** The response PDU to this request (same sequence number). */
    response(options?: PduFields): PDU;
  }

  export interface Session extends EventEmitter {
    readonly socket: import('node:net').Socket;
    /** Sends a PDU; numbers a request and calls `onResponse` with its response. False when not writable. */
    send(pdu: PDU, onResponse?: (resp: PDU) => void, onSent?: (pdu: PDU) => void): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    on(event: 'pdu', listener: (pdu: PDU) => void): this;
    on(event: 'connect' | 'close', listener: () => void): this;
    on(event: 'error', listener: (err: Error) => void): this;
  }

  export interface Server extends NetServer {
    readonly sessions: Session[];
    on(event: 'session', listener: (session: Session) => void): this;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }

  export interface ConnectOptions {
    readonly host: string;
    readonly port: number;
  }

  interface SmppModule {
    PDU: typeof PDU;
    connect(options: ConnectOptions): Session;
    createServer(options: Record<string, unknown>, listener?: (session: Session) => void): Server;
    /** Command status codes by name: ESME_ROK, ESME_RTHROTTLED, ... */
    readonly errors: Readonly<Record<string, number>>;
  }

  const smpp: SmppModule;
  export default smpp;
}
