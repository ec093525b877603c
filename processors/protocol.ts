// The contract between the gateway and the tap workers: what one piscina task carries and
// what it returns. Frames travel as one transferred ArrayBuffer with offsets, results as plain
// arrays, so a task costs one postMessage each way however many frames it holds.
import type { BasketItem } from '../core/index.js';

/** One task: frames of authenticated devices, concatenated. */
export interface TapTask {
  /** All frames' bytes back to back; transferred, not copied. */
  readonly bytes: ArrayBuffer;
  /** Frame i is bytes[ends[i-1] .. ends[i]) (ends[-1] = 0). */
  readonly ends: Uint32Array;
  /** The authenticated device of each frame. */
  readonly deviceIds: readonly string[];
  /** The gateway's clock when the task was formed, ms since the epoch (for expiry checks). */
  readonly nowMs: number;
  /** Limits in force. */
  readonly maxTapsPerFrame: number;
}

/** A frame refused as a whole: none of its taps are applied. */
export interface FrameError {
  /** tapgate.device.v1.ErrorCode */
  readonly code: number;
  readonly message: string;
  readonly tapIndex: number;
  readonly seq: number;
}

/** A tap decided by the registry rules, before the sequencer's stateful rules. */
export interface TapOutcome {
  readonly seq: number;
  /** tapgate.device.v1.DecisionReason from the static rules. */
  readonly reason: number;
  readonly identifierId: string;
  readonly personId: string;
  readonly direction: number;
  readonly deviceTimeMs: number;
  /** For a POS tap: what is sold (validated, priced from the catalogue); null for a turnstile. */
  readonly pos: PosPart | null;
  /**
   * For a hand-over (v1.3, a turnstile tap with child_uids): the adult's guardian and each child's
   * card, in child_uids order; null for an ordinary tap. `reason` and `identifierId` above are then
   * the adult card's, `personId` is ''.
   */
  readonly handover?: HandoverPart;
}

/** A hand-over's cards as the worker decided them (core `escortCard`, `childCard`). */
export interface HandoverPart {
  /** The adult's guardian id; '' when the UID is unknown or not a guardian's. */
  readonly guardianId: string;
  readonly children: ReadonlyArray<{ readonly reason: number; readonly identifierId: string; readonly personId: string }>;
}

/** A POS tap's sale: items at the catalogue's category and price (core `priceBasket`). */
export interface PosPart {
  readonly mealKind: number;
  readonly items: readonly BasketItem[];
  readonly offline: boolean;
  /** The first item outside the school's catalogue, -1 if none: declined UNKNOWN_PRODUCT. */
  readonly unknownItem: number;
  /** v1.1 items whose declared category or price the catalogue overrode (a metric). */
  readonly repriced: number;
}

/** Per frame, either an error or the outcomes of all its taps, in frame order. */
export type FrameResult = { readonly error: FrameError } | { readonly taps: readonly TapOutcome[] };

export interface TapTaskResult {
  readonly frames: readonly FrameResult[];
}
