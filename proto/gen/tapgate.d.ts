import * as $protobuf from "protobufjs";
import Long = require("long");

export namespace tapgate {

    namespace device {

        namespace v1 {

            interface IDeviceFrame extends tapgate.device.v1.DeviceFrame.$Properties {
            }

            class DeviceFrame {
                constructor(properties?: tapgate.device.v1.DeviceFrame.$Properties);
                $unknowns?: Uint8Array[];
                auth?: (tapgate.device.v1.Auth.$Properties|null);
                taps?: (tapgate.device.v1.TapBatch.$Properties|null);
                status?: (tapgate.device.v1.Status.$Properties|null);
                body?: ("auth"|"taps"|"status");
                static create(properties: tapgate.device.v1.DeviceFrame.$Shape): tapgate.device.v1.DeviceFrame & tapgate.device.v1.DeviceFrame.$Shape;
                static create(properties?: tapgate.device.v1.DeviceFrame.$Properties): tapgate.device.v1.DeviceFrame;
                static encode(message: tapgate.device.v1.DeviceFrame.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tapgate.device.v1.DeviceFrame & tapgate.device.v1.DeviceFrame.$Shape;
                static fromObject(object: { [k: string]: any }): tapgate.device.v1.DeviceFrame;
                static toObject(message: tapgate.device.v1.DeviceFrame, options?: $protobuf.IConversionOptions): { [k: string]: any };
                toJSON(): { [k: string]: any };
            }

            namespace DeviceFrame {
                interface $Properties {
                    auth?: (tapgate.device.v1.Auth.$Properties|null);
                    taps?: (tapgate.device.v1.TapBatch.$Properties|null);
                    status?: (tapgate.device.v1.Status.$Properties|null);
                    body?: ("auth"|"taps"|"status");
                    $unknowns?: Uint8Array[];
                }
                type $Shape = {
                  auth?: tapgate.device.v1.Auth.$Shape|null;
                  taps?: tapgate.device.v1.TapBatch.$Shape|null;
                  status?: tapgate.device.v1.Status.$Shape|null;
                  $unknowns?: Uint8Array[];
                } & (
                  ({ body?: undefined; auth?: null; taps?: null; status?: null }|{ body?: "auth"; auth: tapgate.device.v1.Auth.$Shape; taps?: null; status?: null }|{ body?: "taps"; auth?: null; taps: tapgate.device.v1.TapBatch.$Shape; status?: null }|{ body?: "status"; auth?: null; taps?: null; status: tapgate.device.v1.Status.$Shape })
                );
            }

            interface IGatewayFrame extends tapgate.device.v1.GatewayFrame.$Properties {
            }

            class GatewayFrame {
                constructor(properties?: tapgate.device.v1.GatewayFrame.$Properties);
                $unknowns?: Uint8Array[];
                challenge?: (tapgate.device.v1.Challenge.$Properties|null);
                welcome?: (tapgate.device.v1.Welcome.$Properties|null);
                decisions?: (tapgate.device.v1.DecisionBatch.$Properties|null);
                error?: (tapgate.device.v1.Error.$Properties|null);
                statusAck?: (tapgate.device.v1.StatusAck.$Properties|null);
                body?: ("challenge"|"welcome"|"decisions"|"error"|"statusAck");
                static create(properties: tapgate.device.v1.GatewayFrame.$Shape): tapgate.device.v1.GatewayFrame & tapgate.device.v1.GatewayFrame.$Shape;
                static create(properties?: tapgate.device.v1.GatewayFrame.$Properties): tapgate.device.v1.GatewayFrame;
                static encode(message: tapgate.device.v1.GatewayFrame.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tapgate.device.v1.GatewayFrame & tapgate.device.v1.GatewayFrame.$Shape;
                static fromObject(object: { [k: string]: any }): tapgate.device.v1.GatewayFrame;
                static toObject(message: tapgate.device.v1.GatewayFrame, options?: $protobuf.IConversionOptions): { [k: string]: any };
                toJSON(): { [k: string]: any };
            }

            namespace GatewayFrame {
                interface $Properties {
                    challenge?: (tapgate.device.v1.Challenge.$Properties|null);
                    welcome?: (tapgate.device.v1.Welcome.$Properties|null);
                    decisions?: (tapgate.device.v1.DecisionBatch.$Properties|null);
                    error?: (tapgate.device.v1.Error.$Properties|null);
                    statusAck?: (tapgate.device.v1.StatusAck.$Properties|null);
                    body?: ("challenge"|"welcome"|"decisions"|"error"|"statusAck");
                    $unknowns?: Uint8Array[];
                }
                type $Shape = {
                  challenge?: tapgate.device.v1.Challenge.$Shape|null;
                  welcome?: tapgate.device.v1.Welcome.$Shape|null;
                  decisions?: tapgate.device.v1.DecisionBatch.$Shape|null;
                  error?: tapgate.device.v1.Error.$Shape|null;
                  statusAck?: tapgate.device.v1.StatusAck.$Shape|null;
                  $unknowns?: Uint8Array[];
                } & (
                  ({ body?: undefined; challenge?: null; welcome?: null; decisions?: null; error?: null; statusAck?: null }|{ body?: "challenge"; challenge: tapgate.device.v1.Challenge.$Shape; welcome?: null; decisions?: null; error?: null; statusAck?: null }|{ body?: "welcome"; challenge?: null; welcome: tapgate.device.v1.Welcome.$Shape; decisions?: null; error?: null; statusAck?: null }|{ body?: "decisions"; challenge?: null; welcome?: null; decisions: tapgate.device.v1.DecisionBatch.$Shape; error?: null; statusAck?: null }|{ body?: "error"; challenge?: null; welcome?: null; decisions?: null; error: tapgate.device.v1.Error.$Shape; statusAck?: null }|{ body?: "statusAck"; challenge?: null; welcome?: null; decisions?: null; error?: null; statusAck: tapgate.device.v1.StatusAck.$Shape })
                );
            }

            interface IChallenge extends tapgate.device.v1.Challenge.$Properties {
            }

            class Challenge {
                constructor(properties?: tapgate.device.v1.Challenge.$Properties);
                $unknowns?: Uint8Array[];
                nonce: Uint8Array;
                protocolVersion: number;
                serverTimeMs: number;
                authTimeoutMs: number;
                static create(properties: tapgate.device.v1.Challenge.$Shape): tapgate.device.v1.Challenge & tapgate.device.v1.Challenge.$Shape;
                static create(properties?: tapgate.device.v1.Challenge.$Properties): tapgate.device.v1.Challenge;
                static encode(message: tapgate.device.v1.Challenge.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tapgate.device.v1.Challenge & tapgate.device.v1.Challenge.$Shape;
                static fromObject(object: { [k: string]: any }): tapgate.device.v1.Challenge;
                static toObject(message: tapgate.device.v1.Challenge, options?: $protobuf.IConversionOptions): { [k: string]: any };
                toJSON(): { [k: string]: any };
            }

            namespace Challenge {
                interface $Properties {
                    nonce?: (Uint8Array|null);
                    protocolVersion?: (number|null);
                    serverTimeMs?: (number|null);
                    authTimeoutMs?: (number|null);
                    $unknowns?: Uint8Array[];
                }
                type $Shape = tapgate.device.v1.Challenge.$Properties;
            }

            interface IAuth extends tapgate.device.v1.Auth.$Properties {
            }

            class Auth {
                constructor(properties?: tapgate.device.v1.Auth.$Properties);
                $unknowns?: Uint8Array[];
                deviceId: string;
                mac: Uint8Array;
                firmwareVersion: string;
                deviceTimeMs: number;
                static create(properties: tapgate.device.v1.Auth.$Shape): tapgate.device.v1.Auth & tapgate.device.v1.Auth.$Shape;
                static create(properties?: tapgate.device.v1.Auth.$Properties): tapgate.device.v1.Auth;
                static encode(message: tapgate.device.v1.Auth.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tapgate.device.v1.Auth & tapgate.device.v1.Auth.$Shape;
                static fromObject(object: { [k: string]: any }): tapgate.device.v1.Auth;
                static toObject(message: tapgate.device.v1.Auth, options?: $protobuf.IConversionOptions): { [k: string]: any };
                toJSON(): { [k: string]: any };
            }

            namespace Auth {
                interface $Properties {
                    deviceId?: (string|null);
                    mac?: (Uint8Array|null);
                    firmwareVersion?: (string|null);
                    deviceTimeMs?: (number|null);
                    $unknowns?: Uint8Array[];
                }
                type $Shape = tapgate.device.v1.Auth.$Properties;
            }

            interface IWelcome extends tapgate.device.v1.Welcome.$Properties {
            }

            class Welcome {
                constructor(properties?: tapgate.device.v1.Welcome.$Properties);
                $unknowns?: Uint8Array[];
                serverTimeMs: number;
                lastDecidedSeq: number;
                maxFrameBytes: number;
                maxTapsPerFrame: number;
                maxFramesInFlight: number;
                heartbeatIntervalMs: number;
                repeatWindowMs: number;
                seqMemory: number;
                tapRatePerS: number;
                tapBurst: number;
                handoverChildrenMax: number;
                static create(properties: tapgate.device.v1.Welcome.$Shape): tapgate.device.v1.Welcome & tapgate.device.v1.Welcome.$Shape;
                static create(properties?: tapgate.device.v1.Welcome.$Properties): tapgate.device.v1.Welcome;
                static encode(message: tapgate.device.v1.Welcome.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tapgate.device.v1.Welcome & tapgate.device.v1.Welcome.$Shape;
                static fromObject(object: { [k: string]: any }): tapgate.device.v1.Welcome;
                static toObject(message: tapgate.device.v1.Welcome, options?: $protobuf.IConversionOptions): { [k: string]: any };
                toJSON(): { [k: string]: any };
            }

            namespace Welcome {
                interface $Properties {
                    serverTimeMs?: (number|null);
                    lastDecidedSeq?: (number|null);
                    maxFrameBytes?: (number|null);
                    maxTapsPerFrame?: (number|null);
                    maxFramesInFlight?: (number|null);
                    heartbeatIntervalMs?: (number|null);
                    repeatWindowMs?: (number|null);
                    seqMemory?: (number|null);
                    tapRatePerS?: (number|null);
                    tapBurst?: (number|null);
                    handoverChildrenMax?: (number|null);
                    $unknowns?: Uint8Array[];
                }
                type $Shape = tapgate.device.v1.Welcome.$Properties;
            }

            enum Direction {
                DIRECTION_UNSPECIFIED = 0,
                DIRECTION_ENTRY = 1,
                DIRECTION_EXIT = 2
            }

            interface ITap extends tapgate.device.v1.Tap.$Properties {
            }

            class Tap {
                constructor(properties?: tapgate.device.v1.Tap.$Properties);
                $unknowns?: Uint8Array[];
                seq: number;
                cardUid: Uint8Array;
                deviceTimeMs: number;
                direction: tapgate.device.v1.Direction;
                mealKind: tapgate.device.v1.MealKind;
                items: tapgate.device.v1.Item.$Properties[];
                offline: boolean;
                childUids: Uint8Array[];
                static create(properties: tapgate.device.v1.Tap.$Shape): tapgate.device.v1.Tap & tapgate.device.v1.Tap.$Shape;
                static create(properties?: tapgate.device.v1.Tap.$Properties): tapgate.device.v1.Tap;
                static encode(message: tapgate.device.v1.Tap.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tapgate.device.v1.Tap & tapgate.device.v1.Tap.$Shape;
                static fromObject(object: { [k: string]: any }): tapgate.device.v1.Tap;
                static toObject(message: tapgate.device.v1.Tap, options?: $protobuf.IConversionOptions): { [k: string]: any };
                toJSON(): { [k: string]: any };
            }

            namespace Tap {
                interface $Properties {
                    seq?: (number|null);
                    cardUid?: (Uint8Array|null);
                    deviceTimeMs?: (number|null);
                    direction?: (tapgate.device.v1.Direction|null);
                    mealKind?: (tapgate.device.v1.MealKind|null);
                    items?: (tapgate.device.v1.Item.$Properties[]|null);
                    offline?: (boolean|null);
                    childUids?: (Uint8Array[]|null);
                    $unknowns?: Uint8Array[];
                }
                type $Shape = tapgate.device.v1.Tap.$Properties;
            }

            enum MealKind {
                MEAL_KIND_UNSPECIFIED = 0,
                MEAL_KIND_BUFFET = 1,
                MEAL_KIND_HOT_MEAL = 2,
                MEAL_KIND_SUBSIDISED_MEAL = 3
            }

            interface IItem extends tapgate.device.v1.Item.$Properties {
            }

            class Item {
                constructor(properties?: tapgate.device.v1.Item.$Properties);
                $unknowns?: Uint8Array[];
                productId: string;
                category: string;
                priceKop: number;
                quantity: number;
                static create(properties: tapgate.device.v1.Item.$Shape): tapgate.device.v1.Item & tapgate.device.v1.Item.$Shape;
                static create(properties?: tapgate.device.v1.Item.$Properties): tapgate.device.v1.Item;
                static encode(message: tapgate.device.v1.Item.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tapgate.device.v1.Item & tapgate.device.v1.Item.$Shape;
                static fromObject(object: { [k: string]: any }): tapgate.device.v1.Item;
                static toObject(message: tapgate.device.v1.Item, options?: $protobuf.IConversionOptions): { [k: string]: any };
                toJSON(): { [k: string]: any };
            }

            namespace Item {
                interface $Properties {
                    productId?: (string|null);
                    category?: (string|null);
                    priceKop?: (number|null);
                    quantity?: (number|null);
                    $unknowns?: Uint8Array[];
                }
                type $Shape = tapgate.device.v1.Item.$Properties;
            }

            interface ITapBatch extends tapgate.device.v1.TapBatch.$Properties {
            }

            class TapBatch {
                constructor(properties?: tapgate.device.v1.TapBatch.$Properties);
                $unknowns?: Uint8Array[];
                taps: tapgate.device.v1.Tap.$Properties[];
                static create(properties: tapgate.device.v1.TapBatch.$Shape): tapgate.device.v1.TapBatch & tapgate.device.v1.TapBatch.$Shape;
                static create(properties?: tapgate.device.v1.TapBatch.$Properties): tapgate.device.v1.TapBatch;
                static encode(message: tapgate.device.v1.TapBatch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tapgate.device.v1.TapBatch & tapgate.device.v1.TapBatch.$Shape;
                static fromObject(object: { [k: string]: any }): tapgate.device.v1.TapBatch;
                static toObject(message: tapgate.device.v1.TapBatch, options?: $protobuf.IConversionOptions): { [k: string]: any };
                toJSON(): { [k: string]: any };
            }

            namespace TapBatch {
                interface $Properties {
                    taps?: (tapgate.device.v1.Tap.$Properties[]|null);
                    $unknowns?: Uint8Array[];
                }
                type $Shape = tapgate.device.v1.TapBatch.$Properties;
            }

            enum Verdict {
                VERDICT_UNSPECIFIED = 0,
                VERDICT_ALLOW = 1,
                VERDICT_DENY = 2
            }

            enum DecisionReason {
                DECISION_REASON_UNSPECIFIED = 0,
                DECISION_REASON_OK = 1,
                DECISION_REASON_UNKNOWN_IDENTIFIER = 2,
                DECISION_REASON_IDENTIFIER_BLOCKED = 3,
                DECISION_REASON_IDENTIFIER_EXPIRED = 4,
                DECISION_REASON_OTHER_SCHOOL = 5,
                DECISION_REASON_NOT_ALLOWED_AT_DEVICE = 6,
                DECISION_REASON_REPEATED_TAP = 7,
                DECISION_REASON_INSUFFICIENT_FUNDS = 8,
                DECISION_REASON_DAILY_LIMIT_EXCEEDED = 9,
                DECISION_REASON_BANNED_CATEGORY = 10,
                DECISION_REASON_NO_BENEFIT = 11,
                DECISION_REASON_SUBSIDISED_MEAL_ALREADY_TAKEN = 12,
                DECISION_REASON_NOT_PRESENT_TODAY = 13,
                DECISION_REASON_NO_ACCOUNT = 14,
                DECISION_REASON_UNKNOWN_PRODUCT = 15,
                DECISION_REASON_ESCORT_NOT_AUTHORISED = 16,
                DECISION_REASON_NOT_A_CHILD = 17,
                DECISION_REASON_NOT_AN_ESCORT = 18,
                DECISION_REASON_ESCORT_CARD_ALONE = 19
            }

            interface IDisplay extends tapgate.device.v1.Display.$Properties {
            }

            class Display {
                constructor(properties?: tapgate.device.v1.Display.$Properties);
                $unknowns?: Uint8Array[];
                displayName: string;
                className: string;
                photoRef: string;
                personKind: tapgate.device.v1.PersonKind;
                static create(properties: tapgate.device.v1.Display.$Shape): tapgate.device.v1.Display & tapgate.device.v1.Display.$Shape;
                static create(properties?: tapgate.device.v1.Display.$Properties): tapgate.device.v1.Display;
                static encode(message: tapgate.device.v1.Display.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tapgate.device.v1.Display & tapgate.device.v1.Display.$Shape;
                static fromObject(object: { [k: string]: any }): tapgate.device.v1.Display;
                static toObject(message: tapgate.device.v1.Display, options?: $protobuf.IConversionOptions): { [k: string]: any };
                toJSON(): { [k: string]: any };
            }

            namespace Display {
                interface $Properties {
                    displayName?: (string|null);
                    className?: (string|null);
                    photoRef?: (string|null);
                    personKind?: (tapgate.device.v1.PersonKind|null);
                    $unknowns?: Uint8Array[];
                }
                type $Shape = tapgate.device.v1.Display.$Properties;
            }

            enum PersonKind {
                PERSON_KIND_UNSPECIFIED = 0,
                PERSON_KIND_PUPIL = 1,
                PERSON_KIND_STAFF = 2,
                PERSON_KIND_GUARDIAN = 3
            }

            interface IHandoverChild extends tapgate.device.v1.HandoverChild.$Properties {
            }

            class HandoverChild {
                constructor(properties?: tapgate.device.v1.HandoverChild.$Properties);
                $unknowns?: Uint8Array[];
                verdict: tapgate.device.v1.Verdict;
                reason: tapgate.device.v1.DecisionReason;
                display?: (tapgate.device.v1.Display.$Properties|null);
                static create(properties: tapgate.device.v1.HandoverChild.$Shape): tapgate.device.v1.HandoverChild & tapgate.device.v1.HandoverChild.$Shape;
                static create(properties?: tapgate.device.v1.HandoverChild.$Properties): tapgate.device.v1.HandoverChild;
                static encode(message: tapgate.device.v1.HandoverChild.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tapgate.device.v1.HandoverChild & tapgate.device.v1.HandoverChild.$Shape;
                static fromObject(object: { [k: string]: any }): tapgate.device.v1.HandoverChild;
                static toObject(message: tapgate.device.v1.HandoverChild, options?: $protobuf.IConversionOptions): { [k: string]: any };
                toJSON(): { [k: string]: any };
            }

            namespace HandoverChild {
                interface $Properties {
                    verdict?: (tapgate.device.v1.Verdict|null);
                    reason?: (tapgate.device.v1.DecisionReason|null);
                    display?: (tapgate.device.v1.Display.$Properties|null);
                    $unknowns?: Uint8Array[];
                }
                type $Shape = tapgate.device.v1.HandoverChild.$Properties;
            }

            interface IDecision extends tapgate.device.v1.Decision.$Properties {
            }

            class Decision {
                constructor(properties?: tapgate.device.v1.Decision.$Properties);
                $unknowns?: Uint8Array[];
                seq: number;
                verdict: tapgate.device.v1.Verdict;
                reason: tapgate.device.v1.DecisionReason;
                display?: (tapgate.device.v1.Display.$Properties|null);
                decidedAtMs: number;
                replayed: boolean;
                amountKop: number;
                balanceAfterKop: number;
                subsidised: boolean;
                children: tapgate.device.v1.HandoverChild.$Properties[];
                static create(properties: tapgate.device.v1.Decision.$Shape): tapgate.device.v1.Decision & tapgate.device.v1.Decision.$Shape;
                static create(properties?: tapgate.device.v1.Decision.$Properties): tapgate.device.v1.Decision;
                static encode(message: tapgate.device.v1.Decision.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tapgate.device.v1.Decision & tapgate.device.v1.Decision.$Shape;
                static fromObject(object: { [k: string]: any }): tapgate.device.v1.Decision;
                static toObject(message: tapgate.device.v1.Decision, options?: $protobuf.IConversionOptions): { [k: string]: any };
                toJSON(): { [k: string]: any };
            }

            namespace Decision {
                interface $Properties {
                    seq?: (number|null);
                    verdict?: (tapgate.device.v1.Verdict|null);
                    reason?: (tapgate.device.v1.DecisionReason|null);
                    display?: (tapgate.device.v1.Display.$Properties|null);
                    decidedAtMs?: (number|null);
                    replayed?: (boolean|null);
                    amountKop?: (number|null);
                    balanceAfterKop?: (number|null);
                    subsidised?: (boolean|null);
                    children?: (tapgate.device.v1.HandoverChild.$Properties[]|null);
                    $unknowns?: Uint8Array[];
                }
                type $Shape = tapgate.device.v1.Decision.$Properties;
            }

            interface IDecisionBatch extends tapgate.device.v1.DecisionBatch.$Properties {
            }

            class DecisionBatch {
                constructor(properties?: tapgate.device.v1.DecisionBatch.$Properties);
                $unknowns?: Uint8Array[];
                decisions: tapgate.device.v1.Decision.$Properties[];
                serverTimeMs: number;
                static create(properties: tapgate.device.v1.DecisionBatch.$Shape): tapgate.device.v1.DecisionBatch & tapgate.device.v1.DecisionBatch.$Shape;
                static create(properties?: tapgate.device.v1.DecisionBatch.$Properties): tapgate.device.v1.DecisionBatch;
                static encode(message: tapgate.device.v1.DecisionBatch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tapgate.device.v1.DecisionBatch & tapgate.device.v1.DecisionBatch.$Shape;
                static fromObject(object: { [k: string]: any }): tapgate.device.v1.DecisionBatch;
                static toObject(message: tapgate.device.v1.DecisionBatch, options?: $protobuf.IConversionOptions): { [k: string]: any };
                toJSON(): { [k: string]: any };
            }

            namespace DecisionBatch {
                interface $Properties {
                    decisions?: (tapgate.device.v1.Decision.$Properties[]|null);
                    serverTimeMs?: (number|null);
                    $unknowns?: Uint8Array[];
                }
                type $Shape = tapgate.device.v1.DecisionBatch.$Properties;
            }

            enum ErrorCode {
                ERROR_CODE_UNSPECIFIED = 0,
                ERROR_CODE_MALFORMED_FRAME = 1,
                ERROR_CODE_FRAME_TOO_LARGE = 2,
                ERROR_CODE_BAD_TAP_COUNT = 3,
                ERROR_CODE_INVALID_TAP = 4,
                ERROR_CODE_SEQ_TOO_OLD = 5,
                ERROR_CODE_TOO_MANY_IN_FLIGHT = 6,
                ERROR_CODE_UNEXPECTED_FRAME = 7,
                ERROR_CODE_OVERLOADED = 8,
                ERROR_CODE_RATE_LIMITED = 9
            }

            interface IError extends tapgate.device.v1.Error.$Properties {
            }

            class Error {
                constructor(properties?: tapgate.device.v1.Error.$Properties);
                $unknowns?: Uint8Array[];
                code: tapgate.device.v1.ErrorCode;
                message: string;
                tapIndex: number;
                seq: number;
                retryAfterMs: number;
                static create(properties: tapgate.device.v1.Error.$Shape): tapgate.device.v1.Error & tapgate.device.v1.Error.$Shape;
                static create(properties?: tapgate.device.v1.Error.$Properties): tapgate.device.v1.Error;
                static encode(message: tapgate.device.v1.Error.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tapgate.device.v1.Error & tapgate.device.v1.Error.$Shape;
                static fromObject(object: { [k: string]: any }): tapgate.device.v1.Error;
                static toObject(message: tapgate.device.v1.Error, options?: $protobuf.IConversionOptions): { [k: string]: any };
                toJSON(): { [k: string]: any };
            }

            namespace Error {
                interface $Properties {
                    code?: (tapgate.device.v1.ErrorCode|null);
                    message?: (string|null);
                    tapIndex?: (number|null);
                    seq?: (number|null);
                    retryAfterMs?: (number|null);
                    $unknowns?: Uint8Array[];
                }
                type $Shape = tapgate.device.v1.Error.$Properties;
            }

            enum DoorState {
                DOOR_STATE_UNSPECIFIED = 0,
                DOOR_STATE_CLOSED = 1,
                DOOR_STATE_OPEN = 2,
                DOOR_STATE_HELD_OPEN = 3,
                DOOR_STATE_FAULT = 4
            }

            interface IStatus extends tapgate.device.v1.Status.$Properties {
            }

            class Status {
                constructor(properties?: tapgate.device.v1.Status.$Properties);
                $unknowns?: Uint8Array[];
                deviceTimeMs: number;
                firmwareVersion: string;
                tamper: boolean;
                doorState: tapgate.device.v1.DoorState;
                backlogTaps: number;
                static create(properties: tapgate.device.v1.Status.$Shape): tapgate.device.v1.Status & tapgate.device.v1.Status.$Shape;
                static create(properties?: tapgate.device.v1.Status.$Properties): tapgate.device.v1.Status;
                static encode(message: tapgate.device.v1.Status.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tapgate.device.v1.Status & tapgate.device.v1.Status.$Shape;
                static fromObject(object: { [k: string]: any }): tapgate.device.v1.Status;
                static toObject(message: tapgate.device.v1.Status, options?: $protobuf.IConversionOptions): { [k: string]: any };
                toJSON(): { [k: string]: any };
            }

            namespace Status {
                interface $Properties {
                    deviceTimeMs?: (number|null);
                    firmwareVersion?: (string|null);
                    tamper?: (boolean|null);
                    doorState?: (tapgate.device.v1.DoorState|null);
                    backlogTaps?: (number|null);
                    $unknowns?: Uint8Array[];
                }
                type $Shape = tapgate.device.v1.Status.$Properties;
            }

            interface IStatusAck extends tapgate.device.v1.StatusAck.$Properties {
            }

            class StatusAck {
                constructor(properties?: tapgate.device.v1.StatusAck.$Properties);
                $unknowns?: Uint8Array[];
                serverTimeMs: number;
                deviceTimeMs: number;
                static create(properties: tapgate.device.v1.StatusAck.$Shape): tapgate.device.v1.StatusAck & tapgate.device.v1.StatusAck.$Shape;
                static create(properties?: tapgate.device.v1.StatusAck.$Properties): tapgate.device.v1.StatusAck;
                static encode(message: tapgate.device.v1.StatusAck.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tapgate.device.v1.StatusAck & tapgate.device.v1.StatusAck.$Shape;
                static fromObject(object: { [k: string]: any }): tapgate.device.v1.StatusAck;
                static toObject(message: tapgate.device.v1.StatusAck, options?: $protobuf.IConversionOptions): { [k: string]: any };
                toJSON(): { [k: string]: any };
            }

            namespace StatusAck {
                interface $Properties {
                    serverTimeMs?: (number|null);
                    deviceTimeMs?: (number|null);
                    $unknowns?: Uint8Array[];
                }
                type $Shape = tapgate.device.v1.StatusAck.$Properties;
            }
        }
    }

    namespace events {

        namespace v1 {

            interface IPassEvent extends tapgate.events.v1.PassEvent.$Properties {
            }

            class PassEvent {
                constructor(properties?: tapgate.events.v1.PassEvent.$Properties);
                $unknowns?: Uint8Array[];
                deviceId: string;
                seq: number;
                schoolId: string;
                personId: string;
                identifierId: string;
                personKind: number;
                className: string;
                direction: number;
                verdict: number;
                reason: number;
                deviceTimeMs: number;
                decidedAtMs: number;
                identifierKind: string;
                escortGuardianId: string;
                escortIdentifierId: string;
                escortRelation: string;
                escortReason: number;
                childIndex: number;
                childCount: number;
                static create(properties: tapgate.events.v1.PassEvent.$Shape): tapgate.events.v1.PassEvent & tapgate.events.v1.PassEvent.$Shape;
                static create(properties?: tapgate.events.v1.PassEvent.$Properties): tapgate.events.v1.PassEvent;
                static encode(message: tapgate.events.v1.PassEvent.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tapgate.events.v1.PassEvent & tapgate.events.v1.PassEvent.$Shape;
                static fromObject(object: { [k: string]: any }): tapgate.events.v1.PassEvent;
                static toObject(message: tapgate.events.v1.PassEvent, options?: $protobuf.IConversionOptions): { [k: string]: any };
                toJSON(): { [k: string]: any };
            }

            namespace PassEvent {
                interface $Properties {
                    deviceId?: (string|null);
                    seq?: (number|null);
                    schoolId?: (string|null);
                    personId?: (string|null);
                    identifierId?: (string|null);
                    personKind?: (number|null);
                    className?: (string|null);
                    direction?: (number|null);
                    verdict?: (number|null);
                    reason?: (number|null);
                    deviceTimeMs?: (number|null);
                    decidedAtMs?: (number|null);
                    identifierKind?: (string|null);
                    escortGuardianId?: (string|null);
                    escortIdentifierId?: (string|null);
                    escortRelation?: (string|null);
                    escortReason?: (number|null);
                    childIndex?: (number|null);
                    childCount?: (number|null);
                    $unknowns?: Uint8Array[];
                }
                type $Shape = tapgate.events.v1.PassEvent.$Properties;
            }

            interface ITopUpEvent extends tapgate.events.v1.TopUpEvent.$Properties {
            }

            class TopUpEvent {
                constructor(properties?: tapgate.events.v1.TopUpEvent.$Properties);
                $unknowns?: Uint8Array[];
                channel: string;
                paymentId: string;
                accountId: string;
                amountKop: number;
                balanceAfterKop: number;
                appliedAtMs: number;
                static create(properties: tapgate.events.v1.TopUpEvent.$Shape): tapgate.events.v1.TopUpEvent & tapgate.events.v1.TopUpEvent.$Shape;
                static create(properties?: tapgate.events.v1.TopUpEvent.$Properties): tapgate.events.v1.TopUpEvent;
                static encode(message: tapgate.events.v1.TopUpEvent.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tapgate.events.v1.TopUpEvent & tapgate.events.v1.TopUpEvent.$Shape;
                static fromObject(object: { [k: string]: any }): tapgate.events.v1.TopUpEvent;
                static toObject(message: tapgate.events.v1.TopUpEvent, options?: $protobuf.IConversionOptions): { [k: string]: any };
                toJSON(): { [k: string]: any };
            }

            namespace TopUpEvent {
                interface $Properties {
                    channel?: (string|null);
                    paymentId?: (string|null);
                    accountId?: (string|null);
                    amountKop?: (number|null);
                    balanceAfterKop?: (number|null);
                    appliedAtMs?: (number|null);
                    $unknowns?: Uint8Array[];
                }
                type $Shape = tapgate.events.v1.TopUpEvent.$Properties;
            }

            interface IPurchaseItem extends tapgate.events.v1.PurchaseItem.$Properties {
            }

            class PurchaseItem {
                constructor(properties?: tapgate.events.v1.PurchaseItem.$Properties);
                $unknowns?: Uint8Array[];
                productId: string;
                category: string;
                priceKop: number;
                quantity: number;
                static create(properties: tapgate.events.v1.PurchaseItem.$Shape): tapgate.events.v1.PurchaseItem & tapgate.events.v1.PurchaseItem.$Shape;
                static create(properties?: tapgate.events.v1.PurchaseItem.$Properties): tapgate.events.v1.PurchaseItem;
                static encode(message: tapgate.events.v1.PurchaseItem.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tapgate.events.v1.PurchaseItem & tapgate.events.v1.PurchaseItem.$Shape;
                static fromObject(object: { [k: string]: any }): tapgate.events.v1.PurchaseItem;
                static toObject(message: tapgate.events.v1.PurchaseItem, options?: $protobuf.IConversionOptions): { [k: string]: any };
                toJSON(): { [k: string]: any };
            }

            namespace PurchaseItem {
                interface $Properties {
                    productId?: (string|null);
                    category?: (string|null);
                    priceKop?: (number|null);
                    quantity?: (number|null);
                    $unknowns?: Uint8Array[];
                }
                type $Shape = tapgate.events.v1.PurchaseItem.$Properties;
            }

            interface IPurchaseEvent extends tapgate.events.v1.PurchaseEvent.$Properties {
            }

            class PurchaseEvent {
                constructor(properties?: tapgate.events.v1.PurchaseEvent.$Properties);
                $unknowns?: Uint8Array[];
                deviceId: string;
                seq: number;
                schoolId: string;
                personId: string;
                identifierId: string;
                accountId: string;
                mealKind: number;
                verdict: number;
                reason: number;
                items: tapgate.events.v1.PurchaseItem.$Properties[];
                basketKop: number;
                amountKop: number;
                balanceAfterKop: number;
                benefitId: string;
                mealPeriod: string;
                offline: boolean;
                overdraft: boolean;
                deviceTimeMs: number;
                decidedAtMs: number;
                schoolDay: number;
                lowBalance: boolean;
                static create(properties: tapgate.events.v1.PurchaseEvent.$Shape): tapgate.events.v1.PurchaseEvent & tapgate.events.v1.PurchaseEvent.$Shape;
                static create(properties?: tapgate.events.v1.PurchaseEvent.$Properties): tapgate.events.v1.PurchaseEvent;
                static encode(message: tapgate.events.v1.PurchaseEvent.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tapgate.events.v1.PurchaseEvent & tapgate.events.v1.PurchaseEvent.$Shape;
                static fromObject(object: { [k: string]: any }): tapgate.events.v1.PurchaseEvent;
                static toObject(message: tapgate.events.v1.PurchaseEvent, options?: $protobuf.IConversionOptions): { [k: string]: any };
                toJSON(): { [k: string]: any };
            }

            namespace PurchaseEvent {
                interface $Properties {
                    deviceId?: (string|null);
                    seq?: (number|null);
                    schoolId?: (string|null);
                    personId?: (string|null);
                    identifierId?: (string|null);
                    accountId?: (string|null);
                    mealKind?: (number|null);
                    verdict?: (number|null);
                    reason?: (number|null);
                    items?: (tapgate.events.v1.PurchaseItem.$Properties[]|null);
                    basketKop?: (number|null);
                    amountKop?: (number|null);
                    balanceAfterKop?: (number|null);
                    benefitId?: (string|null);
                    mealPeriod?: (string|null);
                    offline?: (boolean|null);
                    overdraft?: (boolean|null);
                    deviceTimeMs?: (number|null);
                    decidedAtMs?: (number|null);
                    schoolDay?: (number|null);
                    lowBalance?: (boolean|null);
                    $unknowns?: Uint8Array[];
                }
                type $Shape = tapgate.events.v1.PurchaseEvent.$Properties;
            }

            interface IRefundEvent extends tapgate.events.v1.RefundEvent.$Properties {
            }

            class RefundEvent {
                constructor(properties?: tapgate.events.v1.RefundEvent.$Properties);
                $unknowns?: Uint8Array[];
                refundId: string;
                deviceId: string;
                seq: number;
                accountId: string;
                amountKop: number;
                balanceAfterKop: number;
                reason: string;
                operatorId: string;
                appliedAtMs: number;
                static create(properties: tapgate.events.v1.RefundEvent.$Shape): tapgate.events.v1.RefundEvent & tapgate.events.v1.RefundEvent.$Shape;
                static create(properties?: tapgate.events.v1.RefundEvent.$Properties): tapgate.events.v1.RefundEvent;
                static encode(message: tapgate.events.v1.RefundEvent.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tapgate.events.v1.RefundEvent & tapgate.events.v1.RefundEvent.$Shape;
                static fromObject(object: { [k: string]: any }): tapgate.events.v1.RefundEvent;
                static toObject(message: tapgate.events.v1.RefundEvent, options?: $protobuf.IConversionOptions): { [k: string]: any };
                toJSON(): { [k: string]: any };
            }

            namespace RefundEvent {
                interface $Properties {
                    refundId?: (string|null);
                    deviceId?: (string|null);
                    seq?: (number|null);
                    accountId?: (string|null);
                    amountKop?: (number|null);
                    balanceAfterKop?: (number|null);
                    reason?: (string|null);
                    operatorId?: (string|null);
                    appliedAtMs?: (number|null);
                    $unknowns?: Uint8Array[];
                }
                type $Shape = tapgate.events.v1.RefundEvent.$Properties;
            }

            interface ILedgerBatch extends tapgate.events.v1.LedgerBatch.$Properties {
            }

            class LedgerBatch {
                constructor(properties?: tapgate.events.v1.LedgerBatch.$Properties);
                $unknowns?: Uint8Array[];
                gatewayId: string;
                batchNo: number;
                bootId: string;
                passes: tapgate.events.v1.PassEvent.$Properties[];
                money: tapgate.events.v1.MoneyEvent.$Properties[];
                shardId: string;
                static create(properties: tapgate.events.v1.LedgerBatch.$Shape): tapgate.events.v1.LedgerBatch & tapgate.events.v1.LedgerBatch.$Shape;
                static create(properties?: tapgate.events.v1.LedgerBatch.$Properties): tapgate.events.v1.LedgerBatch;
                static encode(message: tapgate.events.v1.LedgerBatch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tapgate.events.v1.LedgerBatch & tapgate.events.v1.LedgerBatch.$Shape;
                static fromObject(object: { [k: string]: any }): tapgate.events.v1.LedgerBatch;
                static toObject(message: tapgate.events.v1.LedgerBatch, options?: $protobuf.IConversionOptions): { [k: string]: any };
                toJSON(): { [k: string]: any };
            }

            namespace LedgerBatch {
                interface $Properties {
                    gatewayId?: (string|null);
                    batchNo?: (number|null);
                    bootId?: (string|null);
                    passes?: (tapgate.events.v1.PassEvent.$Properties[]|null);
                    money?: (tapgate.events.v1.MoneyEvent.$Properties[]|null);
                    shardId?: (string|null);
                    $unknowns?: Uint8Array[];
                }
                type $Shape = {
                  gatewayId?: string|null;
                  batchNo?: number|null;
                  bootId?: string|null;
                  passes?: tapgate.events.v1.PassEvent.$Shape[]|null;
                  money?: tapgate.events.v1.MoneyEvent.$Shape[]|null;
                  shardId?: string|null;
                  $unknowns?: Uint8Array[];
                };
            }

            interface IMoneyEvent extends tapgate.events.v1.MoneyEvent.$Properties {
            }

            class MoneyEvent {
                constructor(properties?: tapgate.events.v1.MoneyEvent.$Properties);
                $unknowns?: Uint8Array[];
                topUp?: (tapgate.events.v1.TopUpEvent.$Properties|null);
                purchase?: (tapgate.events.v1.PurchaseEvent.$Properties|null);
                refund?: (tapgate.events.v1.RefundEvent.$Properties|null);
                transferOut?: (tapgate.events.v1.TransferOutEvent.$Properties|null);
                transferDone?: (tapgate.events.v1.TransferDoneEvent.$Properties|null);
                kind?: ("topUp"|"purchase"|"refund"|"transferOut"|"transferDone");
                static create(properties: tapgate.events.v1.MoneyEvent.$Shape): tapgate.events.v1.MoneyEvent & tapgate.events.v1.MoneyEvent.$Shape;
                static create(properties?: tapgate.events.v1.MoneyEvent.$Properties): tapgate.events.v1.MoneyEvent;
                static encode(message: tapgate.events.v1.MoneyEvent.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tapgate.events.v1.MoneyEvent & tapgate.events.v1.MoneyEvent.$Shape;
                static fromObject(object: { [k: string]: any }): tapgate.events.v1.MoneyEvent;
                static toObject(message: tapgate.events.v1.MoneyEvent, options?: $protobuf.IConversionOptions): { [k: string]: any };
                toJSON(): { [k: string]: any };
            }

            namespace MoneyEvent {
                interface $Properties {
                    topUp?: (tapgate.events.v1.TopUpEvent.$Properties|null);
                    purchase?: (tapgate.events.v1.PurchaseEvent.$Properties|null);
                    refund?: (tapgate.events.v1.RefundEvent.$Properties|null);
                    transferOut?: (tapgate.events.v1.TransferOutEvent.$Properties|null);
                    transferDone?: (tapgate.events.v1.TransferDoneEvent.$Properties|null);
                    kind?: ("topUp"|"purchase"|"refund"|"transferOut"|"transferDone");
                    $unknowns?: Uint8Array[];
                }
                type $Shape = {
                  topUp?: tapgate.events.v1.TopUpEvent.$Shape|null;
                  purchase?: tapgate.events.v1.PurchaseEvent.$Shape|null;
                  refund?: tapgate.events.v1.RefundEvent.$Shape|null;
                  transferOut?: tapgate.events.v1.TransferOutEvent.$Shape|null;
                  transferDone?: tapgate.events.v1.TransferDoneEvent.$Shape|null;
                  $unknowns?: Uint8Array[];
                } & (
                  ({ kind?: undefined; topUp?: null; purchase?: null; refund?: null; transferOut?: null; transferDone?: null }|{ kind?: "topUp"; topUp: tapgate.events.v1.TopUpEvent.$Shape; purchase?: null; refund?: null; transferOut?: null; transferDone?: null }|{ kind?: "purchase"; topUp?: null; purchase: tapgate.events.v1.PurchaseEvent.$Shape; refund?: null; transferOut?: null; transferDone?: null }|{ kind?: "refund"; topUp?: null; purchase?: null; refund: tapgate.events.v1.RefundEvent.$Shape; transferOut?: null; transferDone?: null }|{ kind?: "transferOut"; topUp?: null; purchase?: null; refund?: null; transferOut: tapgate.events.v1.TransferOutEvent.$Shape; transferDone?: null }|{ kind?: "transferDone"; topUp?: null; purchase?: null; refund?: null; transferOut?: null; transferDone: tapgate.events.v1.TransferDoneEvent.$Shape })
                );
            }

            interface ITransferOutEvent extends tapgate.events.v1.TransferOutEvent.$Properties {
            }

            class TransferOutEvent {
                constructor(properties?: tapgate.events.v1.TransferOutEvent.$Properties);
                $unknowns?: Uint8Array[];
                transferId: string;
                accountId: string;
                amountKop: number;
                toShardId: string;
                appliedAtMs: number;
                static create(properties: tapgate.events.v1.TransferOutEvent.$Shape): tapgate.events.v1.TransferOutEvent & tapgate.events.v1.TransferOutEvent.$Shape;
                static create(properties?: tapgate.events.v1.TransferOutEvent.$Properties): tapgate.events.v1.TransferOutEvent;
                static encode(message: tapgate.events.v1.TransferOutEvent.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tapgate.events.v1.TransferOutEvent & tapgate.events.v1.TransferOutEvent.$Shape;
                static fromObject(object: { [k: string]: any }): tapgate.events.v1.TransferOutEvent;
                static toObject(message: tapgate.events.v1.TransferOutEvent, options?: $protobuf.IConversionOptions): { [k: string]: any };
                toJSON(): { [k: string]: any };
            }

            namespace TransferOutEvent {
                interface $Properties {
                    transferId?: (string|null);
                    accountId?: (string|null);
                    amountKop?: (number|null);
                    toShardId?: (string|null);
                    appliedAtMs?: (number|null);
                    $unknowns?: Uint8Array[];
                }
                type $Shape = tapgate.events.v1.TransferOutEvent.$Properties;
            }

            interface ITransferDoneEvent extends tapgate.events.v1.TransferDoneEvent.$Properties {
            }

            class TransferDoneEvent {
                constructor(properties?: tapgate.events.v1.TransferDoneEvent.$Properties);
                $unknowns?: Uint8Array[];
                transferId: string;
                appliedAtMs: number;
                static create(properties: tapgate.events.v1.TransferDoneEvent.$Shape): tapgate.events.v1.TransferDoneEvent & tapgate.events.v1.TransferDoneEvent.$Shape;
                static create(properties?: tapgate.events.v1.TransferDoneEvent.$Properties): tapgate.events.v1.TransferDoneEvent;
                static encode(message: tapgate.events.v1.TransferDoneEvent.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tapgate.events.v1.TransferDoneEvent & tapgate.events.v1.TransferDoneEvent.$Shape;
                static fromObject(object: { [k: string]: any }): tapgate.events.v1.TransferDoneEvent;
                static toObject(message: tapgate.events.v1.TransferDoneEvent, options?: $protobuf.IConversionOptions): { [k: string]: any };
                toJSON(): { [k: string]: any };
            }

            namespace TransferDoneEvent {
                interface $Properties {
                    transferId?: (string|null);
                    appliedAtMs?: (number|null);
                    $unknowns?: Uint8Array[];
                }
                type $Shape = tapgate.events.v1.TransferDoneEvent.$Properties;
            }
        }
    }

    namespace money {

        namespace v1 {

            interface ITopUpRequest extends tapgate.money.v1.TopUpRequest.$Properties {
            }

            class TopUpRequest {
                constructor(properties?: tapgate.money.v1.TopUpRequest.$Properties);
                $unknowns?: Uint8Array[];
                paymentId: string;
                accountNumber: string;
                amountKop: number;
                channel: string;
                static create(properties: tapgate.money.v1.TopUpRequest.$Shape): tapgate.money.v1.TopUpRequest & tapgate.money.v1.TopUpRequest.$Shape;
                static create(properties?: tapgate.money.v1.TopUpRequest.$Properties): tapgate.money.v1.TopUpRequest;
                static encode(message: tapgate.money.v1.TopUpRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tapgate.money.v1.TopUpRequest & tapgate.money.v1.TopUpRequest.$Shape;
                static fromObject(object: { [k: string]: any }): tapgate.money.v1.TopUpRequest;
                static toObject(message: tapgate.money.v1.TopUpRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };
                toJSON(): { [k: string]: any };
            }

            namespace TopUpRequest {
                interface $Properties {
                    paymentId?: (string|null);
                    accountNumber?: (string|null);
                    amountKop?: (number|null);
                    channel?: (string|null);
                    $unknowns?: Uint8Array[];
                }
                type $Shape = tapgate.money.v1.TopUpRequest.$Properties;
            }

            enum TopUpStatus {
                TOP_UP_STATUS_UNSPECIFIED = 0,
                TOP_UP_STATUS_APPLIED = 1,
                TOP_UP_STATUS_DUPLICATE = 2,
                TOP_UP_STATUS_REFUSED = 3
            }

            enum TopUpError {
                TOP_UP_ERROR_UNSPECIFIED = 0,
                TOP_UP_ERROR_INVALID_REQUEST = 1,
                TOP_UP_ERROR_INVALID_AMOUNT = 2,
                TOP_UP_ERROR_UNKNOWN_ACCOUNT = 3,
                TOP_UP_ERROR_CONFLICT = 4,
                TOP_UP_ERROR_UNAVAILABLE = 5
            }

            interface ITopUpReply extends tapgate.money.v1.TopUpReply.$Properties {
            }

            class TopUpReply {
                constructor(properties?: tapgate.money.v1.TopUpReply.$Properties);
                $unknowns?: Uint8Array[];
                status: tapgate.money.v1.TopUpStatus;
                error: tapgate.money.v1.TopUpError;
                message: string;
                balanceAfterKop: number;
                appliedAtMs: number;
                accountId: string;
                static create(properties: tapgate.money.v1.TopUpReply.$Shape): tapgate.money.v1.TopUpReply & tapgate.money.v1.TopUpReply.$Shape;
                static create(properties?: tapgate.money.v1.TopUpReply.$Properties): tapgate.money.v1.TopUpReply;
                static encode(message: tapgate.money.v1.TopUpReply.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tapgate.money.v1.TopUpReply & tapgate.money.v1.TopUpReply.$Shape;
                static fromObject(object: { [k: string]: any }): tapgate.money.v1.TopUpReply;
                static toObject(message: tapgate.money.v1.TopUpReply, options?: $protobuf.IConversionOptions): { [k: string]: any };
                toJSON(): { [k: string]: any };
            }

            namespace TopUpReply {
                interface $Properties {
                    status?: (tapgate.money.v1.TopUpStatus|null);
                    error?: (tapgate.money.v1.TopUpError|null);
                    message?: (string|null);
                    balanceAfterKop?: (number|null);
                    appliedAtMs?: (number|null);
                    accountId?: (string|null);
                    $unknowns?: Uint8Array[];
                }
                type $Shape = tapgate.money.v1.TopUpReply.$Properties;
            }

            interface IRefundRequest extends tapgate.money.v1.RefundRequest.$Properties {
            }

            class RefundRequest {
                constructor(properties?: tapgate.money.v1.RefundRequest.$Properties);
                $unknowns?: Uint8Array[];
                refundId: string;
                deviceId: string;
                seq: number;
                reason: string;
                operatorId: string;
                static create(properties: tapgate.money.v1.RefundRequest.$Shape): tapgate.money.v1.RefundRequest & tapgate.money.v1.RefundRequest.$Shape;
                static create(properties?: tapgate.money.v1.RefundRequest.$Properties): tapgate.money.v1.RefundRequest;
                static encode(message: tapgate.money.v1.RefundRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tapgate.money.v1.RefundRequest & tapgate.money.v1.RefundRequest.$Shape;
                static fromObject(object: { [k: string]: any }): tapgate.money.v1.RefundRequest;
                static toObject(message: tapgate.money.v1.RefundRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };
                toJSON(): { [k: string]: any };
            }

            namespace RefundRequest {
                interface $Properties {
                    refundId?: (string|null);
                    deviceId?: (string|null);
                    seq?: (number|null);
                    reason?: (string|null);
                    operatorId?: (string|null);
                    $unknowns?: Uint8Array[];
                }
                type $Shape = tapgate.money.v1.RefundRequest.$Properties;
            }

            enum RefundStatus {
                REFUND_STATUS_UNSPECIFIED = 0,
                REFUND_STATUS_APPLIED = 1,
                REFUND_STATUS_DUPLICATE = 2,
                REFUND_STATUS_REFUSED = 3
            }

            enum RefundError {
                REFUND_ERROR_UNSPECIFIED = 0,
                REFUND_ERROR_INVALID_REQUEST = 1,
                REFUND_ERROR_UNKNOWN_PURCHASE = 2,
                REFUND_ERROR_ALREADY_REFUNDED = 3,
                REFUND_ERROR_CONFLICT = 4,
                REFUND_ERROR_UNAVAILABLE = 5
            }

            interface IRefundReply extends tapgate.money.v1.RefundReply.$Properties {
            }

            class RefundReply {
                constructor(properties?: tapgate.money.v1.RefundReply.$Properties);
                $unknowns?: Uint8Array[];
                status: tapgate.money.v1.RefundStatus;
                error: tapgate.money.v1.RefundError;
                message: string;
                amountKop: number;
                balanceAfterKop: number;
                appliedAtMs: number;
                accountId: string;
                static create(properties: tapgate.money.v1.RefundReply.$Shape): tapgate.money.v1.RefundReply & tapgate.money.v1.RefundReply.$Shape;
                static create(properties?: tapgate.money.v1.RefundReply.$Properties): tapgate.money.v1.RefundReply;
                static encode(message: tapgate.money.v1.RefundReply.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tapgate.money.v1.RefundReply & tapgate.money.v1.RefundReply.$Shape;
                static fromObject(object: { [k: string]: any }): tapgate.money.v1.RefundReply;
                static toObject(message: tapgate.money.v1.RefundReply, options?: $protobuf.IConversionOptions): { [k: string]: any };
                toJSON(): { [k: string]: any };
            }

            namespace RefundReply {
                interface $Properties {
                    status?: (tapgate.money.v1.RefundStatus|null);
                    error?: (tapgate.money.v1.RefundError|null);
                    message?: (string|null);
                    amountKop?: (number|null);
                    balanceAfterKop?: (number|null);
                    appliedAtMs?: (number|null);
                    accountId?: (string|null);
                    $unknowns?: Uint8Array[];
                }
                type $Shape = tapgate.money.v1.RefundReply.$Properties;
            }
        }
    }

    namespace shard {

        namespace v1 {

            interface IBalancesRequest extends tapgate.shard.v1.BalancesRequest.$Properties {
            }

            class BalancesRequest {
                constructor(properties?: tapgate.shard.v1.BalancesRequest.$Properties);
                $unknowns?: Uint8Array[];
                accountIds: string[];
                static create(properties: tapgate.shard.v1.BalancesRequest.$Shape): tapgate.shard.v1.BalancesRequest & tapgate.shard.v1.BalancesRequest.$Shape;
                static create(properties?: tapgate.shard.v1.BalancesRequest.$Properties): tapgate.shard.v1.BalancesRequest;
                static encode(message: tapgate.shard.v1.BalancesRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tapgate.shard.v1.BalancesRequest & tapgate.shard.v1.BalancesRequest.$Shape;
                static fromObject(object: { [k: string]: any }): tapgate.shard.v1.BalancesRequest;
                static toObject(message: tapgate.shard.v1.BalancesRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };
                toJSON(): { [k: string]: any };
            }

            namespace BalancesRequest {
                interface $Properties {
                    accountIds?: (string[]|null);
                    $unknowns?: Uint8Array[];
                }
                type $Shape = tapgate.shard.v1.BalancesRequest.$Properties;
            }

            interface IAccountBalance extends tapgate.shard.v1.AccountBalance.$Properties {
            }

            class AccountBalance {
                constructor(properties?: tapgate.shard.v1.AccountBalance.$Properties);
                $unknowns?: Uint8Array[];
                accountId: string;
                balanceKop: number;
                hasHistory: boolean;
                static create(properties: tapgate.shard.v1.AccountBalance.$Shape): tapgate.shard.v1.AccountBalance & tapgate.shard.v1.AccountBalance.$Shape;
                static create(properties?: tapgate.shard.v1.AccountBalance.$Properties): tapgate.shard.v1.AccountBalance;
                static encode(message: tapgate.shard.v1.AccountBalance.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tapgate.shard.v1.AccountBalance & tapgate.shard.v1.AccountBalance.$Shape;
                static fromObject(object: { [k: string]: any }): tapgate.shard.v1.AccountBalance;
                static toObject(message: tapgate.shard.v1.AccountBalance, options?: $protobuf.IConversionOptions): { [k: string]: any };
                toJSON(): { [k: string]: any };
            }

            namespace AccountBalance {
                interface $Properties {
                    accountId?: (string|null);
                    balanceKop?: (number|null);
                    hasHistory?: (boolean|null);
                    $unknowns?: Uint8Array[];
                }
                type $Shape = tapgate.shard.v1.AccountBalance.$Properties;
            }

            interface IBalancesReply extends tapgate.shard.v1.BalancesReply.$Properties {
            }

            class BalancesReply {
                constructor(properties?: tapgate.shard.v1.BalancesReply.$Properties);
                $unknowns?: Uint8Array[];
                balances: tapgate.shard.v1.AccountBalance.$Properties[];
                error: string;
                static create(properties: tapgate.shard.v1.BalancesReply.$Shape): tapgate.shard.v1.BalancesReply & tapgate.shard.v1.BalancesReply.$Shape;
                static create(properties?: tapgate.shard.v1.BalancesReply.$Properties): tapgate.shard.v1.BalancesReply;
                static encode(message: tapgate.shard.v1.BalancesReply.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tapgate.shard.v1.BalancesReply & tapgate.shard.v1.BalancesReply.$Shape;
                static fromObject(object: { [k: string]: any }): tapgate.shard.v1.BalancesReply;
                static toObject(message: tapgate.shard.v1.BalancesReply, options?: $protobuf.IConversionOptions): { [k: string]: any };
                toJSON(): { [k: string]: any };
            }

            namespace BalancesReply {
                interface $Properties {
                    balances?: (tapgate.shard.v1.AccountBalance.$Properties[]|null);
                    error?: (string|null);
                    $unknowns?: Uint8Array[];
                }
                type $Shape = tapgate.shard.v1.BalancesReply.$Properties;
            }

            interface IInsideRequest extends tapgate.shard.v1.InsideRequest.$Properties {
            }

            class InsideRequest {
                constructor(properties?: tapgate.shard.v1.InsideRequest.$Properties);
                $unknowns?: Uint8Array[];
                schoolId: string;
                static create(properties: tapgate.shard.v1.InsideRequest.$Shape): tapgate.shard.v1.InsideRequest & tapgate.shard.v1.InsideRequest.$Shape;
                static create(properties?: tapgate.shard.v1.InsideRequest.$Properties): tapgate.shard.v1.InsideRequest;
                static encode(message: tapgate.shard.v1.InsideRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tapgate.shard.v1.InsideRequest & tapgate.shard.v1.InsideRequest.$Shape;
                static fromObject(object: { [k: string]: any }): tapgate.shard.v1.InsideRequest;
                static toObject(message: tapgate.shard.v1.InsideRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };
                toJSON(): { [k: string]: any };
            }

            namespace InsideRequest {
                interface $Properties {
                    schoolId?: (string|null);
                    $unknowns?: Uint8Array[];
                }
                type $Shape = tapgate.shard.v1.InsideRequest.$Properties;
            }

            interface IInsideReply extends tapgate.shard.v1.InsideReply.$Properties {
            }

            class InsideReply {
                constructor(properties?: tapgate.shard.v1.InsideReply.$Properties);
                $unknowns?: Uint8Array[];
                personIds: string[];
                pupils: number;
                staff: number;
                dayStartMs: number;
                error: string;
                static create(properties: tapgate.shard.v1.InsideReply.$Shape): tapgate.shard.v1.InsideReply & tapgate.shard.v1.InsideReply.$Shape;
                static create(properties?: tapgate.shard.v1.InsideReply.$Properties): tapgate.shard.v1.InsideReply;
                static encode(message: tapgate.shard.v1.InsideReply.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tapgate.shard.v1.InsideReply & tapgate.shard.v1.InsideReply.$Shape;
                static fromObject(object: { [k: string]: any }): tapgate.shard.v1.InsideReply;
                static toObject(message: tapgate.shard.v1.InsideReply, options?: $protobuf.IConversionOptions): { [k: string]: any };
                toJSON(): { [k: string]: any };
            }

            namespace InsideReply {
                interface $Properties {
                    personIds?: (string[]|null);
                    pupils?: (number|null);
                    staff?: (number|null);
                    dayStartMs?: (number|null);
                    error?: (string|null);
                    $unknowns?: Uint8Array[];
                }
                type $Shape = tapgate.shard.v1.InsideReply.$Properties;
            }

            interface ITransferInRequest extends tapgate.shard.v1.TransferInRequest.$Properties {
            }

            class TransferInRequest {
                constructor(properties?: tapgate.shard.v1.TransferInRequest.$Properties);
                $unknowns?: Uint8Array[];
                transferId: string;
                accountId: string;
                amountKop: number;
                fromShardId: string;
                static create(properties: tapgate.shard.v1.TransferInRequest.$Shape): tapgate.shard.v1.TransferInRequest & tapgate.shard.v1.TransferInRequest.$Shape;
                static create(properties?: tapgate.shard.v1.TransferInRequest.$Properties): tapgate.shard.v1.TransferInRequest;
                static encode(message: tapgate.shard.v1.TransferInRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): tapgate.shard.v1.TransferInRequest & tapgate.shard.v1.TransferInRequest.$Shape;
                static fromObject(object: { [k: string]: any }): tapgate.shard.v1.TransferInRequest;
                static toObject(message: tapgate.shard.v1.TransferInRequest, options?: $protobuf.IConversionOptions): { [k: string]: any };
                toJSON(): { [k: string]: any };
            }

            namespace TransferInRequest {
                interface $Properties {
                    transferId?: (string|null);
                    accountId?: (string|null);
                    amountKop?: (number|null);
                    fromShardId?: (string|null);
                    $unknowns?: Uint8Array[];
                }
                type $Shape = tapgate.shard.v1.TransferInRequest.$Properties;
            }
        }
    }
}
