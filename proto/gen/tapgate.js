/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError, $TypeError = $util.global.TypeError, $Number = $util.global.Number, $parseInt = $util.global.parseInt, $String = $util.global.String, $Array = $util.global.Array, $BigInt = $util.global.BigInt, $Boolean = $util.global.Boolean;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const tapgate = $root.tapgate = (() => {

    /**
     * Namespace tapgate.
     * @exports tapgate
     * @namespace
     */
    const tapgate = {};

    tapgate.device = (function() {

        /**
         * Namespace device.
         * @memberof tapgate
         * @namespace
         */
        const device = {};

        device.v1 = (function() {

            /**
             * Namespace v1.
             * @memberof tapgate.device
             * @namespace
             */
            const v1 = {};

            v1.DeviceFrame = (function() {

                /**
                 * Properties of a DeviceFrame.
                 * @typedef {Object} tapgate.device.v1.DeviceFrame.$Properties
                 * @property {tapgate.device.v1.Auth.$Properties|null} [auth] DeviceFrame auth
                 * @property {tapgate.device.v1.TapBatch.$Properties|null} [taps] DeviceFrame taps
                 * @property {tapgate.device.v1.Status.$Properties|null} [status] DeviceFrame status
                 * @property {"auth"|"taps"|"status"} [body] DeviceFrame body
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a DeviceFrame.
                 * @memberof tapgate.device.v1
                 * @interface IDeviceFrame
                 * @augments tapgate.device.v1.DeviceFrame.$Properties
                 * @deprecated Use tapgate.device.v1.DeviceFrame.$Properties instead.
                 */

                /**
                 * Narrowed shape of a DeviceFrame.
                 * @typedef {{
                 *   auth?: tapgate.device.v1.Auth.$Shape|null;
                 *   taps?: tapgate.device.v1.TapBatch.$Shape|null;
                 *   status?: tapgate.device.v1.Status.$Shape|null;
                 *   $unknowns?: Array.<Uint8Array>;
                 * } & (
                 *   ({ body?: undefined; auth?: null; taps?: null; status?: null }|{ body?: "auth"; auth: tapgate.device.v1.Auth.$Shape; taps?: null; status?: null }|{ body?: "taps"; auth?: null; taps: tapgate.device.v1.TapBatch.$Shape; status?: null }|{ body?: "status"; auth?: null; taps?: null; status: tapgate.device.v1.Status.$Shape })
                 * )} tapgate.device.v1.DeviceFrame.$Shape
                 */

                /**
                 * Constructs a new DeviceFrame.
                 * @memberof tapgate.device.v1
                 * @classdesc Represents a DeviceFrame.
                 * @constructor
                 * @param {tapgate.device.v1.DeviceFrame.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const DeviceFrame = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * DeviceFrame auth.
                 * @member {tapgate.device.v1.Auth.$Properties|null|undefined} auth
                 * @memberof tapgate.device.v1.DeviceFrame
                 * @instance
                 */
                DeviceFrame.prototype.auth = null;

                /**
                 * DeviceFrame taps.
                 * @member {tapgate.device.v1.TapBatch.$Properties|null|undefined} taps
                 * @memberof tapgate.device.v1.DeviceFrame
                 * @instance
                 */
                DeviceFrame.prototype.taps = null;

                /**
                 * DeviceFrame status.
                 * @member {tapgate.device.v1.Status.$Properties|null|undefined} status
                 * @memberof tapgate.device.v1.DeviceFrame
                 * @instance
                 */
                DeviceFrame.prototype.status = null;

                // OneOf field names bound to virtual getters and setters
                let $oneOfFields;

                /**
                 * DeviceFrame body.
                 * @member {"auth"|"taps"|"status"|undefined} body
                 * @memberof tapgate.device.v1.DeviceFrame
                 * @instance
                 */
                $Object.defineProperty(DeviceFrame.prototype, "body", {
                    get: $util.oneOfGetter($oneOfFields = ["auth", "taps", "status"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                /**
                 * Creates a new DeviceFrame instance using the specified properties.
                 * @function create
                 * @memberof tapgate.device.v1.DeviceFrame
                 * @static
                 * @param {tapgate.device.v1.DeviceFrame.$Properties=} [properties] Properties to set
                 * @returns {tapgate.device.v1.DeviceFrame} DeviceFrame instance
                 * @type {{
                 *   (properties: tapgate.device.v1.DeviceFrame.$Shape): tapgate.device.v1.DeviceFrame & tapgate.device.v1.DeviceFrame.$Shape;
                 *   (properties?: tapgate.device.v1.DeviceFrame.$Properties): tapgate.device.v1.DeviceFrame;
                 * }}
                 */
                DeviceFrame.create = function(properties) {
                    return new DeviceFrame(properties);
                };

                /**
                 * Encodes the specified DeviceFrame message. Does not implicitly {@link tapgate.device.v1.DeviceFrame.verify|verify} messages.
                 * @function encode
                 * @memberof tapgate.device.v1.DeviceFrame
                 * @static
                 * @param {tapgate.device.v1.DeviceFrame.$Properties} message DeviceFrame message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                DeviceFrame.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.auth != null && $Object.hasOwnProperty.call(message, "auth"))
                        $root.tapgate.device.v1.Auth.encode(message.auth, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                    if (message.taps != null && $Object.hasOwnProperty.call(message, "taps"))
                        $root.tapgate.device.v1.TapBatch.encode(message.taps, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                    if (message.status != null && $Object.hasOwnProperty.call(message, "status"))
                        $root.tapgate.device.v1.Status.encode(message.status, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a DeviceFrame message from the specified reader or buffer.
                 * @function decode
                 * @memberof tapgate.device.v1.DeviceFrame
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tapgate.device.v1.DeviceFrame & tapgate.device.v1.DeviceFrame.$Shape} DeviceFrame
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                DeviceFrame.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tapgate.device.v1.DeviceFrame();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                message.auth = $root.tapgate.device.v1.Auth.decode(reader, reader.size(), $undefined, _depth + 1, message.auth);
                                message.body = "auth";
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                message.taps = $root.tapgate.device.v1.TapBatch.decode(reader, reader.size(), $undefined, _depth + 1, message.taps);
                                message.body = "taps";
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                message.status = $root.tapgate.device.v1.Status.decode(reader, reader.size(), $undefined, _depth + 1, message.status);
                                message.body = "status";
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a DeviceFrame message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof tapgate.device.v1.DeviceFrame
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {tapgate.device.v1.DeviceFrame} DeviceFrame
                 */
                DeviceFrame.fromObject = function (object, _depth) {
                    if (object instanceof $root.tapgate.device.v1.DeviceFrame)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".tapgate.device.v1.DeviceFrame: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.tapgate.device.v1.DeviceFrame();
                    if (object.auth != null) {
                        if (!$util.isObject(object.auth))
                            throw $TypeError(".tapgate.device.v1.DeviceFrame.auth: object expected");
                        message.auth = $root.tapgate.device.v1.Auth.fromObject(object.auth, _depth + 1);
                    }
                    if (object.taps != null) {
                        if (!$util.isObject(object.taps))
                            throw $TypeError(".tapgate.device.v1.DeviceFrame.taps: object expected");
                        message.taps = $root.tapgate.device.v1.TapBatch.fromObject(object.taps, _depth + 1);
                    }
                    if (object.status != null) {
                        if (!$util.isObject(object.status))
                            throw $TypeError(".tapgate.device.v1.DeviceFrame.status: object expected");
                        message.status = $root.tapgate.device.v1.Status.fromObject(object.status, _depth + 1);
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a DeviceFrame message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof tapgate.device.v1.DeviceFrame
                 * @static
                 * @param {tapgate.device.v1.DeviceFrame} message DeviceFrame
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                DeviceFrame.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (message.auth != null && $Object.hasOwnProperty.call(message, "auth")) {
                        object.auth = $root.tapgate.device.v1.Auth.toObject(message.auth, options, _depth + 1);
                        if (options.oneofs)
                            object.body = "auth";
                    }
                    if (message.taps != null && $Object.hasOwnProperty.call(message, "taps")) {
                        object.taps = $root.tapgate.device.v1.TapBatch.toObject(message.taps, options, _depth + 1);
                        if (options.oneofs)
                            object.body = "taps";
                    }
                    if (message.status != null && $Object.hasOwnProperty.call(message, "status")) {
                        object.status = $root.tapgate.device.v1.Status.toObject(message.status, options, _depth + 1);
                        if (options.oneofs)
                            object.body = "status";
                    }
                    return object;
                };

                /**
                 * Converts this DeviceFrame to JSON.
                 * @function toJSON
                 * @memberof tapgate.device.v1.DeviceFrame
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                DeviceFrame.prototype.toJSON = function() {
                    return DeviceFrame.toObject(this, $protobuf.util.toJSONOptions);
                };

                return DeviceFrame;
            })();

            v1.GatewayFrame = (function() {

                /**
                 * Properties of a GatewayFrame.
                 * @typedef {Object} tapgate.device.v1.GatewayFrame.$Properties
                 * @property {tapgate.device.v1.Challenge.$Properties|null} [challenge] GatewayFrame challenge
                 * @property {tapgate.device.v1.Welcome.$Properties|null} [welcome] GatewayFrame welcome
                 * @property {tapgate.device.v1.DecisionBatch.$Properties|null} [decisions] GatewayFrame decisions
                 * @property {tapgate.device.v1.Error.$Properties|null} [error] GatewayFrame error
                 * @property {tapgate.device.v1.StatusAck.$Properties|null} [statusAck] GatewayFrame statusAck
                 * @property {"challenge"|"welcome"|"decisions"|"error"|"statusAck"} [body] GatewayFrame body
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a GatewayFrame.
                 * @memberof tapgate.device.v1
                 * @interface IGatewayFrame
                 * @augments tapgate.device.v1.GatewayFrame.$Properties
                 * @deprecated Use tapgate.device.v1.GatewayFrame.$Properties instead.
                 */

                /**
                 * Narrowed shape of a GatewayFrame.
                 * @typedef {{
                 *   challenge?: tapgate.device.v1.Challenge.$Shape|null;
                 *   welcome?: tapgate.device.v1.Welcome.$Shape|null;
                 *   decisions?: tapgate.device.v1.DecisionBatch.$Shape|null;
                 *   error?: tapgate.device.v1.Error.$Shape|null;
                 *   statusAck?: tapgate.device.v1.StatusAck.$Shape|null;
                 *   $unknowns?: Array.<Uint8Array>;
                 * } & (
                 *   ({ body?: undefined; challenge?: null; welcome?: null; decisions?: null; error?: null; statusAck?: null }|{ body?: "challenge"; challenge: tapgate.device.v1.Challenge.$Shape; welcome?: null; decisions?: null; error?: null; statusAck?: null }|{ body?: "welcome"; challenge?: null; welcome: tapgate.device.v1.Welcome.$Shape; decisions?: null; error?: null; statusAck?: null }|{ body?: "decisions"; challenge?: null; welcome?: null; decisions: tapgate.device.v1.DecisionBatch.$Shape; error?: null; statusAck?: null }|{ body?: "error"; challenge?: null; welcome?: null; decisions?: null; error: tapgate.device.v1.Error.$Shape; statusAck?: null }|{ body?: "statusAck"; challenge?: null; welcome?: null; decisions?: null; error?: null; statusAck: tapgate.device.v1.StatusAck.$Shape })
                 * )} tapgate.device.v1.GatewayFrame.$Shape
                 */

                /**
                 * Constructs a new GatewayFrame.
                 * @memberof tapgate.device.v1
                 * @classdesc Represents a GatewayFrame.
                 * @constructor
                 * @param {tapgate.device.v1.GatewayFrame.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const GatewayFrame = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * GatewayFrame challenge.
                 * @member {tapgate.device.v1.Challenge.$Properties|null|undefined} challenge
                 * @memberof tapgate.device.v1.GatewayFrame
                 * @instance
                 */
                GatewayFrame.prototype.challenge = null;

                /**
                 * GatewayFrame welcome.
                 * @member {tapgate.device.v1.Welcome.$Properties|null|undefined} welcome
                 * @memberof tapgate.device.v1.GatewayFrame
                 * @instance
                 */
                GatewayFrame.prototype.welcome = null;

                /**
                 * GatewayFrame decisions.
                 * @member {tapgate.device.v1.DecisionBatch.$Properties|null|undefined} decisions
                 * @memberof tapgate.device.v1.GatewayFrame
                 * @instance
                 */
                GatewayFrame.prototype.decisions = null;

                /**
                 * GatewayFrame error.
                 * @member {tapgate.device.v1.Error.$Properties|null|undefined} error
                 * @memberof tapgate.device.v1.GatewayFrame
                 * @instance
                 */
                GatewayFrame.prototype.error = null;

                /**
                 * GatewayFrame statusAck.
                 * @member {tapgate.device.v1.StatusAck.$Properties|null|undefined} statusAck
                 * @memberof tapgate.device.v1.GatewayFrame
                 * @instance
                 */
                GatewayFrame.prototype.statusAck = null;

                // OneOf field names bound to virtual getters and setters
                let $oneOfFields;

                /**
                 * GatewayFrame body.
                 * @member {"challenge"|"welcome"|"decisions"|"error"|"statusAck"|undefined} body
                 * @memberof tapgate.device.v1.GatewayFrame
                 * @instance
                 */
                $Object.defineProperty(GatewayFrame.prototype, "body", {
                    get: $util.oneOfGetter($oneOfFields = ["challenge", "welcome", "decisions", "error", "statusAck"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                /**
                 * Creates a new GatewayFrame instance using the specified properties.
                 * @function create
                 * @memberof tapgate.device.v1.GatewayFrame
                 * @static
                 * @param {tapgate.device.v1.GatewayFrame.$Properties=} [properties] Properties to set
                 * @returns {tapgate.device.v1.GatewayFrame} GatewayFrame instance
                 * @type {{
                 *   (properties: tapgate.device.v1.GatewayFrame.$Shape): tapgate.device.v1.GatewayFrame & tapgate.device.v1.GatewayFrame.$Shape;
                 *   (properties?: tapgate.device.v1.GatewayFrame.$Properties): tapgate.device.v1.GatewayFrame;
                 * }}
                 */
                GatewayFrame.create = function(properties) {
                    return new GatewayFrame(properties);
                };

                /**
                 * Encodes the specified GatewayFrame message. Does not implicitly {@link tapgate.device.v1.GatewayFrame.verify|verify} messages.
                 * @function encode
                 * @memberof tapgate.device.v1.GatewayFrame
                 * @static
                 * @param {tapgate.device.v1.GatewayFrame.$Properties} message GatewayFrame message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                GatewayFrame.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.challenge != null && $Object.hasOwnProperty.call(message, "challenge"))
                        $root.tapgate.device.v1.Challenge.encode(message.challenge, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                    if (message.welcome != null && $Object.hasOwnProperty.call(message, "welcome"))
                        $root.tapgate.device.v1.Welcome.encode(message.welcome, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                    if (message.decisions != null && $Object.hasOwnProperty.call(message, "decisions"))
                        $root.tapgate.device.v1.DecisionBatch.encode(message.decisions, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                    if (message.error != null && $Object.hasOwnProperty.call(message, "error"))
                        $root.tapgate.device.v1.Error.encode(message.error, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                    if (message.statusAck != null && $Object.hasOwnProperty.call(message, "statusAck"))
                        $root.tapgate.device.v1.StatusAck.encode(message.statusAck, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a GatewayFrame message from the specified reader or buffer.
                 * @function decode
                 * @memberof tapgate.device.v1.GatewayFrame
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tapgate.device.v1.GatewayFrame & tapgate.device.v1.GatewayFrame.$Shape} GatewayFrame
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                GatewayFrame.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tapgate.device.v1.GatewayFrame();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                message.challenge = $root.tapgate.device.v1.Challenge.decode(reader, reader.size(), $undefined, _depth + 1, message.challenge);
                                message.body = "challenge";
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                message.welcome = $root.tapgate.device.v1.Welcome.decode(reader, reader.size(), $undefined, _depth + 1, message.welcome);
                                message.body = "welcome";
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                message.decisions = $root.tapgate.device.v1.DecisionBatch.decode(reader, reader.size(), $undefined, _depth + 1, message.decisions);
                                message.body = "decisions";
                                continue;
                            }
                        case 4: {
                                if (wireType !== 2)
                                    break;
                                message.error = $root.tapgate.device.v1.Error.decode(reader, reader.size(), $undefined, _depth + 1, message.error);
                                message.body = "error";
                                continue;
                            }
                        case 5: {
                                if (wireType !== 2)
                                    break;
                                message.statusAck = $root.tapgate.device.v1.StatusAck.decode(reader, reader.size(), $undefined, _depth + 1, message.statusAck);
                                message.body = "statusAck";
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a GatewayFrame message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof tapgate.device.v1.GatewayFrame
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {tapgate.device.v1.GatewayFrame} GatewayFrame
                 */
                GatewayFrame.fromObject = function (object, _depth) {
                    if (object instanceof $root.tapgate.device.v1.GatewayFrame)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".tapgate.device.v1.GatewayFrame: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.tapgate.device.v1.GatewayFrame();
                    if (object.challenge != null) {
                        if (!$util.isObject(object.challenge))
                            throw $TypeError(".tapgate.device.v1.GatewayFrame.challenge: object expected");
                        message.challenge = $root.tapgate.device.v1.Challenge.fromObject(object.challenge, _depth + 1);
                    }
                    if (object.welcome != null) {
                        if (!$util.isObject(object.welcome))
                            throw $TypeError(".tapgate.device.v1.GatewayFrame.welcome: object expected");
                        message.welcome = $root.tapgate.device.v1.Welcome.fromObject(object.welcome, _depth + 1);
                    }
                    if (object.decisions != null) {
                        if (!$util.isObject(object.decisions))
                            throw $TypeError(".tapgate.device.v1.GatewayFrame.decisions: object expected");
                        message.decisions = $root.tapgate.device.v1.DecisionBatch.fromObject(object.decisions, _depth + 1);
                    }
                    if (object.error != null) {
                        if (!$util.isObject(object.error))
                            throw $TypeError(".tapgate.device.v1.GatewayFrame.error: object expected");
                        message.error = $root.tapgate.device.v1.Error.fromObject(object.error, _depth + 1);
                    }
                    if (object.statusAck != null) {
                        if (!$util.isObject(object.statusAck))
                            throw $TypeError(".tapgate.device.v1.GatewayFrame.statusAck: object expected");
                        message.statusAck = $root.tapgate.device.v1.StatusAck.fromObject(object.statusAck, _depth + 1);
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a GatewayFrame message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof tapgate.device.v1.GatewayFrame
                 * @static
                 * @param {tapgate.device.v1.GatewayFrame} message GatewayFrame
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                GatewayFrame.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (message.challenge != null && $Object.hasOwnProperty.call(message, "challenge")) {
                        object.challenge = $root.tapgate.device.v1.Challenge.toObject(message.challenge, options, _depth + 1);
                        if (options.oneofs)
                            object.body = "challenge";
                    }
                    if (message.welcome != null && $Object.hasOwnProperty.call(message, "welcome")) {
                        object.welcome = $root.tapgate.device.v1.Welcome.toObject(message.welcome, options, _depth + 1);
                        if (options.oneofs)
                            object.body = "welcome";
                    }
                    if (message.decisions != null && $Object.hasOwnProperty.call(message, "decisions")) {
                        object.decisions = $root.tapgate.device.v1.DecisionBatch.toObject(message.decisions, options, _depth + 1);
                        if (options.oneofs)
                            object.body = "decisions";
                    }
                    if (message.error != null && $Object.hasOwnProperty.call(message, "error")) {
                        object.error = $root.tapgate.device.v1.Error.toObject(message.error, options, _depth + 1);
                        if (options.oneofs)
                            object.body = "error";
                    }
                    if (message.statusAck != null && $Object.hasOwnProperty.call(message, "statusAck")) {
                        object.statusAck = $root.tapgate.device.v1.StatusAck.toObject(message.statusAck, options, _depth + 1);
                        if (options.oneofs)
                            object.body = "statusAck";
                    }
                    return object;
                };

                /**
                 * Converts this GatewayFrame to JSON.
                 * @function toJSON
                 * @memberof tapgate.device.v1.GatewayFrame
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                GatewayFrame.prototype.toJSON = function() {
                    return GatewayFrame.toObject(this, $protobuf.util.toJSONOptions);
                };

                return GatewayFrame;
            })();

            v1.Challenge = (function() {

                /**
                 * Properties of a Challenge.
                 * @typedef {Object} tapgate.device.v1.Challenge.$Properties
                 * @property {Uint8Array|null} [nonce] Challenge nonce
                 * @property {number|null} [protocolVersion] Challenge protocolVersion
                 * @property {number|null} [serverTimeMs] Challenge serverTimeMs
                 * @property {number|null} [authTimeoutMs] Challenge authTimeoutMs
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Challenge.
                 * @memberof tapgate.device.v1
                 * @interface IChallenge
                 * @augments tapgate.device.v1.Challenge.$Properties
                 * @deprecated Use tapgate.device.v1.Challenge.$Properties instead.
                 */

                /**
                 * Shape of a Challenge.
                 * @typedef {tapgate.device.v1.Challenge.$Properties} tapgate.device.v1.Challenge.$Shape
                 */

                /**
                 * Constructs a new Challenge.
                 * @memberof tapgate.device.v1
                 * @classdesc Represents a Challenge.
                 * @constructor
                 * @param {tapgate.device.v1.Challenge.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Challenge = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Challenge nonce.
                 * @member {Uint8Array} nonce
                 * @memberof tapgate.device.v1.Challenge
                 * @instance
                 */
                Challenge.prototype.nonce = $util.newBuffer([]);

                /**
                 * Challenge protocolVersion.
                 * @member {number} protocolVersion
                 * @memberof tapgate.device.v1.Challenge
                 * @instance
                 */
                Challenge.prototype.protocolVersion = 0;

                /**
                 * Challenge serverTimeMs.
                 * @member {number} serverTimeMs
                 * @memberof tapgate.device.v1.Challenge
                 * @instance
                 */
                Challenge.prototype.serverTimeMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Challenge authTimeoutMs.
                 * @member {number} authTimeoutMs
                 * @memberof tapgate.device.v1.Challenge
                 * @instance
                 */
                Challenge.prototype.authTimeoutMs = 0;

                /**
                 * Creates a new Challenge instance using the specified properties.
                 * @function create
                 * @memberof tapgate.device.v1.Challenge
                 * @static
                 * @param {tapgate.device.v1.Challenge.$Properties=} [properties] Properties to set
                 * @returns {tapgate.device.v1.Challenge} Challenge instance
                 * @type {{
                 *   (properties: tapgate.device.v1.Challenge.$Shape): tapgate.device.v1.Challenge & tapgate.device.v1.Challenge.$Shape;
                 *   (properties?: tapgate.device.v1.Challenge.$Properties): tapgate.device.v1.Challenge;
                 * }}
                 */
                Challenge.create = function(properties) {
                    return new Challenge(properties);
                };

                /**
                 * Encodes the specified Challenge message. Does not implicitly {@link tapgate.device.v1.Challenge.verify|verify} messages.
                 * @function encode
                 * @memberof tapgate.device.v1.Challenge
                 * @static
                 * @param {tapgate.device.v1.Challenge.$Properties} message Challenge message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Challenge.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce") && message.nonce.length)
                        writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.nonce);
                    if (message.protocolVersion != null && $Object.hasOwnProperty.call(message, "protocolVersion") && message.protocolVersion !== 0)
                        writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.protocolVersion);
                    if (message.serverTimeMs != null && $Object.hasOwnProperty.call(message, "serverTimeMs") && (typeof message.serverTimeMs === "object" ? message.serverTimeMs.low || message.serverTimeMs.high : message.serverTimeMs !== 0))
                        writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.serverTimeMs);
                    if (message.authTimeoutMs != null && $Object.hasOwnProperty.call(message, "authTimeoutMs") && message.authTimeoutMs !== 0)
                        writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.authTimeoutMs);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a Challenge message from the specified reader or buffer.
                 * @function decode
                 * @memberof tapgate.device.v1.Challenge
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tapgate.device.v1.Challenge & tapgate.device.v1.Challenge.$Shape} Challenge
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Challenge.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tapgate.device.v1.Challenge();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.bytes()).length)
                                    message.nonce = value;
                                else
                                    delete message.nonce;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.protocolVersion = value;
                                else
                                    delete message.protocolVersion;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.serverTimeMs = value;
                                else
                                    delete message.serverTimeMs;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.authTimeoutMs = value;
                                else
                                    delete message.authTimeoutMs;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a Challenge message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof tapgate.device.v1.Challenge
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {tapgate.device.v1.Challenge} Challenge
                 */
                Challenge.fromObject = function (object, _depth) {
                    if (object instanceof $root.tapgate.device.v1.Challenge)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".tapgate.device.v1.Challenge: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.tapgate.device.v1.Challenge();
                    if (object.nonce != null)
                        if (object.nonce.length)
                            if (typeof object.nonce === "string")
                                $util.base64.decode(object.nonce, message.nonce = $util.newBuffer($util.base64.length(object.nonce)), 0);
                            else if (object.nonce.length >= 0)
                                message.nonce = object.nonce;
                    if (object.protocolVersion != null)
                        if ($Number(object.protocolVersion) !== 0)
                            message.protocolVersion = object.protocolVersion >>> 0;
                    if (object.serverTimeMs != null)
                        if (typeof object.serverTimeMs === "object" ? object.serverTimeMs.low || object.serverTimeMs.high : $Number(object.serverTimeMs) !== 0)
                            if ($util.Long)
                                message.serverTimeMs = $util.Long.fromValue(object.serverTimeMs, true);
                            else if (typeof object.serverTimeMs === "string")
                                message.serverTimeMs = $parseInt(object.serverTimeMs, 10);
                            else if (typeof object.serverTimeMs === "number")
                                message.serverTimeMs = object.serverTimeMs;
                            else if (typeof object.serverTimeMs === "object")
                                message.serverTimeMs = new $util.LongBits(object.serverTimeMs.low >>> 0, object.serverTimeMs.high >>> 0).toNumber(true);
                    if (object.authTimeoutMs != null)
                        if ($Number(object.authTimeoutMs) !== 0)
                            message.authTimeoutMs = object.authTimeoutMs >>> 0;
                    return message;
                };

                /**
                 * Creates a plain object from a Challenge message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof tapgate.device.v1.Challenge
                 * @static
                 * @param {tapgate.device.v1.Challenge} message Challenge
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Challenge.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        if (options.bytes === $String)
                            object.nonce = "";
                        else {
                            object.nonce = [];
                            if (options.bytes !== $Array)
                                object.nonce = $util.newBuffer(object.nonce);
                        }
                        object.protocolVersion = 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.serverTimeMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.serverTimeMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.authTimeoutMs = 0;
                    }
                    if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce"))
                        object.nonce = options.bytes === $String ? $util.base64.encode(message.nonce, 0, message.nonce.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.nonce) : message.nonce;
                    if (message.protocolVersion != null && $Object.hasOwnProperty.call(message, "protocolVersion"))
                        object.protocolVersion = message.protocolVersion;
                    if (message.serverTimeMs != null && $Object.hasOwnProperty.call(message, "serverTimeMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.serverTimeMs = typeof message.serverTimeMs === "number" ? $BigInt(message.serverTimeMs) : $util.Long.fromBits(message.serverTimeMs.low >>> 0, message.serverTimeMs.high >>> 0, true).toBigInt();
                        else if (typeof message.serverTimeMs === "number")
                            object.serverTimeMs = options.longs === $String ? $String(message.serverTimeMs) : message.serverTimeMs;
                        else
                            object.serverTimeMs = options.longs === $String ? $util.Long.prototype.toString.call(message.serverTimeMs) : options.longs === $Number ? new $util.LongBits(message.serverTimeMs.low >>> 0, message.serverTimeMs.high >>> 0).toNumber(true) : message.serverTimeMs;
                    if (message.authTimeoutMs != null && $Object.hasOwnProperty.call(message, "authTimeoutMs"))
                        object.authTimeoutMs = message.authTimeoutMs;
                    return object;
                };

                /**
                 * Converts this Challenge to JSON.
                 * @function toJSON
                 * @memberof tapgate.device.v1.Challenge
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Challenge.prototype.toJSON = function() {
                    return Challenge.toObject(this, $protobuf.util.toJSONOptions);
                };

                return Challenge;
            })();

            v1.Auth = (function() {

                /**
                 * Properties of an Auth.
                 * @typedef {Object} tapgate.device.v1.Auth.$Properties
                 * @property {string|null} [deviceId] Auth deviceId
                 * @property {Uint8Array|null} [mac] Auth mac
                 * @property {string|null} [firmwareVersion] Auth firmwareVersion
                 * @property {number|null} [deviceTimeMs] Auth deviceTimeMs
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an Auth.
                 * @memberof tapgate.device.v1
                 * @interface IAuth
                 * @augments tapgate.device.v1.Auth.$Properties
                 * @deprecated Use tapgate.device.v1.Auth.$Properties instead.
                 */

                /**
                 * Shape of an Auth.
                 * @typedef {tapgate.device.v1.Auth.$Properties} tapgate.device.v1.Auth.$Shape
                 */

                /**
                 * Constructs a new Auth.
                 * @memberof tapgate.device.v1
                 * @classdesc Represents an Auth.
                 * @constructor
                 * @param {tapgate.device.v1.Auth.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Auth = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Auth deviceId.
                 * @member {string} deviceId
                 * @memberof tapgate.device.v1.Auth
                 * @instance
                 */
                Auth.prototype.deviceId = "";

                /**
                 * Auth mac.
                 * @member {Uint8Array} mac
                 * @memberof tapgate.device.v1.Auth
                 * @instance
                 */
                Auth.prototype.mac = $util.newBuffer([]);

                /**
                 * Auth firmwareVersion.
                 * @member {string} firmwareVersion
                 * @memberof tapgate.device.v1.Auth
                 * @instance
                 */
                Auth.prototype.firmwareVersion = "";

                /**
                 * Auth deviceTimeMs.
                 * @member {number} deviceTimeMs
                 * @memberof tapgate.device.v1.Auth
                 * @instance
                 */
                Auth.prototype.deviceTimeMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Creates a new Auth instance using the specified properties.
                 * @function create
                 * @memberof tapgate.device.v1.Auth
                 * @static
                 * @param {tapgate.device.v1.Auth.$Properties=} [properties] Properties to set
                 * @returns {tapgate.device.v1.Auth} Auth instance
                 * @type {{
                 *   (properties: tapgate.device.v1.Auth.$Shape): tapgate.device.v1.Auth & tapgate.device.v1.Auth.$Shape;
                 *   (properties?: tapgate.device.v1.Auth.$Properties): tapgate.device.v1.Auth;
                 * }}
                 */
                Auth.create = function(properties) {
                    return new Auth(properties);
                };

                /**
                 * Encodes the specified Auth message. Does not implicitly {@link tapgate.device.v1.Auth.verify|verify} messages.
                 * @function encode
                 * @memberof tapgate.device.v1.Auth
                 * @static
                 * @param {tapgate.device.v1.Auth.$Properties} message Auth message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Auth.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId") && message.deviceId !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.deviceId);
                    if (message.mac != null && $Object.hasOwnProperty.call(message, "mac") && message.mac.length)
                        writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.mac);
                    if (message.firmwareVersion != null && $Object.hasOwnProperty.call(message, "firmwareVersion") && message.firmwareVersion !== "")
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.firmwareVersion);
                    if (message.deviceTimeMs != null && $Object.hasOwnProperty.call(message, "deviceTimeMs") && (typeof message.deviceTimeMs === "object" ? message.deviceTimeMs.low || message.deviceTimeMs.high : message.deviceTimeMs !== 0))
                        writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.deviceTimeMs);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes an Auth message from the specified reader or buffer.
                 * @function decode
                 * @memberof tapgate.device.v1.Auth
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tapgate.device.v1.Auth & tapgate.device.v1.Auth.$Shape} Auth
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Auth.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tapgate.device.v1.Auth();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.deviceId = value;
                                else
                                    delete message.deviceId;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.bytes()).length)
                                    message.mac = value;
                                else
                                    delete message.mac;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.firmwareVersion = value;
                                else
                                    delete message.firmwareVersion;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.deviceTimeMs = value;
                                else
                                    delete message.deviceTimeMs;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates an Auth message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof tapgate.device.v1.Auth
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {tapgate.device.v1.Auth} Auth
                 */
                Auth.fromObject = function (object, _depth) {
                    if (object instanceof $root.tapgate.device.v1.Auth)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".tapgate.device.v1.Auth: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.tapgate.device.v1.Auth();
                    if (object.deviceId != null)
                        if (typeof object.deviceId !== "string" || object.deviceId.length)
                            message.deviceId = $String(object.deviceId);
                    if (object.mac != null)
                        if (object.mac.length)
                            if (typeof object.mac === "string")
                                $util.base64.decode(object.mac, message.mac = $util.newBuffer($util.base64.length(object.mac)), 0);
                            else if (object.mac.length >= 0)
                                message.mac = object.mac;
                    if (object.firmwareVersion != null)
                        if (typeof object.firmwareVersion !== "string" || object.firmwareVersion.length)
                            message.firmwareVersion = $String(object.firmwareVersion);
                    if (object.deviceTimeMs != null)
                        if (typeof object.deviceTimeMs === "object" ? object.deviceTimeMs.low || object.deviceTimeMs.high : $Number(object.deviceTimeMs) !== 0)
                            if ($util.Long)
                                message.deviceTimeMs = $util.Long.fromValue(object.deviceTimeMs, true);
                            else if (typeof object.deviceTimeMs === "string")
                                message.deviceTimeMs = $parseInt(object.deviceTimeMs, 10);
                            else if (typeof object.deviceTimeMs === "number")
                                message.deviceTimeMs = object.deviceTimeMs;
                            else if (typeof object.deviceTimeMs === "object")
                                message.deviceTimeMs = new $util.LongBits(object.deviceTimeMs.low >>> 0, object.deviceTimeMs.high >>> 0).toNumber(true);
                    return message;
                };

                /**
                 * Creates a plain object from an Auth message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof tapgate.device.v1.Auth
                 * @static
                 * @param {tapgate.device.v1.Auth} message Auth
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Auth.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.deviceId = "";
                        if (options.bytes === $String)
                            object.mac = "";
                        else {
                            object.mac = [];
                            if (options.bytes !== $Array)
                                object.mac = $util.newBuffer(object.mac);
                        }
                        object.firmwareVersion = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.deviceTimeMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.deviceTimeMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    }
                    if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId"))
                        object.deviceId = message.deviceId;
                    if (message.mac != null && $Object.hasOwnProperty.call(message, "mac"))
                        object.mac = options.bytes === $String ? $util.base64.encode(message.mac, 0, message.mac.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.mac) : message.mac;
                    if (message.firmwareVersion != null && $Object.hasOwnProperty.call(message, "firmwareVersion"))
                        object.firmwareVersion = message.firmwareVersion;
                    if (message.deviceTimeMs != null && $Object.hasOwnProperty.call(message, "deviceTimeMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.deviceTimeMs = typeof message.deviceTimeMs === "number" ? $BigInt(message.deviceTimeMs) : $util.Long.fromBits(message.deviceTimeMs.low >>> 0, message.deviceTimeMs.high >>> 0, true).toBigInt();
                        else if (typeof message.deviceTimeMs === "number")
                            object.deviceTimeMs = options.longs === $String ? $String(message.deviceTimeMs) : message.deviceTimeMs;
                        else
                            object.deviceTimeMs = options.longs === $String ? $util.Long.prototype.toString.call(message.deviceTimeMs) : options.longs === $Number ? new $util.LongBits(message.deviceTimeMs.low >>> 0, message.deviceTimeMs.high >>> 0).toNumber(true) : message.deviceTimeMs;
                    return object;
                };

                /**
                 * Converts this Auth to JSON.
                 * @function toJSON
                 * @memberof tapgate.device.v1.Auth
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Auth.prototype.toJSON = function() {
                    return Auth.toObject(this, $protobuf.util.toJSONOptions);
                };

                return Auth;
            })();

            v1.Welcome = (function() {

                /**
                 * Properties of a Welcome.
                 * @typedef {Object} tapgate.device.v1.Welcome.$Properties
                 * @property {number|null} [serverTimeMs] Welcome serverTimeMs
                 * @property {number|null} [lastDecidedSeq] Welcome lastDecidedSeq
                 * @property {number|null} [maxFrameBytes] Welcome maxFrameBytes
                 * @property {number|null} [maxTapsPerFrame] Welcome maxTapsPerFrame
                 * @property {number|null} [maxFramesInFlight] Welcome maxFramesInFlight
                 * @property {number|null} [heartbeatIntervalMs] Welcome heartbeatIntervalMs
                 * @property {number|null} [repeatWindowMs] Welcome repeatWindowMs
                 * @property {number|null} [seqMemory] Welcome seqMemory
                 * @property {number|null} [tapRatePerS] Welcome tapRatePerS
                 * @property {number|null} [tapBurst] Welcome tapBurst
                 * @property {number|null} [handoverChildrenMax] Welcome handoverChildrenMax
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Welcome.
                 * @memberof tapgate.device.v1
                 * @interface IWelcome
                 * @augments tapgate.device.v1.Welcome.$Properties
                 * @deprecated Use tapgate.device.v1.Welcome.$Properties instead.
                 */

                /**
                 * Shape of a Welcome.
                 * @typedef {tapgate.device.v1.Welcome.$Properties} tapgate.device.v1.Welcome.$Shape
                 */

                /**
                 * Constructs a new Welcome.
                 * @memberof tapgate.device.v1
                 * @classdesc Represents a Welcome.
                 * @constructor
                 * @param {tapgate.device.v1.Welcome.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Welcome = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Welcome serverTimeMs.
                 * @member {number} serverTimeMs
                 * @memberof tapgate.device.v1.Welcome
                 * @instance
                 */
                Welcome.prototype.serverTimeMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Welcome lastDecidedSeq.
                 * @member {number} lastDecidedSeq
                 * @memberof tapgate.device.v1.Welcome
                 * @instance
                 */
                Welcome.prototype.lastDecidedSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Welcome maxFrameBytes.
                 * @member {number} maxFrameBytes
                 * @memberof tapgate.device.v1.Welcome
                 * @instance
                 */
                Welcome.prototype.maxFrameBytes = 0;

                /**
                 * Welcome maxTapsPerFrame.
                 * @member {number} maxTapsPerFrame
                 * @memberof tapgate.device.v1.Welcome
                 * @instance
                 */
                Welcome.prototype.maxTapsPerFrame = 0;

                /**
                 * Welcome maxFramesInFlight.
                 * @member {number} maxFramesInFlight
                 * @memberof tapgate.device.v1.Welcome
                 * @instance
                 */
                Welcome.prototype.maxFramesInFlight = 0;

                /**
                 * Welcome heartbeatIntervalMs.
                 * @member {number} heartbeatIntervalMs
                 * @memberof tapgate.device.v1.Welcome
                 * @instance
                 */
                Welcome.prototype.heartbeatIntervalMs = 0;

                /**
                 * Welcome repeatWindowMs.
                 * @member {number} repeatWindowMs
                 * @memberof tapgate.device.v1.Welcome
                 * @instance
                 */
                Welcome.prototype.repeatWindowMs = 0;

                /**
                 * Welcome seqMemory.
                 * @member {number} seqMemory
                 * @memberof tapgate.device.v1.Welcome
                 * @instance
                 */
                Welcome.prototype.seqMemory = 0;

                /**
                 * Welcome tapRatePerS.
                 * @member {number} tapRatePerS
                 * @memberof tapgate.device.v1.Welcome
                 * @instance
                 */
                Welcome.prototype.tapRatePerS = 0;

                /**
                 * Welcome tapBurst.
                 * @member {number} tapBurst
                 * @memberof tapgate.device.v1.Welcome
                 * @instance
                 */
                Welcome.prototype.tapBurst = 0;

                /**
                 * Welcome handoverChildrenMax.
                 * @member {number} handoverChildrenMax
                 * @memberof tapgate.device.v1.Welcome
                 * @instance
                 */
                Welcome.prototype.handoverChildrenMax = 0;

                /**
                 * Creates a new Welcome instance using the specified properties.
                 * @function create
                 * @memberof tapgate.device.v1.Welcome
                 * @static
                 * @param {tapgate.device.v1.Welcome.$Properties=} [properties] Properties to set
                 * @returns {tapgate.device.v1.Welcome} Welcome instance
                 * @type {{
                 *   (properties: tapgate.device.v1.Welcome.$Shape): tapgate.device.v1.Welcome & tapgate.device.v1.Welcome.$Shape;
                 *   (properties?: tapgate.device.v1.Welcome.$Properties): tapgate.device.v1.Welcome;
                 * }}
                 */
                Welcome.create = function(properties) {
                    return new Welcome(properties);
                };

                /**
                 * Encodes the specified Welcome message. Does not implicitly {@link tapgate.device.v1.Welcome.verify|verify} messages.
                 * @function encode
                 * @memberof tapgate.device.v1.Welcome
                 * @static
                 * @param {tapgate.device.v1.Welcome.$Properties} message Welcome message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Welcome.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.serverTimeMs != null && $Object.hasOwnProperty.call(message, "serverTimeMs") && (typeof message.serverTimeMs === "object" ? message.serverTimeMs.low || message.serverTimeMs.high : message.serverTimeMs !== 0))
                        writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.serverTimeMs);
                    if (message.lastDecidedSeq != null && $Object.hasOwnProperty.call(message, "lastDecidedSeq") && (typeof message.lastDecidedSeq === "object" ? message.lastDecidedSeq.low || message.lastDecidedSeq.high : message.lastDecidedSeq !== 0))
                        writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.lastDecidedSeq);
                    if (message.maxFrameBytes != null && $Object.hasOwnProperty.call(message, "maxFrameBytes") && message.maxFrameBytes !== 0)
                        writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.maxFrameBytes);
                    if (message.maxTapsPerFrame != null && $Object.hasOwnProperty.call(message, "maxTapsPerFrame") && message.maxTapsPerFrame !== 0)
                        writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.maxTapsPerFrame);
                    if (message.maxFramesInFlight != null && $Object.hasOwnProperty.call(message, "maxFramesInFlight") && message.maxFramesInFlight !== 0)
                        writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.maxFramesInFlight);
                    if (message.heartbeatIntervalMs != null && $Object.hasOwnProperty.call(message, "heartbeatIntervalMs") && message.heartbeatIntervalMs !== 0)
                        writer.uint32(/* id 6, wireType 0 =*/48).uint32(message.heartbeatIntervalMs);
                    if (message.repeatWindowMs != null && $Object.hasOwnProperty.call(message, "repeatWindowMs") && message.repeatWindowMs !== 0)
                        writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.repeatWindowMs);
                    if (message.seqMemory != null && $Object.hasOwnProperty.call(message, "seqMemory") && message.seqMemory !== 0)
                        writer.uint32(/* id 8, wireType 0 =*/64).uint32(message.seqMemory);
                    if (message.tapRatePerS != null && $Object.hasOwnProperty.call(message, "tapRatePerS") && message.tapRatePerS !== 0)
                        writer.uint32(/* id 9, wireType 0 =*/72).uint32(message.tapRatePerS);
                    if (message.tapBurst != null && $Object.hasOwnProperty.call(message, "tapBurst") && message.tapBurst !== 0)
                        writer.uint32(/* id 10, wireType 0 =*/80).uint32(message.tapBurst);
                    if (message.handoverChildrenMax != null && $Object.hasOwnProperty.call(message, "handoverChildrenMax") && message.handoverChildrenMax !== 0)
                        writer.uint32(/* id 11, wireType 0 =*/88).uint32(message.handoverChildrenMax);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a Welcome message from the specified reader or buffer.
                 * @function decode
                 * @memberof tapgate.device.v1.Welcome
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tapgate.device.v1.Welcome & tapgate.device.v1.Welcome.$Shape} Welcome
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Welcome.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tapgate.device.v1.Welcome();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.serverTimeMs = value;
                                else
                                    delete message.serverTimeMs;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.lastDecidedSeq = value;
                                else
                                    delete message.lastDecidedSeq;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.maxFrameBytes = value;
                                else
                                    delete message.maxFrameBytes;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.maxTapsPerFrame = value;
                                else
                                    delete message.maxTapsPerFrame;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.maxFramesInFlight = value;
                                else
                                    delete message.maxFramesInFlight;
                                continue;
                            }
                        case 6: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.heartbeatIntervalMs = value;
                                else
                                    delete message.heartbeatIntervalMs;
                                continue;
                            }
                        case 7: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.repeatWindowMs = value;
                                else
                                    delete message.repeatWindowMs;
                                continue;
                            }
                        case 8: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.seqMemory = value;
                                else
                                    delete message.seqMemory;
                                continue;
                            }
                        case 9: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.tapRatePerS = value;
                                else
                                    delete message.tapRatePerS;
                                continue;
                            }
                        case 10: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.tapBurst = value;
                                else
                                    delete message.tapBurst;
                                continue;
                            }
                        case 11: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.handoverChildrenMax = value;
                                else
                                    delete message.handoverChildrenMax;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a Welcome message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof tapgate.device.v1.Welcome
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {tapgate.device.v1.Welcome} Welcome
                 */
                Welcome.fromObject = function (object, _depth) {
                    if (object instanceof $root.tapgate.device.v1.Welcome)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".tapgate.device.v1.Welcome: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.tapgate.device.v1.Welcome();
                    if (object.serverTimeMs != null)
                        if (typeof object.serverTimeMs === "object" ? object.serverTimeMs.low || object.serverTimeMs.high : $Number(object.serverTimeMs) !== 0)
                            if ($util.Long)
                                message.serverTimeMs = $util.Long.fromValue(object.serverTimeMs, true);
                            else if (typeof object.serverTimeMs === "string")
                                message.serverTimeMs = $parseInt(object.serverTimeMs, 10);
                            else if (typeof object.serverTimeMs === "number")
                                message.serverTimeMs = object.serverTimeMs;
                            else if (typeof object.serverTimeMs === "object")
                                message.serverTimeMs = new $util.LongBits(object.serverTimeMs.low >>> 0, object.serverTimeMs.high >>> 0).toNumber(true);
                    if (object.lastDecidedSeq != null)
                        if (typeof object.lastDecidedSeq === "object" ? object.lastDecidedSeq.low || object.lastDecidedSeq.high : $Number(object.lastDecidedSeq) !== 0)
                            if ($util.Long)
                                message.lastDecidedSeq = $util.Long.fromValue(object.lastDecidedSeq, true);
                            else if (typeof object.lastDecidedSeq === "string")
                                message.lastDecidedSeq = $parseInt(object.lastDecidedSeq, 10);
                            else if (typeof object.lastDecidedSeq === "number")
                                message.lastDecidedSeq = object.lastDecidedSeq;
                            else if (typeof object.lastDecidedSeq === "object")
                                message.lastDecidedSeq = new $util.LongBits(object.lastDecidedSeq.low >>> 0, object.lastDecidedSeq.high >>> 0).toNumber(true);
                    if (object.maxFrameBytes != null)
                        if ($Number(object.maxFrameBytes) !== 0)
                            message.maxFrameBytes = object.maxFrameBytes >>> 0;
                    if (object.maxTapsPerFrame != null)
                        if ($Number(object.maxTapsPerFrame) !== 0)
                            message.maxTapsPerFrame = object.maxTapsPerFrame >>> 0;
                    if (object.maxFramesInFlight != null)
                        if ($Number(object.maxFramesInFlight) !== 0)
                            message.maxFramesInFlight = object.maxFramesInFlight >>> 0;
                    if (object.heartbeatIntervalMs != null)
                        if ($Number(object.heartbeatIntervalMs) !== 0)
                            message.heartbeatIntervalMs = object.heartbeatIntervalMs >>> 0;
                    if (object.repeatWindowMs != null)
                        if ($Number(object.repeatWindowMs) !== 0)
                            message.repeatWindowMs = object.repeatWindowMs >>> 0;
                    if (object.seqMemory != null)
                        if ($Number(object.seqMemory) !== 0)
                            message.seqMemory = object.seqMemory >>> 0;
                    if (object.tapRatePerS != null)
                        if ($Number(object.tapRatePerS) !== 0)
                            message.tapRatePerS = object.tapRatePerS >>> 0;
                    if (object.tapBurst != null)
                        if ($Number(object.tapBurst) !== 0)
                            message.tapBurst = object.tapBurst >>> 0;
                    if (object.handoverChildrenMax != null)
                        if ($Number(object.handoverChildrenMax) !== 0)
                            message.handoverChildrenMax = object.handoverChildrenMax >>> 0;
                    return message;
                };

                /**
                 * Creates a plain object from a Welcome message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof tapgate.device.v1.Welcome
                 * @static
                 * @param {tapgate.device.v1.Welcome} message Welcome
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Welcome.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.serverTimeMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.serverTimeMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.lastDecidedSeq = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.lastDecidedSeq = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.maxFrameBytes = 0;
                        object.maxTapsPerFrame = 0;
                        object.maxFramesInFlight = 0;
                        object.heartbeatIntervalMs = 0;
                        object.repeatWindowMs = 0;
                        object.seqMemory = 0;
                        object.tapRatePerS = 0;
                        object.tapBurst = 0;
                        object.handoverChildrenMax = 0;
                    }
                    if (message.serverTimeMs != null && $Object.hasOwnProperty.call(message, "serverTimeMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.serverTimeMs = typeof message.serverTimeMs === "number" ? $BigInt(message.serverTimeMs) : $util.Long.fromBits(message.serverTimeMs.low >>> 0, message.serverTimeMs.high >>> 0, true).toBigInt();
                        else if (typeof message.serverTimeMs === "number")
                            object.serverTimeMs = options.longs === $String ? $String(message.serverTimeMs) : message.serverTimeMs;
                        else
                            object.serverTimeMs = options.longs === $String ? $util.Long.prototype.toString.call(message.serverTimeMs) : options.longs === $Number ? new $util.LongBits(message.serverTimeMs.low >>> 0, message.serverTimeMs.high >>> 0).toNumber(true) : message.serverTimeMs;
                    if (message.lastDecidedSeq != null && $Object.hasOwnProperty.call(message, "lastDecidedSeq"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.lastDecidedSeq = typeof message.lastDecidedSeq === "number" ? $BigInt(message.lastDecidedSeq) : $util.Long.fromBits(message.lastDecidedSeq.low >>> 0, message.lastDecidedSeq.high >>> 0, true).toBigInt();
                        else if (typeof message.lastDecidedSeq === "number")
                            object.lastDecidedSeq = options.longs === $String ? $String(message.lastDecidedSeq) : message.lastDecidedSeq;
                        else
                            object.lastDecidedSeq = options.longs === $String ? $util.Long.prototype.toString.call(message.lastDecidedSeq) : options.longs === $Number ? new $util.LongBits(message.lastDecidedSeq.low >>> 0, message.lastDecidedSeq.high >>> 0).toNumber(true) : message.lastDecidedSeq;
                    if (message.maxFrameBytes != null && $Object.hasOwnProperty.call(message, "maxFrameBytes"))
                        object.maxFrameBytes = message.maxFrameBytes;
                    if (message.maxTapsPerFrame != null && $Object.hasOwnProperty.call(message, "maxTapsPerFrame"))
                        object.maxTapsPerFrame = message.maxTapsPerFrame;
                    if (message.maxFramesInFlight != null && $Object.hasOwnProperty.call(message, "maxFramesInFlight"))
                        object.maxFramesInFlight = message.maxFramesInFlight;
                    if (message.heartbeatIntervalMs != null && $Object.hasOwnProperty.call(message, "heartbeatIntervalMs"))
                        object.heartbeatIntervalMs = message.heartbeatIntervalMs;
                    if (message.repeatWindowMs != null && $Object.hasOwnProperty.call(message, "repeatWindowMs"))
                        object.repeatWindowMs = message.repeatWindowMs;
                    if (message.seqMemory != null && $Object.hasOwnProperty.call(message, "seqMemory"))
                        object.seqMemory = message.seqMemory;
                    if (message.tapRatePerS != null && $Object.hasOwnProperty.call(message, "tapRatePerS"))
                        object.tapRatePerS = message.tapRatePerS;
                    if (message.tapBurst != null && $Object.hasOwnProperty.call(message, "tapBurst"))
                        object.tapBurst = message.tapBurst;
                    if (message.handoverChildrenMax != null && $Object.hasOwnProperty.call(message, "handoverChildrenMax"))
                        object.handoverChildrenMax = message.handoverChildrenMax;
                    return object;
                };

                /**
                 * Converts this Welcome to JSON.
                 * @function toJSON
                 * @memberof tapgate.device.v1.Welcome
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Welcome.prototype.toJSON = function() {
                    return Welcome.toObject(this, $protobuf.util.toJSONOptions);
                };

                return Welcome;
            })();

            /**
             * Direction enum.
             * @name tapgate.device.v1.Direction
             * @enum {number}
             * @property {number} DIRECTION_UNSPECIFIED=0 DIRECTION_UNSPECIFIED value
             * @property {number} DIRECTION_ENTRY=1 DIRECTION_ENTRY value
             * @property {number} DIRECTION_EXIT=2 DIRECTION_EXIT value
             */
            v1.Direction = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "DIRECTION_UNSPECIFIED"] = 0;
                values[valuesById[1] = "DIRECTION_ENTRY"] = 1;
                values[valuesById[2] = "DIRECTION_EXIT"] = 2;
                return values;
            })();

            v1.Tap = (function() {

                /**
                 * Properties of a Tap.
                 * @typedef {Object} tapgate.device.v1.Tap.$Properties
                 * @property {number|null} [seq] Tap seq
                 * @property {Uint8Array|null} [cardUid] Tap cardUid
                 * @property {number|null} [deviceTimeMs] Tap deviceTimeMs
                 * @property {tapgate.device.v1.Direction|null} [direction] Tap direction
                 * @property {tapgate.device.v1.MealKind|null} [mealKind] Tap mealKind
                 * @property {Array.<tapgate.device.v1.Item.$Properties>|null} [items] Tap items
                 * @property {boolean|null} [offline] Tap offline
                 * @property {Array.<Uint8Array>|null} [childUids] Tap childUids
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Tap.
                 * @memberof tapgate.device.v1
                 * @interface ITap
                 * @augments tapgate.device.v1.Tap.$Properties
                 * @deprecated Use tapgate.device.v1.Tap.$Properties instead.
                 */

                /**
                 * Shape of a Tap.
                 * @typedef {tapgate.device.v1.Tap.$Properties} tapgate.device.v1.Tap.$Shape
                 */

                /**
                 * Constructs a new Tap.
                 * @memberof tapgate.device.v1
                 * @classdesc Represents a Tap.
                 * @constructor
                 * @param {tapgate.device.v1.Tap.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Tap = function (properties) {
                    this.items = [];
                    this.childUids = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Tap seq.
                 * @member {number} seq
                 * @memberof tapgate.device.v1.Tap
                 * @instance
                 */
                Tap.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Tap cardUid.
                 * @member {Uint8Array} cardUid
                 * @memberof tapgate.device.v1.Tap
                 * @instance
                 */
                Tap.prototype.cardUid = $util.newBuffer([]);

                /**
                 * Tap deviceTimeMs.
                 * @member {number} deviceTimeMs
                 * @memberof tapgate.device.v1.Tap
                 * @instance
                 */
                Tap.prototype.deviceTimeMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Tap direction.
                 * @member {tapgate.device.v1.Direction} direction
                 * @memberof tapgate.device.v1.Tap
                 * @instance
                 */
                Tap.prototype.direction = 0;

                /**
                 * Tap mealKind.
                 * @member {tapgate.device.v1.MealKind} mealKind
                 * @memberof tapgate.device.v1.Tap
                 * @instance
                 */
                Tap.prototype.mealKind = 0;

                /**
                 * Tap items.
                 * @member {Array.<tapgate.device.v1.Item.$Properties>} items
                 * @memberof tapgate.device.v1.Tap
                 * @instance
                 */
                Tap.prototype.items = $util.emptyArray;

                /**
                 * Tap offline.
                 * @member {boolean} offline
                 * @memberof tapgate.device.v1.Tap
                 * @instance
                 */
                Tap.prototype.offline = false;

                /**
                 * Tap childUids.
                 * @member {Array.<Uint8Array>} childUids
                 * @memberof tapgate.device.v1.Tap
                 * @instance
                 */
                Tap.prototype.childUids = $util.emptyArray;

                /**
                 * Creates a new Tap instance using the specified properties.
                 * @function create
                 * @memberof tapgate.device.v1.Tap
                 * @static
                 * @param {tapgate.device.v1.Tap.$Properties=} [properties] Properties to set
                 * @returns {tapgate.device.v1.Tap} Tap instance
                 * @type {{
                 *   (properties: tapgate.device.v1.Tap.$Shape): tapgate.device.v1.Tap & tapgate.device.v1.Tap.$Shape;
                 *   (properties?: tapgate.device.v1.Tap.$Properties): tapgate.device.v1.Tap;
                 * }}
                 */
                Tap.create = function(properties) {
                    return new Tap(properties);
                };

                /**
                 * Encodes the specified Tap message. Does not implicitly {@link tapgate.device.v1.Tap.verify|verify} messages.
                 * @function encode
                 * @memberof tapgate.device.v1.Tap
                 * @static
                 * @param {tapgate.device.v1.Tap.$Properties} message Tap message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Tap.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && (typeof message.seq === "object" ? message.seq.low || message.seq.high : message.seq !== 0))
                        writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.seq);
                    if (message.cardUid != null && $Object.hasOwnProperty.call(message, "cardUid") && message.cardUid.length)
                        writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.cardUid);
                    if (message.deviceTimeMs != null && $Object.hasOwnProperty.call(message, "deviceTimeMs") && (typeof message.deviceTimeMs === "object" ? message.deviceTimeMs.low || message.deviceTimeMs.high : message.deviceTimeMs !== 0))
                        writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.deviceTimeMs);
                    if (message.direction != null && $Object.hasOwnProperty.call(message, "direction") && message.direction !== 0)
                        writer.uint32(/* id 4, wireType 0 =*/32).int32(message.direction);
                    if (message.mealKind != null && $Object.hasOwnProperty.call(message, "mealKind") && message.mealKind !== 0)
                        writer.uint32(/* id 5, wireType 0 =*/40).int32(message.mealKind);
                    if (message.items != null && message.items.length)
                        for (let i = 0; i < message.items.length; ++i)
                            $root.tapgate.device.v1.Item.encode(message.items[i], writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
                    if (message.offline != null && $Object.hasOwnProperty.call(message, "offline") && message.offline !== false)
                        writer.uint32(/* id 7, wireType 0 =*/56).bool(message.offline);
                    if (message.childUids != null && message.childUids.length)
                        for (let i = 0; i < message.childUids.length; ++i)
                            writer.uint32(/* id 8, wireType 2 =*/66).bytes(message.childUids[i]);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a Tap message from the specified reader or buffer.
                 * @function decode
                 * @memberof tapgate.device.v1.Tap
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tapgate.device.v1.Tap & tapgate.device.v1.Tap.$Shape} Tap
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Tap.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tapgate.device.v1.Tap();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.seq = value;
                                else
                                    delete message.seq;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.bytes()).length)
                                    message.cardUid = value;
                                else
                                    delete message.cardUid;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.deviceTimeMs = value;
                                else
                                    delete message.deviceTimeMs;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.direction = value;
                                else
                                    delete message.direction;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.mealKind = value;
                                else
                                    delete message.mealKind;
                                continue;
                            }
                        case 6: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.items && message.items.length))
                                    message.items = [];
                                message.items.push($root.tapgate.device.v1.Item.decode(reader, reader.size(), $undefined, _depth + 1));
                                continue;
                            }
                        case 7: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.bool())
                                    message.offline = value;
                                else
                                    delete message.offline;
                                continue;
                            }
                        case 8: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.childUids && message.childUids.length))
                                    message.childUids = [];
                                message.childUids.push(reader.bytes());
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a Tap message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof tapgate.device.v1.Tap
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {tapgate.device.v1.Tap} Tap
                 */
                Tap.fromObject = function (object, _depth) {
                    if (object instanceof $root.tapgate.device.v1.Tap)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".tapgate.device.v1.Tap: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.tapgate.device.v1.Tap();
                    if (object.seq != null)
                        if (typeof object.seq === "object" ? object.seq.low || object.seq.high : $Number(object.seq) !== 0)
                            if ($util.Long)
                                message.seq = $util.Long.fromValue(object.seq, true);
                            else if (typeof object.seq === "string")
                                message.seq = $parseInt(object.seq, 10);
                            else if (typeof object.seq === "number")
                                message.seq = object.seq;
                            else if (typeof object.seq === "object")
                                message.seq = new $util.LongBits(object.seq.low >>> 0, object.seq.high >>> 0).toNumber(true);
                    if (object.cardUid != null)
                        if (object.cardUid.length)
                            if (typeof object.cardUid === "string")
                                $util.base64.decode(object.cardUid, message.cardUid = $util.newBuffer($util.base64.length(object.cardUid)), 0);
                            else if (object.cardUid.length >= 0)
                                message.cardUid = object.cardUid;
                    if (object.deviceTimeMs != null)
                        if (typeof object.deviceTimeMs === "object" ? object.deviceTimeMs.low || object.deviceTimeMs.high : $Number(object.deviceTimeMs) !== 0)
                            if ($util.Long)
                                message.deviceTimeMs = $util.Long.fromValue(object.deviceTimeMs, true);
                            else if (typeof object.deviceTimeMs === "string")
                                message.deviceTimeMs = $parseInt(object.deviceTimeMs, 10);
                            else if (typeof object.deviceTimeMs === "number")
                                message.deviceTimeMs = object.deviceTimeMs;
                            else if (typeof object.deviceTimeMs === "object")
                                message.deviceTimeMs = new $util.LongBits(object.deviceTimeMs.low >>> 0, object.deviceTimeMs.high >>> 0).toNumber(true);
                    if (object.direction !== 0 && (typeof object.direction !== "string" || $root.tapgate.device.v1.Direction[object.direction] !== 0))
                        switch (object.direction) {
                        case "DIRECTION_UNSPECIFIED":
                        case 0:
                            message.direction = 0;
                            break;
                        case "DIRECTION_ENTRY":
                        case 1:
                            message.direction = 1;
                            break;
                        case "DIRECTION_EXIT":
                        case 2:
                            message.direction = 2;
                            break;
                        default:
                            if (typeof object.direction === "number" && (object.direction | 0) === object.direction)
                                message.direction = object.direction;
                        }
                    if (object.mealKind !== 0 && (typeof object.mealKind !== "string" || $root.tapgate.device.v1.MealKind[object.mealKind] !== 0))
                        switch (object.mealKind) {
                        case "MEAL_KIND_UNSPECIFIED":
                        case 0:
                            message.mealKind = 0;
                            break;
                        case "MEAL_KIND_BUFFET":
                        case 1:
                            message.mealKind = 1;
                            break;
                        case "MEAL_KIND_HOT_MEAL":
                        case 2:
                            message.mealKind = 2;
                            break;
                        case "MEAL_KIND_SUBSIDISED_MEAL":
                        case 3:
                            message.mealKind = 3;
                            break;
                        default:
                            if (typeof object.mealKind === "number" && (object.mealKind | 0) === object.mealKind)
                                message.mealKind = object.mealKind;
                        }
                    if (object.items) {
                        if (!$Array.isArray(object.items))
                            throw $TypeError(".tapgate.device.v1.Tap.items: array expected");
                        message.items = $Array(object.items.length);
                        for (let i = 0; i < object.items.length; ++i) {
                            if (!$util.isObject(object.items[i]))
                                throw $TypeError(".tapgate.device.v1.Tap.items: object expected");
                            message.items[i] = $root.tapgate.device.v1.Item.fromObject(object.items[i], _depth + 1);
                        }
                    }
                    if (object.offline != null)
                        if (object.offline)
                            message.offline = $Boolean(object.offline);
                    if (object.childUids) {
                        if (!$Array.isArray(object.childUids))
                            throw $TypeError(".tapgate.device.v1.Tap.childUids: array expected");
                        message.childUids = $Array(object.childUids.length);
                        for (let i = 0; i < object.childUids.length; ++i)
                            if (typeof object.childUids[i] === "string")
                                $util.base64.decode(object.childUids[i], message.childUids[i] = $util.newBuffer($util.base64.length(object.childUids[i])), 0);
                            else if (object.childUids[i].length >= 0)
                                message.childUids[i] = object.childUids[i];
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a Tap message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof tapgate.device.v1.Tap
                 * @static
                 * @param {tapgate.device.v1.Tap} message Tap
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Tap.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.arrays || options.defaults) {
                        object.items = [];
                        object.childUids = [];
                    }
                    if (options.defaults) {
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.seq = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.seq = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if (options.bytes === $String)
                            object.cardUid = "";
                        else {
                            object.cardUid = [];
                            if (options.bytes !== $Array)
                                object.cardUid = $util.newBuffer(object.cardUid);
                        }
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.deviceTimeMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.deviceTimeMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.direction = options.enums === $String ? "DIRECTION_UNSPECIFIED" : 0;
                        object.mealKind = options.enums === $String ? "MEAL_KIND_UNSPECIFIED" : 0;
                        object.offline = false;
                    }
                    if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.seq = typeof message.seq === "number" ? $BigInt(message.seq) : $util.Long.fromBits(message.seq.low >>> 0, message.seq.high >>> 0, true).toBigInt();
                        else if (typeof message.seq === "number")
                            object.seq = options.longs === $String ? $String(message.seq) : message.seq;
                        else
                            object.seq = options.longs === $String ? $util.Long.prototype.toString.call(message.seq) : options.longs === $Number ? new $util.LongBits(message.seq.low >>> 0, message.seq.high >>> 0).toNumber(true) : message.seq;
                    if (message.cardUid != null && $Object.hasOwnProperty.call(message, "cardUid"))
                        object.cardUid = options.bytes === $String ? $util.base64.encode(message.cardUid, 0, message.cardUid.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.cardUid) : message.cardUid;
                    if (message.deviceTimeMs != null && $Object.hasOwnProperty.call(message, "deviceTimeMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.deviceTimeMs = typeof message.deviceTimeMs === "number" ? $BigInt(message.deviceTimeMs) : $util.Long.fromBits(message.deviceTimeMs.low >>> 0, message.deviceTimeMs.high >>> 0, true).toBigInt();
                        else if (typeof message.deviceTimeMs === "number")
                            object.deviceTimeMs = options.longs === $String ? $String(message.deviceTimeMs) : message.deviceTimeMs;
                        else
                            object.deviceTimeMs = options.longs === $String ? $util.Long.prototype.toString.call(message.deviceTimeMs) : options.longs === $Number ? new $util.LongBits(message.deviceTimeMs.low >>> 0, message.deviceTimeMs.high >>> 0).toNumber(true) : message.deviceTimeMs;
                    if (message.direction != null && $Object.hasOwnProperty.call(message, "direction"))
                        object.direction = options.enums === $String ? $root.tapgate.device.v1.Direction[message.direction] === $undefined ? message.direction : $root.tapgate.device.v1.Direction[message.direction] : message.direction;
                    if (message.mealKind != null && $Object.hasOwnProperty.call(message, "mealKind"))
                        object.mealKind = options.enums === $String ? $root.tapgate.device.v1.MealKind[message.mealKind] === $undefined ? message.mealKind : $root.tapgate.device.v1.MealKind[message.mealKind] : message.mealKind;
                    if (message.items && message.items.length) {
                        object.items = $Array(message.items.length);
                        for (let j = 0; j < message.items.length; ++j)
                            object.items[j] = $root.tapgate.device.v1.Item.toObject(message.items[j], options, _depth + 1);
                    }
                    if (message.offline != null && $Object.hasOwnProperty.call(message, "offline"))
                        object.offline = message.offline;
                    if (message.childUids && message.childUids.length) {
                        object.childUids = $Array(message.childUids.length);
                        for (let j = 0; j < message.childUids.length; ++j)
                            object.childUids[j] = options.bytes === $String ? $util.base64.encode(message.childUids[j], 0, message.childUids[j].length) : options.bytes === $Array ? $Array.prototype.slice.call(message.childUids[j]) : message.childUids[j];
                    }
                    return object;
                };

                /**
                 * Converts this Tap to JSON.
                 * @function toJSON
                 * @memberof tapgate.device.v1.Tap
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Tap.prototype.toJSON = function() {
                    return Tap.toObject(this, $protobuf.util.toJSONOptions);
                };

                return Tap;
            })();

            /**
             * MealKind enum.
             * @name tapgate.device.v1.MealKind
             * @enum {number}
             * @property {number} MEAL_KIND_UNSPECIFIED=0 MEAL_KIND_UNSPECIFIED value
             * @property {number} MEAL_KIND_BUFFET=1 MEAL_KIND_BUFFET value
             * @property {number} MEAL_KIND_HOT_MEAL=2 MEAL_KIND_HOT_MEAL value
             * @property {number} MEAL_KIND_SUBSIDISED_MEAL=3 MEAL_KIND_SUBSIDISED_MEAL value
             */
            v1.MealKind = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "MEAL_KIND_UNSPECIFIED"] = 0;
                values[valuesById[1] = "MEAL_KIND_BUFFET"] = 1;
                values[valuesById[2] = "MEAL_KIND_HOT_MEAL"] = 2;
                values[valuesById[3] = "MEAL_KIND_SUBSIDISED_MEAL"] = 3;
                return values;
            })();

            v1.Item = (function() {

                /**
                 * Properties of an Item.
                 * @typedef {Object} tapgate.device.v1.Item.$Properties
                 * @property {string|null} [productId] Item productId
                 * @property {string|null} [category] Item category
                 * @property {number|null} [priceKop] Item priceKop
                 * @property {number|null} [quantity] Item quantity
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an Item.
                 * @memberof tapgate.device.v1
                 * @interface IItem
                 * @augments tapgate.device.v1.Item.$Properties
                 * @deprecated Use tapgate.device.v1.Item.$Properties instead.
                 */

                /**
                 * Shape of an Item.
                 * @typedef {tapgate.device.v1.Item.$Properties} tapgate.device.v1.Item.$Shape
                 */

                /**
                 * Constructs a new Item.
                 * @memberof tapgate.device.v1
                 * @classdesc Represents an Item.
                 * @constructor
                 * @param {tapgate.device.v1.Item.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Item = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Item productId.
                 * @member {string} productId
                 * @memberof tapgate.device.v1.Item
                 * @instance
                 */
                Item.prototype.productId = "";

                /**
                 * Item category.
                 * @member {string} category
                 * @memberof tapgate.device.v1.Item
                 * @instance
                 */
                Item.prototype.category = "";

                /**
                 * Item priceKop.
                 * @member {number} priceKop
                 * @memberof tapgate.device.v1.Item
                 * @instance
                 */
                Item.prototype.priceKop = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Item quantity.
                 * @member {number} quantity
                 * @memberof tapgate.device.v1.Item
                 * @instance
                 */
                Item.prototype.quantity = 0;

                /**
                 * Creates a new Item instance using the specified properties.
                 * @function create
                 * @memberof tapgate.device.v1.Item
                 * @static
                 * @param {tapgate.device.v1.Item.$Properties=} [properties] Properties to set
                 * @returns {tapgate.device.v1.Item} Item instance
                 * @type {{
                 *   (properties: tapgate.device.v1.Item.$Shape): tapgate.device.v1.Item & tapgate.device.v1.Item.$Shape;
                 *   (properties?: tapgate.device.v1.Item.$Properties): tapgate.device.v1.Item;
                 * }}
                 */
                Item.create = function(properties) {
                    return new Item(properties);
                };

                /**
                 * Encodes the specified Item message. Does not implicitly {@link tapgate.device.v1.Item.verify|verify} messages.
                 * @function encode
                 * @memberof tapgate.device.v1.Item
                 * @static
                 * @param {tapgate.device.v1.Item.$Properties} message Item message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Item.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.productId != null && $Object.hasOwnProperty.call(message, "productId") && message.productId !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.productId);
                    if (message.category != null && $Object.hasOwnProperty.call(message, "category") && message.category !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.category);
                    if (message.priceKop != null && $Object.hasOwnProperty.call(message, "priceKop") && (typeof message.priceKop === "object" ? message.priceKop.low || message.priceKop.high : message.priceKop !== 0))
                        writer.uint32(/* id 3, wireType 0 =*/24).int64(message.priceKop);
                    if (message.quantity != null && $Object.hasOwnProperty.call(message, "quantity") && message.quantity !== 0)
                        writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.quantity);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes an Item message from the specified reader or buffer.
                 * @function decode
                 * @memberof tapgate.device.v1.Item
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tapgate.device.v1.Item & tapgate.device.v1.Item.$Shape} Item
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Item.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tapgate.device.v1.Item();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.productId = value;
                                else
                                    delete message.productId;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.category = value;
                                else
                                    delete message.category;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.priceKop = value;
                                else
                                    delete message.priceKop;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.quantity = value;
                                else
                                    delete message.quantity;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates an Item message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof tapgate.device.v1.Item
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {tapgate.device.v1.Item} Item
                 */
                Item.fromObject = function (object, _depth) {
                    if (object instanceof $root.tapgate.device.v1.Item)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".tapgate.device.v1.Item: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.tapgate.device.v1.Item();
                    if (object.productId != null)
                        if (typeof object.productId !== "string" || object.productId.length)
                            message.productId = $String(object.productId);
                    if (object.category != null)
                        if (typeof object.category !== "string" || object.category.length)
                            message.category = $String(object.category);
                    if (object.priceKop != null)
                        if (typeof object.priceKop === "object" ? object.priceKop.low || object.priceKop.high : $Number(object.priceKop) !== 0)
                            if ($util.Long)
                                message.priceKop = $util.Long.fromValue(object.priceKop, false);
                            else if (typeof object.priceKop === "string")
                                message.priceKop = $parseInt(object.priceKop, 10);
                            else if (typeof object.priceKop === "number")
                                message.priceKop = object.priceKop;
                            else if (typeof object.priceKop === "object")
                                message.priceKop = new $util.LongBits(object.priceKop.low >>> 0, object.priceKop.high >>> 0).toNumber();
                    if (object.quantity != null)
                        if ($Number(object.quantity) !== 0)
                            message.quantity = object.quantity >>> 0;
                    return message;
                };

                /**
                 * Creates a plain object from an Item message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof tapgate.device.v1.Item
                 * @static
                 * @param {tapgate.device.v1.Item} message Item
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Item.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.productId = "";
                        object.category = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.priceKop = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.priceKop = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.quantity = 0;
                    }
                    if (message.productId != null && $Object.hasOwnProperty.call(message, "productId"))
                        object.productId = message.productId;
                    if (message.category != null && $Object.hasOwnProperty.call(message, "category"))
                        object.category = message.category;
                    if (message.priceKop != null && $Object.hasOwnProperty.call(message, "priceKop"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.priceKop = typeof message.priceKop === "number" ? $BigInt(message.priceKop) : $util.Long.fromBits(message.priceKop.low >>> 0, message.priceKop.high >>> 0, false).toBigInt();
                        else if (typeof message.priceKop === "number")
                            object.priceKop = options.longs === $String ? $String(message.priceKop) : message.priceKop;
                        else
                            object.priceKop = options.longs === $String ? $util.Long.prototype.toString.call(message.priceKop) : options.longs === $Number ? new $util.LongBits(message.priceKop.low >>> 0, message.priceKop.high >>> 0).toNumber() : message.priceKop;
                    if (message.quantity != null && $Object.hasOwnProperty.call(message, "quantity"))
                        object.quantity = message.quantity;
                    return object;
                };

                /**
                 * Converts this Item to JSON.
                 * @function toJSON
                 * @memberof tapgate.device.v1.Item
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Item.prototype.toJSON = function() {
                    return Item.toObject(this, $protobuf.util.toJSONOptions);
                };

                return Item;
            })();

            v1.TapBatch = (function() {

                /**
                 * Properties of a TapBatch.
                 * @typedef {Object} tapgate.device.v1.TapBatch.$Properties
                 * @property {Array.<tapgate.device.v1.Tap.$Properties>|null} [taps] TapBatch taps
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a TapBatch.
                 * @memberof tapgate.device.v1
                 * @interface ITapBatch
                 * @augments tapgate.device.v1.TapBatch.$Properties
                 * @deprecated Use tapgate.device.v1.TapBatch.$Properties instead.
                 */

                /**
                 * Shape of a TapBatch.
                 * @typedef {tapgate.device.v1.TapBatch.$Properties} tapgate.device.v1.TapBatch.$Shape
                 */

                /**
                 * Constructs a new TapBatch.
                 * @memberof tapgate.device.v1
                 * @classdesc Represents a TapBatch.
                 * @constructor
                 * @param {tapgate.device.v1.TapBatch.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const TapBatch = function (properties) {
                    this.taps = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * TapBatch taps.
                 * @member {Array.<tapgate.device.v1.Tap.$Properties>} taps
                 * @memberof tapgate.device.v1.TapBatch
                 * @instance
                 */
                TapBatch.prototype.taps = $util.emptyArray;

                /**
                 * Creates a new TapBatch instance using the specified properties.
                 * @function create
                 * @memberof tapgate.device.v1.TapBatch
                 * @static
                 * @param {tapgate.device.v1.TapBatch.$Properties=} [properties] Properties to set
                 * @returns {tapgate.device.v1.TapBatch} TapBatch instance
                 * @type {{
                 *   (properties: tapgate.device.v1.TapBatch.$Shape): tapgate.device.v1.TapBatch & tapgate.device.v1.TapBatch.$Shape;
                 *   (properties?: tapgate.device.v1.TapBatch.$Properties): tapgate.device.v1.TapBatch;
                 * }}
                 */
                TapBatch.create = function(properties) {
                    return new TapBatch(properties);
                };

                /**
                 * Encodes the specified TapBatch message. Does not implicitly {@link tapgate.device.v1.TapBatch.verify|verify} messages.
                 * @function encode
                 * @memberof tapgate.device.v1.TapBatch
                 * @static
                 * @param {tapgate.device.v1.TapBatch.$Properties} message TapBatch message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                TapBatch.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.taps != null && message.taps.length)
                        for (let i = 0; i < message.taps.length; ++i)
                            $root.tapgate.device.v1.Tap.encode(message.taps[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a TapBatch message from the specified reader or buffer.
                 * @function decode
                 * @memberof tapgate.device.v1.TapBatch
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tapgate.device.v1.TapBatch & tapgate.device.v1.TapBatch.$Shape} TapBatch
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                TapBatch.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tapgate.device.v1.TapBatch();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.taps && message.taps.length))
                                    message.taps = [];
                                message.taps.push($root.tapgate.device.v1.Tap.decode(reader, reader.size(), $undefined, _depth + 1));
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a TapBatch message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof tapgate.device.v1.TapBatch
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {tapgate.device.v1.TapBatch} TapBatch
                 */
                TapBatch.fromObject = function (object, _depth) {
                    if (object instanceof $root.tapgate.device.v1.TapBatch)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".tapgate.device.v1.TapBatch: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.tapgate.device.v1.TapBatch();
                    if (object.taps) {
                        if (!$Array.isArray(object.taps))
                            throw $TypeError(".tapgate.device.v1.TapBatch.taps: array expected");
                        message.taps = $Array(object.taps.length);
                        for (let i = 0; i < object.taps.length; ++i) {
                            if (!$util.isObject(object.taps[i]))
                                throw $TypeError(".tapgate.device.v1.TapBatch.taps: object expected");
                            message.taps[i] = $root.tapgate.device.v1.Tap.fromObject(object.taps[i], _depth + 1);
                        }
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a TapBatch message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof tapgate.device.v1.TapBatch
                 * @static
                 * @param {tapgate.device.v1.TapBatch} message TapBatch
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                TapBatch.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.arrays || options.defaults)
                        object.taps = [];
                    if (message.taps && message.taps.length) {
                        object.taps = $Array(message.taps.length);
                        for (let j = 0; j < message.taps.length; ++j)
                            object.taps[j] = $root.tapgate.device.v1.Tap.toObject(message.taps[j], options, _depth + 1);
                    }
                    return object;
                };

                /**
                 * Converts this TapBatch to JSON.
                 * @function toJSON
                 * @memberof tapgate.device.v1.TapBatch
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                TapBatch.prototype.toJSON = function() {
                    return TapBatch.toObject(this, $protobuf.util.toJSONOptions);
                };

                return TapBatch;
            })();

            /**
             * Verdict enum.
             * @name tapgate.device.v1.Verdict
             * @enum {number}
             * @property {number} VERDICT_UNSPECIFIED=0 VERDICT_UNSPECIFIED value
             * @property {number} VERDICT_ALLOW=1 VERDICT_ALLOW value
             * @property {number} VERDICT_DENY=2 VERDICT_DENY value
             */
            v1.Verdict = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "VERDICT_UNSPECIFIED"] = 0;
                values[valuesById[1] = "VERDICT_ALLOW"] = 1;
                values[valuesById[2] = "VERDICT_DENY"] = 2;
                return values;
            })();

            /**
             * DecisionReason enum.
             * @name tapgate.device.v1.DecisionReason
             * @enum {number}
             * @property {number} DECISION_REASON_UNSPECIFIED=0 DECISION_REASON_UNSPECIFIED value
             * @property {number} DECISION_REASON_OK=1 DECISION_REASON_OK value
             * @property {number} DECISION_REASON_UNKNOWN_IDENTIFIER=2 DECISION_REASON_UNKNOWN_IDENTIFIER value
             * @property {number} DECISION_REASON_IDENTIFIER_BLOCKED=3 DECISION_REASON_IDENTIFIER_BLOCKED value
             * @property {number} DECISION_REASON_IDENTIFIER_EXPIRED=4 DECISION_REASON_IDENTIFIER_EXPIRED value
             * @property {number} DECISION_REASON_OTHER_SCHOOL=5 DECISION_REASON_OTHER_SCHOOL value
             * @property {number} DECISION_REASON_NOT_ALLOWED_AT_DEVICE=6 DECISION_REASON_NOT_ALLOWED_AT_DEVICE value
             * @property {number} DECISION_REASON_REPEATED_TAP=7 DECISION_REASON_REPEATED_TAP value
             * @property {number} DECISION_REASON_INSUFFICIENT_FUNDS=8 DECISION_REASON_INSUFFICIENT_FUNDS value
             * @property {number} DECISION_REASON_DAILY_LIMIT_EXCEEDED=9 DECISION_REASON_DAILY_LIMIT_EXCEEDED value
             * @property {number} DECISION_REASON_BANNED_CATEGORY=10 DECISION_REASON_BANNED_CATEGORY value
             * @property {number} DECISION_REASON_NO_BENEFIT=11 DECISION_REASON_NO_BENEFIT value
             * @property {number} DECISION_REASON_SUBSIDISED_MEAL_ALREADY_TAKEN=12 DECISION_REASON_SUBSIDISED_MEAL_ALREADY_TAKEN value
             * @property {number} DECISION_REASON_NOT_PRESENT_TODAY=13 DECISION_REASON_NOT_PRESENT_TODAY value
             * @property {number} DECISION_REASON_NO_ACCOUNT=14 DECISION_REASON_NO_ACCOUNT value
             * @property {number} DECISION_REASON_UNKNOWN_PRODUCT=15 DECISION_REASON_UNKNOWN_PRODUCT value
             * @property {number} DECISION_REASON_ESCORT_NOT_AUTHORISED=16 DECISION_REASON_ESCORT_NOT_AUTHORISED value
             * @property {number} DECISION_REASON_NOT_A_CHILD=17 DECISION_REASON_NOT_A_CHILD value
             * @property {number} DECISION_REASON_NOT_AN_ESCORT=18 DECISION_REASON_NOT_AN_ESCORT value
             * @property {number} DECISION_REASON_ESCORT_CARD_ALONE=19 DECISION_REASON_ESCORT_CARD_ALONE value
             */
            v1.DecisionReason = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "DECISION_REASON_UNSPECIFIED"] = 0;
                values[valuesById[1] = "DECISION_REASON_OK"] = 1;
                values[valuesById[2] = "DECISION_REASON_UNKNOWN_IDENTIFIER"] = 2;
                values[valuesById[3] = "DECISION_REASON_IDENTIFIER_BLOCKED"] = 3;
                values[valuesById[4] = "DECISION_REASON_IDENTIFIER_EXPIRED"] = 4;
                values[valuesById[5] = "DECISION_REASON_OTHER_SCHOOL"] = 5;
                values[valuesById[6] = "DECISION_REASON_NOT_ALLOWED_AT_DEVICE"] = 6;
                values[valuesById[7] = "DECISION_REASON_REPEATED_TAP"] = 7;
                values[valuesById[8] = "DECISION_REASON_INSUFFICIENT_FUNDS"] = 8;
                values[valuesById[9] = "DECISION_REASON_DAILY_LIMIT_EXCEEDED"] = 9;
                values[valuesById[10] = "DECISION_REASON_BANNED_CATEGORY"] = 10;
                values[valuesById[11] = "DECISION_REASON_NO_BENEFIT"] = 11;
                values[valuesById[12] = "DECISION_REASON_SUBSIDISED_MEAL_ALREADY_TAKEN"] = 12;
                values[valuesById[13] = "DECISION_REASON_NOT_PRESENT_TODAY"] = 13;
                values[valuesById[14] = "DECISION_REASON_NO_ACCOUNT"] = 14;
                values[valuesById[15] = "DECISION_REASON_UNKNOWN_PRODUCT"] = 15;
                values[valuesById[16] = "DECISION_REASON_ESCORT_NOT_AUTHORISED"] = 16;
                values[valuesById[17] = "DECISION_REASON_NOT_A_CHILD"] = 17;
                values[valuesById[18] = "DECISION_REASON_NOT_AN_ESCORT"] = 18;
                values[valuesById[19] = "DECISION_REASON_ESCORT_CARD_ALONE"] = 19;
                return values;
            })();

            v1.Display = (function() {

                /**
                 * Properties of a Display.
                 * @typedef {Object} tapgate.device.v1.Display.$Properties
                 * @property {string|null} [displayName] Display displayName
                 * @property {string|null} [className] Display className
                 * @property {string|null} [photoRef] Display photoRef
                 * @property {tapgate.device.v1.PersonKind|null} [personKind] Display personKind
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Display.
                 * @memberof tapgate.device.v1
                 * @interface IDisplay
                 * @augments tapgate.device.v1.Display.$Properties
                 * @deprecated Use tapgate.device.v1.Display.$Properties instead.
                 */

                /**
                 * Shape of a Display.
                 * @typedef {tapgate.device.v1.Display.$Properties} tapgate.device.v1.Display.$Shape
                 */

                /**
                 * Constructs a new Display.
                 * @memberof tapgate.device.v1
                 * @classdesc Represents a Display.
                 * @constructor
                 * @param {tapgate.device.v1.Display.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Display = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Display displayName.
                 * @member {string} displayName
                 * @memberof tapgate.device.v1.Display
                 * @instance
                 */
                Display.prototype.displayName = "";

                /**
                 * Display className.
                 * @member {string} className
                 * @memberof tapgate.device.v1.Display
                 * @instance
                 */
                Display.prototype.className = "";

                /**
                 * Display photoRef.
                 * @member {string} photoRef
                 * @memberof tapgate.device.v1.Display
                 * @instance
                 */
                Display.prototype.photoRef = "";

                /**
                 * Display personKind.
                 * @member {tapgate.device.v1.PersonKind} personKind
                 * @memberof tapgate.device.v1.Display
                 * @instance
                 */
                Display.prototype.personKind = 0;

                /**
                 * Creates a new Display instance using the specified properties.
                 * @function create
                 * @memberof tapgate.device.v1.Display
                 * @static
                 * @param {tapgate.device.v1.Display.$Properties=} [properties] Properties to set
                 * @returns {tapgate.device.v1.Display} Display instance
                 * @type {{
                 *   (properties: tapgate.device.v1.Display.$Shape): tapgate.device.v1.Display & tapgate.device.v1.Display.$Shape;
                 *   (properties?: tapgate.device.v1.Display.$Properties): tapgate.device.v1.Display;
                 * }}
                 */
                Display.create = function(properties) {
                    return new Display(properties);
                };

                /**
                 * Encodes the specified Display message. Does not implicitly {@link tapgate.device.v1.Display.verify|verify} messages.
                 * @function encode
                 * @memberof tapgate.device.v1.Display
                 * @static
                 * @param {tapgate.device.v1.Display.$Properties} message Display message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Display.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.displayName != null && $Object.hasOwnProperty.call(message, "displayName") && message.displayName !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.displayName);
                    if (message.className != null && $Object.hasOwnProperty.call(message, "className") && message.className !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.className);
                    if (message.photoRef != null && $Object.hasOwnProperty.call(message, "photoRef") && message.photoRef !== "")
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.photoRef);
                    if (message.personKind != null && $Object.hasOwnProperty.call(message, "personKind") && message.personKind !== 0)
                        writer.uint32(/* id 4, wireType 0 =*/32).int32(message.personKind);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a Display message from the specified reader or buffer.
                 * @function decode
                 * @memberof tapgate.device.v1.Display
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tapgate.device.v1.Display & tapgate.device.v1.Display.$Shape} Display
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Display.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tapgate.device.v1.Display();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.displayName = value;
                                else
                                    delete message.displayName;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.className = value;
                                else
                                    delete message.className;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.photoRef = value;
                                else
                                    delete message.photoRef;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.personKind = value;
                                else
                                    delete message.personKind;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a Display message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof tapgate.device.v1.Display
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {tapgate.device.v1.Display} Display
                 */
                Display.fromObject = function (object, _depth) {
                    if (object instanceof $root.tapgate.device.v1.Display)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".tapgate.device.v1.Display: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.tapgate.device.v1.Display();
                    if (object.displayName != null)
                        if (typeof object.displayName !== "string" || object.displayName.length)
                            message.displayName = $String(object.displayName);
                    if (object.className != null)
                        if (typeof object.className !== "string" || object.className.length)
                            message.className = $String(object.className);
                    if (object.photoRef != null)
                        if (typeof object.photoRef !== "string" || object.photoRef.length)
                            message.photoRef = $String(object.photoRef);
                    if (object.personKind !== 0 && (typeof object.personKind !== "string" || $root.tapgate.device.v1.PersonKind[object.personKind] !== 0))
                        switch (object.personKind) {
                        case "PERSON_KIND_UNSPECIFIED":
                        case 0:
                            message.personKind = 0;
                            break;
                        case "PERSON_KIND_PUPIL":
                        case 1:
                            message.personKind = 1;
                            break;
                        case "PERSON_KIND_STAFF":
                        case 2:
                            message.personKind = 2;
                            break;
                        case "PERSON_KIND_GUARDIAN":
                        case 3:
                            message.personKind = 3;
                            break;
                        default:
                            if (typeof object.personKind === "number" && (object.personKind | 0) === object.personKind)
                                message.personKind = object.personKind;
                        }
                    return message;
                };

                /**
                 * Creates a plain object from a Display message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof tapgate.device.v1.Display
                 * @static
                 * @param {tapgate.device.v1.Display} message Display
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Display.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.displayName = "";
                        object.className = "";
                        object.photoRef = "";
                        object.personKind = options.enums === $String ? "PERSON_KIND_UNSPECIFIED" : 0;
                    }
                    if (message.displayName != null && $Object.hasOwnProperty.call(message, "displayName"))
                        object.displayName = message.displayName;
                    if (message.className != null && $Object.hasOwnProperty.call(message, "className"))
                        object.className = message.className;
                    if (message.photoRef != null && $Object.hasOwnProperty.call(message, "photoRef"))
                        object.photoRef = message.photoRef;
                    if (message.personKind != null && $Object.hasOwnProperty.call(message, "personKind"))
                        object.personKind = options.enums === $String ? $root.tapgate.device.v1.PersonKind[message.personKind] === $undefined ? message.personKind : $root.tapgate.device.v1.PersonKind[message.personKind] : message.personKind;
                    return object;
                };

                /**
                 * Converts this Display to JSON.
                 * @function toJSON
                 * @memberof tapgate.device.v1.Display
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Display.prototype.toJSON = function() {
                    return Display.toObject(this, $protobuf.util.toJSONOptions);
                };

                return Display;
            })();

            /**
             * PersonKind enum.
             * @name tapgate.device.v1.PersonKind
             * @enum {number}
             * @property {number} PERSON_KIND_UNSPECIFIED=0 PERSON_KIND_UNSPECIFIED value
             * @property {number} PERSON_KIND_PUPIL=1 PERSON_KIND_PUPIL value
             * @property {number} PERSON_KIND_STAFF=2 PERSON_KIND_STAFF value
             * @property {number} PERSON_KIND_GUARDIAN=3 PERSON_KIND_GUARDIAN value
             */
            v1.PersonKind = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "PERSON_KIND_UNSPECIFIED"] = 0;
                values[valuesById[1] = "PERSON_KIND_PUPIL"] = 1;
                values[valuesById[2] = "PERSON_KIND_STAFF"] = 2;
                values[valuesById[3] = "PERSON_KIND_GUARDIAN"] = 3;
                return values;
            })();

            v1.HandoverChild = (function() {

                /**
                 * Properties of a HandoverChild.
                 * @typedef {Object} tapgate.device.v1.HandoverChild.$Properties
                 * @property {tapgate.device.v1.Verdict|null} [verdict] HandoverChild verdict
                 * @property {tapgate.device.v1.DecisionReason|null} [reason] HandoverChild reason
                 * @property {tapgate.device.v1.Display.$Properties|null} [display] HandoverChild display
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a HandoverChild.
                 * @memberof tapgate.device.v1
                 * @interface IHandoverChild
                 * @augments tapgate.device.v1.HandoverChild.$Properties
                 * @deprecated Use tapgate.device.v1.HandoverChild.$Properties instead.
                 */

                /**
                 * Shape of a HandoverChild.
                 * @typedef {tapgate.device.v1.HandoverChild.$Properties} tapgate.device.v1.HandoverChild.$Shape
                 */

                /**
                 * Constructs a new HandoverChild.
                 * @memberof tapgate.device.v1
                 * @classdesc Represents a HandoverChild.
                 * @constructor
                 * @param {tapgate.device.v1.HandoverChild.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const HandoverChild = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * HandoverChild verdict.
                 * @member {tapgate.device.v1.Verdict} verdict
                 * @memberof tapgate.device.v1.HandoverChild
                 * @instance
                 */
                HandoverChild.prototype.verdict = 0;

                /**
                 * HandoverChild reason.
                 * @member {tapgate.device.v1.DecisionReason} reason
                 * @memberof tapgate.device.v1.HandoverChild
                 * @instance
                 */
                HandoverChild.prototype.reason = 0;

                /**
                 * HandoverChild display.
                 * @member {tapgate.device.v1.Display.$Properties|null|undefined} display
                 * @memberof tapgate.device.v1.HandoverChild
                 * @instance
                 */
                HandoverChild.prototype.display = null;

                /**
                 * Creates a new HandoverChild instance using the specified properties.
                 * @function create
                 * @memberof tapgate.device.v1.HandoverChild
                 * @static
                 * @param {tapgate.device.v1.HandoverChild.$Properties=} [properties] Properties to set
                 * @returns {tapgate.device.v1.HandoverChild} HandoverChild instance
                 * @type {{
                 *   (properties: tapgate.device.v1.HandoverChild.$Shape): tapgate.device.v1.HandoverChild & tapgate.device.v1.HandoverChild.$Shape;
                 *   (properties?: tapgate.device.v1.HandoverChild.$Properties): tapgate.device.v1.HandoverChild;
                 * }}
                 */
                HandoverChild.create = function(properties) {
                    return new HandoverChild(properties);
                };

                /**
                 * Encodes the specified HandoverChild message. Does not implicitly {@link tapgate.device.v1.HandoverChild.verify|verify} messages.
                 * @function encode
                 * @memberof tapgate.device.v1.HandoverChild
                 * @static
                 * @param {tapgate.device.v1.HandoverChild.$Properties} message HandoverChild message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                HandoverChild.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.verdict != null && $Object.hasOwnProperty.call(message, "verdict") && message.verdict !== 0)
                        writer.uint32(/* id 1, wireType 0 =*/8).int32(message.verdict);
                    if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== 0)
                        writer.uint32(/* id 2, wireType 0 =*/16).int32(message.reason);
                    if (message.display != null && $Object.hasOwnProperty.call(message, "display"))
                        $root.tapgate.device.v1.Display.encode(message.display, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a HandoverChild message from the specified reader or buffer.
                 * @function decode
                 * @memberof tapgate.device.v1.HandoverChild
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tapgate.device.v1.HandoverChild & tapgate.device.v1.HandoverChild.$Shape} HandoverChild
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                HandoverChild.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tapgate.device.v1.HandoverChild();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.verdict = value;
                                else
                                    delete message.verdict;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.reason = value;
                                else
                                    delete message.reason;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                message.display = $root.tapgate.device.v1.Display.decode(reader, reader.size(), $undefined, _depth + 1, message.display);
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a HandoverChild message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof tapgate.device.v1.HandoverChild
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {tapgate.device.v1.HandoverChild} HandoverChild
                 */
                HandoverChild.fromObject = function (object, _depth) {
                    if (object instanceof $root.tapgate.device.v1.HandoverChild)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".tapgate.device.v1.HandoverChild: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.tapgate.device.v1.HandoverChild();
                    if (object.verdict !== 0 && (typeof object.verdict !== "string" || $root.tapgate.device.v1.Verdict[object.verdict] !== 0))
                        switch (object.verdict) {
                        case "VERDICT_UNSPECIFIED":
                        case 0:
                            message.verdict = 0;
                            break;
                        case "VERDICT_ALLOW":
                        case 1:
                            message.verdict = 1;
                            break;
                        case "VERDICT_DENY":
                        case 2:
                            message.verdict = 2;
                            break;
                        default:
                            if (typeof object.verdict === "number" && (object.verdict | 0) === object.verdict)
                                message.verdict = object.verdict;
                        }
                    if (object.reason !== 0 && (typeof object.reason !== "string" || $root.tapgate.device.v1.DecisionReason[object.reason] !== 0))
                        switch (object.reason) {
                        case "DECISION_REASON_UNSPECIFIED":
                        case 0:
                            message.reason = 0;
                            break;
                        case "DECISION_REASON_OK":
                        case 1:
                            message.reason = 1;
                            break;
                        case "DECISION_REASON_UNKNOWN_IDENTIFIER":
                        case 2:
                            message.reason = 2;
                            break;
                        case "DECISION_REASON_IDENTIFIER_BLOCKED":
                        case 3:
                            message.reason = 3;
                            break;
                        case "DECISION_REASON_IDENTIFIER_EXPIRED":
                        case 4:
                            message.reason = 4;
                            break;
                        case "DECISION_REASON_OTHER_SCHOOL":
                        case 5:
                            message.reason = 5;
                            break;
                        case "DECISION_REASON_NOT_ALLOWED_AT_DEVICE":
                        case 6:
                            message.reason = 6;
                            break;
                        case "DECISION_REASON_REPEATED_TAP":
                        case 7:
                            message.reason = 7;
                            break;
                        case "DECISION_REASON_INSUFFICIENT_FUNDS":
                        case 8:
                            message.reason = 8;
                            break;
                        case "DECISION_REASON_DAILY_LIMIT_EXCEEDED":
                        case 9:
                            message.reason = 9;
                            break;
                        case "DECISION_REASON_BANNED_CATEGORY":
                        case 10:
                            message.reason = 10;
                            break;
                        case "DECISION_REASON_NO_BENEFIT":
                        case 11:
                            message.reason = 11;
                            break;
                        case "DECISION_REASON_SUBSIDISED_MEAL_ALREADY_TAKEN":
                        case 12:
                            message.reason = 12;
                            break;
                        case "DECISION_REASON_NOT_PRESENT_TODAY":
                        case 13:
                            message.reason = 13;
                            break;
                        case "DECISION_REASON_NO_ACCOUNT":
                        case 14:
                            message.reason = 14;
                            break;
                        case "DECISION_REASON_UNKNOWN_PRODUCT":
                        case 15:
                            message.reason = 15;
                            break;
                        case "DECISION_REASON_ESCORT_NOT_AUTHORISED":
                        case 16:
                            message.reason = 16;
                            break;
                        case "DECISION_REASON_NOT_A_CHILD":
                        case 17:
                            message.reason = 17;
                            break;
                        case "DECISION_REASON_NOT_AN_ESCORT":
                        case 18:
                            message.reason = 18;
                            break;
                        case "DECISION_REASON_ESCORT_CARD_ALONE":
                        case 19:
                            message.reason = 19;
                            break;
                        default:
                            if (typeof object.reason === "number" && (object.reason | 0) === object.reason)
                                message.reason = object.reason;
                        }
                    if (object.display != null) {
                        if (!$util.isObject(object.display))
                            throw $TypeError(".tapgate.device.v1.HandoverChild.display: object expected");
                        message.display = $root.tapgate.device.v1.Display.fromObject(object.display, _depth + 1);
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a HandoverChild message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof tapgate.device.v1.HandoverChild
                 * @static
                 * @param {tapgate.device.v1.HandoverChild} message HandoverChild
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                HandoverChild.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.verdict = options.enums === $String ? "VERDICT_UNSPECIFIED" : 0;
                        object.reason = options.enums === $String ? "DECISION_REASON_UNSPECIFIED" : 0;
                        object.display = null;
                    }
                    if (message.verdict != null && $Object.hasOwnProperty.call(message, "verdict"))
                        object.verdict = options.enums === $String ? $root.tapgate.device.v1.Verdict[message.verdict] === $undefined ? message.verdict : $root.tapgate.device.v1.Verdict[message.verdict] : message.verdict;
                    if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                        object.reason = options.enums === $String ? $root.tapgate.device.v1.DecisionReason[message.reason] === $undefined ? message.reason : $root.tapgate.device.v1.DecisionReason[message.reason] : message.reason;
                    if (message.display != null && $Object.hasOwnProperty.call(message, "display"))
                        object.display = $root.tapgate.device.v1.Display.toObject(message.display, options, _depth + 1);
                    return object;
                };

                /**
                 * Converts this HandoverChild to JSON.
                 * @function toJSON
                 * @memberof tapgate.device.v1.HandoverChild
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                HandoverChild.prototype.toJSON = function() {
                    return HandoverChild.toObject(this, $protobuf.util.toJSONOptions);
                };

                return HandoverChild;
            })();

            v1.Decision = (function() {

                /**
                 * Properties of a Decision.
                 * @typedef {Object} tapgate.device.v1.Decision.$Properties
                 * @property {number|null} [seq] Decision seq
                 * @property {tapgate.device.v1.Verdict|null} [verdict] Decision verdict
                 * @property {tapgate.device.v1.DecisionReason|null} [reason] Decision reason
                 * @property {tapgate.device.v1.Display.$Properties|null} [display] Decision display
                 * @property {number|null} [decidedAtMs] Decision decidedAtMs
                 * @property {boolean|null} [replayed] Decision replayed
                 * @property {number|null} [amountKop] Decision amountKop
                 * @property {number|null} [balanceAfterKop] Decision balanceAfterKop
                 * @property {boolean|null} [subsidised] Decision subsidised
                 * @property {Array.<tapgate.device.v1.HandoverChild.$Properties>|null} [children] Decision children
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Decision.
                 * @memberof tapgate.device.v1
                 * @interface IDecision
                 * @augments tapgate.device.v1.Decision.$Properties
                 * @deprecated Use tapgate.device.v1.Decision.$Properties instead.
                 */

                /**
                 * Shape of a Decision.
                 * @typedef {tapgate.device.v1.Decision.$Properties} tapgate.device.v1.Decision.$Shape
                 */

                /**
                 * Constructs a new Decision.
                 * @memberof tapgate.device.v1
                 * @classdesc Represents a Decision.
                 * @constructor
                 * @param {tapgate.device.v1.Decision.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Decision = function (properties) {
                    this.children = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Decision seq.
                 * @member {number} seq
                 * @memberof tapgate.device.v1.Decision
                 * @instance
                 */
                Decision.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Decision verdict.
                 * @member {tapgate.device.v1.Verdict} verdict
                 * @memberof tapgate.device.v1.Decision
                 * @instance
                 */
                Decision.prototype.verdict = 0;

                /**
                 * Decision reason.
                 * @member {tapgate.device.v1.DecisionReason} reason
                 * @memberof tapgate.device.v1.Decision
                 * @instance
                 */
                Decision.prototype.reason = 0;

                /**
                 * Decision display.
                 * @member {tapgate.device.v1.Display.$Properties|null|undefined} display
                 * @memberof tapgate.device.v1.Decision
                 * @instance
                 */
                Decision.prototype.display = null;

                /**
                 * Decision decidedAtMs.
                 * @member {number} decidedAtMs
                 * @memberof tapgate.device.v1.Decision
                 * @instance
                 */
                Decision.prototype.decidedAtMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Decision replayed.
                 * @member {boolean} replayed
                 * @memberof tapgate.device.v1.Decision
                 * @instance
                 */
                Decision.prototype.replayed = false;

                /**
                 * Decision amountKop.
                 * @member {number} amountKop
                 * @memberof tapgate.device.v1.Decision
                 * @instance
                 */
                Decision.prototype.amountKop = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Decision balanceAfterKop.
                 * @member {number} balanceAfterKop
                 * @memberof tapgate.device.v1.Decision
                 * @instance
                 */
                Decision.prototype.balanceAfterKop = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * Decision subsidised.
                 * @member {boolean} subsidised
                 * @memberof tapgate.device.v1.Decision
                 * @instance
                 */
                Decision.prototype.subsidised = false;

                /**
                 * Decision children.
                 * @member {Array.<tapgate.device.v1.HandoverChild.$Properties>} children
                 * @memberof tapgate.device.v1.Decision
                 * @instance
                 */
                Decision.prototype.children = $util.emptyArray;

                /**
                 * Creates a new Decision instance using the specified properties.
                 * @function create
                 * @memberof tapgate.device.v1.Decision
                 * @static
                 * @param {tapgate.device.v1.Decision.$Properties=} [properties] Properties to set
                 * @returns {tapgate.device.v1.Decision} Decision instance
                 * @type {{
                 *   (properties: tapgate.device.v1.Decision.$Shape): tapgate.device.v1.Decision & tapgate.device.v1.Decision.$Shape;
                 *   (properties?: tapgate.device.v1.Decision.$Properties): tapgate.device.v1.Decision;
                 * }}
                 */
                Decision.create = function(properties) {
                    return new Decision(properties);
                };

                /**
                 * Encodes the specified Decision message. Does not implicitly {@link tapgate.device.v1.Decision.verify|verify} messages.
                 * @function encode
                 * @memberof tapgate.device.v1.Decision
                 * @static
                 * @param {tapgate.device.v1.Decision.$Properties} message Decision message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Decision.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && (typeof message.seq === "object" ? message.seq.low || message.seq.high : message.seq !== 0))
                        writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.seq);
                    if (message.verdict != null && $Object.hasOwnProperty.call(message, "verdict") && message.verdict !== 0)
                        writer.uint32(/* id 2, wireType 0 =*/16).int32(message.verdict);
                    if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== 0)
                        writer.uint32(/* id 3, wireType 0 =*/24).int32(message.reason);
                    if (message.display != null && $Object.hasOwnProperty.call(message, "display"))
                        $root.tapgate.device.v1.Display.encode(message.display, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                    if (message.decidedAtMs != null && $Object.hasOwnProperty.call(message, "decidedAtMs") && (typeof message.decidedAtMs === "object" ? message.decidedAtMs.low || message.decidedAtMs.high : message.decidedAtMs !== 0))
                        writer.uint32(/* id 5, wireType 0 =*/40).uint64(message.decidedAtMs);
                    if (message.replayed != null && $Object.hasOwnProperty.call(message, "replayed") && message.replayed !== false)
                        writer.uint32(/* id 6, wireType 0 =*/48).bool(message.replayed);
                    if (message.amountKop != null && $Object.hasOwnProperty.call(message, "amountKop") && (typeof message.amountKop === "object" ? message.amountKop.low || message.amountKop.high : message.amountKop !== 0))
                        writer.uint32(/* id 7, wireType 0 =*/56).int64(message.amountKop);
                    if (message.balanceAfterKop != null && $Object.hasOwnProperty.call(message, "balanceAfterKop") && (typeof message.balanceAfterKop === "object" ? message.balanceAfterKop.low || message.balanceAfterKop.high : message.balanceAfterKop !== 0))
                        writer.uint32(/* id 8, wireType 0 =*/64).int64(message.balanceAfterKop);
                    if (message.subsidised != null && $Object.hasOwnProperty.call(message, "subsidised") && message.subsidised !== false)
                        writer.uint32(/* id 9, wireType 0 =*/72).bool(message.subsidised);
                    if (message.children != null && message.children.length)
                        for (let i = 0; i < message.children.length; ++i)
                            $root.tapgate.device.v1.HandoverChild.encode(message.children[i], writer.uint32(/* id 10, wireType 2 =*/82).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a Decision message from the specified reader or buffer.
                 * @function decode
                 * @memberof tapgate.device.v1.Decision
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tapgate.device.v1.Decision & tapgate.device.v1.Decision.$Shape} Decision
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Decision.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tapgate.device.v1.Decision();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.seq = value;
                                else
                                    delete message.seq;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.verdict = value;
                                else
                                    delete message.verdict;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.reason = value;
                                else
                                    delete message.reason;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 2)
                                    break;
                                message.display = $root.tapgate.device.v1.Display.decode(reader, reader.size(), $undefined, _depth + 1, message.display);
                                continue;
                            }
                        case 5: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.decidedAtMs = value;
                                else
                                    delete message.decidedAtMs;
                                continue;
                            }
                        case 6: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.bool())
                                    message.replayed = value;
                                else
                                    delete message.replayed;
                                continue;
                            }
                        case 7: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.amountKop = value;
                                else
                                    delete message.amountKop;
                                continue;
                            }
                        case 8: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.balanceAfterKop = value;
                                else
                                    delete message.balanceAfterKop;
                                continue;
                            }
                        case 9: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.bool())
                                    message.subsidised = value;
                                else
                                    delete message.subsidised;
                                continue;
                            }
                        case 10: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.children && message.children.length))
                                    message.children = [];
                                message.children.push($root.tapgate.device.v1.HandoverChild.decode(reader, reader.size(), $undefined, _depth + 1));
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a Decision message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof tapgate.device.v1.Decision
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {tapgate.device.v1.Decision} Decision
                 */
                Decision.fromObject = function (object, _depth) {
                    if (object instanceof $root.tapgate.device.v1.Decision)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".tapgate.device.v1.Decision: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.tapgate.device.v1.Decision();
                    if (object.seq != null)
                        if (typeof object.seq === "object" ? object.seq.low || object.seq.high : $Number(object.seq) !== 0)
                            if ($util.Long)
                                message.seq = $util.Long.fromValue(object.seq, true);
                            else if (typeof object.seq === "string")
                                message.seq = $parseInt(object.seq, 10);
                            else if (typeof object.seq === "number")
                                message.seq = object.seq;
                            else if (typeof object.seq === "object")
                                message.seq = new $util.LongBits(object.seq.low >>> 0, object.seq.high >>> 0).toNumber(true);
                    if (object.verdict !== 0 && (typeof object.verdict !== "string" || $root.tapgate.device.v1.Verdict[object.verdict] !== 0))
                        switch (object.verdict) {
                        case "VERDICT_UNSPECIFIED":
                        case 0:
                            message.verdict = 0;
                            break;
                        case "VERDICT_ALLOW":
                        case 1:
                            message.verdict = 1;
                            break;
                        case "VERDICT_DENY":
                        case 2:
                            message.verdict = 2;
                            break;
                        default:
                            if (typeof object.verdict === "number" && (object.verdict | 0) === object.verdict)
                                message.verdict = object.verdict;
                        }
                    if (object.reason !== 0 && (typeof object.reason !== "string" || $root.tapgate.device.v1.DecisionReason[object.reason] !== 0))
                        switch (object.reason) {
                        case "DECISION_REASON_UNSPECIFIED":
                        case 0:
                            message.reason = 0;
                            break;
                        case "DECISION_REASON_OK":
                        case 1:
                            message.reason = 1;
                            break;
                        case "DECISION_REASON_UNKNOWN_IDENTIFIER":
                        case 2:
                            message.reason = 2;
                            break;
                        case "DECISION_REASON_IDENTIFIER_BLOCKED":
                        case 3:
                            message.reason = 3;
                            break;
                        case "DECISION_REASON_IDENTIFIER_EXPIRED":
                        case 4:
                            message.reason = 4;
                            break;
                        case "DECISION_REASON_OTHER_SCHOOL":
                        case 5:
                            message.reason = 5;
                            break;
                        case "DECISION_REASON_NOT_ALLOWED_AT_DEVICE":
                        case 6:
                            message.reason = 6;
                            break;
                        case "DECISION_REASON_REPEATED_TAP":
                        case 7:
                            message.reason = 7;
                            break;
                        case "DECISION_REASON_INSUFFICIENT_FUNDS":
                        case 8:
                            message.reason = 8;
                            break;
                        case "DECISION_REASON_DAILY_LIMIT_EXCEEDED":
                        case 9:
                            message.reason = 9;
                            break;
                        case "DECISION_REASON_BANNED_CATEGORY":
                        case 10:
                            message.reason = 10;
                            break;
                        case "DECISION_REASON_NO_BENEFIT":
                        case 11:
                            message.reason = 11;
                            break;
                        case "DECISION_REASON_SUBSIDISED_MEAL_ALREADY_TAKEN":
                        case 12:
                            message.reason = 12;
                            break;
                        case "DECISION_REASON_NOT_PRESENT_TODAY":
                        case 13:
                            message.reason = 13;
                            break;
                        case "DECISION_REASON_NO_ACCOUNT":
                        case 14:
                            message.reason = 14;
                            break;
                        case "DECISION_REASON_UNKNOWN_PRODUCT":
                        case 15:
                            message.reason = 15;
                            break;
                        case "DECISION_REASON_ESCORT_NOT_AUTHORISED":
                        case 16:
                            message.reason = 16;
                            break;
                        case "DECISION_REASON_NOT_A_CHILD":
                        case 17:
                            message.reason = 17;
                            break;
                        case "DECISION_REASON_NOT_AN_ESCORT":
                        case 18:
                            message.reason = 18;
                            break;
                        case "DECISION_REASON_ESCORT_CARD_ALONE":
                        case 19:
                            message.reason = 19;
                            break;
                        default:
                            if (typeof object.reason === "number" && (object.reason | 0) === object.reason)
                                message.reason = object.reason;
                        }
                    if (object.display != null) {
                        if (!$util.isObject(object.display))
                            throw $TypeError(".tapgate.device.v1.Decision.display: object expected");
                        message.display = $root.tapgate.device.v1.Display.fromObject(object.display, _depth + 1);
                    }
                    if (object.decidedAtMs != null)
                        if (typeof object.decidedAtMs === "object" ? object.decidedAtMs.low || object.decidedAtMs.high : $Number(object.decidedAtMs) !== 0)
                            if ($util.Long)
                                message.decidedAtMs = $util.Long.fromValue(object.decidedAtMs, true);
                            else if (typeof object.decidedAtMs === "string")
                                message.decidedAtMs = $parseInt(object.decidedAtMs, 10);
                            else if (typeof object.decidedAtMs === "number")
                                message.decidedAtMs = object.decidedAtMs;
                            else if (typeof object.decidedAtMs === "object")
                                message.decidedAtMs = new $util.LongBits(object.decidedAtMs.low >>> 0, object.decidedAtMs.high >>> 0).toNumber(true);
                    if (object.replayed != null)
                        if (object.replayed)
                            message.replayed = $Boolean(object.replayed);
                    if (object.amountKop != null)
                        if (typeof object.amountKop === "object" ? object.amountKop.low || object.amountKop.high : $Number(object.amountKop) !== 0)
                            if ($util.Long)
                                message.amountKop = $util.Long.fromValue(object.amountKop, false);
                            else if (typeof object.amountKop === "string")
                                message.amountKop = $parseInt(object.amountKop, 10);
                            else if (typeof object.amountKop === "number")
                                message.amountKop = object.amountKop;
                            else if (typeof object.amountKop === "object")
                                message.amountKop = new $util.LongBits(object.amountKop.low >>> 0, object.amountKop.high >>> 0).toNumber();
                    if (object.balanceAfterKop != null)
                        if (typeof object.balanceAfterKop === "object" ? object.balanceAfterKop.low || object.balanceAfterKop.high : $Number(object.balanceAfterKop) !== 0)
                            if ($util.Long)
                                message.balanceAfterKop = $util.Long.fromValue(object.balanceAfterKop, false);
                            else if (typeof object.balanceAfterKop === "string")
                                message.balanceAfterKop = $parseInt(object.balanceAfterKop, 10);
                            else if (typeof object.balanceAfterKop === "number")
                                message.balanceAfterKop = object.balanceAfterKop;
                            else if (typeof object.balanceAfterKop === "object")
                                message.balanceAfterKop = new $util.LongBits(object.balanceAfterKop.low >>> 0, object.balanceAfterKop.high >>> 0).toNumber();
                    if (object.subsidised != null)
                        if (object.subsidised)
                            message.subsidised = $Boolean(object.subsidised);
                    if (object.children) {
                        if (!$Array.isArray(object.children))
                            throw $TypeError(".tapgate.device.v1.Decision.children: array expected");
                        message.children = $Array(object.children.length);
                        for (let i = 0; i < object.children.length; ++i) {
                            if (!$util.isObject(object.children[i]))
                                throw $TypeError(".tapgate.device.v1.Decision.children: object expected");
                            message.children[i] = $root.tapgate.device.v1.HandoverChild.fromObject(object.children[i], _depth + 1);
                        }
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a Decision message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof tapgate.device.v1.Decision
                 * @static
                 * @param {tapgate.device.v1.Decision} message Decision
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Decision.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.arrays || options.defaults)
                        object.children = [];
                    if (options.defaults) {
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.seq = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.seq = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.verdict = options.enums === $String ? "VERDICT_UNSPECIFIED" : 0;
                        object.reason = options.enums === $String ? "DECISION_REASON_UNSPECIFIED" : 0;
                        object.display = null;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.decidedAtMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.decidedAtMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.replayed = false;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.amountKop = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.amountKop = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.balanceAfterKop = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.balanceAfterKop = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.subsidised = false;
                    }
                    if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.seq = typeof message.seq === "number" ? $BigInt(message.seq) : $util.Long.fromBits(message.seq.low >>> 0, message.seq.high >>> 0, true).toBigInt();
                        else if (typeof message.seq === "number")
                            object.seq = options.longs === $String ? $String(message.seq) : message.seq;
                        else
                            object.seq = options.longs === $String ? $util.Long.prototype.toString.call(message.seq) : options.longs === $Number ? new $util.LongBits(message.seq.low >>> 0, message.seq.high >>> 0).toNumber(true) : message.seq;
                    if (message.verdict != null && $Object.hasOwnProperty.call(message, "verdict"))
                        object.verdict = options.enums === $String ? $root.tapgate.device.v1.Verdict[message.verdict] === $undefined ? message.verdict : $root.tapgate.device.v1.Verdict[message.verdict] : message.verdict;
                    if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                        object.reason = options.enums === $String ? $root.tapgate.device.v1.DecisionReason[message.reason] === $undefined ? message.reason : $root.tapgate.device.v1.DecisionReason[message.reason] : message.reason;
                    if (message.display != null && $Object.hasOwnProperty.call(message, "display"))
                        object.display = $root.tapgate.device.v1.Display.toObject(message.display, options, _depth + 1);
                    if (message.decidedAtMs != null && $Object.hasOwnProperty.call(message, "decidedAtMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.decidedAtMs = typeof message.decidedAtMs === "number" ? $BigInt(message.decidedAtMs) : $util.Long.fromBits(message.decidedAtMs.low >>> 0, message.decidedAtMs.high >>> 0, true).toBigInt();
                        else if (typeof message.decidedAtMs === "number")
                            object.decidedAtMs = options.longs === $String ? $String(message.decidedAtMs) : message.decidedAtMs;
                        else
                            object.decidedAtMs = options.longs === $String ? $util.Long.prototype.toString.call(message.decidedAtMs) : options.longs === $Number ? new $util.LongBits(message.decidedAtMs.low >>> 0, message.decidedAtMs.high >>> 0).toNumber(true) : message.decidedAtMs;
                    if (message.replayed != null && $Object.hasOwnProperty.call(message, "replayed"))
                        object.replayed = message.replayed;
                    if (message.amountKop != null && $Object.hasOwnProperty.call(message, "amountKop"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.amountKop = typeof message.amountKop === "number" ? $BigInt(message.amountKop) : $util.Long.fromBits(message.amountKop.low >>> 0, message.amountKop.high >>> 0, false).toBigInt();
                        else if (typeof message.amountKop === "number")
                            object.amountKop = options.longs === $String ? $String(message.amountKop) : message.amountKop;
                        else
                            object.amountKop = options.longs === $String ? $util.Long.prototype.toString.call(message.amountKop) : options.longs === $Number ? new $util.LongBits(message.amountKop.low >>> 0, message.amountKop.high >>> 0).toNumber() : message.amountKop;
                    if (message.balanceAfterKop != null && $Object.hasOwnProperty.call(message, "balanceAfterKop"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.balanceAfterKop = typeof message.balanceAfterKop === "number" ? $BigInt(message.balanceAfterKop) : $util.Long.fromBits(message.balanceAfterKop.low >>> 0, message.balanceAfterKop.high >>> 0, false).toBigInt();
                        else if (typeof message.balanceAfterKop === "number")
                            object.balanceAfterKop = options.longs === $String ? $String(message.balanceAfterKop) : message.balanceAfterKop;
                        else
                            object.balanceAfterKop = options.longs === $String ? $util.Long.prototype.toString.call(message.balanceAfterKop) : options.longs === $Number ? new $util.LongBits(message.balanceAfterKop.low >>> 0, message.balanceAfterKop.high >>> 0).toNumber() : message.balanceAfterKop;
                    if (message.subsidised != null && $Object.hasOwnProperty.call(message, "subsidised"))
                        object.subsidised = message.subsidised;
                    if (message.children && message.children.length) {
                        object.children = $Array(message.children.length);
                        for (let j = 0; j < message.children.length; ++j)
                            object.children[j] = $root.tapgate.device.v1.HandoverChild.toObject(message.children[j], options, _depth + 1);
                    }
                    return object;
                };

                /**
                 * Converts this Decision to JSON.
                 * @function toJSON
                 * @memberof tapgate.device.v1.Decision
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Decision.prototype.toJSON = function() {
                    return Decision.toObject(this, $protobuf.util.toJSONOptions);
                };

                return Decision;
            })();

            v1.DecisionBatch = (function() {

                /**
                 * Properties of a DecisionBatch.
                 * @typedef {Object} tapgate.device.v1.DecisionBatch.$Properties
                 * @property {Array.<tapgate.device.v1.Decision.$Properties>|null} [decisions] DecisionBatch decisions
                 * @property {number|null} [serverTimeMs] DecisionBatch serverTimeMs
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a DecisionBatch.
                 * @memberof tapgate.device.v1
                 * @interface IDecisionBatch
                 * @augments tapgate.device.v1.DecisionBatch.$Properties
                 * @deprecated Use tapgate.device.v1.DecisionBatch.$Properties instead.
                 */

                /**
                 * Shape of a DecisionBatch.
                 * @typedef {tapgate.device.v1.DecisionBatch.$Properties} tapgate.device.v1.DecisionBatch.$Shape
                 */

                /**
                 * Constructs a new DecisionBatch.
                 * @memberof tapgate.device.v1
                 * @classdesc Represents a DecisionBatch.
                 * @constructor
                 * @param {tapgate.device.v1.DecisionBatch.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const DecisionBatch = function (properties) {
                    this.decisions = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * DecisionBatch decisions.
                 * @member {Array.<tapgate.device.v1.Decision.$Properties>} decisions
                 * @memberof tapgate.device.v1.DecisionBatch
                 * @instance
                 */
                DecisionBatch.prototype.decisions = $util.emptyArray;

                /**
                 * DecisionBatch serverTimeMs.
                 * @member {number} serverTimeMs
                 * @memberof tapgate.device.v1.DecisionBatch
                 * @instance
                 */
                DecisionBatch.prototype.serverTimeMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Creates a new DecisionBatch instance using the specified properties.
                 * @function create
                 * @memberof tapgate.device.v1.DecisionBatch
                 * @static
                 * @param {tapgate.device.v1.DecisionBatch.$Properties=} [properties] Properties to set
                 * @returns {tapgate.device.v1.DecisionBatch} DecisionBatch instance
                 * @type {{
                 *   (properties: tapgate.device.v1.DecisionBatch.$Shape): tapgate.device.v1.DecisionBatch & tapgate.device.v1.DecisionBatch.$Shape;
                 *   (properties?: tapgate.device.v1.DecisionBatch.$Properties): tapgate.device.v1.DecisionBatch;
                 * }}
                 */
                DecisionBatch.create = function(properties) {
                    return new DecisionBatch(properties);
                };

                /**
                 * Encodes the specified DecisionBatch message. Does not implicitly {@link tapgate.device.v1.DecisionBatch.verify|verify} messages.
                 * @function encode
                 * @memberof tapgate.device.v1.DecisionBatch
                 * @static
                 * @param {tapgate.device.v1.DecisionBatch.$Properties} message DecisionBatch message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                DecisionBatch.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.decisions != null && message.decisions.length)
                        for (let i = 0; i < message.decisions.length; ++i)
                            $root.tapgate.device.v1.Decision.encode(message.decisions[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                    if (message.serverTimeMs != null && $Object.hasOwnProperty.call(message, "serverTimeMs") && (typeof message.serverTimeMs === "object" ? message.serverTimeMs.low || message.serverTimeMs.high : message.serverTimeMs !== 0))
                        writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.serverTimeMs);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a DecisionBatch message from the specified reader or buffer.
                 * @function decode
                 * @memberof tapgate.device.v1.DecisionBatch
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tapgate.device.v1.DecisionBatch & tapgate.device.v1.DecisionBatch.$Shape} DecisionBatch
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                DecisionBatch.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tapgate.device.v1.DecisionBatch();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.decisions && message.decisions.length))
                                    message.decisions = [];
                                message.decisions.push($root.tapgate.device.v1.Decision.decode(reader, reader.size(), $undefined, _depth + 1));
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.serverTimeMs = value;
                                else
                                    delete message.serverTimeMs;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a DecisionBatch message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof tapgate.device.v1.DecisionBatch
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {tapgate.device.v1.DecisionBatch} DecisionBatch
                 */
                DecisionBatch.fromObject = function (object, _depth) {
                    if (object instanceof $root.tapgate.device.v1.DecisionBatch)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".tapgate.device.v1.DecisionBatch: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.tapgate.device.v1.DecisionBatch();
                    if (object.decisions) {
                        if (!$Array.isArray(object.decisions))
                            throw $TypeError(".tapgate.device.v1.DecisionBatch.decisions: array expected");
                        message.decisions = $Array(object.decisions.length);
                        for (let i = 0; i < object.decisions.length; ++i) {
                            if (!$util.isObject(object.decisions[i]))
                                throw $TypeError(".tapgate.device.v1.DecisionBatch.decisions: object expected");
                            message.decisions[i] = $root.tapgate.device.v1.Decision.fromObject(object.decisions[i], _depth + 1);
                        }
                    }
                    if (object.serverTimeMs != null)
                        if (typeof object.serverTimeMs === "object" ? object.serverTimeMs.low || object.serverTimeMs.high : $Number(object.serverTimeMs) !== 0)
                            if ($util.Long)
                                message.serverTimeMs = $util.Long.fromValue(object.serverTimeMs, true);
                            else if (typeof object.serverTimeMs === "string")
                                message.serverTimeMs = $parseInt(object.serverTimeMs, 10);
                            else if (typeof object.serverTimeMs === "number")
                                message.serverTimeMs = object.serverTimeMs;
                            else if (typeof object.serverTimeMs === "object")
                                message.serverTimeMs = new $util.LongBits(object.serverTimeMs.low >>> 0, object.serverTimeMs.high >>> 0).toNumber(true);
                    return message;
                };

                /**
                 * Creates a plain object from a DecisionBatch message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof tapgate.device.v1.DecisionBatch
                 * @static
                 * @param {tapgate.device.v1.DecisionBatch} message DecisionBatch
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                DecisionBatch.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.arrays || options.defaults)
                        object.decisions = [];
                    if (options.defaults)
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.serverTimeMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.serverTimeMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if (message.decisions && message.decisions.length) {
                        object.decisions = $Array(message.decisions.length);
                        for (let j = 0; j < message.decisions.length; ++j)
                            object.decisions[j] = $root.tapgate.device.v1.Decision.toObject(message.decisions[j], options, _depth + 1);
                    }
                    if (message.serverTimeMs != null && $Object.hasOwnProperty.call(message, "serverTimeMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.serverTimeMs = typeof message.serverTimeMs === "number" ? $BigInt(message.serverTimeMs) : $util.Long.fromBits(message.serverTimeMs.low >>> 0, message.serverTimeMs.high >>> 0, true).toBigInt();
                        else if (typeof message.serverTimeMs === "number")
                            object.serverTimeMs = options.longs === $String ? $String(message.serverTimeMs) : message.serverTimeMs;
                        else
                            object.serverTimeMs = options.longs === $String ? $util.Long.prototype.toString.call(message.serverTimeMs) : options.longs === $Number ? new $util.LongBits(message.serverTimeMs.low >>> 0, message.serverTimeMs.high >>> 0).toNumber(true) : message.serverTimeMs;
                    return object;
                };

                /**
                 * Converts this DecisionBatch to JSON.
                 * @function toJSON
                 * @memberof tapgate.device.v1.DecisionBatch
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                DecisionBatch.prototype.toJSON = function() {
                    return DecisionBatch.toObject(this, $protobuf.util.toJSONOptions);
                };

                return DecisionBatch;
            })();

            /**
             * ErrorCode enum.
             * @name tapgate.device.v1.ErrorCode
             * @enum {number}
             * @property {number} ERROR_CODE_UNSPECIFIED=0 ERROR_CODE_UNSPECIFIED value
             * @property {number} ERROR_CODE_MALFORMED_FRAME=1 ERROR_CODE_MALFORMED_FRAME value
             * @property {number} ERROR_CODE_FRAME_TOO_LARGE=2 ERROR_CODE_FRAME_TOO_LARGE value
             * @property {number} ERROR_CODE_BAD_TAP_COUNT=3 ERROR_CODE_BAD_TAP_COUNT value
             * @property {number} ERROR_CODE_INVALID_TAP=4 ERROR_CODE_INVALID_TAP value
             * @property {number} ERROR_CODE_SEQ_TOO_OLD=5 ERROR_CODE_SEQ_TOO_OLD value
             * @property {number} ERROR_CODE_TOO_MANY_IN_FLIGHT=6 ERROR_CODE_TOO_MANY_IN_FLIGHT value
             * @property {number} ERROR_CODE_UNEXPECTED_FRAME=7 ERROR_CODE_UNEXPECTED_FRAME value
             * @property {number} ERROR_CODE_OVERLOADED=8 ERROR_CODE_OVERLOADED value
             * @property {number} ERROR_CODE_RATE_LIMITED=9 ERROR_CODE_RATE_LIMITED value
             */
            v1.ErrorCode = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "ERROR_CODE_UNSPECIFIED"] = 0;
                values[valuesById[1] = "ERROR_CODE_MALFORMED_FRAME"] = 1;
                values[valuesById[2] = "ERROR_CODE_FRAME_TOO_LARGE"] = 2;
                values[valuesById[3] = "ERROR_CODE_BAD_TAP_COUNT"] = 3;
                values[valuesById[4] = "ERROR_CODE_INVALID_TAP"] = 4;
                values[valuesById[5] = "ERROR_CODE_SEQ_TOO_OLD"] = 5;
                values[valuesById[6] = "ERROR_CODE_TOO_MANY_IN_FLIGHT"] = 6;
                values[valuesById[7] = "ERROR_CODE_UNEXPECTED_FRAME"] = 7;
                values[valuesById[8] = "ERROR_CODE_OVERLOADED"] = 8;
                values[valuesById[9] = "ERROR_CODE_RATE_LIMITED"] = 9;
                return values;
            })();

            v1.Error = (function() {

                /**
                 * Properties of an Error.
                 * @typedef {Object} tapgate.device.v1.Error.$Properties
                 * @property {tapgate.device.v1.ErrorCode|null} [code] Error code
                 * @property {string|null} [message] Error message
                 * @property {number|null} [tapIndex] Error tapIndex
                 * @property {number|null} [seq] Error seq
                 * @property {number|null} [retryAfterMs] Error retryAfterMs
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an Error.
                 * @memberof tapgate.device.v1
                 * @interface IError
                 * @augments tapgate.device.v1.Error.$Properties
                 * @deprecated Use tapgate.device.v1.Error.$Properties instead.
                 */

                /**
                 * Shape of an Error.
                 * @typedef {tapgate.device.v1.Error.$Properties} tapgate.device.v1.Error.$Shape
                 */

                /**
                 * Constructs a new Error.
                 * @memberof tapgate.device.v1
                 * @classdesc Represents an Error.
                 * @constructor
                 * @param {tapgate.device.v1.Error.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Error = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Error code.
                 * @member {tapgate.device.v1.ErrorCode} code
                 * @memberof tapgate.device.v1.Error
                 * @instance
                 */
                Error.prototype.code = 0;

                /**
                 * Error message.
                 * @member {string} message
                 * @memberof tapgate.device.v1.Error
                 * @instance
                 */
                Error.prototype.message = "";

                /**
                 * Error tapIndex.
                 * @member {number} tapIndex
                 * @memberof tapgate.device.v1.Error
                 * @instance
                 */
                Error.prototype.tapIndex = 0;

                /**
                 * Error seq.
                 * @member {number} seq
                 * @memberof tapgate.device.v1.Error
                 * @instance
                 */
                Error.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Error retryAfterMs.
                 * @member {number} retryAfterMs
                 * @memberof tapgate.device.v1.Error
                 * @instance
                 */
                Error.prototype.retryAfterMs = 0;

                /**
                 * Creates a new Error instance using the specified properties.
                 * @function create
                 * @memberof tapgate.device.v1.Error
                 * @static
                 * @param {tapgate.device.v1.Error.$Properties=} [properties] Properties to set
                 * @returns {tapgate.device.v1.Error} Error instance
                 * @type {{
                 *   (properties: tapgate.device.v1.Error.$Shape): tapgate.device.v1.Error & tapgate.device.v1.Error.$Shape;
                 *   (properties?: tapgate.device.v1.Error.$Properties): tapgate.device.v1.Error;
                 * }}
                 */
                Error.create = function(properties) {
                    return new Error(properties);
                };

                /**
                 * Encodes the specified Error message. Does not implicitly {@link tapgate.device.v1.Error.verify|verify} messages.
                 * @function encode
                 * @memberof tapgate.device.v1.Error
                 * @static
                 * @param {tapgate.device.v1.Error.$Properties} message Error message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Error.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.code != null && $Object.hasOwnProperty.call(message, "code") && message.code !== 0)
                        writer.uint32(/* id 1, wireType 0 =*/8).int32(message.code);
                    if (message.message != null && $Object.hasOwnProperty.call(message, "message") && message.message !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.message);
                    if (message.tapIndex != null && $Object.hasOwnProperty.call(message, "tapIndex") && message.tapIndex !== 0)
                        writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.tapIndex);
                    if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && (typeof message.seq === "object" ? message.seq.low || message.seq.high : message.seq !== 0))
                        writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.seq);
                    if (message.retryAfterMs != null && $Object.hasOwnProperty.call(message, "retryAfterMs") && message.retryAfterMs !== 0)
                        writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.retryAfterMs);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes an Error message from the specified reader or buffer.
                 * @function decode
                 * @memberof tapgate.device.v1.Error
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tapgate.device.v1.Error & tapgate.device.v1.Error.$Shape} Error
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Error.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tapgate.device.v1.Error();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.code = value;
                                else
                                    delete message.code;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.message = value;
                                else
                                    delete message.message;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.tapIndex = value;
                                else
                                    delete message.tapIndex;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.seq = value;
                                else
                                    delete message.seq;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.retryAfterMs = value;
                                else
                                    delete message.retryAfterMs;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates an Error message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof tapgate.device.v1.Error
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {tapgate.device.v1.Error} Error
                 */
                Error.fromObject = function (object, _depth) {
                    if (object instanceof $root.tapgate.device.v1.Error)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".tapgate.device.v1.Error: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.tapgate.device.v1.Error();
                    if (object.code !== 0 && (typeof object.code !== "string" || $root.tapgate.device.v1.ErrorCode[object.code] !== 0))
                        switch (object.code) {
                        case "ERROR_CODE_UNSPECIFIED":
                        case 0:
                            message.code = 0;
                            break;
                        case "ERROR_CODE_MALFORMED_FRAME":
                        case 1:
                            message.code = 1;
                            break;
                        case "ERROR_CODE_FRAME_TOO_LARGE":
                        case 2:
                            message.code = 2;
                            break;
                        case "ERROR_CODE_BAD_TAP_COUNT":
                        case 3:
                            message.code = 3;
                            break;
                        case "ERROR_CODE_INVALID_TAP":
                        case 4:
                            message.code = 4;
                            break;
                        case "ERROR_CODE_SEQ_TOO_OLD":
                        case 5:
                            message.code = 5;
                            break;
                        case "ERROR_CODE_TOO_MANY_IN_FLIGHT":
                        case 6:
                            message.code = 6;
                            break;
                        case "ERROR_CODE_UNEXPECTED_FRAME":
                        case 7:
                            message.code = 7;
                            break;
                        case "ERROR_CODE_OVERLOADED":
                        case 8:
                            message.code = 8;
                            break;
                        case "ERROR_CODE_RATE_LIMITED":
                        case 9:
                            message.code = 9;
                            break;
                        default:
                            if (typeof object.code === "number" && (object.code | 0) === object.code)
                                message.code = object.code;
                        }
                    if (object.message != null)
                        if (typeof object.message !== "string" || object.message.length)
                            message.message = $String(object.message);
                    if (object.tapIndex != null)
                        if ($Number(object.tapIndex) !== 0)
                            message.tapIndex = object.tapIndex >>> 0;
                    if (object.seq != null)
                        if (typeof object.seq === "object" ? object.seq.low || object.seq.high : $Number(object.seq) !== 0)
                            if ($util.Long)
                                message.seq = $util.Long.fromValue(object.seq, true);
                            else if (typeof object.seq === "string")
                                message.seq = $parseInt(object.seq, 10);
                            else if (typeof object.seq === "number")
                                message.seq = object.seq;
                            else if (typeof object.seq === "object")
                                message.seq = new $util.LongBits(object.seq.low >>> 0, object.seq.high >>> 0).toNumber(true);
                    if (object.retryAfterMs != null)
                        if ($Number(object.retryAfterMs) !== 0)
                            message.retryAfterMs = object.retryAfterMs >>> 0;
                    return message;
                };

                /**
                 * Creates a plain object from an Error message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof tapgate.device.v1.Error
                 * @static
                 * @param {tapgate.device.v1.Error} message Error
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Error.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.code = options.enums === $String ? "ERROR_CODE_UNSPECIFIED" : 0;
                        object.message = "";
                        object.tapIndex = 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.seq = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.seq = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.retryAfterMs = 0;
                    }
                    if (message.code != null && $Object.hasOwnProperty.call(message, "code"))
                        object.code = options.enums === $String ? $root.tapgate.device.v1.ErrorCode[message.code] === $undefined ? message.code : $root.tapgate.device.v1.ErrorCode[message.code] : message.code;
                    if (message.message != null && $Object.hasOwnProperty.call(message, "message"))
                        object.message = message.message;
                    if (message.tapIndex != null && $Object.hasOwnProperty.call(message, "tapIndex"))
                        object.tapIndex = message.tapIndex;
                    if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.seq = typeof message.seq === "number" ? $BigInt(message.seq) : $util.Long.fromBits(message.seq.low >>> 0, message.seq.high >>> 0, true).toBigInt();
                        else if (typeof message.seq === "number")
                            object.seq = options.longs === $String ? $String(message.seq) : message.seq;
                        else
                            object.seq = options.longs === $String ? $util.Long.prototype.toString.call(message.seq) : options.longs === $Number ? new $util.LongBits(message.seq.low >>> 0, message.seq.high >>> 0).toNumber(true) : message.seq;
                    if (message.retryAfterMs != null && $Object.hasOwnProperty.call(message, "retryAfterMs"))
                        object.retryAfterMs = message.retryAfterMs;
                    return object;
                };

                /**
                 * Converts this Error to JSON.
                 * @function toJSON
                 * @memberof tapgate.device.v1.Error
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Error.prototype.toJSON = function() {
                    return Error.toObject(this, $protobuf.util.toJSONOptions);
                };

                return Error;
            })();

            /**
             * DoorState enum.
             * @name tapgate.device.v1.DoorState
             * @enum {number}
             * @property {number} DOOR_STATE_UNSPECIFIED=0 DOOR_STATE_UNSPECIFIED value
             * @property {number} DOOR_STATE_CLOSED=1 DOOR_STATE_CLOSED value
             * @property {number} DOOR_STATE_OPEN=2 DOOR_STATE_OPEN value
             * @property {number} DOOR_STATE_HELD_OPEN=3 DOOR_STATE_HELD_OPEN value
             * @property {number} DOOR_STATE_FAULT=4 DOOR_STATE_FAULT value
             */
            v1.DoorState = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "DOOR_STATE_UNSPECIFIED"] = 0;
                values[valuesById[1] = "DOOR_STATE_CLOSED"] = 1;
                values[valuesById[2] = "DOOR_STATE_OPEN"] = 2;
                values[valuesById[3] = "DOOR_STATE_HELD_OPEN"] = 3;
                values[valuesById[4] = "DOOR_STATE_FAULT"] = 4;
                return values;
            })();

            v1.Status = (function() {

                /**
                 * Properties of a Status.
                 * @typedef {Object} tapgate.device.v1.Status.$Properties
                 * @property {number|null} [deviceTimeMs] Status deviceTimeMs
                 * @property {string|null} [firmwareVersion] Status firmwareVersion
                 * @property {boolean|null} [tamper] Status tamper
                 * @property {tapgate.device.v1.DoorState|null} [doorState] Status doorState
                 * @property {number|null} [backlogTaps] Status backlogTaps
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a Status.
                 * @memberof tapgate.device.v1
                 * @interface IStatus
                 * @augments tapgate.device.v1.Status.$Properties
                 * @deprecated Use tapgate.device.v1.Status.$Properties instead.
                 */

                /**
                 * Shape of a Status.
                 * @typedef {tapgate.device.v1.Status.$Properties} tapgate.device.v1.Status.$Shape
                 */

                /**
                 * Constructs a new Status.
                 * @memberof tapgate.device.v1
                 * @classdesc Represents a Status.
                 * @constructor
                 * @param {tapgate.device.v1.Status.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const Status = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * Status deviceTimeMs.
                 * @member {number} deviceTimeMs
                 * @memberof tapgate.device.v1.Status
                 * @instance
                 */
                Status.prototype.deviceTimeMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Status firmwareVersion.
                 * @member {string} firmwareVersion
                 * @memberof tapgate.device.v1.Status
                 * @instance
                 */
                Status.prototype.firmwareVersion = "";

                /**
                 * Status tamper.
                 * @member {boolean} tamper
                 * @memberof tapgate.device.v1.Status
                 * @instance
                 */
                Status.prototype.tamper = false;

                /**
                 * Status doorState.
                 * @member {tapgate.device.v1.DoorState} doorState
                 * @memberof tapgate.device.v1.Status
                 * @instance
                 */
                Status.prototype.doorState = 0;

                /**
                 * Status backlogTaps.
                 * @member {number} backlogTaps
                 * @memberof tapgate.device.v1.Status
                 * @instance
                 */
                Status.prototype.backlogTaps = 0;

                /**
                 * Creates a new Status instance using the specified properties.
                 * @function create
                 * @memberof tapgate.device.v1.Status
                 * @static
                 * @param {tapgate.device.v1.Status.$Properties=} [properties] Properties to set
                 * @returns {tapgate.device.v1.Status} Status instance
                 * @type {{
                 *   (properties: tapgate.device.v1.Status.$Shape): tapgate.device.v1.Status & tapgate.device.v1.Status.$Shape;
                 *   (properties?: tapgate.device.v1.Status.$Properties): tapgate.device.v1.Status;
                 * }}
                 */
                Status.create = function(properties) {
                    return new Status(properties);
                };

                /**
                 * Encodes the specified Status message. Does not implicitly {@link tapgate.device.v1.Status.verify|verify} messages.
                 * @function encode
                 * @memberof tapgate.device.v1.Status
                 * @static
                 * @param {tapgate.device.v1.Status.$Properties} message Status message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                Status.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.deviceTimeMs != null && $Object.hasOwnProperty.call(message, "deviceTimeMs") && (typeof message.deviceTimeMs === "object" ? message.deviceTimeMs.low || message.deviceTimeMs.high : message.deviceTimeMs !== 0))
                        writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.deviceTimeMs);
                    if (message.firmwareVersion != null && $Object.hasOwnProperty.call(message, "firmwareVersion") && message.firmwareVersion !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.firmwareVersion);
                    if (message.tamper != null && $Object.hasOwnProperty.call(message, "tamper") && message.tamper !== false)
                        writer.uint32(/* id 3, wireType 0 =*/24).bool(message.tamper);
                    if (message.doorState != null && $Object.hasOwnProperty.call(message, "doorState") && message.doorState !== 0)
                        writer.uint32(/* id 4, wireType 0 =*/32).int32(message.doorState);
                    if (message.backlogTaps != null && $Object.hasOwnProperty.call(message, "backlogTaps") && message.backlogTaps !== 0)
                        writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.backlogTaps);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a Status message from the specified reader or buffer.
                 * @function decode
                 * @memberof tapgate.device.v1.Status
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tapgate.device.v1.Status & tapgate.device.v1.Status.$Shape} Status
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                Status.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tapgate.device.v1.Status();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.deviceTimeMs = value;
                                else
                                    delete message.deviceTimeMs;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.firmwareVersion = value;
                                else
                                    delete message.firmwareVersion;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.bool())
                                    message.tamper = value;
                                else
                                    delete message.tamper;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.doorState = value;
                                else
                                    delete message.doorState;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.backlogTaps = value;
                                else
                                    delete message.backlogTaps;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a Status message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof tapgate.device.v1.Status
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {tapgate.device.v1.Status} Status
                 */
                Status.fromObject = function (object, _depth) {
                    if (object instanceof $root.tapgate.device.v1.Status)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".tapgate.device.v1.Status: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.tapgate.device.v1.Status();
                    if (object.deviceTimeMs != null)
                        if (typeof object.deviceTimeMs === "object" ? object.deviceTimeMs.low || object.deviceTimeMs.high : $Number(object.deviceTimeMs) !== 0)
                            if ($util.Long)
                                message.deviceTimeMs = $util.Long.fromValue(object.deviceTimeMs, true);
                            else if (typeof object.deviceTimeMs === "string")
                                message.deviceTimeMs = $parseInt(object.deviceTimeMs, 10);
                            else if (typeof object.deviceTimeMs === "number")
                                message.deviceTimeMs = object.deviceTimeMs;
                            else if (typeof object.deviceTimeMs === "object")
                                message.deviceTimeMs = new $util.LongBits(object.deviceTimeMs.low >>> 0, object.deviceTimeMs.high >>> 0).toNumber(true);
                    if (object.firmwareVersion != null)
                        if (typeof object.firmwareVersion !== "string" || object.firmwareVersion.length)
                            message.firmwareVersion = $String(object.firmwareVersion);
                    if (object.tamper != null)
                        if (object.tamper)
                            message.tamper = $Boolean(object.tamper);
                    if (object.doorState !== 0 && (typeof object.doorState !== "string" || $root.tapgate.device.v1.DoorState[object.doorState] !== 0))
                        switch (object.doorState) {
                        case "DOOR_STATE_UNSPECIFIED":
                        case 0:
                            message.doorState = 0;
                            break;
                        case "DOOR_STATE_CLOSED":
                        case 1:
                            message.doorState = 1;
                            break;
                        case "DOOR_STATE_OPEN":
                        case 2:
                            message.doorState = 2;
                            break;
                        case "DOOR_STATE_HELD_OPEN":
                        case 3:
                            message.doorState = 3;
                            break;
                        case "DOOR_STATE_FAULT":
                        case 4:
                            message.doorState = 4;
                            break;
                        default:
                            if (typeof object.doorState === "number" && (object.doorState | 0) === object.doorState)
                                message.doorState = object.doorState;
                        }
                    if (object.backlogTaps != null)
                        if ($Number(object.backlogTaps) !== 0)
                            message.backlogTaps = object.backlogTaps >>> 0;
                    return message;
                };

                /**
                 * Creates a plain object from a Status message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof tapgate.device.v1.Status
                 * @static
                 * @param {tapgate.device.v1.Status} message Status
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                Status.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.deviceTimeMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.deviceTimeMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.firmwareVersion = "";
                        object.tamper = false;
                        object.doorState = options.enums === $String ? "DOOR_STATE_UNSPECIFIED" : 0;
                        object.backlogTaps = 0;
                    }
                    if (message.deviceTimeMs != null && $Object.hasOwnProperty.call(message, "deviceTimeMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.deviceTimeMs = typeof message.deviceTimeMs === "number" ? $BigInt(message.deviceTimeMs) : $util.Long.fromBits(message.deviceTimeMs.low >>> 0, message.deviceTimeMs.high >>> 0, true).toBigInt();
                        else if (typeof message.deviceTimeMs === "number")
                            object.deviceTimeMs = options.longs === $String ? $String(message.deviceTimeMs) : message.deviceTimeMs;
                        else
                            object.deviceTimeMs = options.longs === $String ? $util.Long.prototype.toString.call(message.deviceTimeMs) : options.longs === $Number ? new $util.LongBits(message.deviceTimeMs.low >>> 0, message.deviceTimeMs.high >>> 0).toNumber(true) : message.deviceTimeMs;
                    if (message.firmwareVersion != null && $Object.hasOwnProperty.call(message, "firmwareVersion"))
                        object.firmwareVersion = message.firmwareVersion;
                    if (message.tamper != null && $Object.hasOwnProperty.call(message, "tamper"))
                        object.tamper = message.tamper;
                    if (message.doorState != null && $Object.hasOwnProperty.call(message, "doorState"))
                        object.doorState = options.enums === $String ? $root.tapgate.device.v1.DoorState[message.doorState] === $undefined ? message.doorState : $root.tapgate.device.v1.DoorState[message.doorState] : message.doorState;
                    if (message.backlogTaps != null && $Object.hasOwnProperty.call(message, "backlogTaps"))
                        object.backlogTaps = message.backlogTaps;
                    return object;
                };

                /**
                 * Converts this Status to JSON.
                 * @function toJSON
                 * @memberof tapgate.device.v1.Status
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                Status.prototype.toJSON = function() {
                    return Status.toObject(this, $protobuf.util.toJSONOptions);
                };

                return Status;
            })();

            v1.StatusAck = (function() {

                /**
                 * Properties of a StatusAck.
                 * @typedef {Object} tapgate.device.v1.StatusAck.$Properties
                 * @property {number|null} [serverTimeMs] StatusAck serverTimeMs
                 * @property {number|null} [deviceTimeMs] StatusAck deviceTimeMs
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a StatusAck.
                 * @memberof tapgate.device.v1
                 * @interface IStatusAck
                 * @augments tapgate.device.v1.StatusAck.$Properties
                 * @deprecated Use tapgate.device.v1.StatusAck.$Properties instead.
                 */

                /**
                 * Shape of a StatusAck.
                 * @typedef {tapgate.device.v1.StatusAck.$Properties} tapgate.device.v1.StatusAck.$Shape
                 */

                /**
                 * Constructs a new StatusAck.
                 * @memberof tapgate.device.v1
                 * @classdesc Represents a StatusAck.
                 * @constructor
                 * @param {tapgate.device.v1.StatusAck.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const StatusAck = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * StatusAck serverTimeMs.
                 * @member {number} serverTimeMs
                 * @memberof tapgate.device.v1.StatusAck
                 * @instance
                 */
                StatusAck.prototype.serverTimeMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * StatusAck deviceTimeMs.
                 * @member {number} deviceTimeMs
                 * @memberof tapgate.device.v1.StatusAck
                 * @instance
                 */
                StatusAck.prototype.deviceTimeMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Creates a new StatusAck instance using the specified properties.
                 * @function create
                 * @memberof tapgate.device.v1.StatusAck
                 * @static
                 * @param {tapgate.device.v1.StatusAck.$Properties=} [properties] Properties to set
                 * @returns {tapgate.device.v1.StatusAck} StatusAck instance
                 * @type {{
                 *   (properties: tapgate.device.v1.StatusAck.$Shape): tapgate.device.v1.StatusAck & tapgate.device.v1.StatusAck.$Shape;
                 *   (properties?: tapgate.device.v1.StatusAck.$Properties): tapgate.device.v1.StatusAck;
                 * }}
                 */
                StatusAck.create = function(properties) {
                    return new StatusAck(properties);
                };

                /**
                 * Encodes the specified StatusAck message. Does not implicitly {@link tapgate.device.v1.StatusAck.verify|verify} messages.
                 * @function encode
                 * @memberof tapgate.device.v1.StatusAck
                 * @static
                 * @param {tapgate.device.v1.StatusAck.$Properties} message StatusAck message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                StatusAck.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.serverTimeMs != null && $Object.hasOwnProperty.call(message, "serverTimeMs") && (typeof message.serverTimeMs === "object" ? message.serverTimeMs.low || message.serverTimeMs.high : message.serverTimeMs !== 0))
                        writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.serverTimeMs);
                    if (message.deviceTimeMs != null && $Object.hasOwnProperty.call(message, "deviceTimeMs") && (typeof message.deviceTimeMs === "object" ? message.deviceTimeMs.low || message.deviceTimeMs.high : message.deviceTimeMs !== 0))
                        writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.deviceTimeMs);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a StatusAck message from the specified reader or buffer.
                 * @function decode
                 * @memberof tapgate.device.v1.StatusAck
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tapgate.device.v1.StatusAck & tapgate.device.v1.StatusAck.$Shape} StatusAck
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                StatusAck.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tapgate.device.v1.StatusAck();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.serverTimeMs = value;
                                else
                                    delete message.serverTimeMs;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.deviceTimeMs = value;
                                else
                                    delete message.deviceTimeMs;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a StatusAck message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof tapgate.device.v1.StatusAck
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {tapgate.device.v1.StatusAck} StatusAck
                 */
                StatusAck.fromObject = function (object, _depth) {
                    if (object instanceof $root.tapgate.device.v1.StatusAck)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".tapgate.device.v1.StatusAck: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.tapgate.device.v1.StatusAck();
                    if (object.serverTimeMs != null)
                        if (typeof object.serverTimeMs === "object" ? object.serverTimeMs.low || object.serverTimeMs.high : $Number(object.serverTimeMs) !== 0)
                            if ($util.Long)
                                message.serverTimeMs = $util.Long.fromValue(object.serverTimeMs, true);
                            else if (typeof object.serverTimeMs === "string")
                                message.serverTimeMs = $parseInt(object.serverTimeMs, 10);
                            else if (typeof object.serverTimeMs === "number")
                                message.serverTimeMs = object.serverTimeMs;
                            else if (typeof object.serverTimeMs === "object")
                                message.serverTimeMs = new $util.LongBits(object.serverTimeMs.low >>> 0, object.serverTimeMs.high >>> 0).toNumber(true);
                    if (object.deviceTimeMs != null)
                        if (typeof object.deviceTimeMs === "object" ? object.deviceTimeMs.low || object.deviceTimeMs.high : $Number(object.deviceTimeMs) !== 0)
                            if ($util.Long)
                                message.deviceTimeMs = $util.Long.fromValue(object.deviceTimeMs, true);
                            else if (typeof object.deviceTimeMs === "string")
                                message.deviceTimeMs = $parseInt(object.deviceTimeMs, 10);
                            else if (typeof object.deviceTimeMs === "number")
                                message.deviceTimeMs = object.deviceTimeMs;
                            else if (typeof object.deviceTimeMs === "object")
                                message.deviceTimeMs = new $util.LongBits(object.deviceTimeMs.low >>> 0, object.deviceTimeMs.high >>> 0).toNumber(true);
                    return message;
                };

                /**
                 * Creates a plain object from a StatusAck message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof tapgate.device.v1.StatusAck
                 * @static
                 * @param {tapgate.device.v1.StatusAck} message StatusAck
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                StatusAck.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.serverTimeMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.serverTimeMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.deviceTimeMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.deviceTimeMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    }
                    if (message.serverTimeMs != null && $Object.hasOwnProperty.call(message, "serverTimeMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.serverTimeMs = typeof message.serverTimeMs === "number" ? $BigInt(message.serverTimeMs) : $util.Long.fromBits(message.serverTimeMs.low >>> 0, message.serverTimeMs.high >>> 0, true).toBigInt();
                        else if (typeof message.serverTimeMs === "number")
                            object.serverTimeMs = options.longs === $String ? $String(message.serverTimeMs) : message.serverTimeMs;
                        else
                            object.serverTimeMs = options.longs === $String ? $util.Long.prototype.toString.call(message.serverTimeMs) : options.longs === $Number ? new $util.LongBits(message.serverTimeMs.low >>> 0, message.serverTimeMs.high >>> 0).toNumber(true) : message.serverTimeMs;
                    if (message.deviceTimeMs != null && $Object.hasOwnProperty.call(message, "deviceTimeMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.deviceTimeMs = typeof message.deviceTimeMs === "number" ? $BigInt(message.deviceTimeMs) : $util.Long.fromBits(message.deviceTimeMs.low >>> 0, message.deviceTimeMs.high >>> 0, true).toBigInt();
                        else if (typeof message.deviceTimeMs === "number")
                            object.deviceTimeMs = options.longs === $String ? $String(message.deviceTimeMs) : message.deviceTimeMs;
                        else
                            object.deviceTimeMs = options.longs === $String ? $util.Long.prototype.toString.call(message.deviceTimeMs) : options.longs === $Number ? new $util.LongBits(message.deviceTimeMs.low >>> 0, message.deviceTimeMs.high >>> 0).toNumber(true) : message.deviceTimeMs;
                    return object;
                };

                /**
                 * Converts this StatusAck to JSON.
                 * @function toJSON
                 * @memberof tapgate.device.v1.StatusAck
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                StatusAck.prototype.toJSON = function() {
                    return StatusAck.toObject(this, $protobuf.util.toJSONOptions);
                };

                return StatusAck;
            })();

            return v1;
        })();

        return device;
    })();

    tapgate.events = (function() {

        /**
         * Namespace events.
         * @memberof tapgate
         * @namespace
         */
        const events = {};

        events.v1 = (function() {

            /**
             * Namespace v1.
             * @memberof tapgate.events
             * @namespace
             */
            const v1 = {};

            v1.PassEvent = (function() {

                /**
                 * Properties of a PassEvent.
                 * @typedef {Object} tapgate.events.v1.PassEvent.$Properties
                 * @property {string|null} [deviceId] PassEvent deviceId
                 * @property {number|null} [seq] PassEvent seq
                 * @property {string|null} [schoolId] PassEvent schoolId
                 * @property {string|null} [personId] PassEvent personId
                 * @property {string|null} [identifierId] PassEvent identifierId
                 * @property {number|null} [personKind] PassEvent personKind
                 * @property {string|null} [className] PassEvent className
                 * @property {number|null} [direction] PassEvent direction
                 * @property {number|null} [verdict] PassEvent verdict
                 * @property {number|null} [reason] PassEvent reason
                 * @property {number|null} [deviceTimeMs] PassEvent deviceTimeMs
                 * @property {number|null} [decidedAtMs] PassEvent decidedAtMs
                 * @property {string|null} [identifierKind] PassEvent identifierKind
                 * @property {string|null} [escortGuardianId] PassEvent escortGuardianId
                 * @property {string|null} [escortIdentifierId] PassEvent escortIdentifierId
                 * @property {string|null} [escortRelation] PassEvent escortRelation
                 * @property {number|null} [escortReason] PassEvent escortReason
                 * @property {number|null} [childIndex] PassEvent childIndex
                 * @property {number|null} [childCount] PassEvent childCount
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a PassEvent.
                 * @memberof tapgate.events.v1
                 * @interface IPassEvent
                 * @augments tapgate.events.v1.PassEvent.$Properties
                 * @deprecated Use tapgate.events.v1.PassEvent.$Properties instead.
                 */

                /**
                 * Shape of a PassEvent.
                 * @typedef {tapgate.events.v1.PassEvent.$Properties} tapgate.events.v1.PassEvent.$Shape
                 */

                /**
                 * Constructs a new PassEvent.
                 * @memberof tapgate.events.v1
                 * @classdesc Represents a PassEvent.
                 * @constructor
                 * @param {tapgate.events.v1.PassEvent.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const PassEvent = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * PassEvent deviceId.
                 * @member {string} deviceId
                 * @memberof tapgate.events.v1.PassEvent
                 * @instance
                 */
                PassEvent.prototype.deviceId = "";

                /**
                 * PassEvent seq.
                 * @member {number} seq
                 * @memberof tapgate.events.v1.PassEvent
                 * @instance
                 */
                PassEvent.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * PassEvent schoolId.
                 * @member {string} schoolId
                 * @memberof tapgate.events.v1.PassEvent
                 * @instance
                 */
                PassEvent.prototype.schoolId = "";

                /**
                 * PassEvent personId.
                 * @member {string} personId
                 * @memberof tapgate.events.v1.PassEvent
                 * @instance
                 */
                PassEvent.prototype.personId = "";

                /**
                 * PassEvent identifierId.
                 * @member {string} identifierId
                 * @memberof tapgate.events.v1.PassEvent
                 * @instance
                 */
                PassEvent.prototype.identifierId = "";

                /**
                 * PassEvent personKind.
                 * @member {number} personKind
                 * @memberof tapgate.events.v1.PassEvent
                 * @instance
                 */
                PassEvent.prototype.personKind = 0;

                /**
                 * PassEvent className.
                 * @member {string} className
                 * @memberof tapgate.events.v1.PassEvent
                 * @instance
                 */
                PassEvent.prototype.className = "";

                /**
                 * PassEvent direction.
                 * @member {number} direction
                 * @memberof tapgate.events.v1.PassEvent
                 * @instance
                 */
                PassEvent.prototype.direction = 0;

                /**
                 * PassEvent verdict.
                 * @member {number} verdict
                 * @memberof tapgate.events.v1.PassEvent
                 * @instance
                 */
                PassEvent.prototype.verdict = 0;

                /**
                 * PassEvent reason.
                 * @member {number} reason
                 * @memberof tapgate.events.v1.PassEvent
                 * @instance
                 */
                PassEvent.prototype.reason = 0;

                /**
                 * PassEvent deviceTimeMs.
                 * @member {number} deviceTimeMs
                 * @memberof tapgate.events.v1.PassEvent
                 * @instance
                 */
                PassEvent.prototype.deviceTimeMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * PassEvent decidedAtMs.
                 * @member {number} decidedAtMs
                 * @memberof tapgate.events.v1.PassEvent
                 * @instance
                 */
                PassEvent.prototype.decidedAtMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * PassEvent identifierKind.
                 * @member {string} identifierKind
                 * @memberof tapgate.events.v1.PassEvent
                 * @instance
                 */
                PassEvent.prototype.identifierKind = "";

                /**
                 * PassEvent escortGuardianId.
                 * @member {string} escortGuardianId
                 * @memberof tapgate.events.v1.PassEvent
                 * @instance
                 */
                PassEvent.prototype.escortGuardianId = "";

                /**
                 * PassEvent escortIdentifierId.
                 * @member {string} escortIdentifierId
                 * @memberof tapgate.events.v1.PassEvent
                 * @instance
                 */
                PassEvent.prototype.escortIdentifierId = "";

                /**
                 * PassEvent escortRelation.
                 * @member {string} escortRelation
                 * @memberof tapgate.events.v1.PassEvent
                 * @instance
                 */
                PassEvent.prototype.escortRelation = "";

                /**
                 * PassEvent escortReason.
                 * @member {number} escortReason
                 * @memberof tapgate.events.v1.PassEvent
                 * @instance
                 */
                PassEvent.prototype.escortReason = 0;

                /**
                 * PassEvent childIndex.
                 * @member {number} childIndex
                 * @memberof tapgate.events.v1.PassEvent
                 * @instance
                 */
                PassEvent.prototype.childIndex = 0;

                /**
                 * PassEvent childCount.
                 * @member {number} childCount
                 * @memberof tapgate.events.v1.PassEvent
                 * @instance
                 */
                PassEvent.prototype.childCount = 0;

                /**
                 * Creates a new PassEvent instance using the specified properties.
                 * @function create
                 * @memberof tapgate.events.v1.PassEvent
                 * @static
                 * @param {tapgate.events.v1.PassEvent.$Properties=} [properties] Properties to set
                 * @returns {tapgate.events.v1.PassEvent} PassEvent instance
                 * @type {{
                 *   (properties: tapgate.events.v1.PassEvent.$Shape): tapgate.events.v1.PassEvent & tapgate.events.v1.PassEvent.$Shape;
                 *   (properties?: tapgate.events.v1.PassEvent.$Properties): tapgate.events.v1.PassEvent;
                 * }}
                 */
                PassEvent.create = function(properties) {
                    return new PassEvent(properties);
                };

                /**
                 * Encodes the specified PassEvent message. Does not implicitly {@link tapgate.events.v1.PassEvent.verify|verify} messages.
                 * @function encode
                 * @memberof tapgate.events.v1.PassEvent
                 * @static
                 * @param {tapgate.events.v1.PassEvent.$Properties} message PassEvent message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                PassEvent.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId") && message.deviceId !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.deviceId);
                    if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && (typeof message.seq === "object" ? message.seq.low || message.seq.high : message.seq !== 0))
                        writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.seq);
                    if (message.schoolId != null && $Object.hasOwnProperty.call(message, "schoolId") && message.schoolId !== "")
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.schoolId);
                    if (message.personId != null && $Object.hasOwnProperty.call(message, "personId") && message.personId !== "")
                        writer.uint32(/* id 4, wireType 2 =*/34).string(message.personId);
                    if (message.identifierId != null && $Object.hasOwnProperty.call(message, "identifierId") && message.identifierId !== "")
                        writer.uint32(/* id 5, wireType 2 =*/42).string(message.identifierId);
                    if (message.personKind != null && $Object.hasOwnProperty.call(message, "personKind") && message.personKind !== 0)
                        writer.uint32(/* id 6, wireType 0 =*/48).uint32(message.personKind);
                    if (message.className != null && $Object.hasOwnProperty.call(message, "className") && message.className !== "")
                        writer.uint32(/* id 7, wireType 2 =*/58).string(message.className);
                    if (message.direction != null && $Object.hasOwnProperty.call(message, "direction") && message.direction !== 0)
                        writer.uint32(/* id 8, wireType 0 =*/64).uint32(message.direction);
                    if (message.verdict != null && $Object.hasOwnProperty.call(message, "verdict") && message.verdict !== 0)
                        writer.uint32(/* id 9, wireType 0 =*/72).uint32(message.verdict);
                    if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== 0)
                        writer.uint32(/* id 10, wireType 0 =*/80).uint32(message.reason);
                    if (message.deviceTimeMs != null && $Object.hasOwnProperty.call(message, "deviceTimeMs") && (typeof message.deviceTimeMs === "object" ? message.deviceTimeMs.low || message.deviceTimeMs.high : message.deviceTimeMs !== 0))
                        writer.uint32(/* id 11, wireType 0 =*/88).uint64(message.deviceTimeMs);
                    if (message.decidedAtMs != null && $Object.hasOwnProperty.call(message, "decidedAtMs") && (typeof message.decidedAtMs === "object" ? message.decidedAtMs.low || message.decidedAtMs.high : message.decidedAtMs !== 0))
                        writer.uint32(/* id 12, wireType 0 =*/96).uint64(message.decidedAtMs);
                    if (message.identifierKind != null && $Object.hasOwnProperty.call(message, "identifierKind") && message.identifierKind !== "")
                        writer.uint32(/* id 13, wireType 2 =*/106).string(message.identifierKind);
                    if (message.escortGuardianId != null && $Object.hasOwnProperty.call(message, "escortGuardianId") && message.escortGuardianId !== "")
                        writer.uint32(/* id 14, wireType 2 =*/114).string(message.escortGuardianId);
                    if (message.escortIdentifierId != null && $Object.hasOwnProperty.call(message, "escortIdentifierId") && message.escortIdentifierId !== "")
                        writer.uint32(/* id 15, wireType 2 =*/122).string(message.escortIdentifierId);
                    if (message.escortRelation != null && $Object.hasOwnProperty.call(message, "escortRelation") && message.escortRelation !== "")
                        writer.uint32(/* id 16, wireType 2 =*/130).string(message.escortRelation);
                    if (message.escortReason != null && $Object.hasOwnProperty.call(message, "escortReason") && message.escortReason !== 0)
                        writer.uint32(/* id 17, wireType 0 =*/136).uint32(message.escortReason);
                    if (message.childIndex != null && $Object.hasOwnProperty.call(message, "childIndex") && message.childIndex !== 0)
                        writer.uint32(/* id 18, wireType 0 =*/144).uint32(message.childIndex);
                    if (message.childCount != null && $Object.hasOwnProperty.call(message, "childCount") && message.childCount !== 0)
                        writer.uint32(/* id 19, wireType 0 =*/152).uint32(message.childCount);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a PassEvent message from the specified reader or buffer.
                 * @function decode
                 * @memberof tapgate.events.v1.PassEvent
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tapgate.events.v1.PassEvent & tapgate.events.v1.PassEvent.$Shape} PassEvent
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                PassEvent.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tapgate.events.v1.PassEvent();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.deviceId = value;
                                else
                                    delete message.deviceId;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.seq = value;
                                else
                                    delete message.seq;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.schoolId = value;
                                else
                                    delete message.schoolId;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.personId = value;
                                else
                                    delete message.personId;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.identifierId = value;
                                else
                                    delete message.identifierId;
                                continue;
                            }
                        case 6: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.personKind = value;
                                else
                                    delete message.personKind;
                                continue;
                            }
                        case 7: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.className = value;
                                else
                                    delete message.className;
                                continue;
                            }
                        case 8: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.direction = value;
                                else
                                    delete message.direction;
                                continue;
                            }
                        case 9: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.verdict = value;
                                else
                                    delete message.verdict;
                                continue;
                            }
                        case 10: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.reason = value;
                                else
                                    delete message.reason;
                                continue;
                            }
                        case 11: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.deviceTimeMs = value;
                                else
                                    delete message.deviceTimeMs;
                                continue;
                            }
                        case 12: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.decidedAtMs = value;
                                else
                                    delete message.decidedAtMs;
                                continue;
                            }
                        case 13: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.identifierKind = value;
                                else
                                    delete message.identifierKind;
                                continue;
                            }
                        case 14: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.escortGuardianId = value;
                                else
                                    delete message.escortGuardianId;
                                continue;
                            }
                        case 15: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.escortIdentifierId = value;
                                else
                                    delete message.escortIdentifierId;
                                continue;
                            }
                        case 16: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.escortRelation = value;
                                else
                                    delete message.escortRelation;
                                continue;
                            }
                        case 17: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.escortReason = value;
                                else
                                    delete message.escortReason;
                                continue;
                            }
                        case 18: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.childIndex = value;
                                else
                                    delete message.childIndex;
                                continue;
                            }
                        case 19: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.childCount = value;
                                else
                                    delete message.childCount;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a PassEvent message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof tapgate.events.v1.PassEvent
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {tapgate.events.v1.PassEvent} PassEvent
                 */
                PassEvent.fromObject = function (object, _depth) {
                    if (object instanceof $root.tapgate.events.v1.PassEvent)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".tapgate.events.v1.PassEvent: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.tapgate.events.v1.PassEvent();
                    if (object.deviceId != null)
                        if (typeof object.deviceId !== "string" || object.deviceId.length)
                            message.deviceId = $String(object.deviceId);
                    if (object.seq != null)
                        if (typeof object.seq === "object" ? object.seq.low || object.seq.high : $Number(object.seq) !== 0)
                            if ($util.Long)
                                message.seq = $util.Long.fromValue(object.seq, true);
                            else if (typeof object.seq === "string")
                                message.seq = $parseInt(object.seq, 10);
                            else if (typeof object.seq === "number")
                                message.seq = object.seq;
                            else if (typeof object.seq === "object")
                                message.seq = new $util.LongBits(object.seq.low >>> 0, object.seq.high >>> 0).toNumber(true);
                    if (object.schoolId != null)
                        if (typeof object.schoolId !== "string" || object.schoolId.length)
                            message.schoolId = $String(object.schoolId);
                    if (object.personId != null)
                        if (typeof object.personId !== "string" || object.personId.length)
                            message.personId = $String(object.personId);
                    if (object.identifierId != null)
                        if (typeof object.identifierId !== "string" || object.identifierId.length)
                            message.identifierId = $String(object.identifierId);
                    if (object.personKind != null)
                        if ($Number(object.personKind) !== 0)
                            message.personKind = object.personKind >>> 0;
                    if (object.className != null)
                        if (typeof object.className !== "string" || object.className.length)
                            message.className = $String(object.className);
                    if (object.direction != null)
                        if ($Number(object.direction) !== 0)
                            message.direction = object.direction >>> 0;
                    if (object.verdict != null)
                        if ($Number(object.verdict) !== 0)
                            message.verdict = object.verdict >>> 0;
                    if (object.reason != null)
                        if ($Number(object.reason) !== 0)
                            message.reason = object.reason >>> 0;
                    if (object.deviceTimeMs != null)
                        if (typeof object.deviceTimeMs === "object" ? object.deviceTimeMs.low || object.deviceTimeMs.high : $Number(object.deviceTimeMs) !== 0)
                            if ($util.Long)
                                message.deviceTimeMs = $util.Long.fromValue(object.deviceTimeMs, true);
                            else if (typeof object.deviceTimeMs === "string")
                                message.deviceTimeMs = $parseInt(object.deviceTimeMs, 10);
                            else if (typeof object.deviceTimeMs === "number")
                                message.deviceTimeMs = object.deviceTimeMs;
                            else if (typeof object.deviceTimeMs === "object")
                                message.deviceTimeMs = new $util.LongBits(object.deviceTimeMs.low >>> 0, object.deviceTimeMs.high >>> 0).toNumber(true);
                    if (object.decidedAtMs != null)
                        if (typeof object.decidedAtMs === "object" ? object.decidedAtMs.low || object.decidedAtMs.high : $Number(object.decidedAtMs) !== 0)
                            if ($util.Long)
                                message.decidedAtMs = $util.Long.fromValue(object.decidedAtMs, true);
                            else if (typeof object.decidedAtMs === "string")
                                message.decidedAtMs = $parseInt(object.decidedAtMs, 10);
                            else if (typeof object.decidedAtMs === "number")
                                message.decidedAtMs = object.decidedAtMs;
                            else if (typeof object.decidedAtMs === "object")
                                message.decidedAtMs = new $util.LongBits(object.decidedAtMs.low >>> 0, object.decidedAtMs.high >>> 0).toNumber(true);
                    if (object.identifierKind != null)
                        if (typeof object.identifierKind !== "string" || object.identifierKind.length)
                            message.identifierKind = $String(object.identifierKind);
                    if (object.escortGuardianId != null)
                        if (typeof object.escortGuardianId !== "string" || object.escortGuardianId.length)
                            message.escortGuardianId = $String(object.escortGuardianId);
                    if (object.escortIdentifierId != null)
                        if (typeof object.escortIdentifierId !== "string" || object.escortIdentifierId.length)
                            message.escortIdentifierId = $String(object.escortIdentifierId);
                    if (object.escortRelation != null)
                        if (typeof object.escortRelation !== "string" || object.escortRelation.length)
                            message.escortRelation = $String(object.escortRelation);
                    if (object.escortReason != null)
                        if ($Number(object.escortReason) !== 0)
                            message.escortReason = object.escortReason >>> 0;
                    if (object.childIndex != null)
                        if ($Number(object.childIndex) !== 0)
                            message.childIndex = object.childIndex >>> 0;
                    if (object.childCount != null)
                        if ($Number(object.childCount) !== 0)
                            message.childCount = object.childCount >>> 0;
                    return message;
                };

                /**
                 * Creates a plain object from a PassEvent message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof tapgate.events.v1.PassEvent
                 * @static
                 * @param {tapgate.events.v1.PassEvent} message PassEvent
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                PassEvent.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.deviceId = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.seq = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.seq = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.schoolId = "";
                        object.personId = "";
                        object.identifierId = "";
                        object.personKind = 0;
                        object.className = "";
                        object.direction = 0;
                        object.verdict = 0;
                        object.reason = 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.deviceTimeMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.deviceTimeMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.decidedAtMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.decidedAtMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.identifierKind = "";
                        object.escortGuardianId = "";
                        object.escortIdentifierId = "";
                        object.escortRelation = "";
                        object.escortReason = 0;
                        object.childIndex = 0;
                        object.childCount = 0;
                    }
                    if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId"))
                        object.deviceId = message.deviceId;
                    if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.seq = typeof message.seq === "number" ? $BigInt(message.seq) : $util.Long.fromBits(message.seq.low >>> 0, message.seq.high >>> 0, true).toBigInt();
                        else if (typeof message.seq === "number")
                            object.seq = options.longs === $String ? $String(message.seq) : message.seq;
                        else
                            object.seq = options.longs === $String ? $util.Long.prototype.toString.call(message.seq) : options.longs === $Number ? new $util.LongBits(message.seq.low >>> 0, message.seq.high >>> 0).toNumber(true) : message.seq;
                    if (message.schoolId != null && $Object.hasOwnProperty.call(message, "schoolId"))
                        object.schoolId = message.schoolId;
                    if (message.personId != null && $Object.hasOwnProperty.call(message, "personId"))
                        object.personId = message.personId;
                    if (message.identifierId != null && $Object.hasOwnProperty.call(message, "identifierId"))
                        object.identifierId = message.identifierId;
                    if (message.personKind != null && $Object.hasOwnProperty.call(message, "personKind"))
                        object.personKind = message.personKind;
                    if (message.className != null && $Object.hasOwnProperty.call(message, "className"))
                        object.className = message.className;
                    if (message.direction != null && $Object.hasOwnProperty.call(message, "direction"))
                        object.direction = message.direction;
                    if (message.verdict != null && $Object.hasOwnProperty.call(message, "verdict"))
                        object.verdict = message.verdict;
                    if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                        object.reason = message.reason;
                    if (message.deviceTimeMs != null && $Object.hasOwnProperty.call(message, "deviceTimeMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.deviceTimeMs = typeof message.deviceTimeMs === "number" ? $BigInt(message.deviceTimeMs) : $util.Long.fromBits(message.deviceTimeMs.low >>> 0, message.deviceTimeMs.high >>> 0, true).toBigInt();
                        else if (typeof message.deviceTimeMs === "number")
                            object.deviceTimeMs = options.longs === $String ? $String(message.deviceTimeMs) : message.deviceTimeMs;
                        else
                            object.deviceTimeMs = options.longs === $String ? $util.Long.prototype.toString.call(message.deviceTimeMs) : options.longs === $Number ? new $util.LongBits(message.deviceTimeMs.low >>> 0, message.deviceTimeMs.high >>> 0).toNumber(true) : message.deviceTimeMs;
                    if (message.decidedAtMs != null && $Object.hasOwnProperty.call(message, "decidedAtMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.decidedAtMs = typeof message.decidedAtMs === "number" ? $BigInt(message.decidedAtMs) : $util.Long.fromBits(message.decidedAtMs.low >>> 0, message.decidedAtMs.high >>> 0, true).toBigInt();
                        else if (typeof message.decidedAtMs === "number")
                            object.decidedAtMs = options.longs === $String ? $String(message.decidedAtMs) : message.decidedAtMs;
                        else
                            object.decidedAtMs = options.longs === $String ? $util.Long.prototype.toString.call(message.decidedAtMs) : options.longs === $Number ? new $util.LongBits(message.decidedAtMs.low >>> 0, message.decidedAtMs.high >>> 0).toNumber(true) : message.decidedAtMs;
                    if (message.identifierKind != null && $Object.hasOwnProperty.call(message, "identifierKind"))
                        object.identifierKind = message.identifierKind;
                    if (message.escortGuardianId != null && $Object.hasOwnProperty.call(message, "escortGuardianId"))
                        object.escortGuardianId = message.escortGuardianId;
                    if (message.escortIdentifierId != null && $Object.hasOwnProperty.call(message, "escortIdentifierId"))
                        object.escortIdentifierId = message.escortIdentifierId;
                    if (message.escortRelation != null && $Object.hasOwnProperty.call(message, "escortRelation"))
                        object.escortRelation = message.escortRelation;
                    if (message.escortReason != null && $Object.hasOwnProperty.call(message, "escortReason"))
                        object.escortReason = message.escortReason;
                    if (message.childIndex != null && $Object.hasOwnProperty.call(message, "childIndex"))
                        object.childIndex = message.childIndex;
                    if (message.childCount != null && $Object.hasOwnProperty.call(message, "childCount"))
                        object.childCount = message.childCount;
                    return object;
                };

                /**
                 * Converts this PassEvent to JSON.
                 * @function toJSON
                 * @memberof tapgate.events.v1.PassEvent
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                PassEvent.prototype.toJSON = function() {
                    return PassEvent.toObject(this, $protobuf.util.toJSONOptions);
                };

                return PassEvent;
            })();

            v1.TopUpEvent = (function() {

                /**
                 * Properties of a TopUpEvent.
                 * @typedef {Object} tapgate.events.v1.TopUpEvent.$Properties
                 * @property {string|null} [channel] TopUpEvent channel
                 * @property {string|null} [paymentId] TopUpEvent paymentId
                 * @property {string|null} [accountId] TopUpEvent accountId
                 * @property {number|null} [amountKop] TopUpEvent amountKop
                 * @property {number|null} [balanceAfterKop] TopUpEvent balanceAfterKop
                 * @property {number|null} [appliedAtMs] TopUpEvent appliedAtMs
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a TopUpEvent.
                 * @memberof tapgate.events.v1
                 * @interface ITopUpEvent
                 * @augments tapgate.events.v1.TopUpEvent.$Properties
                 * @deprecated Use tapgate.events.v1.TopUpEvent.$Properties instead.
                 */

                /**
                 * Shape of a TopUpEvent.
                 * @typedef {tapgate.events.v1.TopUpEvent.$Properties} tapgate.events.v1.TopUpEvent.$Shape
                 */

                /**
                 * Constructs a new TopUpEvent.
                 * @memberof tapgate.events.v1
                 * @classdesc Represents a TopUpEvent.
                 * @constructor
                 * @param {tapgate.events.v1.TopUpEvent.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const TopUpEvent = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * TopUpEvent channel.
                 * @member {string} channel
                 * @memberof tapgate.events.v1.TopUpEvent
                 * @instance
                 */
                TopUpEvent.prototype.channel = "";

                /**
                 * TopUpEvent paymentId.
                 * @member {string} paymentId
                 * @memberof tapgate.events.v1.TopUpEvent
                 * @instance
                 */
                TopUpEvent.prototype.paymentId = "";

                /**
                 * TopUpEvent accountId.
                 * @member {string} accountId
                 * @memberof tapgate.events.v1.TopUpEvent
                 * @instance
                 */
                TopUpEvent.prototype.accountId = "";

                /**
                 * TopUpEvent amountKop.
                 * @member {number} amountKop
                 * @memberof tapgate.events.v1.TopUpEvent
                 * @instance
                 */
                TopUpEvent.prototype.amountKop = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * TopUpEvent balanceAfterKop.
                 * @member {number} balanceAfterKop
                 * @memberof tapgate.events.v1.TopUpEvent
                 * @instance
                 */
                TopUpEvent.prototype.balanceAfterKop = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * TopUpEvent appliedAtMs.
                 * @member {number} appliedAtMs
                 * @memberof tapgate.events.v1.TopUpEvent
                 * @instance
                 */
                TopUpEvent.prototype.appliedAtMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Creates a new TopUpEvent instance using the specified properties.
                 * @function create
                 * @memberof tapgate.events.v1.TopUpEvent
                 * @static
                 * @param {tapgate.events.v1.TopUpEvent.$Properties=} [properties] Properties to set
                 * @returns {tapgate.events.v1.TopUpEvent} TopUpEvent instance
                 * @type {{
                 *   (properties: tapgate.events.v1.TopUpEvent.$Shape): tapgate.events.v1.TopUpEvent & tapgate.events.v1.TopUpEvent.$Shape;
                 *   (properties?: tapgate.events.v1.TopUpEvent.$Properties): tapgate.events.v1.TopUpEvent;
                 * }}
                 */
                TopUpEvent.create = function(properties) {
                    return new TopUpEvent(properties);
                };

                /**
                 * Encodes the specified TopUpEvent message. Does not implicitly {@link tapgate.events.v1.TopUpEvent.verify|verify} messages.
                 * @function encode
                 * @memberof tapgate.events.v1.TopUpEvent
                 * @static
                 * @param {tapgate.events.v1.TopUpEvent.$Properties} message TopUpEvent message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                TopUpEvent.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.channel != null && $Object.hasOwnProperty.call(message, "channel") && message.channel !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.channel);
                    if (message.paymentId != null && $Object.hasOwnProperty.call(message, "paymentId") && message.paymentId !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.paymentId);
                    if (message.accountId != null && $Object.hasOwnProperty.call(message, "accountId") && message.accountId !== "")
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.accountId);
                    if (message.amountKop != null && $Object.hasOwnProperty.call(message, "amountKop") && (typeof message.amountKop === "object" ? message.amountKop.low || message.amountKop.high : message.amountKop !== 0))
                        writer.uint32(/* id 4, wireType 0 =*/32).int64(message.amountKop);
                    if (message.balanceAfterKop != null && $Object.hasOwnProperty.call(message, "balanceAfterKop") && (typeof message.balanceAfterKop === "object" ? message.balanceAfterKop.low || message.balanceAfterKop.high : message.balanceAfterKop !== 0))
                        writer.uint32(/* id 5, wireType 0 =*/40).int64(message.balanceAfterKop);
                    if (message.appliedAtMs != null && $Object.hasOwnProperty.call(message, "appliedAtMs") && (typeof message.appliedAtMs === "object" ? message.appliedAtMs.low || message.appliedAtMs.high : message.appliedAtMs !== 0))
                        writer.uint32(/* id 6, wireType 0 =*/48).uint64(message.appliedAtMs);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a TopUpEvent message from the specified reader or buffer.
                 * @function decode
                 * @memberof tapgate.events.v1.TopUpEvent
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tapgate.events.v1.TopUpEvent & tapgate.events.v1.TopUpEvent.$Shape} TopUpEvent
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                TopUpEvent.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tapgate.events.v1.TopUpEvent();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.channel = value;
                                else
                                    delete message.channel;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.paymentId = value;
                                else
                                    delete message.paymentId;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.accountId = value;
                                else
                                    delete message.accountId;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.amountKop = value;
                                else
                                    delete message.amountKop;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.balanceAfterKop = value;
                                else
                                    delete message.balanceAfterKop;
                                continue;
                            }
                        case 6: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.appliedAtMs = value;
                                else
                                    delete message.appliedAtMs;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a TopUpEvent message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof tapgate.events.v1.TopUpEvent
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {tapgate.events.v1.TopUpEvent} TopUpEvent
                 */
                TopUpEvent.fromObject = function (object, _depth) {
                    if (object instanceof $root.tapgate.events.v1.TopUpEvent)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".tapgate.events.v1.TopUpEvent: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.tapgate.events.v1.TopUpEvent();
                    if (object.channel != null)
                        if (typeof object.channel !== "string" || object.channel.length)
                            message.channel = $String(object.channel);
                    if (object.paymentId != null)
                        if (typeof object.paymentId !== "string" || object.paymentId.length)
                            message.paymentId = $String(object.paymentId);
                    if (object.accountId != null)
                        if (typeof object.accountId !== "string" || object.accountId.length)
                            message.accountId = $String(object.accountId);
                    if (object.amountKop != null)
                        if (typeof object.amountKop === "object" ? object.amountKop.low || object.amountKop.high : $Number(object.amountKop) !== 0)
                            if ($util.Long)
                                message.amountKop = $util.Long.fromValue(object.amountKop, false);
                            else if (typeof object.amountKop === "string")
                                message.amountKop = $parseInt(object.amountKop, 10);
                            else if (typeof object.amountKop === "number")
                                message.amountKop = object.amountKop;
                            else if (typeof object.amountKop === "object")
                                message.amountKop = new $util.LongBits(object.amountKop.low >>> 0, object.amountKop.high >>> 0).toNumber();
                    if (object.balanceAfterKop != null)
                        if (typeof object.balanceAfterKop === "object" ? object.balanceAfterKop.low || object.balanceAfterKop.high : $Number(object.balanceAfterKop) !== 0)
                            if ($util.Long)
                                message.balanceAfterKop = $util.Long.fromValue(object.balanceAfterKop, false);
                            else if (typeof object.balanceAfterKop === "string")
                                message.balanceAfterKop = $parseInt(object.balanceAfterKop, 10);
                            else if (typeof object.balanceAfterKop === "number")
                                message.balanceAfterKop = object.balanceAfterKop;
                            else if (typeof object.balanceAfterKop === "object")
                                message.balanceAfterKop = new $util.LongBits(object.balanceAfterKop.low >>> 0, object.balanceAfterKop.high >>> 0).toNumber();
                    if (object.appliedAtMs != null)
                        if (typeof object.appliedAtMs === "object" ? object.appliedAtMs.low || object.appliedAtMs.high : $Number(object.appliedAtMs) !== 0)
                            if ($util.Long)
                                message.appliedAtMs = $util.Long.fromValue(object.appliedAtMs, true);
                            else if (typeof object.appliedAtMs === "string")
                                message.appliedAtMs = $parseInt(object.appliedAtMs, 10);
                            else if (typeof object.appliedAtMs === "number")
                                message.appliedAtMs = object.appliedAtMs;
                            else if (typeof object.appliedAtMs === "object")
                                message.appliedAtMs = new $util.LongBits(object.appliedAtMs.low >>> 0, object.appliedAtMs.high >>> 0).toNumber(true);
                    return message;
                };

                /**
                 * Creates a plain object from a TopUpEvent message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof tapgate.events.v1.TopUpEvent
                 * @static
                 * @param {tapgate.events.v1.TopUpEvent} message TopUpEvent
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                TopUpEvent.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.channel = "";
                        object.paymentId = "";
                        object.accountId = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.amountKop = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.amountKop = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.balanceAfterKop = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.balanceAfterKop = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.appliedAtMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.appliedAtMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    }
                    if (message.channel != null && $Object.hasOwnProperty.call(message, "channel"))
                        object.channel = message.channel;
                    if (message.paymentId != null && $Object.hasOwnProperty.call(message, "paymentId"))
                        object.paymentId = message.paymentId;
                    if (message.accountId != null && $Object.hasOwnProperty.call(message, "accountId"))
                        object.accountId = message.accountId;
                    if (message.amountKop != null && $Object.hasOwnProperty.call(message, "amountKop"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.amountKop = typeof message.amountKop === "number" ? $BigInt(message.amountKop) : $util.Long.fromBits(message.amountKop.low >>> 0, message.amountKop.high >>> 0, false).toBigInt();
                        else if (typeof message.amountKop === "number")
                            object.amountKop = options.longs === $String ? $String(message.amountKop) : message.amountKop;
                        else
                            object.amountKop = options.longs === $String ? $util.Long.prototype.toString.call(message.amountKop) : options.longs === $Number ? new $util.LongBits(message.amountKop.low >>> 0, message.amountKop.high >>> 0).toNumber() : message.amountKop;
                    if (message.balanceAfterKop != null && $Object.hasOwnProperty.call(message, "balanceAfterKop"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.balanceAfterKop = typeof message.balanceAfterKop === "number" ? $BigInt(message.balanceAfterKop) : $util.Long.fromBits(message.balanceAfterKop.low >>> 0, message.balanceAfterKop.high >>> 0, false).toBigInt();
                        else if (typeof message.balanceAfterKop === "number")
                            object.balanceAfterKop = options.longs === $String ? $String(message.balanceAfterKop) : message.balanceAfterKop;
                        else
                            object.balanceAfterKop = options.longs === $String ? $util.Long.prototype.toString.call(message.balanceAfterKop) : options.longs === $Number ? new $util.LongBits(message.balanceAfterKop.low >>> 0, message.balanceAfterKop.high >>> 0).toNumber() : message.balanceAfterKop;
                    if (message.appliedAtMs != null && $Object.hasOwnProperty.call(message, "appliedAtMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.appliedAtMs = typeof message.appliedAtMs === "number" ? $BigInt(message.appliedAtMs) : $util.Long.fromBits(message.appliedAtMs.low >>> 0, message.appliedAtMs.high >>> 0, true).toBigInt();
                        else if (typeof message.appliedAtMs === "number")
                            object.appliedAtMs = options.longs === $String ? $String(message.appliedAtMs) : message.appliedAtMs;
                        else
                            object.appliedAtMs = options.longs === $String ? $util.Long.prototype.toString.call(message.appliedAtMs) : options.longs === $Number ? new $util.LongBits(message.appliedAtMs.low >>> 0, message.appliedAtMs.high >>> 0).toNumber(true) : message.appliedAtMs;
                    return object;
                };

                /**
                 * Converts this TopUpEvent to JSON.
                 * @function toJSON
                 * @memberof tapgate.events.v1.TopUpEvent
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                TopUpEvent.prototype.toJSON = function() {
                    return TopUpEvent.toObject(this, $protobuf.util.toJSONOptions);
                };

                return TopUpEvent;
            })();

            v1.PurchaseItem = (function() {

                /**
                 * Properties of a PurchaseItem.
                 * @typedef {Object} tapgate.events.v1.PurchaseItem.$Properties
                 * @property {string|null} [productId] PurchaseItem productId
                 * @property {string|null} [category] PurchaseItem category
                 * @property {number|null} [priceKop] PurchaseItem priceKop
                 * @property {number|null} [quantity] PurchaseItem quantity
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a PurchaseItem.
                 * @memberof tapgate.events.v1
                 * @interface IPurchaseItem
                 * @augments tapgate.events.v1.PurchaseItem.$Properties
                 * @deprecated Use tapgate.events.v1.PurchaseItem.$Properties instead.
                 */

                /**
                 * Shape of a PurchaseItem.
                 * @typedef {tapgate.events.v1.PurchaseItem.$Properties} tapgate.events.v1.PurchaseItem.$Shape
                 */

                /**
                 * Constructs a new PurchaseItem.
                 * @memberof tapgate.events.v1
                 * @classdesc Represents a PurchaseItem.
                 * @constructor
                 * @param {tapgate.events.v1.PurchaseItem.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const PurchaseItem = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * PurchaseItem productId.
                 * @member {string} productId
                 * @memberof tapgate.events.v1.PurchaseItem
                 * @instance
                 */
                PurchaseItem.prototype.productId = "";

                /**
                 * PurchaseItem category.
                 * @member {string} category
                 * @memberof tapgate.events.v1.PurchaseItem
                 * @instance
                 */
                PurchaseItem.prototype.category = "";

                /**
                 * PurchaseItem priceKop.
                 * @member {number} priceKop
                 * @memberof tapgate.events.v1.PurchaseItem
                 * @instance
                 */
                PurchaseItem.prototype.priceKop = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * PurchaseItem quantity.
                 * @member {number} quantity
                 * @memberof tapgate.events.v1.PurchaseItem
                 * @instance
                 */
                PurchaseItem.prototype.quantity = 0;

                /**
                 * Creates a new PurchaseItem instance using the specified properties.
                 * @function create
                 * @memberof tapgate.events.v1.PurchaseItem
                 * @static
                 * @param {tapgate.events.v1.PurchaseItem.$Properties=} [properties] Properties to set
                 * @returns {tapgate.events.v1.PurchaseItem} PurchaseItem instance
                 * @type {{
                 *   (properties: tapgate.events.v1.PurchaseItem.$Shape): tapgate.events.v1.PurchaseItem & tapgate.events.v1.PurchaseItem.$Shape;
                 *   (properties?: tapgate.events.v1.PurchaseItem.$Properties): tapgate.events.v1.PurchaseItem;
                 * }}
                 */
                PurchaseItem.create = function(properties) {
                    return new PurchaseItem(properties);
                };

                /**
                 * Encodes the specified PurchaseItem message. Does not implicitly {@link tapgate.events.v1.PurchaseItem.verify|verify} messages.
                 * @function encode
                 * @memberof tapgate.events.v1.PurchaseItem
                 * @static
                 * @param {tapgate.events.v1.PurchaseItem.$Properties} message PurchaseItem message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                PurchaseItem.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.productId != null && $Object.hasOwnProperty.call(message, "productId") && message.productId !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.productId);
                    if (message.category != null && $Object.hasOwnProperty.call(message, "category") && message.category !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.category);
                    if (message.priceKop != null && $Object.hasOwnProperty.call(message, "priceKop") && (typeof message.priceKop === "object" ? message.priceKop.low || message.priceKop.high : message.priceKop !== 0))
                        writer.uint32(/* id 3, wireType 0 =*/24).int64(message.priceKop);
                    if (message.quantity != null && $Object.hasOwnProperty.call(message, "quantity") && message.quantity !== 0)
                        writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.quantity);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a PurchaseItem message from the specified reader or buffer.
                 * @function decode
                 * @memberof tapgate.events.v1.PurchaseItem
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tapgate.events.v1.PurchaseItem & tapgate.events.v1.PurchaseItem.$Shape} PurchaseItem
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                PurchaseItem.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tapgate.events.v1.PurchaseItem();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.productId = value;
                                else
                                    delete message.productId;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.category = value;
                                else
                                    delete message.category;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.priceKop = value;
                                else
                                    delete message.priceKop;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.quantity = value;
                                else
                                    delete message.quantity;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a PurchaseItem message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof tapgate.events.v1.PurchaseItem
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {tapgate.events.v1.PurchaseItem} PurchaseItem
                 */
                PurchaseItem.fromObject = function (object, _depth) {
                    if (object instanceof $root.tapgate.events.v1.PurchaseItem)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".tapgate.events.v1.PurchaseItem: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.tapgate.events.v1.PurchaseItem();
                    if (object.productId != null)
                        if (typeof object.productId !== "string" || object.productId.length)
                            message.productId = $String(object.productId);
                    if (object.category != null)
                        if (typeof object.category !== "string" || object.category.length)
                            message.category = $String(object.category);
                    if (object.priceKop != null)
                        if (typeof object.priceKop === "object" ? object.priceKop.low || object.priceKop.high : $Number(object.priceKop) !== 0)
                            if ($util.Long)
                                message.priceKop = $util.Long.fromValue(object.priceKop, false);
                            else if (typeof object.priceKop === "string")
                                message.priceKop = $parseInt(object.priceKop, 10);
                            else if (typeof object.priceKop === "number")
                                message.priceKop = object.priceKop;
                            else if (typeof object.priceKop === "object")
                                message.priceKop = new $util.LongBits(object.priceKop.low >>> 0, object.priceKop.high >>> 0).toNumber();
                    if (object.quantity != null)
                        if ($Number(object.quantity) !== 0)
                            message.quantity = object.quantity >>> 0;
                    return message;
                };

                /**
                 * Creates a plain object from a PurchaseItem message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof tapgate.events.v1.PurchaseItem
                 * @static
                 * @param {tapgate.events.v1.PurchaseItem} message PurchaseItem
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                PurchaseItem.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.productId = "";
                        object.category = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.priceKop = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.priceKop = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.quantity = 0;
                    }
                    if (message.productId != null && $Object.hasOwnProperty.call(message, "productId"))
                        object.productId = message.productId;
                    if (message.category != null && $Object.hasOwnProperty.call(message, "category"))
                        object.category = message.category;
                    if (message.priceKop != null && $Object.hasOwnProperty.call(message, "priceKop"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.priceKop = typeof message.priceKop === "number" ? $BigInt(message.priceKop) : $util.Long.fromBits(message.priceKop.low >>> 0, message.priceKop.high >>> 0, false).toBigInt();
                        else if (typeof message.priceKop === "number")
                            object.priceKop = options.longs === $String ? $String(message.priceKop) : message.priceKop;
                        else
                            object.priceKop = options.longs === $String ? $util.Long.prototype.toString.call(message.priceKop) : options.longs === $Number ? new $util.LongBits(message.priceKop.low >>> 0, message.priceKop.high >>> 0).toNumber() : message.priceKop;
                    if (message.quantity != null && $Object.hasOwnProperty.call(message, "quantity"))
                        object.quantity = message.quantity;
                    return object;
                };

                /**
                 * Converts this PurchaseItem to JSON.
                 * @function toJSON
                 * @memberof tapgate.events.v1.PurchaseItem
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                PurchaseItem.prototype.toJSON = function() {
                    return PurchaseItem.toObject(this, $protobuf.util.toJSONOptions);
                };

                return PurchaseItem;
            })();

            v1.PurchaseEvent = (function() {

                /**
                 * Properties of a PurchaseEvent.
                 * @typedef {Object} tapgate.events.v1.PurchaseEvent.$Properties
                 * @property {string|null} [deviceId] PurchaseEvent deviceId
                 * @property {number|null} [seq] PurchaseEvent seq
                 * @property {string|null} [schoolId] PurchaseEvent schoolId
                 * @property {string|null} [personId] PurchaseEvent personId
                 * @property {string|null} [identifierId] PurchaseEvent identifierId
                 * @property {string|null} [accountId] PurchaseEvent accountId
                 * @property {number|null} [mealKind] PurchaseEvent mealKind
                 * @property {number|null} [verdict] PurchaseEvent verdict
                 * @property {number|null} [reason] PurchaseEvent reason
                 * @property {Array.<tapgate.events.v1.PurchaseItem.$Properties>|null} [items] PurchaseEvent items
                 * @property {number|null} [basketKop] PurchaseEvent basketKop
                 * @property {number|null} [amountKop] PurchaseEvent amountKop
                 * @property {number|null} [balanceAfterKop] PurchaseEvent balanceAfterKop
                 * @property {string|null} [benefitId] PurchaseEvent benefitId
                 * @property {string|null} [mealPeriod] PurchaseEvent mealPeriod
                 * @property {boolean|null} [offline] PurchaseEvent offline
                 * @property {boolean|null} [overdraft] PurchaseEvent overdraft
                 * @property {number|null} [deviceTimeMs] PurchaseEvent deviceTimeMs
                 * @property {number|null} [decidedAtMs] PurchaseEvent decidedAtMs
                 * @property {number|null} [schoolDay] PurchaseEvent schoolDay
                 * @property {boolean|null} [lowBalance] PurchaseEvent lowBalance
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a PurchaseEvent.
                 * @memberof tapgate.events.v1
                 * @interface IPurchaseEvent
                 * @augments tapgate.events.v1.PurchaseEvent.$Properties
                 * @deprecated Use tapgate.events.v1.PurchaseEvent.$Properties instead.
                 */

                /**
                 * Shape of a PurchaseEvent.
                 * @typedef {tapgate.events.v1.PurchaseEvent.$Properties} tapgate.events.v1.PurchaseEvent.$Shape
                 */

                /**
                 * Constructs a new PurchaseEvent.
                 * @memberof tapgate.events.v1
                 * @classdesc Represents a PurchaseEvent.
                 * @constructor
                 * @param {tapgate.events.v1.PurchaseEvent.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const PurchaseEvent = function (properties) {
                    this.items = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * PurchaseEvent deviceId.
                 * @member {string} deviceId
                 * @memberof tapgate.events.v1.PurchaseEvent
                 * @instance
                 */
                PurchaseEvent.prototype.deviceId = "";

                /**
                 * PurchaseEvent seq.
                 * @member {number} seq
                 * @memberof tapgate.events.v1.PurchaseEvent
                 * @instance
                 */
                PurchaseEvent.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * PurchaseEvent schoolId.
                 * @member {string} schoolId
                 * @memberof tapgate.events.v1.PurchaseEvent
                 * @instance
                 */
                PurchaseEvent.prototype.schoolId = "";

                /**
                 * PurchaseEvent personId.
                 * @member {string} personId
                 * @memberof tapgate.events.v1.PurchaseEvent
                 * @instance
                 */
                PurchaseEvent.prototype.personId = "";

                /**
                 * PurchaseEvent identifierId.
                 * @member {string} identifierId
                 * @memberof tapgate.events.v1.PurchaseEvent
                 * @instance
                 */
                PurchaseEvent.prototype.identifierId = "";

                /**
                 * PurchaseEvent accountId.
                 * @member {string} accountId
                 * @memberof tapgate.events.v1.PurchaseEvent
                 * @instance
                 */
                PurchaseEvent.prototype.accountId = "";

                /**
                 * PurchaseEvent mealKind.
                 * @member {number} mealKind
                 * @memberof tapgate.events.v1.PurchaseEvent
                 * @instance
                 */
                PurchaseEvent.prototype.mealKind = 0;

                /**
                 * PurchaseEvent verdict.
                 * @member {number} verdict
                 * @memberof tapgate.events.v1.PurchaseEvent
                 * @instance
                 */
                PurchaseEvent.prototype.verdict = 0;

                /**
                 * PurchaseEvent reason.
                 * @member {number} reason
                 * @memberof tapgate.events.v1.PurchaseEvent
                 * @instance
                 */
                PurchaseEvent.prototype.reason = 0;

                /**
                 * PurchaseEvent items.
                 * @member {Array.<tapgate.events.v1.PurchaseItem.$Properties>} items
                 * @memberof tapgate.events.v1.PurchaseEvent
                 * @instance
                 */
                PurchaseEvent.prototype.items = $util.emptyArray;

                /**
                 * PurchaseEvent basketKop.
                 * @member {number} basketKop
                 * @memberof tapgate.events.v1.PurchaseEvent
                 * @instance
                 */
                PurchaseEvent.prototype.basketKop = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * PurchaseEvent amountKop.
                 * @member {number} amountKop
                 * @memberof tapgate.events.v1.PurchaseEvent
                 * @instance
                 */
                PurchaseEvent.prototype.amountKop = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * PurchaseEvent balanceAfterKop.
                 * @member {number} balanceAfterKop
                 * @memberof tapgate.events.v1.PurchaseEvent
                 * @instance
                 */
                PurchaseEvent.prototype.balanceAfterKop = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * PurchaseEvent benefitId.
                 * @member {string} benefitId
                 * @memberof tapgate.events.v1.PurchaseEvent
                 * @instance
                 */
                PurchaseEvent.prototype.benefitId = "";

                /**
                 * PurchaseEvent mealPeriod.
                 * @member {string} mealPeriod
                 * @memberof tapgate.events.v1.PurchaseEvent
                 * @instance
                 */
                PurchaseEvent.prototype.mealPeriod = "";

                /**
                 * PurchaseEvent offline.
                 * @member {boolean} offline
                 * @memberof tapgate.events.v1.PurchaseEvent
                 * @instance
                 */
                PurchaseEvent.prototype.offline = false;

                /**
                 * PurchaseEvent overdraft.
                 * @member {boolean} overdraft
                 * @memberof tapgate.events.v1.PurchaseEvent
                 * @instance
                 */
                PurchaseEvent.prototype.overdraft = false;

                /**
                 * PurchaseEvent deviceTimeMs.
                 * @member {number} deviceTimeMs
                 * @memberof tapgate.events.v1.PurchaseEvent
                 * @instance
                 */
                PurchaseEvent.prototype.deviceTimeMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * PurchaseEvent decidedAtMs.
                 * @member {number} decidedAtMs
                 * @memberof tapgate.events.v1.PurchaseEvent
                 * @instance
                 */
                PurchaseEvent.prototype.decidedAtMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * PurchaseEvent schoolDay.
                 * @member {number} schoolDay
                 * @memberof tapgate.events.v1.PurchaseEvent
                 * @instance
                 */
                PurchaseEvent.prototype.schoolDay = 0;

                /**
                 * PurchaseEvent lowBalance.
                 * @member {boolean} lowBalance
                 * @memberof tapgate.events.v1.PurchaseEvent
                 * @instance
                 */
                PurchaseEvent.prototype.lowBalance = false;

                /**
                 * Creates a new PurchaseEvent instance using the specified properties.
                 * @function create
                 * @memberof tapgate.events.v1.PurchaseEvent
                 * @static
                 * @param {tapgate.events.v1.PurchaseEvent.$Properties=} [properties] Properties to set
                 * @returns {tapgate.events.v1.PurchaseEvent} PurchaseEvent instance
                 * @type {{
                 *   (properties: tapgate.events.v1.PurchaseEvent.$Shape): tapgate.events.v1.PurchaseEvent & tapgate.events.v1.PurchaseEvent.$Shape;
                 *   (properties?: tapgate.events.v1.PurchaseEvent.$Properties): tapgate.events.v1.PurchaseEvent;
                 * }}
                 */
                PurchaseEvent.create = function(properties) {
                    return new PurchaseEvent(properties);
                };

                /**
                 * Encodes the specified PurchaseEvent message. Does not implicitly {@link tapgate.events.v1.PurchaseEvent.verify|verify} messages.
                 * @function encode
                 * @memberof tapgate.events.v1.PurchaseEvent
                 * @static
                 * @param {tapgate.events.v1.PurchaseEvent.$Properties} message PurchaseEvent message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                PurchaseEvent.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId") && message.deviceId !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.deviceId);
                    if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && (typeof message.seq === "object" ? message.seq.low || message.seq.high : message.seq !== 0))
                        writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.seq);
                    if (message.schoolId != null && $Object.hasOwnProperty.call(message, "schoolId") && message.schoolId !== "")
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.schoolId);
                    if (message.personId != null && $Object.hasOwnProperty.call(message, "personId") && message.personId !== "")
                        writer.uint32(/* id 4, wireType 2 =*/34).string(message.personId);
                    if (message.identifierId != null && $Object.hasOwnProperty.call(message, "identifierId") && message.identifierId !== "")
                        writer.uint32(/* id 5, wireType 2 =*/42).string(message.identifierId);
                    if (message.accountId != null && $Object.hasOwnProperty.call(message, "accountId") && message.accountId !== "")
                        writer.uint32(/* id 6, wireType 2 =*/50).string(message.accountId);
                    if (message.mealKind != null && $Object.hasOwnProperty.call(message, "mealKind") && message.mealKind !== 0)
                        writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.mealKind);
                    if (message.verdict != null && $Object.hasOwnProperty.call(message, "verdict") && message.verdict !== 0)
                        writer.uint32(/* id 8, wireType 0 =*/64).uint32(message.verdict);
                    if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== 0)
                        writer.uint32(/* id 9, wireType 0 =*/72).uint32(message.reason);
                    if (message.items != null && message.items.length)
                        for (let i = 0; i < message.items.length; ++i)
                            $root.tapgate.events.v1.PurchaseItem.encode(message.items[i], writer.uint32(/* id 10, wireType 2 =*/82).fork(), _depth + 1).ldelim();
                    if (message.basketKop != null && $Object.hasOwnProperty.call(message, "basketKop") && (typeof message.basketKop === "object" ? message.basketKop.low || message.basketKop.high : message.basketKop !== 0))
                        writer.uint32(/* id 11, wireType 0 =*/88).int64(message.basketKop);
                    if (message.amountKop != null && $Object.hasOwnProperty.call(message, "amountKop") && (typeof message.amountKop === "object" ? message.amountKop.low || message.amountKop.high : message.amountKop !== 0))
                        writer.uint32(/* id 12, wireType 0 =*/96).int64(message.amountKop);
                    if (message.balanceAfterKop != null && $Object.hasOwnProperty.call(message, "balanceAfterKop") && (typeof message.balanceAfterKop === "object" ? message.balanceAfterKop.low || message.balanceAfterKop.high : message.balanceAfterKop !== 0))
                        writer.uint32(/* id 13, wireType 0 =*/104).int64(message.balanceAfterKop);
                    if (message.benefitId != null && $Object.hasOwnProperty.call(message, "benefitId") && message.benefitId !== "")
                        writer.uint32(/* id 14, wireType 2 =*/114).string(message.benefitId);
                    if (message.mealPeriod != null && $Object.hasOwnProperty.call(message, "mealPeriod") && message.mealPeriod !== "")
                        writer.uint32(/* id 15, wireType 2 =*/122).string(message.mealPeriod);
                    if (message.offline != null && $Object.hasOwnProperty.call(message, "offline") && message.offline !== false)
                        writer.uint32(/* id 16, wireType 0 =*/128).bool(message.offline);
                    if (message.overdraft != null && $Object.hasOwnProperty.call(message, "overdraft") && message.overdraft !== false)
                        writer.uint32(/* id 17, wireType 0 =*/136).bool(message.overdraft);
                    if (message.deviceTimeMs != null && $Object.hasOwnProperty.call(message, "deviceTimeMs") && (typeof message.deviceTimeMs === "object" ? message.deviceTimeMs.low || message.deviceTimeMs.high : message.deviceTimeMs !== 0))
                        writer.uint32(/* id 18, wireType 0 =*/144).uint64(message.deviceTimeMs);
                    if (message.decidedAtMs != null && $Object.hasOwnProperty.call(message, "decidedAtMs") && (typeof message.decidedAtMs === "object" ? message.decidedAtMs.low || message.decidedAtMs.high : message.decidedAtMs !== 0))
                        writer.uint32(/* id 19, wireType 0 =*/152).uint64(message.decidedAtMs);
                    if (message.schoolDay != null && $Object.hasOwnProperty.call(message, "schoolDay") && message.schoolDay !== 0)
                        writer.uint32(/* id 20, wireType 0 =*/160).uint32(message.schoolDay);
                    if (message.lowBalance != null && $Object.hasOwnProperty.call(message, "lowBalance") && message.lowBalance !== false)
                        writer.uint32(/* id 21, wireType 0 =*/168).bool(message.lowBalance);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a PurchaseEvent message from the specified reader or buffer.
                 * @function decode
                 * @memberof tapgate.events.v1.PurchaseEvent
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tapgate.events.v1.PurchaseEvent & tapgate.events.v1.PurchaseEvent.$Shape} PurchaseEvent
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                PurchaseEvent.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tapgate.events.v1.PurchaseEvent();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.deviceId = value;
                                else
                                    delete message.deviceId;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.seq = value;
                                else
                                    delete message.seq;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.schoolId = value;
                                else
                                    delete message.schoolId;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.personId = value;
                                else
                                    delete message.personId;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.identifierId = value;
                                else
                                    delete message.identifierId;
                                continue;
                            }
                        case 6: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.accountId = value;
                                else
                                    delete message.accountId;
                                continue;
                            }
                        case 7: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.mealKind = value;
                                else
                                    delete message.mealKind;
                                continue;
                            }
                        case 8: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.verdict = value;
                                else
                                    delete message.verdict;
                                continue;
                            }
                        case 9: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.reason = value;
                                else
                                    delete message.reason;
                                continue;
                            }
                        case 10: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.items && message.items.length))
                                    message.items = [];
                                message.items.push($root.tapgate.events.v1.PurchaseItem.decode(reader, reader.size(), $undefined, _depth + 1));
                                continue;
                            }
                        case 11: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.basketKop = value;
                                else
                                    delete message.basketKop;
                                continue;
                            }
                        case 12: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.amountKop = value;
                                else
                                    delete message.amountKop;
                                continue;
                            }
                        case 13: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.balanceAfterKop = value;
                                else
                                    delete message.balanceAfterKop;
                                continue;
                            }
                        case 14: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.benefitId = value;
                                else
                                    delete message.benefitId;
                                continue;
                            }
                        case 15: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.mealPeriod = value;
                                else
                                    delete message.mealPeriod;
                                continue;
                            }
                        case 16: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.bool())
                                    message.offline = value;
                                else
                                    delete message.offline;
                                continue;
                            }
                        case 17: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.bool())
                                    message.overdraft = value;
                                else
                                    delete message.overdraft;
                                continue;
                            }
                        case 18: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.deviceTimeMs = value;
                                else
                                    delete message.deviceTimeMs;
                                continue;
                            }
                        case 19: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.decidedAtMs = value;
                                else
                                    delete message.decidedAtMs;
                                continue;
                            }
                        case 20: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.schoolDay = value;
                                else
                                    delete message.schoolDay;
                                continue;
                            }
                        case 21: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.bool())
                                    message.lowBalance = value;
                                else
                                    delete message.lowBalance;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a PurchaseEvent message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof tapgate.events.v1.PurchaseEvent
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {tapgate.events.v1.PurchaseEvent} PurchaseEvent
                 */
                PurchaseEvent.fromObject = function (object, _depth) {
                    if (object instanceof $root.tapgate.events.v1.PurchaseEvent)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".tapgate.events.v1.PurchaseEvent: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.tapgate.events.v1.PurchaseEvent();
                    if (object.deviceId != null)
                        if (typeof object.deviceId !== "string" || object.deviceId.length)
                            message.deviceId = $String(object.deviceId);
                    if (object.seq != null)
                        if (typeof object.seq === "object" ? object.seq.low || object.seq.high : $Number(object.seq) !== 0)
                            if ($util.Long)
                                message.seq = $util.Long.fromValue(object.seq, true);
                            else if (typeof object.seq === "string")
                                message.seq = $parseInt(object.seq, 10);
                            else if (typeof object.seq === "number")
                                message.seq = object.seq;
                            else if (typeof object.seq === "object")
                                message.seq = new $util.LongBits(object.seq.low >>> 0, object.seq.high >>> 0).toNumber(true);
                    if (object.schoolId != null)
                        if (typeof object.schoolId !== "string" || object.schoolId.length)
                            message.schoolId = $String(object.schoolId);
                    if (object.personId != null)
                        if (typeof object.personId !== "string" || object.personId.length)
                            message.personId = $String(object.personId);
                    if (object.identifierId != null)
                        if (typeof object.identifierId !== "string" || object.identifierId.length)
                            message.identifierId = $String(object.identifierId);
                    if (object.accountId != null)
                        if (typeof object.accountId !== "string" || object.accountId.length)
                            message.accountId = $String(object.accountId);
                    if (object.mealKind != null)
                        if ($Number(object.mealKind) !== 0)
                            message.mealKind = object.mealKind >>> 0;
                    if (object.verdict != null)
                        if ($Number(object.verdict) !== 0)
                            message.verdict = object.verdict >>> 0;
                    if (object.reason != null)
                        if ($Number(object.reason) !== 0)
                            message.reason = object.reason >>> 0;
                    if (object.items) {
                        if (!$Array.isArray(object.items))
                            throw $TypeError(".tapgate.events.v1.PurchaseEvent.items: array expected");
                        message.items = $Array(object.items.length);
                        for (let i = 0; i < object.items.length; ++i) {
                            if (!$util.isObject(object.items[i]))
                                throw $TypeError(".tapgate.events.v1.PurchaseEvent.items: object expected");
                            message.items[i] = $root.tapgate.events.v1.PurchaseItem.fromObject(object.items[i], _depth + 1);
                        }
                    }
                    if (object.basketKop != null)
                        if (typeof object.basketKop === "object" ? object.basketKop.low || object.basketKop.high : $Number(object.basketKop) !== 0)
                            if ($util.Long)
                                message.basketKop = $util.Long.fromValue(object.basketKop, false);
                            else if (typeof object.basketKop === "string")
                                message.basketKop = $parseInt(object.basketKop, 10);
                            else if (typeof object.basketKop === "number")
                                message.basketKop = object.basketKop;
                            else if (typeof object.basketKop === "object")
                                message.basketKop = new $util.LongBits(object.basketKop.low >>> 0, object.basketKop.high >>> 0).toNumber();
                    if (object.amountKop != null)
                        if (typeof object.amountKop === "object" ? object.amountKop.low || object.amountKop.high : $Number(object.amountKop) !== 0)
                            if ($util.Long)
                                message.amountKop = $util.Long.fromValue(object.amountKop, false);
                            else if (typeof object.amountKop === "string")
                                message.amountKop = $parseInt(object.amountKop, 10);
                            else if (typeof object.amountKop === "number")
                                message.amountKop = object.amountKop;
                            else if (typeof object.amountKop === "object")
                                message.amountKop = new $util.LongBits(object.amountKop.low >>> 0, object.amountKop.high >>> 0).toNumber();
                    if (object.balanceAfterKop != null)
                        if (typeof object.balanceAfterKop === "object" ? object.balanceAfterKop.low || object.balanceAfterKop.high : $Number(object.balanceAfterKop) !== 0)
                            if ($util.Long)
                                message.balanceAfterKop = $util.Long.fromValue(object.balanceAfterKop, false);
                            else if (typeof object.balanceAfterKop === "string")
                                message.balanceAfterKop = $parseInt(object.balanceAfterKop, 10);
                            else if (typeof object.balanceAfterKop === "number")
                                message.balanceAfterKop = object.balanceAfterKop;
                            else if (typeof object.balanceAfterKop === "object")
                                message.balanceAfterKop = new $util.LongBits(object.balanceAfterKop.low >>> 0, object.balanceAfterKop.high >>> 0).toNumber();
                    if (object.benefitId != null)
                        if (typeof object.benefitId !== "string" || object.benefitId.length)
                            message.benefitId = $String(object.benefitId);
                    if (object.mealPeriod != null)
                        if (typeof object.mealPeriod !== "string" || object.mealPeriod.length)
                            message.mealPeriod = $String(object.mealPeriod);
                    if (object.offline != null)
                        if (object.offline)
                            message.offline = $Boolean(object.offline);
                    if (object.overdraft != null)
                        if (object.overdraft)
                            message.overdraft = $Boolean(object.overdraft);
                    if (object.deviceTimeMs != null)
                        if (typeof object.deviceTimeMs === "object" ? object.deviceTimeMs.low || object.deviceTimeMs.high : $Number(object.deviceTimeMs) !== 0)
                            if ($util.Long)
                                message.deviceTimeMs = $util.Long.fromValue(object.deviceTimeMs, true);
                            else if (typeof object.deviceTimeMs === "string")
                                message.deviceTimeMs = $parseInt(object.deviceTimeMs, 10);
                            else if (typeof object.deviceTimeMs === "number")
                                message.deviceTimeMs = object.deviceTimeMs;
                            else if (typeof object.deviceTimeMs === "object")
                                message.deviceTimeMs = new $util.LongBits(object.deviceTimeMs.low >>> 0, object.deviceTimeMs.high >>> 0).toNumber(true);
                    if (object.decidedAtMs != null)
                        if (typeof object.decidedAtMs === "object" ? object.decidedAtMs.low || object.decidedAtMs.high : $Number(object.decidedAtMs) !== 0)
                            if ($util.Long)
                                message.decidedAtMs = $util.Long.fromValue(object.decidedAtMs, true);
                            else if (typeof object.decidedAtMs === "string")
                                message.decidedAtMs = $parseInt(object.decidedAtMs, 10);
                            else if (typeof object.decidedAtMs === "number")
                                message.decidedAtMs = object.decidedAtMs;
                            else if (typeof object.decidedAtMs === "object")
                                message.decidedAtMs = new $util.LongBits(object.decidedAtMs.low >>> 0, object.decidedAtMs.high >>> 0).toNumber(true);
                    if (object.schoolDay != null)
                        if ($Number(object.schoolDay) !== 0)
                            message.schoolDay = object.schoolDay >>> 0;
                    if (object.lowBalance != null)
                        if (object.lowBalance)
                            message.lowBalance = $Boolean(object.lowBalance);
                    return message;
                };

                /**
                 * Creates a plain object from a PurchaseEvent message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof tapgate.events.v1.PurchaseEvent
                 * @static
                 * @param {tapgate.events.v1.PurchaseEvent} message PurchaseEvent
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                PurchaseEvent.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.arrays || options.defaults)
                        object.items = [];
                    if (options.defaults) {
                        object.deviceId = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.seq = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.seq = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.schoolId = "";
                        object.personId = "";
                        object.identifierId = "";
                        object.accountId = "";
                        object.mealKind = 0;
                        object.verdict = 0;
                        object.reason = 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.basketKop = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.basketKop = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.amountKop = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.amountKop = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.balanceAfterKop = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.balanceAfterKop = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.benefitId = "";
                        object.mealPeriod = "";
                        object.offline = false;
                        object.overdraft = false;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.deviceTimeMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.deviceTimeMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.decidedAtMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.decidedAtMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.schoolDay = 0;
                        object.lowBalance = false;
                    }
                    if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId"))
                        object.deviceId = message.deviceId;
                    if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.seq = typeof message.seq === "number" ? $BigInt(message.seq) : $util.Long.fromBits(message.seq.low >>> 0, message.seq.high >>> 0, true).toBigInt();
                        else if (typeof message.seq === "number")
                            object.seq = options.longs === $String ? $String(message.seq) : message.seq;
                        else
                            object.seq = options.longs === $String ? $util.Long.prototype.toString.call(message.seq) : options.longs === $Number ? new $util.LongBits(message.seq.low >>> 0, message.seq.high >>> 0).toNumber(true) : message.seq;
                    if (message.schoolId != null && $Object.hasOwnProperty.call(message, "schoolId"))
                        object.schoolId = message.schoolId;
                    if (message.personId != null && $Object.hasOwnProperty.call(message, "personId"))
                        object.personId = message.personId;
                    if (message.identifierId != null && $Object.hasOwnProperty.call(message, "identifierId"))
                        object.identifierId = message.identifierId;
                    if (message.accountId != null && $Object.hasOwnProperty.call(message, "accountId"))
                        object.accountId = message.accountId;
                    if (message.mealKind != null && $Object.hasOwnProperty.call(message, "mealKind"))
                        object.mealKind = message.mealKind;
                    if (message.verdict != null && $Object.hasOwnProperty.call(message, "verdict"))
                        object.verdict = message.verdict;
                    if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                        object.reason = message.reason;
                    if (message.items && message.items.length) {
                        object.items = $Array(message.items.length);
                        for (let j = 0; j < message.items.length; ++j)
                            object.items[j] = $root.tapgate.events.v1.PurchaseItem.toObject(message.items[j], options, _depth + 1);
                    }
                    if (message.basketKop != null && $Object.hasOwnProperty.call(message, "basketKop"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.basketKop = typeof message.basketKop === "number" ? $BigInt(message.basketKop) : $util.Long.fromBits(message.basketKop.low >>> 0, message.basketKop.high >>> 0, false).toBigInt();
                        else if (typeof message.basketKop === "number")
                            object.basketKop = options.longs === $String ? $String(message.basketKop) : message.basketKop;
                        else
                            object.basketKop = options.longs === $String ? $util.Long.prototype.toString.call(message.basketKop) : options.longs === $Number ? new $util.LongBits(message.basketKop.low >>> 0, message.basketKop.high >>> 0).toNumber() : message.basketKop;
                    if (message.amountKop != null && $Object.hasOwnProperty.call(message, "amountKop"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.amountKop = typeof message.amountKop === "number" ? $BigInt(message.amountKop) : $util.Long.fromBits(message.amountKop.low >>> 0, message.amountKop.high >>> 0, false).toBigInt();
                        else if (typeof message.amountKop === "number")
                            object.amountKop = options.longs === $String ? $String(message.amountKop) : message.amountKop;
                        else
                            object.amountKop = options.longs === $String ? $util.Long.prototype.toString.call(message.amountKop) : options.longs === $Number ? new $util.LongBits(message.amountKop.low >>> 0, message.amountKop.high >>> 0).toNumber() : message.amountKop;
                    if (message.balanceAfterKop != null && $Object.hasOwnProperty.call(message, "balanceAfterKop"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.balanceAfterKop = typeof message.balanceAfterKop === "number" ? $BigInt(message.balanceAfterKop) : $util.Long.fromBits(message.balanceAfterKop.low >>> 0, message.balanceAfterKop.high >>> 0, false).toBigInt();
                        else if (typeof message.balanceAfterKop === "number")
                            object.balanceAfterKop = options.longs === $String ? $String(message.balanceAfterKop) : message.balanceAfterKop;
                        else
                            object.balanceAfterKop = options.longs === $String ? $util.Long.prototype.toString.call(message.balanceAfterKop) : options.longs === $Number ? new $util.LongBits(message.balanceAfterKop.low >>> 0, message.balanceAfterKop.high >>> 0).toNumber() : message.balanceAfterKop;
                    if (message.benefitId != null && $Object.hasOwnProperty.call(message, "benefitId"))
                        object.benefitId = message.benefitId;
                    if (message.mealPeriod != null && $Object.hasOwnProperty.call(message, "mealPeriod"))
                        object.mealPeriod = message.mealPeriod;
                    if (message.offline != null && $Object.hasOwnProperty.call(message, "offline"))
                        object.offline = message.offline;
                    if (message.overdraft != null && $Object.hasOwnProperty.call(message, "overdraft"))
                        object.overdraft = message.overdraft;
                    if (message.deviceTimeMs != null && $Object.hasOwnProperty.call(message, "deviceTimeMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.deviceTimeMs = typeof message.deviceTimeMs === "number" ? $BigInt(message.deviceTimeMs) : $util.Long.fromBits(message.deviceTimeMs.low >>> 0, message.deviceTimeMs.high >>> 0, true).toBigInt();
                        else if (typeof message.deviceTimeMs === "number")
                            object.deviceTimeMs = options.longs === $String ? $String(message.deviceTimeMs) : message.deviceTimeMs;
                        else
                            object.deviceTimeMs = options.longs === $String ? $util.Long.prototype.toString.call(message.deviceTimeMs) : options.longs === $Number ? new $util.LongBits(message.deviceTimeMs.low >>> 0, message.deviceTimeMs.high >>> 0).toNumber(true) : message.deviceTimeMs;
                    if (message.decidedAtMs != null && $Object.hasOwnProperty.call(message, "decidedAtMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.decidedAtMs = typeof message.decidedAtMs === "number" ? $BigInt(message.decidedAtMs) : $util.Long.fromBits(message.decidedAtMs.low >>> 0, message.decidedAtMs.high >>> 0, true).toBigInt();
                        else if (typeof message.decidedAtMs === "number")
                            object.decidedAtMs = options.longs === $String ? $String(message.decidedAtMs) : message.decidedAtMs;
                        else
                            object.decidedAtMs = options.longs === $String ? $util.Long.prototype.toString.call(message.decidedAtMs) : options.longs === $Number ? new $util.LongBits(message.decidedAtMs.low >>> 0, message.decidedAtMs.high >>> 0).toNumber(true) : message.decidedAtMs;
                    if (message.schoolDay != null && $Object.hasOwnProperty.call(message, "schoolDay"))
                        object.schoolDay = message.schoolDay;
                    if (message.lowBalance != null && $Object.hasOwnProperty.call(message, "lowBalance"))
                        object.lowBalance = message.lowBalance;
                    return object;
                };

                /**
                 * Converts this PurchaseEvent to JSON.
                 * @function toJSON
                 * @memberof tapgate.events.v1.PurchaseEvent
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                PurchaseEvent.prototype.toJSON = function() {
                    return PurchaseEvent.toObject(this, $protobuf.util.toJSONOptions);
                };

                return PurchaseEvent;
            })();

            v1.RefundEvent = (function() {

                /**
                 * Properties of a RefundEvent.
                 * @typedef {Object} tapgate.events.v1.RefundEvent.$Properties
                 * @property {string|null} [refundId] RefundEvent refundId
                 * @property {string|null} [deviceId] RefundEvent deviceId
                 * @property {number|null} [seq] RefundEvent seq
                 * @property {string|null} [accountId] RefundEvent accountId
                 * @property {number|null} [amountKop] RefundEvent amountKop
                 * @property {number|null} [balanceAfterKop] RefundEvent balanceAfterKop
                 * @property {string|null} [reason] RefundEvent reason
                 * @property {string|null} [operatorId] RefundEvent operatorId
                 * @property {number|null} [appliedAtMs] RefundEvent appliedAtMs
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a RefundEvent.
                 * @memberof tapgate.events.v1
                 * @interface IRefundEvent
                 * @augments tapgate.events.v1.RefundEvent.$Properties
                 * @deprecated Use tapgate.events.v1.RefundEvent.$Properties instead.
                 */

                /**
                 * Shape of a RefundEvent.
                 * @typedef {tapgate.events.v1.RefundEvent.$Properties} tapgate.events.v1.RefundEvent.$Shape
                 */

                /**
                 * Constructs a new RefundEvent.
                 * @memberof tapgate.events.v1
                 * @classdesc Represents a RefundEvent.
                 * @constructor
                 * @param {tapgate.events.v1.RefundEvent.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const RefundEvent = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * RefundEvent refundId.
                 * @member {string} refundId
                 * @memberof tapgate.events.v1.RefundEvent
                 * @instance
                 */
                RefundEvent.prototype.refundId = "";

                /**
                 * RefundEvent deviceId.
                 * @member {string} deviceId
                 * @memberof tapgate.events.v1.RefundEvent
                 * @instance
                 */
                RefundEvent.prototype.deviceId = "";

                /**
                 * RefundEvent seq.
                 * @member {number} seq
                 * @memberof tapgate.events.v1.RefundEvent
                 * @instance
                 */
                RefundEvent.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * RefundEvent accountId.
                 * @member {string} accountId
                 * @memberof tapgate.events.v1.RefundEvent
                 * @instance
                 */
                RefundEvent.prototype.accountId = "";

                /**
                 * RefundEvent amountKop.
                 * @member {number} amountKop
                 * @memberof tapgate.events.v1.RefundEvent
                 * @instance
                 */
                RefundEvent.prototype.amountKop = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * RefundEvent balanceAfterKop.
                 * @member {number} balanceAfterKop
                 * @memberof tapgate.events.v1.RefundEvent
                 * @instance
                 */
                RefundEvent.prototype.balanceAfterKop = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * RefundEvent reason.
                 * @member {string} reason
                 * @memberof tapgate.events.v1.RefundEvent
                 * @instance
                 */
                RefundEvent.prototype.reason = "";

                /**
                 * RefundEvent operatorId.
                 * @member {string} operatorId
                 * @memberof tapgate.events.v1.RefundEvent
                 * @instance
                 */
                RefundEvent.prototype.operatorId = "";

                /**
                 * RefundEvent appliedAtMs.
                 * @member {number} appliedAtMs
                 * @memberof tapgate.events.v1.RefundEvent
                 * @instance
                 */
                RefundEvent.prototype.appliedAtMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Creates a new RefundEvent instance using the specified properties.
                 * @function create
                 * @memberof tapgate.events.v1.RefundEvent
                 * @static
                 * @param {tapgate.events.v1.RefundEvent.$Properties=} [properties] Properties to set
                 * @returns {tapgate.events.v1.RefundEvent} RefundEvent instance
                 * @type {{
                 *   (properties: tapgate.events.v1.RefundEvent.$Shape): tapgate.events.v1.RefundEvent & tapgate.events.v1.RefundEvent.$Shape;
                 *   (properties?: tapgate.events.v1.RefundEvent.$Properties): tapgate.events.v1.RefundEvent;
                 * }}
                 */
                RefundEvent.create = function(properties) {
                    return new RefundEvent(properties);
                };

                /**
                 * Encodes the specified RefundEvent message. Does not implicitly {@link tapgate.events.v1.RefundEvent.verify|verify} messages.
                 * @function encode
                 * @memberof tapgate.events.v1.RefundEvent
                 * @static
                 * @param {tapgate.events.v1.RefundEvent.$Properties} message RefundEvent message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                RefundEvent.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.refundId != null && $Object.hasOwnProperty.call(message, "refundId") && message.refundId !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.refundId);
                    if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId") && message.deviceId !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.deviceId);
                    if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && (typeof message.seq === "object" ? message.seq.low || message.seq.high : message.seq !== 0))
                        writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.seq);
                    if (message.accountId != null && $Object.hasOwnProperty.call(message, "accountId") && message.accountId !== "")
                        writer.uint32(/* id 4, wireType 2 =*/34).string(message.accountId);
                    if (message.amountKop != null && $Object.hasOwnProperty.call(message, "amountKop") && (typeof message.amountKop === "object" ? message.amountKop.low || message.amountKop.high : message.amountKop !== 0))
                        writer.uint32(/* id 5, wireType 0 =*/40).int64(message.amountKop);
                    if (message.balanceAfterKop != null && $Object.hasOwnProperty.call(message, "balanceAfterKop") && (typeof message.balanceAfterKop === "object" ? message.balanceAfterKop.low || message.balanceAfterKop.high : message.balanceAfterKop !== 0))
                        writer.uint32(/* id 6, wireType 0 =*/48).int64(message.balanceAfterKop);
                    if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== "")
                        writer.uint32(/* id 7, wireType 2 =*/58).string(message.reason);
                    if (message.operatorId != null && $Object.hasOwnProperty.call(message, "operatorId") && message.operatorId !== "")
                        writer.uint32(/* id 8, wireType 2 =*/66).string(message.operatorId);
                    if (message.appliedAtMs != null && $Object.hasOwnProperty.call(message, "appliedAtMs") && (typeof message.appliedAtMs === "object" ? message.appliedAtMs.low || message.appliedAtMs.high : message.appliedAtMs !== 0))
                        writer.uint32(/* id 9, wireType 0 =*/72).uint64(message.appliedAtMs);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a RefundEvent message from the specified reader or buffer.
                 * @function decode
                 * @memberof tapgate.events.v1.RefundEvent
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tapgate.events.v1.RefundEvent & tapgate.events.v1.RefundEvent.$Shape} RefundEvent
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                RefundEvent.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tapgate.events.v1.RefundEvent();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.refundId = value;
                                else
                                    delete message.refundId;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.deviceId = value;
                                else
                                    delete message.deviceId;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.seq = value;
                                else
                                    delete message.seq;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.accountId = value;
                                else
                                    delete message.accountId;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.amountKop = value;
                                else
                                    delete message.amountKop;
                                continue;
                            }
                        case 6: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.balanceAfterKop = value;
                                else
                                    delete message.balanceAfterKop;
                                continue;
                            }
                        case 7: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.reason = value;
                                else
                                    delete message.reason;
                                continue;
                            }
                        case 8: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.operatorId = value;
                                else
                                    delete message.operatorId;
                                continue;
                            }
                        case 9: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.appliedAtMs = value;
                                else
                                    delete message.appliedAtMs;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a RefundEvent message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof tapgate.events.v1.RefundEvent
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {tapgate.events.v1.RefundEvent} RefundEvent
                 */
                RefundEvent.fromObject = function (object, _depth) {
                    if (object instanceof $root.tapgate.events.v1.RefundEvent)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".tapgate.events.v1.RefundEvent: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.tapgate.events.v1.RefundEvent();
                    if (object.refundId != null)
                        if (typeof object.refundId !== "string" || object.refundId.length)
                            message.refundId = $String(object.refundId);
                    if (object.deviceId != null)
                        if (typeof object.deviceId !== "string" || object.deviceId.length)
                            message.deviceId = $String(object.deviceId);
                    if (object.seq != null)
                        if (typeof object.seq === "object" ? object.seq.low || object.seq.high : $Number(object.seq) !== 0)
                            if ($util.Long)
                                message.seq = $util.Long.fromValue(object.seq, true);
                            else if (typeof object.seq === "string")
                                message.seq = $parseInt(object.seq, 10);
                            else if (typeof object.seq === "number")
                                message.seq = object.seq;
                            else if (typeof object.seq === "object")
                                message.seq = new $util.LongBits(object.seq.low >>> 0, object.seq.high >>> 0).toNumber(true);
                    if (object.accountId != null)
                        if (typeof object.accountId !== "string" || object.accountId.length)
                            message.accountId = $String(object.accountId);
                    if (object.amountKop != null)
                        if (typeof object.amountKop === "object" ? object.amountKop.low || object.amountKop.high : $Number(object.amountKop) !== 0)
                            if ($util.Long)
                                message.amountKop = $util.Long.fromValue(object.amountKop, false);
                            else if (typeof object.amountKop === "string")
                                message.amountKop = $parseInt(object.amountKop, 10);
                            else if (typeof object.amountKop === "number")
                                message.amountKop = object.amountKop;
                            else if (typeof object.amountKop === "object")
                                message.amountKop = new $util.LongBits(object.amountKop.low >>> 0, object.amountKop.high >>> 0).toNumber();
                    if (object.balanceAfterKop != null)
                        if (typeof object.balanceAfterKop === "object" ? object.balanceAfterKop.low || object.balanceAfterKop.high : $Number(object.balanceAfterKop) !== 0)
                            if ($util.Long)
                                message.balanceAfterKop = $util.Long.fromValue(object.balanceAfterKop, false);
                            else if (typeof object.balanceAfterKop === "string")
                                message.balanceAfterKop = $parseInt(object.balanceAfterKop, 10);
                            else if (typeof object.balanceAfterKop === "number")
                                message.balanceAfterKop = object.balanceAfterKop;
                            else if (typeof object.balanceAfterKop === "object")
                                message.balanceAfterKop = new $util.LongBits(object.balanceAfterKop.low >>> 0, object.balanceAfterKop.high >>> 0).toNumber();
                    if (object.reason != null)
                        if (typeof object.reason !== "string" || object.reason.length)
                            message.reason = $String(object.reason);
                    if (object.operatorId != null)
                        if (typeof object.operatorId !== "string" || object.operatorId.length)
                            message.operatorId = $String(object.operatorId);
                    if (object.appliedAtMs != null)
                        if (typeof object.appliedAtMs === "object" ? object.appliedAtMs.low || object.appliedAtMs.high : $Number(object.appliedAtMs) !== 0)
                            if ($util.Long)
                                message.appliedAtMs = $util.Long.fromValue(object.appliedAtMs, true);
                            else if (typeof object.appliedAtMs === "string")
                                message.appliedAtMs = $parseInt(object.appliedAtMs, 10);
                            else if (typeof object.appliedAtMs === "number")
                                message.appliedAtMs = object.appliedAtMs;
                            else if (typeof object.appliedAtMs === "object")
                                message.appliedAtMs = new $util.LongBits(object.appliedAtMs.low >>> 0, object.appliedAtMs.high >>> 0).toNumber(true);
                    return message;
                };

                /**
                 * Creates a plain object from a RefundEvent message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof tapgate.events.v1.RefundEvent
                 * @static
                 * @param {tapgate.events.v1.RefundEvent} message RefundEvent
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                RefundEvent.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.refundId = "";
                        object.deviceId = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.seq = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.seq = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.accountId = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.amountKop = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.amountKop = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.balanceAfterKop = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.balanceAfterKop = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.reason = "";
                        object.operatorId = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.appliedAtMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.appliedAtMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    }
                    if (message.refundId != null && $Object.hasOwnProperty.call(message, "refundId"))
                        object.refundId = message.refundId;
                    if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId"))
                        object.deviceId = message.deviceId;
                    if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.seq = typeof message.seq === "number" ? $BigInt(message.seq) : $util.Long.fromBits(message.seq.low >>> 0, message.seq.high >>> 0, true).toBigInt();
                        else if (typeof message.seq === "number")
                            object.seq = options.longs === $String ? $String(message.seq) : message.seq;
                        else
                            object.seq = options.longs === $String ? $util.Long.prototype.toString.call(message.seq) : options.longs === $Number ? new $util.LongBits(message.seq.low >>> 0, message.seq.high >>> 0).toNumber(true) : message.seq;
                    if (message.accountId != null && $Object.hasOwnProperty.call(message, "accountId"))
                        object.accountId = message.accountId;
                    if (message.amountKop != null && $Object.hasOwnProperty.call(message, "amountKop"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.amountKop = typeof message.amountKop === "number" ? $BigInt(message.amountKop) : $util.Long.fromBits(message.amountKop.low >>> 0, message.amountKop.high >>> 0, false).toBigInt();
                        else if (typeof message.amountKop === "number")
                            object.amountKop = options.longs === $String ? $String(message.amountKop) : message.amountKop;
                        else
                            object.amountKop = options.longs === $String ? $util.Long.prototype.toString.call(message.amountKop) : options.longs === $Number ? new $util.LongBits(message.amountKop.low >>> 0, message.amountKop.high >>> 0).toNumber() : message.amountKop;
                    if (message.balanceAfterKop != null && $Object.hasOwnProperty.call(message, "balanceAfterKop"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.balanceAfterKop = typeof message.balanceAfterKop === "number" ? $BigInt(message.balanceAfterKop) : $util.Long.fromBits(message.balanceAfterKop.low >>> 0, message.balanceAfterKop.high >>> 0, false).toBigInt();
                        else if (typeof message.balanceAfterKop === "number")
                            object.balanceAfterKop = options.longs === $String ? $String(message.balanceAfterKop) : message.balanceAfterKop;
                        else
                            object.balanceAfterKop = options.longs === $String ? $util.Long.prototype.toString.call(message.balanceAfterKop) : options.longs === $Number ? new $util.LongBits(message.balanceAfterKop.low >>> 0, message.balanceAfterKop.high >>> 0).toNumber() : message.balanceAfterKop;
                    if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                        object.reason = message.reason;
                    if (message.operatorId != null && $Object.hasOwnProperty.call(message, "operatorId"))
                        object.operatorId = message.operatorId;
                    if (message.appliedAtMs != null && $Object.hasOwnProperty.call(message, "appliedAtMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.appliedAtMs = typeof message.appliedAtMs === "number" ? $BigInt(message.appliedAtMs) : $util.Long.fromBits(message.appliedAtMs.low >>> 0, message.appliedAtMs.high >>> 0, true).toBigInt();
                        else if (typeof message.appliedAtMs === "number")
                            object.appliedAtMs = options.longs === $String ? $String(message.appliedAtMs) : message.appliedAtMs;
                        else
                            object.appliedAtMs = options.longs === $String ? $util.Long.prototype.toString.call(message.appliedAtMs) : options.longs === $Number ? new $util.LongBits(message.appliedAtMs.low >>> 0, message.appliedAtMs.high >>> 0).toNumber(true) : message.appliedAtMs;
                    return object;
                };

                /**
                 * Converts this RefundEvent to JSON.
                 * @function toJSON
                 * @memberof tapgate.events.v1.RefundEvent
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                RefundEvent.prototype.toJSON = function() {
                    return RefundEvent.toObject(this, $protobuf.util.toJSONOptions);
                };

                return RefundEvent;
            })();

            v1.LedgerBatch = (function() {

                /**
                 * Properties of a LedgerBatch.
                 * @typedef {Object} tapgate.events.v1.LedgerBatch.$Properties
                 * @property {string|null} [gatewayId] LedgerBatch gatewayId
                 * @property {number|null} [batchNo] LedgerBatch batchNo
                 * @property {string|null} [bootId] LedgerBatch bootId
                 * @property {Array.<tapgate.events.v1.PassEvent.$Properties>|null} [passes] LedgerBatch passes
                 * @property {Array.<tapgate.events.v1.MoneyEvent.$Properties>|null} [money] LedgerBatch money
                 * @property {string|null} [shardId] LedgerBatch shardId
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a LedgerBatch.
                 * @memberof tapgate.events.v1
                 * @interface ILedgerBatch
                 * @augments tapgate.events.v1.LedgerBatch.$Properties
                 * @deprecated Use tapgate.events.v1.LedgerBatch.$Properties instead.
                 */

                /**
                 * Shape of a LedgerBatch.
                 * @typedef {{
                 *   gatewayId?: string|null;
                 *   batchNo?: number|null;
                 *   bootId?: string|null;
                 *   passes?: Array.<tapgate.events.v1.PassEvent.$Shape>|null;
                 *   money?: Array.<tapgate.events.v1.MoneyEvent.$Shape>|null;
                 *   shardId?: string|null;
                 *   $unknowns?: Array.<Uint8Array>;
                 * }} tapgate.events.v1.LedgerBatch.$Shape
                 */

                /**
                 * Constructs a new LedgerBatch.
                 * @memberof tapgate.events.v1
                 * @classdesc Represents a LedgerBatch.
                 * @constructor
                 * @param {tapgate.events.v1.LedgerBatch.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const LedgerBatch = function (properties) {
                    this.passes = [];
                    this.money = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * LedgerBatch gatewayId.
                 * @member {string} gatewayId
                 * @memberof tapgate.events.v1.LedgerBatch
                 * @instance
                 */
                LedgerBatch.prototype.gatewayId = "";

                /**
                 * LedgerBatch batchNo.
                 * @member {number} batchNo
                 * @memberof tapgate.events.v1.LedgerBatch
                 * @instance
                 */
                LedgerBatch.prototype.batchNo = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * LedgerBatch bootId.
                 * @member {string} bootId
                 * @memberof tapgate.events.v1.LedgerBatch
                 * @instance
                 */
                LedgerBatch.prototype.bootId = "";

                /**
                 * LedgerBatch passes.
                 * @member {Array.<tapgate.events.v1.PassEvent.$Properties>} passes
                 * @memberof tapgate.events.v1.LedgerBatch
                 * @instance
                 */
                LedgerBatch.prototype.passes = $util.emptyArray;

                /**
                 * LedgerBatch money.
                 * @member {Array.<tapgate.events.v1.MoneyEvent.$Properties>} money
                 * @memberof tapgate.events.v1.LedgerBatch
                 * @instance
                 */
                LedgerBatch.prototype.money = $util.emptyArray;

                /**
                 * LedgerBatch shardId.
                 * @member {string} shardId
                 * @memberof tapgate.events.v1.LedgerBatch
                 * @instance
                 */
                LedgerBatch.prototype.shardId = "";

                /**
                 * Creates a new LedgerBatch instance using the specified properties.
                 * @function create
                 * @memberof tapgate.events.v1.LedgerBatch
                 * @static
                 * @param {tapgate.events.v1.LedgerBatch.$Properties=} [properties] Properties to set
                 * @returns {tapgate.events.v1.LedgerBatch} LedgerBatch instance
                 * @type {{
                 *   (properties: tapgate.events.v1.LedgerBatch.$Shape): tapgate.events.v1.LedgerBatch & tapgate.events.v1.LedgerBatch.$Shape;
                 *   (properties?: tapgate.events.v1.LedgerBatch.$Properties): tapgate.events.v1.LedgerBatch;
                 * }}
                 */
                LedgerBatch.create = function(properties) {
                    return new LedgerBatch(properties);
                };

                /**
                 * Encodes the specified LedgerBatch message. Does not implicitly {@link tapgate.events.v1.LedgerBatch.verify|verify} messages.
                 * @function encode
                 * @memberof tapgate.events.v1.LedgerBatch
                 * @static
                 * @param {tapgate.events.v1.LedgerBatch.$Properties} message LedgerBatch message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                LedgerBatch.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.gatewayId != null && $Object.hasOwnProperty.call(message, "gatewayId") && message.gatewayId !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.gatewayId);
                    if (message.batchNo != null && $Object.hasOwnProperty.call(message, "batchNo") && (typeof message.batchNo === "object" ? message.batchNo.low || message.batchNo.high : message.batchNo !== 0))
                        writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.batchNo);
                    if (message.bootId != null && $Object.hasOwnProperty.call(message, "bootId") && message.bootId !== "")
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.bootId);
                    if (message.passes != null && message.passes.length)
                        for (let i = 0; i < message.passes.length; ++i)
                            $root.tapgate.events.v1.PassEvent.encode(message.passes[i], writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                    if (message.money != null && message.money.length)
                        for (let i = 0; i < message.money.length; ++i)
                            $root.tapgate.events.v1.MoneyEvent.encode(message.money[i], writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                    if (message.shardId != null && $Object.hasOwnProperty.call(message, "shardId") && message.shardId !== "")
                        writer.uint32(/* id 6, wireType 2 =*/50).string(message.shardId);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a LedgerBatch message from the specified reader or buffer.
                 * @function decode
                 * @memberof tapgate.events.v1.LedgerBatch
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tapgate.events.v1.LedgerBatch & tapgate.events.v1.LedgerBatch.$Shape} LedgerBatch
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                LedgerBatch.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tapgate.events.v1.LedgerBatch();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.gatewayId = value;
                                else
                                    delete message.gatewayId;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.batchNo = value;
                                else
                                    delete message.batchNo;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.bootId = value;
                                else
                                    delete message.bootId;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.passes && message.passes.length))
                                    message.passes = [];
                                message.passes.push($root.tapgate.events.v1.PassEvent.decode(reader, reader.size(), $undefined, _depth + 1));
                                continue;
                            }
                        case 5: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.money && message.money.length))
                                    message.money = [];
                                message.money.push($root.tapgate.events.v1.MoneyEvent.decode(reader, reader.size(), $undefined, _depth + 1));
                                continue;
                            }
                        case 6: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.shardId = value;
                                else
                                    delete message.shardId;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a LedgerBatch message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof tapgate.events.v1.LedgerBatch
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {tapgate.events.v1.LedgerBatch} LedgerBatch
                 */
                LedgerBatch.fromObject = function (object, _depth) {
                    if (object instanceof $root.tapgate.events.v1.LedgerBatch)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".tapgate.events.v1.LedgerBatch: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.tapgate.events.v1.LedgerBatch();
                    if (object.gatewayId != null)
                        if (typeof object.gatewayId !== "string" || object.gatewayId.length)
                            message.gatewayId = $String(object.gatewayId);
                    if (object.batchNo != null)
                        if (typeof object.batchNo === "object" ? object.batchNo.low || object.batchNo.high : $Number(object.batchNo) !== 0)
                            if ($util.Long)
                                message.batchNo = $util.Long.fromValue(object.batchNo, true);
                            else if (typeof object.batchNo === "string")
                                message.batchNo = $parseInt(object.batchNo, 10);
                            else if (typeof object.batchNo === "number")
                                message.batchNo = object.batchNo;
                            else if (typeof object.batchNo === "object")
                                message.batchNo = new $util.LongBits(object.batchNo.low >>> 0, object.batchNo.high >>> 0).toNumber(true);
                    if (object.bootId != null)
                        if (typeof object.bootId !== "string" || object.bootId.length)
                            message.bootId = $String(object.bootId);
                    if (object.passes) {
                        if (!$Array.isArray(object.passes))
                            throw $TypeError(".tapgate.events.v1.LedgerBatch.passes: array expected");
                        message.passes = $Array(object.passes.length);
                        for (let i = 0; i < object.passes.length; ++i) {
                            if (!$util.isObject(object.passes[i]))
                                throw $TypeError(".tapgate.events.v1.LedgerBatch.passes: object expected");
                            message.passes[i] = $root.tapgate.events.v1.PassEvent.fromObject(object.passes[i], _depth + 1);
                        }
                    }
                    if (object.money) {
                        if (!$Array.isArray(object.money))
                            throw $TypeError(".tapgate.events.v1.LedgerBatch.money: array expected");
                        message.money = $Array(object.money.length);
                        for (let i = 0; i < object.money.length; ++i) {
                            if (!$util.isObject(object.money[i]))
                                throw $TypeError(".tapgate.events.v1.LedgerBatch.money: object expected");
                            message.money[i] = $root.tapgate.events.v1.MoneyEvent.fromObject(object.money[i], _depth + 1);
                        }
                    }
                    if (object.shardId != null)
                        if (typeof object.shardId !== "string" || object.shardId.length)
                            message.shardId = $String(object.shardId);
                    return message;
                };

                /**
                 * Creates a plain object from a LedgerBatch message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof tapgate.events.v1.LedgerBatch
                 * @static
                 * @param {tapgate.events.v1.LedgerBatch} message LedgerBatch
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                LedgerBatch.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.arrays || options.defaults) {
                        object.passes = [];
                        object.money = [];
                    }
                    if (options.defaults) {
                        object.gatewayId = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.batchNo = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.batchNo = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.bootId = "";
                        object.shardId = "";
                    }
                    if (message.gatewayId != null && $Object.hasOwnProperty.call(message, "gatewayId"))
                        object.gatewayId = message.gatewayId;
                    if (message.batchNo != null && $Object.hasOwnProperty.call(message, "batchNo"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.batchNo = typeof message.batchNo === "number" ? $BigInt(message.batchNo) : $util.Long.fromBits(message.batchNo.low >>> 0, message.batchNo.high >>> 0, true).toBigInt();
                        else if (typeof message.batchNo === "number")
                            object.batchNo = options.longs === $String ? $String(message.batchNo) : message.batchNo;
                        else
                            object.batchNo = options.longs === $String ? $util.Long.prototype.toString.call(message.batchNo) : options.longs === $Number ? new $util.LongBits(message.batchNo.low >>> 0, message.batchNo.high >>> 0).toNumber(true) : message.batchNo;
                    if (message.bootId != null && $Object.hasOwnProperty.call(message, "bootId"))
                        object.bootId = message.bootId;
                    if (message.passes && message.passes.length) {
                        object.passes = $Array(message.passes.length);
                        for (let j = 0; j < message.passes.length; ++j)
                            object.passes[j] = $root.tapgate.events.v1.PassEvent.toObject(message.passes[j], options, _depth + 1);
                    }
                    if (message.money && message.money.length) {
                        object.money = $Array(message.money.length);
                        for (let j = 0; j < message.money.length; ++j)
                            object.money[j] = $root.tapgate.events.v1.MoneyEvent.toObject(message.money[j], options, _depth + 1);
                    }
                    if (message.shardId != null && $Object.hasOwnProperty.call(message, "shardId"))
                        object.shardId = message.shardId;
                    return object;
                };

                /**
                 * Converts this LedgerBatch to JSON.
                 * @function toJSON
                 * @memberof tapgate.events.v1.LedgerBatch
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                LedgerBatch.prototype.toJSON = function() {
                    return LedgerBatch.toObject(this, $protobuf.util.toJSONOptions);
                };

                return LedgerBatch;
            })();

            v1.MoneyEvent = (function() {

                /**
                 * Properties of a MoneyEvent.
                 * @typedef {Object} tapgate.events.v1.MoneyEvent.$Properties
                 * @property {tapgate.events.v1.TopUpEvent.$Properties|null} [topUp] MoneyEvent topUp
                 * @property {tapgate.events.v1.PurchaseEvent.$Properties|null} [purchase] MoneyEvent purchase
                 * @property {tapgate.events.v1.RefundEvent.$Properties|null} [refund] MoneyEvent refund
                 * @property {tapgate.events.v1.TransferOutEvent.$Properties|null} [transferOut] MoneyEvent transferOut
                 * @property {tapgate.events.v1.TransferDoneEvent.$Properties|null} [transferDone] MoneyEvent transferDone
                 * @property {"topUp"|"purchase"|"refund"|"transferOut"|"transferDone"} [kind] MoneyEvent kind
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a MoneyEvent.
                 * @memberof tapgate.events.v1
                 * @interface IMoneyEvent
                 * @augments tapgate.events.v1.MoneyEvent.$Properties
                 * @deprecated Use tapgate.events.v1.MoneyEvent.$Properties instead.
                 */

                /**
                 * Narrowed shape of a MoneyEvent.
                 * @typedef {{
                 *   topUp?: tapgate.events.v1.TopUpEvent.$Shape|null;
                 *   purchase?: tapgate.events.v1.PurchaseEvent.$Shape|null;
                 *   refund?: tapgate.events.v1.RefundEvent.$Shape|null;
                 *   transferOut?: tapgate.events.v1.TransferOutEvent.$Shape|null;
                 *   transferDone?: tapgate.events.v1.TransferDoneEvent.$Shape|null;
                 *   $unknowns?: Array.<Uint8Array>;
                 * } & (
                 *   ({ kind?: undefined; topUp?: null; purchase?: null; refund?: null; transferOut?: null; transferDone?: null }|{ kind?: "topUp"; topUp: tapgate.events.v1.TopUpEvent.$Shape; purchase?: null; refund?: null; transferOut?: null; transferDone?: null }|{ kind?: "purchase"; topUp?: null; purchase: tapgate.events.v1.PurchaseEvent.$Shape; refund?: null; transferOut?: null; transferDone?: null }|{ kind?: "refund"; topUp?: null; purchase?: null; refund: tapgate.events.v1.RefundEvent.$Shape; transferOut?: null; transferDone?: null }|{ kind?: "transferOut"; topUp?: null; purchase?: null; refund?: null; transferOut: tapgate.events.v1.TransferOutEvent.$Shape; transferDone?: null }|{ kind?: "transferDone"; topUp?: null; purchase?: null; refund?: null; transferOut?: null; transferDone: tapgate.events.v1.TransferDoneEvent.$Shape })
                 * )} tapgate.events.v1.MoneyEvent.$Shape
                 */

                /**
                 * Constructs a new MoneyEvent.
                 * @memberof tapgate.events.v1
                 * @classdesc Represents a MoneyEvent.
                 * @constructor
                 * @param {tapgate.events.v1.MoneyEvent.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const MoneyEvent = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * MoneyEvent topUp.
                 * @member {tapgate.events.v1.TopUpEvent.$Properties|null|undefined} topUp
                 * @memberof tapgate.events.v1.MoneyEvent
                 * @instance
                 */
                MoneyEvent.prototype.topUp = null;

                /**
                 * MoneyEvent purchase.
                 * @member {tapgate.events.v1.PurchaseEvent.$Properties|null|undefined} purchase
                 * @memberof tapgate.events.v1.MoneyEvent
                 * @instance
                 */
                MoneyEvent.prototype.purchase = null;

                /**
                 * MoneyEvent refund.
                 * @member {tapgate.events.v1.RefundEvent.$Properties|null|undefined} refund
                 * @memberof tapgate.events.v1.MoneyEvent
                 * @instance
                 */
                MoneyEvent.prototype.refund = null;

                /**
                 * MoneyEvent transferOut.
                 * @member {tapgate.events.v1.TransferOutEvent.$Properties|null|undefined} transferOut
                 * @memberof tapgate.events.v1.MoneyEvent
                 * @instance
                 */
                MoneyEvent.prototype.transferOut = null;

                /**
                 * MoneyEvent transferDone.
                 * @member {tapgate.events.v1.TransferDoneEvent.$Properties|null|undefined} transferDone
                 * @memberof tapgate.events.v1.MoneyEvent
                 * @instance
                 */
                MoneyEvent.prototype.transferDone = null;

                // OneOf field names bound to virtual getters and setters
                let $oneOfFields;

                /**
                 * MoneyEvent kind.
                 * @member {"topUp"|"purchase"|"refund"|"transferOut"|"transferDone"|undefined} kind
                 * @memberof tapgate.events.v1.MoneyEvent
                 * @instance
                 */
                $Object.defineProperty(MoneyEvent.prototype, "kind", {
                    get: $util.oneOfGetter($oneOfFields = ["topUp", "purchase", "refund", "transferOut", "transferDone"]),
                    set: $util.oneOfSetter($oneOfFields)
                });

                /**
                 * Creates a new MoneyEvent instance using the specified properties.
                 * @function create
                 * @memberof tapgate.events.v1.MoneyEvent
                 * @static
                 * @param {tapgate.events.v1.MoneyEvent.$Properties=} [properties] Properties to set
                 * @returns {tapgate.events.v1.MoneyEvent} MoneyEvent instance
                 * @type {{
                 *   (properties: tapgate.events.v1.MoneyEvent.$Shape): tapgate.events.v1.MoneyEvent & tapgate.events.v1.MoneyEvent.$Shape;
                 *   (properties?: tapgate.events.v1.MoneyEvent.$Properties): tapgate.events.v1.MoneyEvent;
                 * }}
                 */
                MoneyEvent.create = function(properties) {
                    return new MoneyEvent(properties);
                };

                /**
                 * Encodes the specified MoneyEvent message. Does not implicitly {@link tapgate.events.v1.MoneyEvent.verify|verify} messages.
                 * @function encode
                 * @memberof tapgate.events.v1.MoneyEvent
                 * @static
                 * @param {tapgate.events.v1.MoneyEvent.$Properties} message MoneyEvent message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                MoneyEvent.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.topUp != null && $Object.hasOwnProperty.call(message, "topUp"))
                        $root.tapgate.events.v1.TopUpEvent.encode(message.topUp, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                    if (message.purchase != null && $Object.hasOwnProperty.call(message, "purchase"))
                        $root.tapgate.events.v1.PurchaseEvent.encode(message.purchase, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                    if (message.refund != null && $Object.hasOwnProperty.call(message, "refund"))
                        $root.tapgate.events.v1.RefundEvent.encode(message.refund, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                    if (message.transferOut != null && $Object.hasOwnProperty.call(message, "transferOut"))
                        $root.tapgate.events.v1.TransferOutEvent.encode(message.transferOut, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                    if (message.transferDone != null && $Object.hasOwnProperty.call(message, "transferDone"))
                        $root.tapgate.events.v1.TransferDoneEvent.encode(message.transferDone, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a MoneyEvent message from the specified reader or buffer.
                 * @function decode
                 * @memberof tapgate.events.v1.MoneyEvent
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tapgate.events.v1.MoneyEvent & tapgate.events.v1.MoneyEvent.$Shape} MoneyEvent
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                MoneyEvent.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tapgate.events.v1.MoneyEvent();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                message.topUp = $root.tapgate.events.v1.TopUpEvent.decode(reader, reader.size(), $undefined, _depth + 1, message.topUp);
                                message.kind = "topUp";
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                message.purchase = $root.tapgate.events.v1.PurchaseEvent.decode(reader, reader.size(), $undefined, _depth + 1, message.purchase);
                                message.kind = "purchase";
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                message.refund = $root.tapgate.events.v1.RefundEvent.decode(reader, reader.size(), $undefined, _depth + 1, message.refund);
                                message.kind = "refund";
                                continue;
                            }
                        case 4: {
                                if (wireType !== 2)
                                    break;
                                message.transferOut = $root.tapgate.events.v1.TransferOutEvent.decode(reader, reader.size(), $undefined, _depth + 1, message.transferOut);
                                message.kind = "transferOut";
                                continue;
                            }
                        case 5: {
                                if (wireType !== 2)
                                    break;
                                message.transferDone = $root.tapgate.events.v1.TransferDoneEvent.decode(reader, reader.size(), $undefined, _depth + 1, message.transferDone);
                                message.kind = "transferDone";
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a MoneyEvent message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof tapgate.events.v1.MoneyEvent
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {tapgate.events.v1.MoneyEvent} MoneyEvent
                 */
                MoneyEvent.fromObject = function (object, _depth) {
                    if (object instanceof $root.tapgate.events.v1.MoneyEvent)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".tapgate.events.v1.MoneyEvent: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.tapgate.events.v1.MoneyEvent();
                    if (object.topUp != null) {
                        if (!$util.isObject(object.topUp))
                            throw $TypeError(".tapgate.events.v1.MoneyEvent.topUp: object expected");
                        message.topUp = $root.tapgate.events.v1.TopUpEvent.fromObject(object.topUp, _depth + 1);
                    }
                    if (object.purchase != null) {
                        if (!$util.isObject(object.purchase))
                            throw $TypeError(".tapgate.events.v1.MoneyEvent.purchase: object expected");
                        message.purchase = $root.tapgate.events.v1.PurchaseEvent.fromObject(object.purchase, _depth + 1);
                    }
                    if (object.refund != null) {
                        if (!$util.isObject(object.refund))
                            throw $TypeError(".tapgate.events.v1.MoneyEvent.refund: object expected");
                        message.refund = $root.tapgate.events.v1.RefundEvent.fromObject(object.refund, _depth + 1);
                    }
                    if (object.transferOut != null) {
                        if (!$util.isObject(object.transferOut))
                            throw $TypeError(".tapgate.events.v1.MoneyEvent.transferOut: object expected");
                        message.transferOut = $root.tapgate.events.v1.TransferOutEvent.fromObject(object.transferOut, _depth + 1);
                    }
                    if (object.transferDone != null) {
                        if (!$util.isObject(object.transferDone))
                            throw $TypeError(".tapgate.events.v1.MoneyEvent.transferDone: object expected");
                        message.transferDone = $root.tapgate.events.v1.TransferDoneEvent.fromObject(object.transferDone, _depth + 1);
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a MoneyEvent message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof tapgate.events.v1.MoneyEvent
                 * @static
                 * @param {tapgate.events.v1.MoneyEvent} message MoneyEvent
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                MoneyEvent.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (message.topUp != null && $Object.hasOwnProperty.call(message, "topUp")) {
                        object.topUp = $root.tapgate.events.v1.TopUpEvent.toObject(message.topUp, options, _depth + 1);
                        if (options.oneofs)
                            object.kind = "topUp";
                    }
                    if (message.purchase != null && $Object.hasOwnProperty.call(message, "purchase")) {
                        object.purchase = $root.tapgate.events.v1.PurchaseEvent.toObject(message.purchase, options, _depth + 1);
                        if (options.oneofs)
                            object.kind = "purchase";
                    }
                    if (message.refund != null && $Object.hasOwnProperty.call(message, "refund")) {
                        object.refund = $root.tapgate.events.v1.RefundEvent.toObject(message.refund, options, _depth + 1);
                        if (options.oneofs)
                            object.kind = "refund";
                    }
                    if (message.transferOut != null && $Object.hasOwnProperty.call(message, "transferOut")) {
                        object.transferOut = $root.tapgate.events.v1.TransferOutEvent.toObject(message.transferOut, options, _depth + 1);
                        if (options.oneofs)
                            object.kind = "transferOut";
                    }
                    if (message.transferDone != null && $Object.hasOwnProperty.call(message, "transferDone")) {
                        object.transferDone = $root.tapgate.events.v1.TransferDoneEvent.toObject(message.transferDone, options, _depth + 1);
                        if (options.oneofs)
                            object.kind = "transferDone";
                    }
                    return object;
                };

                /**
                 * Converts this MoneyEvent to JSON.
                 * @function toJSON
                 * @memberof tapgate.events.v1.MoneyEvent
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                MoneyEvent.prototype.toJSON = function() {
                    return MoneyEvent.toObject(this, $protobuf.util.toJSONOptions);
                };

                return MoneyEvent;
            })();

            v1.TransferOutEvent = (function() {

                /**
                 * Properties of a TransferOutEvent.
                 * @typedef {Object} tapgate.events.v1.TransferOutEvent.$Properties
                 * @property {string|null} [transferId] TransferOutEvent transferId
                 * @property {string|null} [accountId] TransferOutEvent accountId
                 * @property {number|null} [amountKop] TransferOutEvent amountKop
                 * @property {string|null} [toShardId] TransferOutEvent toShardId
                 * @property {number|null} [appliedAtMs] TransferOutEvent appliedAtMs
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a TransferOutEvent.
                 * @memberof tapgate.events.v1
                 * @interface ITransferOutEvent
                 * @augments tapgate.events.v1.TransferOutEvent.$Properties
                 * @deprecated Use tapgate.events.v1.TransferOutEvent.$Properties instead.
                 */

                /**
                 * Shape of a TransferOutEvent.
                 * @typedef {tapgate.events.v1.TransferOutEvent.$Properties} tapgate.events.v1.TransferOutEvent.$Shape
                 */

                /**
                 * Constructs a new TransferOutEvent.
                 * @memberof tapgate.events.v1
                 * @classdesc Represents a TransferOutEvent.
                 * @constructor
                 * @param {tapgate.events.v1.TransferOutEvent.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const TransferOutEvent = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * TransferOutEvent transferId.
                 * @member {string} transferId
                 * @memberof tapgate.events.v1.TransferOutEvent
                 * @instance
                 */
                TransferOutEvent.prototype.transferId = "";

                /**
                 * TransferOutEvent accountId.
                 * @member {string} accountId
                 * @memberof tapgate.events.v1.TransferOutEvent
                 * @instance
                 */
                TransferOutEvent.prototype.accountId = "";

                /**
                 * TransferOutEvent amountKop.
                 * @member {number} amountKop
                 * @memberof tapgate.events.v1.TransferOutEvent
                 * @instance
                 */
                TransferOutEvent.prototype.amountKop = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * TransferOutEvent toShardId.
                 * @member {string} toShardId
                 * @memberof tapgate.events.v1.TransferOutEvent
                 * @instance
                 */
                TransferOutEvent.prototype.toShardId = "";

                /**
                 * TransferOutEvent appliedAtMs.
                 * @member {number} appliedAtMs
                 * @memberof tapgate.events.v1.TransferOutEvent
                 * @instance
                 */
                TransferOutEvent.prototype.appliedAtMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Creates a new TransferOutEvent instance using the specified properties.
                 * @function create
                 * @memberof tapgate.events.v1.TransferOutEvent
                 * @static
                 * @param {tapgate.events.v1.TransferOutEvent.$Properties=} [properties] Properties to set
                 * @returns {tapgate.events.v1.TransferOutEvent} TransferOutEvent instance
                 * @type {{
                 *   (properties: tapgate.events.v1.TransferOutEvent.$Shape): tapgate.events.v1.TransferOutEvent & tapgate.events.v1.TransferOutEvent.$Shape;
                 *   (properties?: tapgate.events.v1.TransferOutEvent.$Properties): tapgate.events.v1.TransferOutEvent;
                 * }}
                 */
                TransferOutEvent.create = function(properties) {
                    return new TransferOutEvent(properties);
                };

                /**
                 * Encodes the specified TransferOutEvent message. Does not implicitly {@link tapgate.events.v1.TransferOutEvent.verify|verify} messages.
                 * @function encode
                 * @memberof tapgate.events.v1.TransferOutEvent
                 * @static
                 * @param {tapgate.events.v1.TransferOutEvent.$Properties} message TransferOutEvent message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                TransferOutEvent.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.transferId != null && $Object.hasOwnProperty.call(message, "transferId") && message.transferId !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.transferId);
                    if (message.accountId != null && $Object.hasOwnProperty.call(message, "accountId") && message.accountId !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.accountId);
                    if (message.amountKop != null && $Object.hasOwnProperty.call(message, "amountKop") && (typeof message.amountKop === "object" ? message.amountKop.low || message.amountKop.high : message.amountKop !== 0))
                        writer.uint32(/* id 3, wireType 0 =*/24).int64(message.amountKop);
                    if (message.toShardId != null && $Object.hasOwnProperty.call(message, "toShardId") && message.toShardId !== "")
                        writer.uint32(/* id 4, wireType 2 =*/34).string(message.toShardId);
                    if (message.appliedAtMs != null && $Object.hasOwnProperty.call(message, "appliedAtMs") && (typeof message.appliedAtMs === "object" ? message.appliedAtMs.low || message.appliedAtMs.high : message.appliedAtMs !== 0))
                        writer.uint32(/* id 5, wireType 0 =*/40).uint64(message.appliedAtMs);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a TransferOutEvent message from the specified reader or buffer.
                 * @function decode
                 * @memberof tapgate.events.v1.TransferOutEvent
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tapgate.events.v1.TransferOutEvent & tapgate.events.v1.TransferOutEvent.$Shape} TransferOutEvent
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                TransferOutEvent.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tapgate.events.v1.TransferOutEvent();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.transferId = value;
                                else
                                    delete message.transferId;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.accountId = value;
                                else
                                    delete message.accountId;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.amountKop = value;
                                else
                                    delete message.amountKop;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.toShardId = value;
                                else
                                    delete message.toShardId;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.appliedAtMs = value;
                                else
                                    delete message.appliedAtMs;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a TransferOutEvent message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof tapgate.events.v1.TransferOutEvent
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {tapgate.events.v1.TransferOutEvent} TransferOutEvent
                 */
                TransferOutEvent.fromObject = function (object, _depth) {
                    if (object instanceof $root.tapgate.events.v1.TransferOutEvent)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".tapgate.events.v1.TransferOutEvent: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.tapgate.events.v1.TransferOutEvent();
                    if (object.transferId != null)
                        if (typeof object.transferId !== "string" || object.transferId.length)
                            message.transferId = $String(object.transferId);
                    if (object.accountId != null)
                        if (typeof object.accountId !== "string" || object.accountId.length)
                            message.accountId = $String(object.accountId);
                    if (object.amountKop != null)
                        if (typeof object.amountKop === "object" ? object.amountKop.low || object.amountKop.high : $Number(object.amountKop) !== 0)
                            if ($util.Long)
                                message.amountKop = $util.Long.fromValue(object.amountKop, false);
                            else if (typeof object.amountKop === "string")
                                message.amountKop = $parseInt(object.amountKop, 10);
                            else if (typeof object.amountKop === "number")
                                message.amountKop = object.amountKop;
                            else if (typeof object.amountKop === "object")
                                message.amountKop = new $util.LongBits(object.amountKop.low >>> 0, object.amountKop.high >>> 0).toNumber();
                    if (object.toShardId != null)
                        if (typeof object.toShardId !== "string" || object.toShardId.length)
                            message.toShardId = $String(object.toShardId);
                    if (object.appliedAtMs != null)
                        if (typeof object.appliedAtMs === "object" ? object.appliedAtMs.low || object.appliedAtMs.high : $Number(object.appliedAtMs) !== 0)
                            if ($util.Long)
                                message.appliedAtMs = $util.Long.fromValue(object.appliedAtMs, true);
                            else if (typeof object.appliedAtMs === "string")
                                message.appliedAtMs = $parseInt(object.appliedAtMs, 10);
                            else if (typeof object.appliedAtMs === "number")
                                message.appliedAtMs = object.appliedAtMs;
                            else if (typeof object.appliedAtMs === "object")
                                message.appliedAtMs = new $util.LongBits(object.appliedAtMs.low >>> 0, object.appliedAtMs.high >>> 0).toNumber(true);
                    return message;
                };

                /**
                 * Creates a plain object from a TransferOutEvent message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof tapgate.events.v1.TransferOutEvent
                 * @static
                 * @param {tapgate.events.v1.TransferOutEvent} message TransferOutEvent
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                TransferOutEvent.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.transferId = "";
                        object.accountId = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.amountKop = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.amountKop = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.toShardId = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.appliedAtMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.appliedAtMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    }
                    if (message.transferId != null && $Object.hasOwnProperty.call(message, "transferId"))
                        object.transferId = message.transferId;
                    if (message.accountId != null && $Object.hasOwnProperty.call(message, "accountId"))
                        object.accountId = message.accountId;
                    if (message.amountKop != null && $Object.hasOwnProperty.call(message, "amountKop"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.amountKop = typeof message.amountKop === "number" ? $BigInt(message.amountKop) : $util.Long.fromBits(message.amountKop.low >>> 0, message.amountKop.high >>> 0, false).toBigInt();
                        else if (typeof message.amountKop === "number")
                            object.amountKop = options.longs === $String ? $String(message.amountKop) : message.amountKop;
                        else
                            object.amountKop = options.longs === $String ? $util.Long.prototype.toString.call(message.amountKop) : options.longs === $Number ? new $util.LongBits(message.amountKop.low >>> 0, message.amountKop.high >>> 0).toNumber() : message.amountKop;
                    if (message.toShardId != null && $Object.hasOwnProperty.call(message, "toShardId"))
                        object.toShardId = message.toShardId;
                    if (message.appliedAtMs != null && $Object.hasOwnProperty.call(message, "appliedAtMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.appliedAtMs = typeof message.appliedAtMs === "number" ? $BigInt(message.appliedAtMs) : $util.Long.fromBits(message.appliedAtMs.low >>> 0, message.appliedAtMs.high >>> 0, true).toBigInt();
                        else if (typeof message.appliedAtMs === "number")
                            object.appliedAtMs = options.longs === $String ? $String(message.appliedAtMs) : message.appliedAtMs;
                        else
                            object.appliedAtMs = options.longs === $String ? $util.Long.prototype.toString.call(message.appliedAtMs) : options.longs === $Number ? new $util.LongBits(message.appliedAtMs.low >>> 0, message.appliedAtMs.high >>> 0).toNumber(true) : message.appliedAtMs;
                    return object;
                };

                /**
                 * Converts this TransferOutEvent to JSON.
                 * @function toJSON
                 * @memberof tapgate.events.v1.TransferOutEvent
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                TransferOutEvent.prototype.toJSON = function() {
                    return TransferOutEvent.toObject(this, $protobuf.util.toJSONOptions);
                };

                return TransferOutEvent;
            })();

            v1.TransferDoneEvent = (function() {

                /**
                 * Properties of a TransferDoneEvent.
                 * @typedef {Object} tapgate.events.v1.TransferDoneEvent.$Properties
                 * @property {string|null} [transferId] TransferDoneEvent transferId
                 * @property {number|null} [appliedAtMs] TransferDoneEvent appliedAtMs
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a TransferDoneEvent.
                 * @memberof tapgate.events.v1
                 * @interface ITransferDoneEvent
                 * @augments tapgate.events.v1.TransferDoneEvent.$Properties
                 * @deprecated Use tapgate.events.v1.TransferDoneEvent.$Properties instead.
                 */

                /**
                 * Shape of a TransferDoneEvent.
                 * @typedef {tapgate.events.v1.TransferDoneEvent.$Properties} tapgate.events.v1.TransferDoneEvent.$Shape
                 */

                /**
                 * Constructs a new TransferDoneEvent.
                 * @memberof tapgate.events.v1
                 * @classdesc Represents a TransferDoneEvent.
                 * @constructor
                 * @param {tapgate.events.v1.TransferDoneEvent.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const TransferDoneEvent = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * TransferDoneEvent transferId.
                 * @member {string} transferId
                 * @memberof tapgate.events.v1.TransferDoneEvent
                 * @instance
                 */
                TransferDoneEvent.prototype.transferId = "";

                /**
                 * TransferDoneEvent appliedAtMs.
                 * @member {number} appliedAtMs
                 * @memberof tapgate.events.v1.TransferDoneEvent
                 * @instance
                 */
                TransferDoneEvent.prototype.appliedAtMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * Creates a new TransferDoneEvent instance using the specified properties.
                 * @function create
                 * @memberof tapgate.events.v1.TransferDoneEvent
                 * @static
                 * @param {tapgate.events.v1.TransferDoneEvent.$Properties=} [properties] Properties to set
                 * @returns {tapgate.events.v1.TransferDoneEvent} TransferDoneEvent instance
                 * @type {{
                 *   (properties: tapgate.events.v1.TransferDoneEvent.$Shape): tapgate.events.v1.TransferDoneEvent & tapgate.events.v1.TransferDoneEvent.$Shape;
                 *   (properties?: tapgate.events.v1.TransferDoneEvent.$Properties): tapgate.events.v1.TransferDoneEvent;
                 * }}
                 */
                TransferDoneEvent.create = function(properties) {
                    return new TransferDoneEvent(properties);
                };

                /**
                 * Encodes the specified TransferDoneEvent message. Does not implicitly {@link tapgate.events.v1.TransferDoneEvent.verify|verify} messages.
                 * @function encode
                 * @memberof tapgate.events.v1.TransferDoneEvent
                 * @static
                 * @param {tapgate.events.v1.TransferDoneEvent.$Properties} message TransferDoneEvent message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                TransferDoneEvent.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.transferId != null && $Object.hasOwnProperty.call(message, "transferId") && message.transferId !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.transferId);
                    if (message.appliedAtMs != null && $Object.hasOwnProperty.call(message, "appliedAtMs") && (typeof message.appliedAtMs === "object" ? message.appliedAtMs.low || message.appliedAtMs.high : message.appliedAtMs !== 0))
                        writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.appliedAtMs);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a TransferDoneEvent message from the specified reader or buffer.
                 * @function decode
                 * @memberof tapgate.events.v1.TransferDoneEvent
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tapgate.events.v1.TransferDoneEvent & tapgate.events.v1.TransferDoneEvent.$Shape} TransferDoneEvent
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                TransferDoneEvent.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tapgate.events.v1.TransferDoneEvent();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.transferId = value;
                                else
                                    delete message.transferId;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.appliedAtMs = value;
                                else
                                    delete message.appliedAtMs;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a TransferDoneEvent message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof tapgate.events.v1.TransferDoneEvent
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {tapgate.events.v1.TransferDoneEvent} TransferDoneEvent
                 */
                TransferDoneEvent.fromObject = function (object, _depth) {
                    if (object instanceof $root.tapgate.events.v1.TransferDoneEvent)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".tapgate.events.v1.TransferDoneEvent: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.tapgate.events.v1.TransferDoneEvent();
                    if (object.transferId != null)
                        if (typeof object.transferId !== "string" || object.transferId.length)
                            message.transferId = $String(object.transferId);
                    if (object.appliedAtMs != null)
                        if (typeof object.appliedAtMs === "object" ? object.appliedAtMs.low || object.appliedAtMs.high : $Number(object.appliedAtMs) !== 0)
                            if ($util.Long)
                                message.appliedAtMs = $util.Long.fromValue(object.appliedAtMs, true);
                            else if (typeof object.appliedAtMs === "string")
                                message.appliedAtMs = $parseInt(object.appliedAtMs, 10);
                            else if (typeof object.appliedAtMs === "number")
                                message.appliedAtMs = object.appliedAtMs;
                            else if (typeof object.appliedAtMs === "object")
                                message.appliedAtMs = new $util.LongBits(object.appliedAtMs.low >>> 0, object.appliedAtMs.high >>> 0).toNumber(true);
                    return message;
                };

                /**
                 * Creates a plain object from a TransferDoneEvent message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof tapgate.events.v1.TransferDoneEvent
                 * @static
                 * @param {tapgate.events.v1.TransferDoneEvent} message TransferDoneEvent
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                TransferDoneEvent.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.transferId = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.appliedAtMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.appliedAtMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    }
                    if (message.transferId != null && $Object.hasOwnProperty.call(message, "transferId"))
                        object.transferId = message.transferId;
                    if (message.appliedAtMs != null && $Object.hasOwnProperty.call(message, "appliedAtMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.appliedAtMs = typeof message.appliedAtMs === "number" ? $BigInt(message.appliedAtMs) : $util.Long.fromBits(message.appliedAtMs.low >>> 0, message.appliedAtMs.high >>> 0, true).toBigInt();
                        else if (typeof message.appliedAtMs === "number")
                            object.appliedAtMs = options.longs === $String ? $String(message.appliedAtMs) : message.appliedAtMs;
                        else
                            object.appliedAtMs = options.longs === $String ? $util.Long.prototype.toString.call(message.appliedAtMs) : options.longs === $Number ? new $util.LongBits(message.appliedAtMs.low >>> 0, message.appliedAtMs.high >>> 0).toNumber(true) : message.appliedAtMs;
                    return object;
                };

                /**
                 * Converts this TransferDoneEvent to JSON.
                 * @function toJSON
                 * @memberof tapgate.events.v1.TransferDoneEvent
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                TransferDoneEvent.prototype.toJSON = function() {
                    return TransferDoneEvent.toObject(this, $protobuf.util.toJSONOptions);
                };

                return TransferDoneEvent;
            })();

            return v1;
        })();

        return events;
    })();

    tapgate.money = (function() {

        /**
         * Namespace money.
         * @memberof tapgate
         * @namespace
         */
        const money = {};

        money.v1 = (function() {

            /**
             * Namespace v1.
             * @memberof tapgate.money
             * @namespace
             */
            const v1 = {};

            v1.TopUpRequest = (function() {

                /**
                 * Properties of a TopUpRequest.
                 * @typedef {Object} tapgate.money.v1.TopUpRequest.$Properties
                 * @property {string|null} [paymentId] TopUpRequest paymentId
                 * @property {string|null} [accountNumber] TopUpRequest accountNumber
                 * @property {number|null} [amountKop] TopUpRequest amountKop
                 * @property {string|null} [channel] TopUpRequest channel
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a TopUpRequest.
                 * @memberof tapgate.money.v1
                 * @interface ITopUpRequest
                 * @augments tapgate.money.v1.TopUpRequest.$Properties
                 * @deprecated Use tapgate.money.v1.TopUpRequest.$Properties instead.
                 */

                /**
                 * Shape of a TopUpRequest.
                 * @typedef {tapgate.money.v1.TopUpRequest.$Properties} tapgate.money.v1.TopUpRequest.$Shape
                 */

                /**
                 * Constructs a new TopUpRequest.
                 * @memberof tapgate.money.v1
                 * @classdesc Represents a TopUpRequest.
                 * @constructor
                 * @param {tapgate.money.v1.TopUpRequest.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const TopUpRequest = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * TopUpRequest paymentId.
                 * @member {string} paymentId
                 * @memberof tapgate.money.v1.TopUpRequest
                 * @instance
                 */
                TopUpRequest.prototype.paymentId = "";

                /**
                 * TopUpRequest accountNumber.
                 * @member {string} accountNumber
                 * @memberof tapgate.money.v1.TopUpRequest
                 * @instance
                 */
                TopUpRequest.prototype.accountNumber = "";

                /**
                 * TopUpRequest amountKop.
                 * @member {number} amountKop
                 * @memberof tapgate.money.v1.TopUpRequest
                 * @instance
                 */
                TopUpRequest.prototype.amountKop = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * TopUpRequest channel.
                 * @member {string} channel
                 * @memberof tapgate.money.v1.TopUpRequest
                 * @instance
                 */
                TopUpRequest.prototype.channel = "";

                /**
                 * Creates a new TopUpRequest instance using the specified properties.
                 * @function create
                 * @memberof tapgate.money.v1.TopUpRequest
                 * @static
                 * @param {tapgate.money.v1.TopUpRequest.$Properties=} [properties] Properties to set
                 * @returns {tapgate.money.v1.TopUpRequest} TopUpRequest instance
                 * @type {{
                 *   (properties: tapgate.money.v1.TopUpRequest.$Shape): tapgate.money.v1.TopUpRequest & tapgate.money.v1.TopUpRequest.$Shape;
                 *   (properties?: tapgate.money.v1.TopUpRequest.$Properties): tapgate.money.v1.TopUpRequest;
                 * }}
                 */
                TopUpRequest.create = function(properties) {
                    return new TopUpRequest(properties);
                };

                /**
                 * Encodes the specified TopUpRequest message. Does not implicitly {@link tapgate.money.v1.TopUpRequest.verify|verify} messages.
                 * @function encode
                 * @memberof tapgate.money.v1.TopUpRequest
                 * @static
                 * @param {tapgate.money.v1.TopUpRequest.$Properties} message TopUpRequest message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                TopUpRequest.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.paymentId != null && $Object.hasOwnProperty.call(message, "paymentId") && message.paymentId !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.paymentId);
                    if (message.accountNumber != null && $Object.hasOwnProperty.call(message, "accountNumber") && message.accountNumber !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.accountNumber);
                    if (message.amountKop != null && $Object.hasOwnProperty.call(message, "amountKop") && (typeof message.amountKop === "object" ? message.amountKop.low || message.amountKop.high : message.amountKop !== 0))
                        writer.uint32(/* id 3, wireType 0 =*/24).int64(message.amountKop);
                    if (message.channel != null && $Object.hasOwnProperty.call(message, "channel") && message.channel !== "")
                        writer.uint32(/* id 4, wireType 2 =*/34).string(message.channel);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a TopUpRequest message from the specified reader or buffer.
                 * @function decode
                 * @memberof tapgate.money.v1.TopUpRequest
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tapgate.money.v1.TopUpRequest & tapgate.money.v1.TopUpRequest.$Shape} TopUpRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                TopUpRequest.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tapgate.money.v1.TopUpRequest();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.paymentId = value;
                                else
                                    delete message.paymentId;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.accountNumber = value;
                                else
                                    delete message.accountNumber;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.amountKop = value;
                                else
                                    delete message.amountKop;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.channel = value;
                                else
                                    delete message.channel;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a TopUpRequest message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof tapgate.money.v1.TopUpRequest
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {tapgate.money.v1.TopUpRequest} TopUpRequest
                 */
                TopUpRequest.fromObject = function (object, _depth) {
                    if (object instanceof $root.tapgate.money.v1.TopUpRequest)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".tapgate.money.v1.TopUpRequest: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.tapgate.money.v1.TopUpRequest();
                    if (object.paymentId != null)
                        if (typeof object.paymentId !== "string" || object.paymentId.length)
                            message.paymentId = $String(object.paymentId);
                    if (object.accountNumber != null)
                        if (typeof object.accountNumber !== "string" || object.accountNumber.length)
                            message.accountNumber = $String(object.accountNumber);
                    if (object.amountKop != null)
                        if (typeof object.amountKop === "object" ? object.amountKop.low || object.amountKop.high : $Number(object.amountKop) !== 0)
                            if ($util.Long)
                                message.amountKop = $util.Long.fromValue(object.amountKop, false);
                            else if (typeof object.amountKop === "string")
                                message.amountKop = $parseInt(object.amountKop, 10);
                            else if (typeof object.amountKop === "number")
                                message.amountKop = object.amountKop;
                            else if (typeof object.amountKop === "object")
                                message.amountKop = new $util.LongBits(object.amountKop.low >>> 0, object.amountKop.high >>> 0).toNumber();
                    if (object.channel != null)
                        if (typeof object.channel !== "string" || object.channel.length)
                            message.channel = $String(object.channel);
                    return message;
                };

                /**
                 * Creates a plain object from a TopUpRequest message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof tapgate.money.v1.TopUpRequest
                 * @static
                 * @param {tapgate.money.v1.TopUpRequest} message TopUpRequest
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                TopUpRequest.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.paymentId = "";
                        object.accountNumber = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.amountKop = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.amountKop = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.channel = "";
                    }
                    if (message.paymentId != null && $Object.hasOwnProperty.call(message, "paymentId"))
                        object.paymentId = message.paymentId;
                    if (message.accountNumber != null && $Object.hasOwnProperty.call(message, "accountNumber"))
                        object.accountNumber = message.accountNumber;
                    if (message.amountKop != null && $Object.hasOwnProperty.call(message, "amountKop"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.amountKop = typeof message.amountKop === "number" ? $BigInt(message.amountKop) : $util.Long.fromBits(message.amountKop.low >>> 0, message.amountKop.high >>> 0, false).toBigInt();
                        else if (typeof message.amountKop === "number")
                            object.amountKop = options.longs === $String ? $String(message.amountKop) : message.amountKop;
                        else
                            object.amountKop = options.longs === $String ? $util.Long.prototype.toString.call(message.amountKop) : options.longs === $Number ? new $util.LongBits(message.amountKop.low >>> 0, message.amountKop.high >>> 0).toNumber() : message.amountKop;
                    if (message.channel != null && $Object.hasOwnProperty.call(message, "channel"))
                        object.channel = message.channel;
                    return object;
                };

                /**
                 * Converts this TopUpRequest to JSON.
                 * @function toJSON
                 * @memberof tapgate.money.v1.TopUpRequest
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                TopUpRequest.prototype.toJSON = function() {
                    return TopUpRequest.toObject(this, $protobuf.util.toJSONOptions);
                };

                return TopUpRequest;
            })();

            /**
             * TopUpStatus enum.
             * @name tapgate.money.v1.TopUpStatus
             * @enum {number}
             * @property {number} TOP_UP_STATUS_UNSPECIFIED=0 TOP_UP_STATUS_UNSPECIFIED value
             * @property {number} TOP_UP_STATUS_APPLIED=1 TOP_UP_STATUS_APPLIED value
             * @property {number} TOP_UP_STATUS_DUPLICATE=2 TOP_UP_STATUS_DUPLICATE value
             * @property {number} TOP_UP_STATUS_REFUSED=3 TOP_UP_STATUS_REFUSED value
             */
            v1.TopUpStatus = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "TOP_UP_STATUS_UNSPECIFIED"] = 0;
                values[valuesById[1] = "TOP_UP_STATUS_APPLIED"] = 1;
                values[valuesById[2] = "TOP_UP_STATUS_DUPLICATE"] = 2;
                values[valuesById[3] = "TOP_UP_STATUS_REFUSED"] = 3;
                return values;
            })();

            /**
             * TopUpError enum.
             * @name tapgate.money.v1.TopUpError
             * @enum {number}
             * @property {number} TOP_UP_ERROR_UNSPECIFIED=0 TOP_UP_ERROR_UNSPECIFIED value
             * @property {number} TOP_UP_ERROR_INVALID_REQUEST=1 TOP_UP_ERROR_INVALID_REQUEST value
             * @property {number} TOP_UP_ERROR_INVALID_AMOUNT=2 TOP_UP_ERROR_INVALID_AMOUNT value
             * @property {number} TOP_UP_ERROR_UNKNOWN_ACCOUNT=3 TOP_UP_ERROR_UNKNOWN_ACCOUNT value
             * @property {number} TOP_UP_ERROR_CONFLICT=4 TOP_UP_ERROR_CONFLICT value
             * @property {number} TOP_UP_ERROR_UNAVAILABLE=5 TOP_UP_ERROR_UNAVAILABLE value
             */
            v1.TopUpError = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "TOP_UP_ERROR_UNSPECIFIED"] = 0;
                values[valuesById[1] = "TOP_UP_ERROR_INVALID_REQUEST"] = 1;
                values[valuesById[2] = "TOP_UP_ERROR_INVALID_AMOUNT"] = 2;
                values[valuesById[3] = "TOP_UP_ERROR_UNKNOWN_ACCOUNT"] = 3;
                values[valuesById[4] = "TOP_UP_ERROR_CONFLICT"] = 4;
                values[valuesById[5] = "TOP_UP_ERROR_UNAVAILABLE"] = 5;
                return values;
            })();

            v1.TopUpReply = (function() {

                /**
                 * Properties of a TopUpReply.
                 * @typedef {Object} tapgate.money.v1.TopUpReply.$Properties
                 * @property {tapgate.money.v1.TopUpStatus|null} [status] TopUpReply status
                 * @property {tapgate.money.v1.TopUpError|null} [error] TopUpReply error
                 * @property {string|null} [message] TopUpReply message
                 * @property {number|null} [balanceAfterKop] TopUpReply balanceAfterKop
                 * @property {number|null} [appliedAtMs] TopUpReply appliedAtMs
                 * @property {string|null} [accountId] TopUpReply accountId
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a TopUpReply.
                 * @memberof tapgate.money.v1
                 * @interface ITopUpReply
                 * @augments tapgate.money.v1.TopUpReply.$Properties
                 * @deprecated Use tapgate.money.v1.TopUpReply.$Properties instead.
                 */

                /**
                 * Shape of a TopUpReply.
                 * @typedef {tapgate.money.v1.TopUpReply.$Properties} tapgate.money.v1.TopUpReply.$Shape
                 */

                /**
                 * Constructs a new TopUpReply.
                 * @memberof tapgate.money.v1
                 * @classdesc Represents a TopUpReply.
                 * @constructor
                 * @param {tapgate.money.v1.TopUpReply.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const TopUpReply = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * TopUpReply status.
                 * @member {tapgate.money.v1.TopUpStatus} status
                 * @memberof tapgate.money.v1.TopUpReply
                 * @instance
                 */
                TopUpReply.prototype.status = 0;

                /**
                 * TopUpReply error.
                 * @member {tapgate.money.v1.TopUpError} error
                 * @memberof tapgate.money.v1.TopUpReply
                 * @instance
                 */
                TopUpReply.prototype.error = 0;

                /**
                 * TopUpReply message.
                 * @member {string} message
                 * @memberof tapgate.money.v1.TopUpReply
                 * @instance
                 */
                TopUpReply.prototype.message = "";

                /**
                 * TopUpReply balanceAfterKop.
                 * @member {number} balanceAfterKop
                 * @memberof tapgate.money.v1.TopUpReply
                 * @instance
                 */
                TopUpReply.prototype.balanceAfterKop = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * TopUpReply appliedAtMs.
                 * @member {number} appliedAtMs
                 * @memberof tapgate.money.v1.TopUpReply
                 * @instance
                 */
                TopUpReply.prototype.appliedAtMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * TopUpReply accountId.
                 * @member {string} accountId
                 * @memberof tapgate.money.v1.TopUpReply
                 * @instance
                 */
                TopUpReply.prototype.accountId = "";

                /**
                 * Creates a new TopUpReply instance using the specified properties.
                 * @function create
                 * @memberof tapgate.money.v1.TopUpReply
                 * @static
                 * @param {tapgate.money.v1.TopUpReply.$Properties=} [properties] Properties to set
                 * @returns {tapgate.money.v1.TopUpReply} TopUpReply instance
                 * @type {{
                 *   (properties: tapgate.money.v1.TopUpReply.$Shape): tapgate.money.v1.TopUpReply & tapgate.money.v1.TopUpReply.$Shape;
                 *   (properties?: tapgate.money.v1.TopUpReply.$Properties): tapgate.money.v1.TopUpReply;
                 * }}
                 */
                TopUpReply.create = function(properties) {
                    return new TopUpReply(properties);
                };

                /**
                 * Encodes the specified TopUpReply message. Does not implicitly {@link tapgate.money.v1.TopUpReply.verify|verify} messages.
                 * @function encode
                 * @memberof tapgate.money.v1.TopUpReply
                 * @static
                 * @param {tapgate.money.v1.TopUpReply.$Properties} message TopUpReply message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                TopUpReply.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.status != null && $Object.hasOwnProperty.call(message, "status") && message.status !== 0)
                        writer.uint32(/* id 1, wireType 0 =*/8).int32(message.status);
                    if (message.error != null && $Object.hasOwnProperty.call(message, "error") && message.error !== 0)
                        writer.uint32(/* id 2, wireType 0 =*/16).int32(message.error);
                    if (message.message != null && $Object.hasOwnProperty.call(message, "message") && message.message !== "")
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.message);
                    if (message.balanceAfterKop != null && $Object.hasOwnProperty.call(message, "balanceAfterKop") && (typeof message.balanceAfterKop === "object" ? message.balanceAfterKop.low || message.balanceAfterKop.high : message.balanceAfterKop !== 0))
                        writer.uint32(/* id 4, wireType 0 =*/32).int64(message.balanceAfterKop);
                    if (message.appliedAtMs != null && $Object.hasOwnProperty.call(message, "appliedAtMs") && (typeof message.appliedAtMs === "object" ? message.appliedAtMs.low || message.appliedAtMs.high : message.appliedAtMs !== 0))
                        writer.uint32(/* id 5, wireType 0 =*/40).uint64(message.appliedAtMs);
                    if (message.accountId != null && $Object.hasOwnProperty.call(message, "accountId") && message.accountId !== "")
                        writer.uint32(/* id 6, wireType 2 =*/50).string(message.accountId);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a TopUpReply message from the specified reader or buffer.
                 * @function decode
                 * @memberof tapgate.money.v1.TopUpReply
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tapgate.money.v1.TopUpReply & tapgate.money.v1.TopUpReply.$Shape} TopUpReply
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                TopUpReply.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tapgate.money.v1.TopUpReply();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.status = value;
                                else
                                    delete message.status;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.error = value;
                                else
                                    delete message.error;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.message = value;
                                else
                                    delete message.message;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.balanceAfterKop = value;
                                else
                                    delete message.balanceAfterKop;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.appliedAtMs = value;
                                else
                                    delete message.appliedAtMs;
                                continue;
                            }
                        case 6: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.accountId = value;
                                else
                                    delete message.accountId;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a TopUpReply message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof tapgate.money.v1.TopUpReply
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {tapgate.money.v1.TopUpReply} TopUpReply
                 */
                TopUpReply.fromObject = function (object, _depth) {
                    if (object instanceof $root.tapgate.money.v1.TopUpReply)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".tapgate.money.v1.TopUpReply: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.tapgate.money.v1.TopUpReply();
                    if (object.status !== 0 && (typeof object.status !== "string" || $root.tapgate.money.v1.TopUpStatus[object.status] !== 0))
                        switch (object.status) {
                        case "TOP_UP_STATUS_UNSPECIFIED":
                        case 0:
                            message.status = 0;
                            break;
                        case "TOP_UP_STATUS_APPLIED":
                        case 1:
                            message.status = 1;
                            break;
                        case "TOP_UP_STATUS_DUPLICATE":
                        case 2:
                            message.status = 2;
                            break;
                        case "TOP_UP_STATUS_REFUSED":
                        case 3:
                            message.status = 3;
                            break;
                        default:
                            if (typeof object.status === "number" && (object.status | 0) === object.status)
                                message.status = object.status;
                        }
                    if (object.error !== 0 && (typeof object.error !== "string" || $root.tapgate.money.v1.TopUpError[object.error] !== 0))
                        switch (object.error) {
                        case "TOP_UP_ERROR_UNSPECIFIED":
                        case 0:
                            message.error = 0;
                            break;
                        case "TOP_UP_ERROR_INVALID_REQUEST":
                        case 1:
                            message.error = 1;
                            break;
                        case "TOP_UP_ERROR_INVALID_AMOUNT":
                        case 2:
                            message.error = 2;
                            break;
                        case "TOP_UP_ERROR_UNKNOWN_ACCOUNT":
                        case 3:
                            message.error = 3;
                            break;
                        case "TOP_UP_ERROR_CONFLICT":
                        case 4:
                            message.error = 4;
                            break;
                        case "TOP_UP_ERROR_UNAVAILABLE":
                        case 5:
                            message.error = 5;
                            break;
                        default:
                            if (typeof object.error === "number" && (object.error | 0) === object.error)
                                message.error = object.error;
                        }
                    if (object.message != null)
                        if (typeof object.message !== "string" || object.message.length)
                            message.message = $String(object.message);
                    if (object.balanceAfterKop != null)
                        if (typeof object.balanceAfterKop === "object" ? object.balanceAfterKop.low || object.balanceAfterKop.high : $Number(object.balanceAfterKop) !== 0)
                            if ($util.Long)
                                message.balanceAfterKop = $util.Long.fromValue(object.balanceAfterKop, false);
                            else if (typeof object.balanceAfterKop === "string")
                                message.balanceAfterKop = $parseInt(object.balanceAfterKop, 10);
                            else if (typeof object.balanceAfterKop === "number")
                                message.balanceAfterKop = object.balanceAfterKop;
                            else if (typeof object.balanceAfterKop === "object")
                                message.balanceAfterKop = new $util.LongBits(object.balanceAfterKop.low >>> 0, object.balanceAfterKop.high >>> 0).toNumber();
                    if (object.appliedAtMs != null)
                        if (typeof object.appliedAtMs === "object" ? object.appliedAtMs.low || object.appliedAtMs.high : $Number(object.appliedAtMs) !== 0)
                            if ($util.Long)
                                message.appliedAtMs = $util.Long.fromValue(object.appliedAtMs, true);
                            else if (typeof object.appliedAtMs === "string")
                                message.appliedAtMs = $parseInt(object.appliedAtMs, 10);
                            else if (typeof object.appliedAtMs === "number")
                                message.appliedAtMs = object.appliedAtMs;
                            else if (typeof object.appliedAtMs === "object")
                                message.appliedAtMs = new $util.LongBits(object.appliedAtMs.low >>> 0, object.appliedAtMs.high >>> 0).toNumber(true);
                    if (object.accountId != null)
                        if (typeof object.accountId !== "string" || object.accountId.length)
                            message.accountId = $String(object.accountId);
                    return message;
                };

                /**
                 * Creates a plain object from a TopUpReply message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof tapgate.money.v1.TopUpReply
                 * @static
                 * @param {tapgate.money.v1.TopUpReply} message TopUpReply
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                TopUpReply.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.status = options.enums === $String ? "TOP_UP_STATUS_UNSPECIFIED" : 0;
                        object.error = options.enums === $String ? "TOP_UP_ERROR_UNSPECIFIED" : 0;
                        object.message = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.balanceAfterKop = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.balanceAfterKop = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.appliedAtMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.appliedAtMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.accountId = "";
                    }
                    if (message.status != null && $Object.hasOwnProperty.call(message, "status"))
                        object.status = options.enums === $String ? $root.tapgate.money.v1.TopUpStatus[message.status] === $undefined ? message.status : $root.tapgate.money.v1.TopUpStatus[message.status] : message.status;
                    if (message.error != null && $Object.hasOwnProperty.call(message, "error"))
                        object.error = options.enums === $String ? $root.tapgate.money.v1.TopUpError[message.error] === $undefined ? message.error : $root.tapgate.money.v1.TopUpError[message.error] : message.error;
                    if (message.message != null && $Object.hasOwnProperty.call(message, "message"))
                        object.message = message.message;
                    if (message.balanceAfterKop != null && $Object.hasOwnProperty.call(message, "balanceAfterKop"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.balanceAfterKop = typeof message.balanceAfterKop === "number" ? $BigInt(message.balanceAfterKop) : $util.Long.fromBits(message.balanceAfterKop.low >>> 0, message.balanceAfterKop.high >>> 0, false).toBigInt();
                        else if (typeof message.balanceAfterKop === "number")
                            object.balanceAfterKop = options.longs === $String ? $String(message.balanceAfterKop) : message.balanceAfterKop;
                        else
                            object.balanceAfterKop = options.longs === $String ? $util.Long.prototype.toString.call(message.balanceAfterKop) : options.longs === $Number ? new $util.LongBits(message.balanceAfterKop.low >>> 0, message.balanceAfterKop.high >>> 0).toNumber() : message.balanceAfterKop;
                    if (message.appliedAtMs != null && $Object.hasOwnProperty.call(message, "appliedAtMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.appliedAtMs = typeof message.appliedAtMs === "number" ? $BigInt(message.appliedAtMs) : $util.Long.fromBits(message.appliedAtMs.low >>> 0, message.appliedAtMs.high >>> 0, true).toBigInt();
                        else if (typeof message.appliedAtMs === "number")
                            object.appliedAtMs = options.longs === $String ? $String(message.appliedAtMs) : message.appliedAtMs;
                        else
                            object.appliedAtMs = options.longs === $String ? $util.Long.prototype.toString.call(message.appliedAtMs) : options.longs === $Number ? new $util.LongBits(message.appliedAtMs.low >>> 0, message.appliedAtMs.high >>> 0).toNumber(true) : message.appliedAtMs;
                    if (message.accountId != null && $Object.hasOwnProperty.call(message, "accountId"))
                        object.accountId = message.accountId;
                    return object;
                };

                /**
                 * Converts this TopUpReply to JSON.
                 * @function toJSON
                 * @memberof tapgate.money.v1.TopUpReply
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                TopUpReply.prototype.toJSON = function() {
                    return TopUpReply.toObject(this, $protobuf.util.toJSONOptions);
                };

                return TopUpReply;
            })();

            v1.RefundRequest = (function() {

                /**
                 * Properties of a RefundRequest.
                 * @typedef {Object} tapgate.money.v1.RefundRequest.$Properties
                 * @property {string|null} [refundId] RefundRequest refundId
                 * @property {string|null} [deviceId] RefundRequest deviceId
                 * @property {number|null} [seq] RefundRequest seq
                 * @property {string|null} [reason] RefundRequest reason
                 * @property {string|null} [operatorId] RefundRequest operatorId
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a RefundRequest.
                 * @memberof tapgate.money.v1
                 * @interface IRefundRequest
                 * @augments tapgate.money.v1.RefundRequest.$Properties
                 * @deprecated Use tapgate.money.v1.RefundRequest.$Properties instead.
                 */

                /**
                 * Shape of a RefundRequest.
                 * @typedef {tapgate.money.v1.RefundRequest.$Properties} tapgate.money.v1.RefundRequest.$Shape
                 */

                /**
                 * Constructs a new RefundRequest.
                 * @memberof tapgate.money.v1
                 * @classdesc Represents a RefundRequest.
                 * @constructor
                 * @param {tapgate.money.v1.RefundRequest.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const RefundRequest = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * RefundRequest refundId.
                 * @member {string} refundId
                 * @memberof tapgate.money.v1.RefundRequest
                 * @instance
                 */
                RefundRequest.prototype.refundId = "";

                /**
                 * RefundRequest deviceId.
                 * @member {string} deviceId
                 * @memberof tapgate.money.v1.RefundRequest
                 * @instance
                 */
                RefundRequest.prototype.deviceId = "";

                /**
                 * RefundRequest seq.
                 * @member {number} seq
                 * @memberof tapgate.money.v1.RefundRequest
                 * @instance
                 */
                RefundRequest.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * RefundRequest reason.
                 * @member {string} reason
                 * @memberof tapgate.money.v1.RefundRequest
                 * @instance
                 */
                RefundRequest.prototype.reason = "";

                /**
                 * RefundRequest operatorId.
                 * @member {string} operatorId
                 * @memberof tapgate.money.v1.RefundRequest
                 * @instance
                 */
                RefundRequest.prototype.operatorId = "";

                /**
                 * Creates a new RefundRequest instance using the specified properties.
                 * @function create
                 * @memberof tapgate.money.v1.RefundRequest
                 * @static
                 * @param {tapgate.money.v1.RefundRequest.$Properties=} [properties] Properties to set
                 * @returns {tapgate.money.v1.RefundRequest} RefundRequest instance
                 * @type {{
                 *   (properties: tapgate.money.v1.RefundRequest.$Shape): tapgate.money.v1.RefundRequest & tapgate.money.v1.RefundRequest.$Shape;
                 *   (properties?: tapgate.money.v1.RefundRequest.$Properties): tapgate.money.v1.RefundRequest;
                 * }}
                 */
                RefundRequest.create = function(properties) {
                    return new RefundRequest(properties);
                };

                /**
                 * Encodes the specified RefundRequest message. Does not implicitly {@link tapgate.money.v1.RefundRequest.verify|verify} messages.
                 * @function encode
                 * @memberof tapgate.money.v1.RefundRequest
                 * @static
                 * @param {tapgate.money.v1.RefundRequest.$Properties} message RefundRequest message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                RefundRequest.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.refundId != null && $Object.hasOwnProperty.call(message, "refundId") && message.refundId !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.refundId);
                    if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId") && message.deviceId !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.deviceId);
                    if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && (typeof message.seq === "object" ? message.seq.low || message.seq.high : message.seq !== 0))
                        writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.seq);
                    if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== "")
                        writer.uint32(/* id 4, wireType 2 =*/34).string(message.reason);
                    if (message.operatorId != null && $Object.hasOwnProperty.call(message, "operatorId") && message.operatorId !== "")
                        writer.uint32(/* id 5, wireType 2 =*/42).string(message.operatorId);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a RefundRequest message from the specified reader or buffer.
                 * @function decode
                 * @memberof tapgate.money.v1.RefundRequest
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tapgate.money.v1.RefundRequest & tapgate.money.v1.RefundRequest.$Shape} RefundRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                RefundRequest.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tapgate.money.v1.RefundRequest();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.refundId = value;
                                else
                                    delete message.refundId;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.deviceId = value;
                                else
                                    delete message.deviceId;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.seq = value;
                                else
                                    delete message.seq;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.reason = value;
                                else
                                    delete message.reason;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.operatorId = value;
                                else
                                    delete message.operatorId;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a RefundRequest message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof tapgate.money.v1.RefundRequest
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {tapgate.money.v1.RefundRequest} RefundRequest
                 */
                RefundRequest.fromObject = function (object, _depth) {
                    if (object instanceof $root.tapgate.money.v1.RefundRequest)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".tapgate.money.v1.RefundRequest: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.tapgate.money.v1.RefundRequest();
                    if (object.refundId != null)
                        if (typeof object.refundId !== "string" || object.refundId.length)
                            message.refundId = $String(object.refundId);
                    if (object.deviceId != null)
                        if (typeof object.deviceId !== "string" || object.deviceId.length)
                            message.deviceId = $String(object.deviceId);
                    if (object.seq != null)
                        if (typeof object.seq === "object" ? object.seq.low || object.seq.high : $Number(object.seq) !== 0)
                            if ($util.Long)
                                message.seq = $util.Long.fromValue(object.seq, true);
                            else if (typeof object.seq === "string")
                                message.seq = $parseInt(object.seq, 10);
                            else if (typeof object.seq === "number")
                                message.seq = object.seq;
                            else if (typeof object.seq === "object")
                                message.seq = new $util.LongBits(object.seq.low >>> 0, object.seq.high >>> 0).toNumber(true);
                    if (object.reason != null)
                        if (typeof object.reason !== "string" || object.reason.length)
                            message.reason = $String(object.reason);
                    if (object.operatorId != null)
                        if (typeof object.operatorId !== "string" || object.operatorId.length)
                            message.operatorId = $String(object.operatorId);
                    return message;
                };

                /**
                 * Creates a plain object from a RefundRequest message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof tapgate.money.v1.RefundRequest
                 * @static
                 * @param {tapgate.money.v1.RefundRequest} message RefundRequest
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                RefundRequest.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.refundId = "";
                        object.deviceId = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.seq = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.seq = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.reason = "";
                        object.operatorId = "";
                    }
                    if (message.refundId != null && $Object.hasOwnProperty.call(message, "refundId"))
                        object.refundId = message.refundId;
                    if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId"))
                        object.deviceId = message.deviceId;
                    if (message.seq != null && $Object.hasOwnProperty.call(message, "seq"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.seq = typeof message.seq === "number" ? $BigInt(message.seq) : $util.Long.fromBits(message.seq.low >>> 0, message.seq.high >>> 0, true).toBigInt();
                        else if (typeof message.seq === "number")
                            object.seq = options.longs === $String ? $String(message.seq) : message.seq;
                        else
                            object.seq = options.longs === $String ? $util.Long.prototype.toString.call(message.seq) : options.longs === $Number ? new $util.LongBits(message.seq.low >>> 0, message.seq.high >>> 0).toNumber(true) : message.seq;
                    if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                        object.reason = message.reason;
                    if (message.operatorId != null && $Object.hasOwnProperty.call(message, "operatorId"))
                        object.operatorId = message.operatorId;
                    return object;
                };

                /**
                 * Converts this RefundRequest to JSON.
                 * @function toJSON
                 * @memberof tapgate.money.v1.RefundRequest
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                RefundRequest.prototype.toJSON = function() {
                    return RefundRequest.toObject(this, $protobuf.util.toJSONOptions);
                };

                return RefundRequest;
            })();

            /**
             * RefundStatus enum.
             * @name tapgate.money.v1.RefundStatus
             * @enum {number}
             * @property {number} REFUND_STATUS_UNSPECIFIED=0 REFUND_STATUS_UNSPECIFIED value
             * @property {number} REFUND_STATUS_APPLIED=1 REFUND_STATUS_APPLIED value
             * @property {number} REFUND_STATUS_DUPLICATE=2 REFUND_STATUS_DUPLICATE value
             * @property {number} REFUND_STATUS_REFUSED=3 REFUND_STATUS_REFUSED value
             */
            v1.RefundStatus = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "REFUND_STATUS_UNSPECIFIED"] = 0;
                values[valuesById[1] = "REFUND_STATUS_APPLIED"] = 1;
                values[valuesById[2] = "REFUND_STATUS_DUPLICATE"] = 2;
                values[valuesById[3] = "REFUND_STATUS_REFUSED"] = 3;
                return values;
            })();

            /**
             * RefundError enum.
             * @name tapgate.money.v1.RefundError
             * @enum {number}
             * @property {number} REFUND_ERROR_UNSPECIFIED=0 REFUND_ERROR_UNSPECIFIED value
             * @property {number} REFUND_ERROR_INVALID_REQUEST=1 REFUND_ERROR_INVALID_REQUEST value
             * @property {number} REFUND_ERROR_UNKNOWN_PURCHASE=2 REFUND_ERROR_UNKNOWN_PURCHASE value
             * @property {number} REFUND_ERROR_ALREADY_REFUNDED=3 REFUND_ERROR_ALREADY_REFUNDED value
             * @property {number} REFUND_ERROR_CONFLICT=4 REFUND_ERROR_CONFLICT value
             * @property {number} REFUND_ERROR_UNAVAILABLE=5 REFUND_ERROR_UNAVAILABLE value
             */
            v1.RefundError = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "REFUND_ERROR_UNSPECIFIED"] = 0;
                values[valuesById[1] = "REFUND_ERROR_INVALID_REQUEST"] = 1;
                values[valuesById[2] = "REFUND_ERROR_UNKNOWN_PURCHASE"] = 2;
                values[valuesById[3] = "REFUND_ERROR_ALREADY_REFUNDED"] = 3;
                values[valuesById[4] = "REFUND_ERROR_CONFLICT"] = 4;
                values[valuesById[5] = "REFUND_ERROR_UNAVAILABLE"] = 5;
                return values;
            })();

            v1.RefundReply = (function() {

                /**
                 * Properties of a RefundReply.
                 * @typedef {Object} tapgate.money.v1.RefundReply.$Properties
                 * @property {tapgate.money.v1.RefundStatus|null} [status] RefundReply status
                 * @property {tapgate.money.v1.RefundError|null} [error] RefundReply error
                 * @property {string|null} [message] RefundReply message
                 * @property {number|null} [amountKop] RefundReply amountKop
                 * @property {number|null} [balanceAfterKop] RefundReply balanceAfterKop
                 * @property {number|null} [appliedAtMs] RefundReply appliedAtMs
                 * @property {string|null} [accountId] RefundReply accountId
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a RefundReply.
                 * @memberof tapgate.money.v1
                 * @interface IRefundReply
                 * @augments tapgate.money.v1.RefundReply.$Properties
                 * @deprecated Use tapgate.money.v1.RefundReply.$Properties instead.
                 */

                /**
                 * Shape of a RefundReply.
                 * @typedef {tapgate.money.v1.RefundReply.$Properties} tapgate.money.v1.RefundReply.$Shape
                 */

                /**
                 * Constructs a new RefundReply.
                 * @memberof tapgate.money.v1
                 * @classdesc Represents a RefundReply.
                 * @constructor
                 * @param {tapgate.money.v1.RefundReply.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const RefundReply = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * RefundReply status.
                 * @member {tapgate.money.v1.RefundStatus} status
                 * @memberof tapgate.money.v1.RefundReply
                 * @instance
                 */
                RefundReply.prototype.status = 0;

                /**
                 * RefundReply error.
                 * @member {tapgate.money.v1.RefundError} error
                 * @memberof tapgate.money.v1.RefundReply
                 * @instance
                 */
                RefundReply.prototype.error = 0;

                /**
                 * RefundReply message.
                 * @member {string} message
                 * @memberof tapgate.money.v1.RefundReply
                 * @instance
                 */
                RefundReply.prototype.message = "";

                /**
                 * RefundReply amountKop.
                 * @member {number} amountKop
                 * @memberof tapgate.money.v1.RefundReply
                 * @instance
                 */
                RefundReply.prototype.amountKop = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * RefundReply balanceAfterKop.
                 * @member {number} balanceAfterKop
                 * @memberof tapgate.money.v1.RefundReply
                 * @instance
                 */
                RefundReply.prototype.balanceAfterKop = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * RefundReply appliedAtMs.
                 * @member {number} appliedAtMs
                 * @memberof tapgate.money.v1.RefundReply
                 * @instance
                 */
                RefundReply.prototype.appliedAtMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * RefundReply accountId.
                 * @member {string} accountId
                 * @memberof tapgate.money.v1.RefundReply
                 * @instance
                 */
                RefundReply.prototype.accountId = "";

                /**
                 * Creates a new RefundReply instance using the specified properties.
                 * @function create
                 * @memberof tapgate.money.v1.RefundReply
                 * @static
                 * @param {tapgate.money.v1.RefundReply.$Properties=} [properties] Properties to set
                 * @returns {tapgate.money.v1.RefundReply} RefundReply instance
                 * @type {{
                 *   (properties: tapgate.money.v1.RefundReply.$Shape): tapgate.money.v1.RefundReply & tapgate.money.v1.RefundReply.$Shape;
                 *   (properties?: tapgate.money.v1.RefundReply.$Properties): tapgate.money.v1.RefundReply;
                 * }}
                 */
                RefundReply.create = function(properties) {
                    return new RefundReply(properties);
                };

                /**
                 * Encodes the specified RefundReply message. Does not implicitly {@link tapgate.money.v1.RefundReply.verify|verify} messages.
                 * @function encode
                 * @memberof tapgate.money.v1.RefundReply
                 * @static
                 * @param {tapgate.money.v1.RefundReply.$Properties} message RefundReply message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                RefundReply.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.status != null && $Object.hasOwnProperty.call(message, "status") && message.status !== 0)
                        writer.uint32(/* id 1, wireType 0 =*/8).int32(message.status);
                    if (message.error != null && $Object.hasOwnProperty.call(message, "error") && message.error !== 0)
                        writer.uint32(/* id 2, wireType 0 =*/16).int32(message.error);
                    if (message.message != null && $Object.hasOwnProperty.call(message, "message") && message.message !== "")
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.message);
                    if (message.amountKop != null && $Object.hasOwnProperty.call(message, "amountKop") && (typeof message.amountKop === "object" ? message.amountKop.low || message.amountKop.high : message.amountKop !== 0))
                        writer.uint32(/* id 4, wireType 0 =*/32).int64(message.amountKop);
                    if (message.balanceAfterKop != null && $Object.hasOwnProperty.call(message, "balanceAfterKop") && (typeof message.balanceAfterKop === "object" ? message.balanceAfterKop.low || message.balanceAfterKop.high : message.balanceAfterKop !== 0))
                        writer.uint32(/* id 5, wireType 0 =*/40).int64(message.balanceAfterKop);
                    if (message.appliedAtMs != null && $Object.hasOwnProperty.call(message, "appliedAtMs") && (typeof message.appliedAtMs === "object" ? message.appliedAtMs.low || message.appliedAtMs.high : message.appliedAtMs !== 0))
                        writer.uint32(/* id 6, wireType 0 =*/48).uint64(message.appliedAtMs);
                    if (message.accountId != null && $Object.hasOwnProperty.call(message, "accountId") && message.accountId !== "")
                        writer.uint32(/* id 7, wireType 2 =*/58).string(message.accountId);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a RefundReply message from the specified reader or buffer.
                 * @function decode
                 * @memberof tapgate.money.v1.RefundReply
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tapgate.money.v1.RefundReply & tapgate.money.v1.RefundReply.$Shape} RefundReply
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                RefundReply.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tapgate.money.v1.RefundReply();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.status = value;
                                else
                                    delete message.status;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.int32())
                                    message.error = value;
                                else
                                    delete message.error;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.message = value;
                                else
                                    delete message.message;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.amountKop = value;
                                else
                                    delete message.amountKop;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.balanceAfterKop = value;
                                else
                                    delete message.balanceAfterKop;
                                continue;
                            }
                        case 6: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.appliedAtMs = value;
                                else
                                    delete message.appliedAtMs;
                                continue;
                            }
                        case 7: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.accountId = value;
                                else
                                    delete message.accountId;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a RefundReply message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof tapgate.money.v1.RefundReply
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {tapgate.money.v1.RefundReply} RefundReply
                 */
                RefundReply.fromObject = function (object, _depth) {
                    if (object instanceof $root.tapgate.money.v1.RefundReply)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".tapgate.money.v1.RefundReply: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.tapgate.money.v1.RefundReply();
                    if (object.status !== 0 && (typeof object.status !== "string" || $root.tapgate.money.v1.RefundStatus[object.status] !== 0))
                        switch (object.status) {
                        case "REFUND_STATUS_UNSPECIFIED":
                        case 0:
                            message.status = 0;
                            break;
                        case "REFUND_STATUS_APPLIED":
                        case 1:
                            message.status = 1;
                            break;
                        case "REFUND_STATUS_DUPLICATE":
                        case 2:
                            message.status = 2;
                            break;
                        case "REFUND_STATUS_REFUSED":
                        case 3:
                            message.status = 3;
                            break;
                        default:
                            if (typeof object.status === "number" && (object.status | 0) === object.status)
                                message.status = object.status;
                        }
                    if (object.error !== 0 && (typeof object.error !== "string" || $root.tapgate.money.v1.RefundError[object.error] !== 0))
                        switch (object.error) {
                        case "REFUND_ERROR_UNSPECIFIED":
                        case 0:
                            message.error = 0;
                            break;
                        case "REFUND_ERROR_INVALID_REQUEST":
                        case 1:
                            message.error = 1;
                            break;
                        case "REFUND_ERROR_UNKNOWN_PURCHASE":
                        case 2:
                            message.error = 2;
                            break;
                        case "REFUND_ERROR_ALREADY_REFUNDED":
                        case 3:
                            message.error = 3;
                            break;
                        case "REFUND_ERROR_CONFLICT":
                        case 4:
                            message.error = 4;
                            break;
                        case "REFUND_ERROR_UNAVAILABLE":
                        case 5:
                            message.error = 5;
                            break;
                        default:
                            if (typeof object.error === "number" && (object.error | 0) === object.error)
                                message.error = object.error;
                        }
                    if (object.message != null)
                        if (typeof object.message !== "string" || object.message.length)
                            message.message = $String(object.message);
                    if (object.amountKop != null)
                        if (typeof object.amountKop === "object" ? object.amountKop.low || object.amountKop.high : $Number(object.amountKop) !== 0)
                            if ($util.Long)
                                message.amountKop = $util.Long.fromValue(object.amountKop, false);
                            else if (typeof object.amountKop === "string")
                                message.amountKop = $parseInt(object.amountKop, 10);
                            else if (typeof object.amountKop === "number")
                                message.amountKop = object.amountKop;
                            else if (typeof object.amountKop === "object")
                                message.amountKop = new $util.LongBits(object.amountKop.low >>> 0, object.amountKop.high >>> 0).toNumber();
                    if (object.balanceAfterKop != null)
                        if (typeof object.balanceAfterKop === "object" ? object.balanceAfterKop.low || object.balanceAfterKop.high : $Number(object.balanceAfterKop) !== 0)
                            if ($util.Long)
                                message.balanceAfterKop = $util.Long.fromValue(object.balanceAfterKop, false);
                            else if (typeof object.balanceAfterKop === "string")
                                message.balanceAfterKop = $parseInt(object.balanceAfterKop, 10);
                            else if (typeof object.balanceAfterKop === "number")
                                message.balanceAfterKop = object.balanceAfterKop;
                            else if (typeof object.balanceAfterKop === "object")
                                message.balanceAfterKop = new $util.LongBits(object.balanceAfterKop.low >>> 0, object.balanceAfterKop.high >>> 0).toNumber();
                    if (object.appliedAtMs != null)
                        if (typeof object.appliedAtMs === "object" ? object.appliedAtMs.low || object.appliedAtMs.high : $Number(object.appliedAtMs) !== 0)
                            if ($util.Long)
                                message.appliedAtMs = $util.Long.fromValue(object.appliedAtMs, true);
                            else if (typeof object.appliedAtMs === "string")
                                message.appliedAtMs = $parseInt(object.appliedAtMs, 10);
                            else if (typeof object.appliedAtMs === "number")
                                message.appliedAtMs = object.appliedAtMs;
                            else if (typeof object.appliedAtMs === "object")
                                message.appliedAtMs = new $util.LongBits(object.appliedAtMs.low >>> 0, object.appliedAtMs.high >>> 0).toNumber(true);
                    if (object.accountId != null)
                        if (typeof object.accountId !== "string" || object.accountId.length)
                            message.accountId = $String(object.accountId);
                    return message;
                };

                /**
                 * Creates a plain object from a RefundReply message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof tapgate.money.v1.RefundReply
                 * @static
                 * @param {tapgate.money.v1.RefundReply} message RefundReply
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                RefundReply.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.status = options.enums === $String ? "REFUND_STATUS_UNSPECIFIED" : 0;
                        object.error = options.enums === $String ? "REFUND_ERROR_UNSPECIFIED" : 0;
                        object.message = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.amountKop = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.amountKop = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.balanceAfterKop = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.balanceAfterKop = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.appliedAtMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.appliedAtMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.accountId = "";
                    }
                    if (message.status != null && $Object.hasOwnProperty.call(message, "status"))
                        object.status = options.enums === $String ? $root.tapgate.money.v1.RefundStatus[message.status] === $undefined ? message.status : $root.tapgate.money.v1.RefundStatus[message.status] : message.status;
                    if (message.error != null && $Object.hasOwnProperty.call(message, "error"))
                        object.error = options.enums === $String ? $root.tapgate.money.v1.RefundError[message.error] === $undefined ? message.error : $root.tapgate.money.v1.RefundError[message.error] : message.error;
                    if (message.message != null && $Object.hasOwnProperty.call(message, "message"))
                        object.message = message.message;
                    if (message.amountKop != null && $Object.hasOwnProperty.call(message, "amountKop"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.amountKop = typeof message.amountKop === "number" ? $BigInt(message.amountKop) : $util.Long.fromBits(message.amountKop.low >>> 0, message.amountKop.high >>> 0, false).toBigInt();
                        else if (typeof message.amountKop === "number")
                            object.amountKop = options.longs === $String ? $String(message.amountKop) : message.amountKop;
                        else
                            object.amountKop = options.longs === $String ? $util.Long.prototype.toString.call(message.amountKop) : options.longs === $Number ? new $util.LongBits(message.amountKop.low >>> 0, message.amountKop.high >>> 0).toNumber() : message.amountKop;
                    if (message.balanceAfterKop != null && $Object.hasOwnProperty.call(message, "balanceAfterKop"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.balanceAfterKop = typeof message.balanceAfterKop === "number" ? $BigInt(message.balanceAfterKop) : $util.Long.fromBits(message.balanceAfterKop.low >>> 0, message.balanceAfterKop.high >>> 0, false).toBigInt();
                        else if (typeof message.balanceAfterKop === "number")
                            object.balanceAfterKop = options.longs === $String ? $String(message.balanceAfterKop) : message.balanceAfterKop;
                        else
                            object.balanceAfterKop = options.longs === $String ? $util.Long.prototype.toString.call(message.balanceAfterKop) : options.longs === $Number ? new $util.LongBits(message.balanceAfterKop.low >>> 0, message.balanceAfterKop.high >>> 0).toNumber() : message.balanceAfterKop;
                    if (message.appliedAtMs != null && $Object.hasOwnProperty.call(message, "appliedAtMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.appliedAtMs = typeof message.appliedAtMs === "number" ? $BigInt(message.appliedAtMs) : $util.Long.fromBits(message.appliedAtMs.low >>> 0, message.appliedAtMs.high >>> 0, true).toBigInt();
                        else if (typeof message.appliedAtMs === "number")
                            object.appliedAtMs = options.longs === $String ? $String(message.appliedAtMs) : message.appliedAtMs;
                        else
                            object.appliedAtMs = options.longs === $String ? $util.Long.prototype.toString.call(message.appliedAtMs) : options.longs === $Number ? new $util.LongBits(message.appliedAtMs.low >>> 0, message.appliedAtMs.high >>> 0).toNumber(true) : message.appliedAtMs;
                    if (message.accountId != null && $Object.hasOwnProperty.call(message, "accountId"))
                        object.accountId = message.accountId;
                    return object;
                };

                /**
                 * Converts this RefundReply to JSON.
                 * @function toJSON
                 * @memberof tapgate.money.v1.RefundReply
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                RefundReply.prototype.toJSON = function() {
                    return RefundReply.toObject(this, $protobuf.util.toJSONOptions);
                };

                return RefundReply;
            })();

            return v1;
        })();

        return money;
    })();

    tapgate.shard = (function() {

        /**
         * Namespace shard.
         * @memberof tapgate
         * @namespace
         */
        const shard = {};

        shard.v1 = (function() {

            /**
             * Namespace v1.
             * @memberof tapgate.shard
             * @namespace
             */
            const v1 = {};

            v1.BalancesRequest = (function() {

                /**
                 * Properties of a BalancesRequest.
                 * @typedef {Object} tapgate.shard.v1.BalancesRequest.$Properties
                 * @property {Array.<string>|null} [accountIds] BalancesRequest accountIds
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a BalancesRequest.
                 * @memberof tapgate.shard.v1
                 * @interface IBalancesRequest
                 * @augments tapgate.shard.v1.BalancesRequest.$Properties
                 * @deprecated Use tapgate.shard.v1.BalancesRequest.$Properties instead.
                 */

                /**
                 * Shape of a BalancesRequest.
                 * @typedef {tapgate.shard.v1.BalancesRequest.$Properties} tapgate.shard.v1.BalancesRequest.$Shape
                 */

                /**
                 * Constructs a new BalancesRequest.
                 * @memberof tapgate.shard.v1
                 * @classdesc Represents a BalancesRequest.
                 * @constructor
                 * @param {tapgate.shard.v1.BalancesRequest.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const BalancesRequest = function (properties) {
                    this.accountIds = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * BalancesRequest accountIds.
                 * @member {Array.<string>} accountIds
                 * @memberof tapgate.shard.v1.BalancesRequest
                 * @instance
                 */
                BalancesRequest.prototype.accountIds = $util.emptyArray;

                /**
                 * Creates a new BalancesRequest instance using the specified properties.
                 * @function create
                 * @memberof tapgate.shard.v1.BalancesRequest
                 * @static
                 * @param {tapgate.shard.v1.BalancesRequest.$Properties=} [properties] Properties to set
                 * @returns {tapgate.shard.v1.BalancesRequest} BalancesRequest instance
                 * @type {{
                 *   (properties: tapgate.shard.v1.BalancesRequest.$Shape): tapgate.shard.v1.BalancesRequest & tapgate.shard.v1.BalancesRequest.$Shape;
                 *   (properties?: tapgate.shard.v1.BalancesRequest.$Properties): tapgate.shard.v1.BalancesRequest;
                 * }}
                 */
                BalancesRequest.create = function(properties) {
                    return new BalancesRequest(properties);
                };

                /**
                 * Encodes the specified BalancesRequest message. Does not implicitly {@link tapgate.shard.v1.BalancesRequest.verify|verify} messages.
                 * @function encode
                 * @memberof tapgate.shard.v1.BalancesRequest
                 * @static
                 * @param {tapgate.shard.v1.BalancesRequest.$Properties} message BalancesRequest message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                BalancesRequest.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.accountIds != null && message.accountIds.length)
                        for (let i = 0; i < message.accountIds.length; ++i)
                            writer.uint32(/* id 1, wireType 2 =*/10).string(message.accountIds[i]);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a BalancesRequest message from the specified reader or buffer.
                 * @function decode
                 * @memberof tapgate.shard.v1.BalancesRequest
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tapgate.shard.v1.BalancesRequest & tapgate.shard.v1.BalancesRequest.$Shape} BalancesRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                BalancesRequest.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tapgate.shard.v1.BalancesRequest();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.accountIds && message.accountIds.length))
                                    message.accountIds = [];
                                message.accountIds.push(reader.stringVerify());
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a BalancesRequest message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof tapgate.shard.v1.BalancesRequest
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {tapgate.shard.v1.BalancesRequest} BalancesRequest
                 */
                BalancesRequest.fromObject = function (object, _depth) {
                    if (object instanceof $root.tapgate.shard.v1.BalancesRequest)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".tapgate.shard.v1.BalancesRequest: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.tapgate.shard.v1.BalancesRequest();
                    if (object.accountIds) {
                        if (!$Array.isArray(object.accountIds))
                            throw $TypeError(".tapgate.shard.v1.BalancesRequest.accountIds: array expected");
                        message.accountIds = $Array(object.accountIds.length);
                        for (let i = 0; i < object.accountIds.length; ++i)
                            message.accountIds[i] = $String(object.accountIds[i]);
                    }
                    return message;
                };

                /**
                 * Creates a plain object from a BalancesRequest message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof tapgate.shard.v1.BalancesRequest
                 * @static
                 * @param {tapgate.shard.v1.BalancesRequest} message BalancesRequest
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                BalancesRequest.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.arrays || options.defaults)
                        object.accountIds = [];
                    if (message.accountIds && message.accountIds.length) {
                        object.accountIds = $Array(message.accountIds.length);
                        for (let j = 0; j < message.accountIds.length; ++j)
                            object.accountIds[j] = message.accountIds[j];
                    }
                    return object;
                };

                /**
                 * Converts this BalancesRequest to JSON.
                 * @function toJSON
                 * @memberof tapgate.shard.v1.BalancesRequest
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                BalancesRequest.prototype.toJSON = function() {
                    return BalancesRequest.toObject(this, $protobuf.util.toJSONOptions);
                };

                return BalancesRequest;
            })();

            v1.AccountBalance = (function() {

                /**
                 * Properties of an AccountBalance.
                 * @typedef {Object} tapgate.shard.v1.AccountBalance.$Properties
                 * @property {string|null} [accountId] AccountBalance accountId
                 * @property {number|null} [balanceKop] AccountBalance balanceKop
                 * @property {boolean|null} [hasHistory] AccountBalance hasHistory
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an AccountBalance.
                 * @memberof tapgate.shard.v1
                 * @interface IAccountBalance
                 * @augments tapgate.shard.v1.AccountBalance.$Properties
                 * @deprecated Use tapgate.shard.v1.AccountBalance.$Properties instead.
                 */

                /**
                 * Shape of an AccountBalance.
                 * @typedef {tapgate.shard.v1.AccountBalance.$Properties} tapgate.shard.v1.AccountBalance.$Shape
                 */

                /**
                 * Constructs a new AccountBalance.
                 * @memberof tapgate.shard.v1
                 * @classdesc Represents an AccountBalance.
                 * @constructor
                 * @param {tapgate.shard.v1.AccountBalance.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const AccountBalance = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * AccountBalance accountId.
                 * @member {string} accountId
                 * @memberof tapgate.shard.v1.AccountBalance
                 * @instance
                 */
                AccountBalance.prototype.accountId = "";

                /**
                 * AccountBalance balanceKop.
                 * @member {number} balanceKop
                 * @memberof tapgate.shard.v1.AccountBalance
                 * @instance
                 */
                AccountBalance.prototype.balanceKop = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * AccountBalance hasHistory.
                 * @member {boolean} hasHistory
                 * @memberof tapgate.shard.v1.AccountBalance
                 * @instance
                 */
                AccountBalance.prototype.hasHistory = false;

                /**
                 * Creates a new AccountBalance instance using the specified properties.
                 * @function create
                 * @memberof tapgate.shard.v1.AccountBalance
                 * @static
                 * @param {tapgate.shard.v1.AccountBalance.$Properties=} [properties] Properties to set
                 * @returns {tapgate.shard.v1.AccountBalance} AccountBalance instance
                 * @type {{
                 *   (properties: tapgate.shard.v1.AccountBalance.$Shape): tapgate.shard.v1.AccountBalance & tapgate.shard.v1.AccountBalance.$Shape;
                 *   (properties?: tapgate.shard.v1.AccountBalance.$Properties): tapgate.shard.v1.AccountBalance;
                 * }}
                 */
                AccountBalance.create = function(properties) {
                    return new AccountBalance(properties);
                };

                /**
                 * Encodes the specified AccountBalance message. Does not implicitly {@link tapgate.shard.v1.AccountBalance.verify|verify} messages.
                 * @function encode
                 * @memberof tapgate.shard.v1.AccountBalance
                 * @static
                 * @param {tapgate.shard.v1.AccountBalance.$Properties} message AccountBalance message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                AccountBalance.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.accountId != null && $Object.hasOwnProperty.call(message, "accountId") && message.accountId !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.accountId);
                    if (message.balanceKop != null && $Object.hasOwnProperty.call(message, "balanceKop") && (typeof message.balanceKop === "object" ? message.balanceKop.low || message.balanceKop.high : message.balanceKop !== 0))
                        writer.uint32(/* id 2, wireType 0 =*/16).int64(message.balanceKop);
                    if (message.hasHistory != null && $Object.hasOwnProperty.call(message, "hasHistory") && message.hasHistory !== false)
                        writer.uint32(/* id 3, wireType 0 =*/24).bool(message.hasHistory);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes an AccountBalance message from the specified reader or buffer.
                 * @function decode
                 * @memberof tapgate.shard.v1.AccountBalance
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tapgate.shard.v1.AccountBalance & tapgate.shard.v1.AccountBalance.$Shape} AccountBalance
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                AccountBalance.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tapgate.shard.v1.AccountBalance();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.accountId = value;
                                else
                                    delete message.accountId;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.balanceKop = value;
                                else
                                    delete message.balanceKop;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.bool())
                                    message.hasHistory = value;
                                else
                                    delete message.hasHistory;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates an AccountBalance message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof tapgate.shard.v1.AccountBalance
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {tapgate.shard.v1.AccountBalance} AccountBalance
                 */
                AccountBalance.fromObject = function (object, _depth) {
                    if (object instanceof $root.tapgate.shard.v1.AccountBalance)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".tapgate.shard.v1.AccountBalance: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.tapgate.shard.v1.AccountBalance();
                    if (object.accountId != null)
                        if (typeof object.accountId !== "string" || object.accountId.length)
                            message.accountId = $String(object.accountId);
                    if (object.balanceKop != null)
                        if (typeof object.balanceKop === "object" ? object.balanceKop.low || object.balanceKop.high : $Number(object.balanceKop) !== 0)
                            if ($util.Long)
                                message.balanceKop = $util.Long.fromValue(object.balanceKop, false);
                            else if (typeof object.balanceKop === "string")
                                message.balanceKop = $parseInt(object.balanceKop, 10);
                            else if (typeof object.balanceKop === "number")
                                message.balanceKop = object.balanceKop;
                            else if (typeof object.balanceKop === "object")
                                message.balanceKop = new $util.LongBits(object.balanceKop.low >>> 0, object.balanceKop.high >>> 0).toNumber();
                    if (object.hasHistory != null)
                        if (object.hasHistory)
                            message.hasHistory = $Boolean(object.hasHistory);
                    return message;
                };

                /**
                 * Creates a plain object from an AccountBalance message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof tapgate.shard.v1.AccountBalance
                 * @static
                 * @param {tapgate.shard.v1.AccountBalance} message AccountBalance
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                AccountBalance.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.accountId = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.balanceKop = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.balanceKop = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.hasHistory = false;
                    }
                    if (message.accountId != null && $Object.hasOwnProperty.call(message, "accountId"))
                        object.accountId = message.accountId;
                    if (message.balanceKop != null && $Object.hasOwnProperty.call(message, "balanceKop"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.balanceKop = typeof message.balanceKop === "number" ? $BigInt(message.balanceKop) : $util.Long.fromBits(message.balanceKop.low >>> 0, message.balanceKop.high >>> 0, false).toBigInt();
                        else if (typeof message.balanceKop === "number")
                            object.balanceKop = options.longs === $String ? $String(message.balanceKop) : message.balanceKop;
                        else
                            object.balanceKop = options.longs === $String ? $util.Long.prototype.toString.call(message.balanceKop) : options.longs === $Number ? new $util.LongBits(message.balanceKop.low >>> 0, message.balanceKop.high >>> 0).toNumber() : message.balanceKop;
                    if (message.hasHistory != null && $Object.hasOwnProperty.call(message, "hasHistory"))
                        object.hasHistory = message.hasHistory;
                    return object;
                };

                /**
                 * Converts this AccountBalance to JSON.
                 * @function toJSON
                 * @memberof tapgate.shard.v1.AccountBalance
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                AccountBalance.prototype.toJSON = function() {
                    return AccountBalance.toObject(this, $protobuf.util.toJSONOptions);
                };

                return AccountBalance;
            })();

            v1.BalancesReply = (function() {

                /**
                 * Properties of a BalancesReply.
                 * @typedef {Object} tapgate.shard.v1.BalancesReply.$Properties
                 * @property {Array.<tapgate.shard.v1.AccountBalance.$Properties>|null} [balances] BalancesReply balances
                 * @property {string|null} [error] BalancesReply error
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a BalancesReply.
                 * @memberof tapgate.shard.v1
                 * @interface IBalancesReply
                 * @augments tapgate.shard.v1.BalancesReply.$Properties
                 * @deprecated Use tapgate.shard.v1.BalancesReply.$Properties instead.
                 */

                /**
                 * Shape of a BalancesReply.
                 * @typedef {tapgate.shard.v1.BalancesReply.$Properties} tapgate.shard.v1.BalancesReply.$Shape
                 */

                /**
                 * Constructs a new BalancesReply.
                 * @memberof tapgate.shard.v1
                 * @classdesc Represents a BalancesReply.
                 * @constructor
                 * @param {tapgate.shard.v1.BalancesReply.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const BalancesReply = function (properties) {
                    this.balances = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * BalancesReply balances.
                 * @member {Array.<tapgate.shard.v1.AccountBalance.$Properties>} balances
                 * @memberof tapgate.shard.v1.BalancesReply
                 * @instance
                 */
                BalancesReply.prototype.balances = $util.emptyArray;

                /**
                 * BalancesReply error.
                 * @member {string} error
                 * @memberof tapgate.shard.v1.BalancesReply
                 * @instance
                 */
                BalancesReply.prototype.error = "";

                /**
                 * Creates a new BalancesReply instance using the specified properties.
                 * @function create
                 * @memberof tapgate.shard.v1.BalancesReply
                 * @static
                 * @param {tapgate.shard.v1.BalancesReply.$Properties=} [properties] Properties to set
                 * @returns {tapgate.shard.v1.BalancesReply} BalancesReply instance
                 * @type {{
                 *   (properties: tapgate.shard.v1.BalancesReply.$Shape): tapgate.shard.v1.BalancesReply & tapgate.shard.v1.BalancesReply.$Shape;
                 *   (properties?: tapgate.shard.v1.BalancesReply.$Properties): tapgate.shard.v1.BalancesReply;
                 * }}
                 */
                BalancesReply.create = function(properties) {
                    return new BalancesReply(properties);
                };

                /**
                 * Encodes the specified BalancesReply message. Does not implicitly {@link tapgate.shard.v1.BalancesReply.verify|verify} messages.
                 * @function encode
                 * @memberof tapgate.shard.v1.BalancesReply
                 * @static
                 * @param {tapgate.shard.v1.BalancesReply.$Properties} message BalancesReply message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                BalancesReply.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.balances != null && message.balances.length)
                        for (let i = 0; i < message.balances.length; ++i)
                            $root.tapgate.shard.v1.AccountBalance.encode(message.balances[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                    if (message.error != null && $Object.hasOwnProperty.call(message, "error") && message.error !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.error);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a BalancesReply message from the specified reader or buffer.
                 * @function decode
                 * @memberof tapgate.shard.v1.BalancesReply
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tapgate.shard.v1.BalancesReply & tapgate.shard.v1.BalancesReply.$Shape} BalancesReply
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                BalancesReply.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tapgate.shard.v1.BalancesReply();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.balances && message.balances.length))
                                    message.balances = [];
                                message.balances.push($root.tapgate.shard.v1.AccountBalance.decode(reader, reader.size(), $undefined, _depth + 1));
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.error = value;
                                else
                                    delete message.error;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a BalancesReply message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof tapgate.shard.v1.BalancesReply
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {tapgate.shard.v1.BalancesReply} BalancesReply
                 */
                BalancesReply.fromObject = function (object, _depth) {
                    if (object instanceof $root.tapgate.shard.v1.BalancesReply)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".tapgate.shard.v1.BalancesReply: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.tapgate.shard.v1.BalancesReply();
                    if (object.balances) {
                        if (!$Array.isArray(object.balances))
                            throw $TypeError(".tapgate.shard.v1.BalancesReply.balances: array expected");
                        message.balances = $Array(object.balances.length);
                        for (let i = 0; i < object.balances.length; ++i) {
                            if (!$util.isObject(object.balances[i]))
                                throw $TypeError(".tapgate.shard.v1.BalancesReply.balances: object expected");
                            message.balances[i] = $root.tapgate.shard.v1.AccountBalance.fromObject(object.balances[i], _depth + 1);
                        }
                    }
                    if (object.error != null)
                        if (typeof object.error !== "string" || object.error.length)
                            message.error = $String(object.error);
                    return message;
                };

                /**
                 * Creates a plain object from a BalancesReply message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof tapgate.shard.v1.BalancesReply
                 * @static
                 * @param {tapgate.shard.v1.BalancesReply} message BalancesReply
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                BalancesReply.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.arrays || options.defaults)
                        object.balances = [];
                    if (options.defaults)
                        object.error = "";
                    if (message.balances && message.balances.length) {
                        object.balances = $Array(message.balances.length);
                        for (let j = 0; j < message.balances.length; ++j)
                            object.balances[j] = $root.tapgate.shard.v1.AccountBalance.toObject(message.balances[j], options, _depth + 1);
                    }
                    if (message.error != null && $Object.hasOwnProperty.call(message, "error"))
                        object.error = message.error;
                    return object;
                };

                /**
                 * Converts this BalancesReply to JSON.
                 * @function toJSON
                 * @memberof tapgate.shard.v1.BalancesReply
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                BalancesReply.prototype.toJSON = function() {
                    return BalancesReply.toObject(this, $protobuf.util.toJSONOptions);
                };

                return BalancesReply;
            })();

            v1.InsideRequest = (function() {

                /**
                 * Properties of an InsideRequest.
                 * @typedef {Object} tapgate.shard.v1.InsideRequest.$Properties
                 * @property {string|null} [schoolId] InsideRequest schoolId
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an InsideRequest.
                 * @memberof tapgate.shard.v1
                 * @interface IInsideRequest
                 * @augments tapgate.shard.v1.InsideRequest.$Properties
                 * @deprecated Use tapgate.shard.v1.InsideRequest.$Properties instead.
                 */

                /**
                 * Shape of an InsideRequest.
                 * @typedef {tapgate.shard.v1.InsideRequest.$Properties} tapgate.shard.v1.InsideRequest.$Shape
                 */

                /**
                 * Constructs a new InsideRequest.
                 * @memberof tapgate.shard.v1
                 * @classdesc Represents an InsideRequest.
                 * @constructor
                 * @param {tapgate.shard.v1.InsideRequest.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const InsideRequest = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * InsideRequest schoolId.
                 * @member {string} schoolId
                 * @memberof tapgate.shard.v1.InsideRequest
                 * @instance
                 */
                InsideRequest.prototype.schoolId = "";

                /**
                 * Creates a new InsideRequest instance using the specified properties.
                 * @function create
                 * @memberof tapgate.shard.v1.InsideRequest
                 * @static
                 * @param {tapgate.shard.v1.InsideRequest.$Properties=} [properties] Properties to set
                 * @returns {tapgate.shard.v1.InsideRequest} InsideRequest instance
                 * @type {{
                 *   (properties: tapgate.shard.v1.InsideRequest.$Shape): tapgate.shard.v1.InsideRequest & tapgate.shard.v1.InsideRequest.$Shape;
                 *   (properties?: tapgate.shard.v1.InsideRequest.$Properties): tapgate.shard.v1.InsideRequest;
                 * }}
                 */
                InsideRequest.create = function(properties) {
                    return new InsideRequest(properties);
                };

                /**
                 * Encodes the specified InsideRequest message. Does not implicitly {@link tapgate.shard.v1.InsideRequest.verify|verify} messages.
                 * @function encode
                 * @memberof tapgate.shard.v1.InsideRequest
                 * @static
                 * @param {tapgate.shard.v1.InsideRequest.$Properties} message InsideRequest message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                InsideRequest.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.schoolId != null && $Object.hasOwnProperty.call(message, "schoolId") && message.schoolId !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.schoolId);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes an InsideRequest message from the specified reader or buffer.
                 * @function decode
                 * @memberof tapgate.shard.v1.InsideRequest
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tapgate.shard.v1.InsideRequest & tapgate.shard.v1.InsideRequest.$Shape} InsideRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                InsideRequest.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tapgate.shard.v1.InsideRequest();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.schoolId = value;
                                else
                                    delete message.schoolId;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates an InsideRequest message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof tapgate.shard.v1.InsideRequest
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {tapgate.shard.v1.InsideRequest} InsideRequest
                 */
                InsideRequest.fromObject = function (object, _depth) {
                    if (object instanceof $root.tapgate.shard.v1.InsideRequest)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".tapgate.shard.v1.InsideRequest: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.tapgate.shard.v1.InsideRequest();
                    if (object.schoolId != null)
                        if (typeof object.schoolId !== "string" || object.schoolId.length)
                            message.schoolId = $String(object.schoolId);
                    return message;
                };

                /**
                 * Creates a plain object from an InsideRequest message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof tapgate.shard.v1.InsideRequest
                 * @static
                 * @param {tapgate.shard.v1.InsideRequest} message InsideRequest
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                InsideRequest.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults)
                        object.schoolId = "";
                    if (message.schoolId != null && $Object.hasOwnProperty.call(message, "schoolId"))
                        object.schoolId = message.schoolId;
                    return object;
                };

                /**
                 * Converts this InsideRequest to JSON.
                 * @function toJSON
                 * @memberof tapgate.shard.v1.InsideRequest
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                InsideRequest.prototype.toJSON = function() {
                    return InsideRequest.toObject(this, $protobuf.util.toJSONOptions);
                };

                return InsideRequest;
            })();

            v1.InsideReply = (function() {

                /**
                 * Properties of an InsideReply.
                 * @typedef {Object} tapgate.shard.v1.InsideReply.$Properties
                 * @property {Array.<string>|null} [personIds] InsideReply personIds
                 * @property {number|null} [pupils] InsideReply pupils
                 * @property {number|null} [staff] InsideReply staff
                 * @property {number|null} [dayStartMs] InsideReply dayStartMs
                 * @property {string|null} [error] InsideReply error
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of an InsideReply.
                 * @memberof tapgate.shard.v1
                 * @interface IInsideReply
                 * @augments tapgate.shard.v1.InsideReply.$Properties
                 * @deprecated Use tapgate.shard.v1.InsideReply.$Properties instead.
                 */

                /**
                 * Shape of an InsideReply.
                 * @typedef {tapgate.shard.v1.InsideReply.$Properties} tapgate.shard.v1.InsideReply.$Shape
                 */

                /**
                 * Constructs a new InsideReply.
                 * @memberof tapgate.shard.v1
                 * @classdesc Represents an InsideReply.
                 * @constructor
                 * @param {tapgate.shard.v1.InsideReply.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const InsideReply = function (properties) {
                    this.personIds = [];
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * InsideReply personIds.
                 * @member {Array.<string>} personIds
                 * @memberof tapgate.shard.v1.InsideReply
                 * @instance
                 */
                InsideReply.prototype.personIds = $util.emptyArray;

                /**
                 * InsideReply pupils.
                 * @member {number} pupils
                 * @memberof tapgate.shard.v1.InsideReply
                 * @instance
                 */
                InsideReply.prototype.pupils = 0;

                /**
                 * InsideReply staff.
                 * @member {number} staff
                 * @memberof tapgate.shard.v1.InsideReply
                 * @instance
                 */
                InsideReply.prototype.staff = 0;

                /**
                 * InsideReply dayStartMs.
                 * @member {number} dayStartMs
                 * @memberof tapgate.shard.v1.InsideReply
                 * @instance
                 */
                InsideReply.prototype.dayStartMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

                /**
                 * InsideReply error.
                 * @member {string} error
                 * @memberof tapgate.shard.v1.InsideReply
                 * @instance
                 */
                InsideReply.prototype.error = "";

                /**
                 * Creates a new InsideReply instance using the specified properties.
                 * @function create
                 * @memberof tapgate.shard.v1.InsideReply
                 * @static
                 * @param {tapgate.shard.v1.InsideReply.$Properties=} [properties] Properties to set
                 * @returns {tapgate.shard.v1.InsideReply} InsideReply instance
                 * @type {{
                 *   (properties: tapgate.shard.v1.InsideReply.$Shape): tapgate.shard.v1.InsideReply & tapgate.shard.v1.InsideReply.$Shape;
                 *   (properties?: tapgate.shard.v1.InsideReply.$Properties): tapgate.shard.v1.InsideReply;
                 * }}
                 */
                InsideReply.create = function(properties) {
                    return new InsideReply(properties);
                };

                /**
                 * Encodes the specified InsideReply message. Does not implicitly {@link tapgate.shard.v1.InsideReply.verify|verify} messages.
                 * @function encode
                 * @memberof tapgate.shard.v1.InsideReply
                 * @static
                 * @param {tapgate.shard.v1.InsideReply.$Properties} message InsideReply message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                InsideReply.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.personIds != null && message.personIds.length)
                        for (let i = 0; i < message.personIds.length; ++i)
                            writer.uint32(/* id 1, wireType 2 =*/10).string(message.personIds[i]);
                    if (message.pupils != null && $Object.hasOwnProperty.call(message, "pupils") && message.pupils !== 0)
                        writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.pupils);
                    if (message.staff != null && $Object.hasOwnProperty.call(message, "staff") && message.staff !== 0)
                        writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.staff);
                    if (message.dayStartMs != null && $Object.hasOwnProperty.call(message, "dayStartMs") && (typeof message.dayStartMs === "object" ? message.dayStartMs.low || message.dayStartMs.high : message.dayStartMs !== 0))
                        writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.dayStartMs);
                    if (message.error != null && $Object.hasOwnProperty.call(message, "error") && message.error !== "")
                        writer.uint32(/* id 5, wireType 2 =*/42).string(message.error);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes an InsideReply message from the specified reader or buffer.
                 * @function decode
                 * @memberof tapgate.shard.v1.InsideReply
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tapgate.shard.v1.InsideReply & tapgate.shard.v1.InsideReply.$Shape} InsideReply
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                InsideReply.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tapgate.shard.v1.InsideReply();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if (!(message.personIds && message.personIds.length))
                                    message.personIds = [];
                                message.personIds.push(reader.stringVerify());
                                continue;
                            }
                        case 2: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.pupils = value;
                                else
                                    delete message.pupils;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (value = reader.uint32())
                                    message.staff = value;
                                else
                                    delete message.staff;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                    message.dayStartMs = value;
                                else
                                    delete message.dayStartMs;
                                continue;
                            }
                        case 5: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.error = value;
                                else
                                    delete message.error;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates an InsideReply message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof tapgate.shard.v1.InsideReply
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {tapgate.shard.v1.InsideReply} InsideReply
                 */
                InsideReply.fromObject = function (object, _depth) {
                    if (object instanceof $root.tapgate.shard.v1.InsideReply)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".tapgate.shard.v1.InsideReply: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.tapgate.shard.v1.InsideReply();
                    if (object.personIds) {
                        if (!$Array.isArray(object.personIds))
                            throw $TypeError(".tapgate.shard.v1.InsideReply.personIds: array expected");
                        message.personIds = $Array(object.personIds.length);
                        for (let i = 0; i < object.personIds.length; ++i)
                            message.personIds[i] = $String(object.personIds[i]);
                    }
                    if (object.pupils != null)
                        if ($Number(object.pupils) !== 0)
                            message.pupils = object.pupils >>> 0;
                    if (object.staff != null)
                        if ($Number(object.staff) !== 0)
                            message.staff = object.staff >>> 0;
                    if (object.dayStartMs != null)
                        if (typeof object.dayStartMs === "object" ? object.dayStartMs.low || object.dayStartMs.high : $Number(object.dayStartMs) !== 0)
                            if ($util.Long)
                                message.dayStartMs = $util.Long.fromValue(object.dayStartMs, true);
                            else if (typeof object.dayStartMs === "string")
                                message.dayStartMs = $parseInt(object.dayStartMs, 10);
                            else if (typeof object.dayStartMs === "number")
                                message.dayStartMs = object.dayStartMs;
                            else if (typeof object.dayStartMs === "object")
                                message.dayStartMs = new $util.LongBits(object.dayStartMs.low >>> 0, object.dayStartMs.high >>> 0).toNumber(true);
                    if (object.error != null)
                        if (typeof object.error !== "string" || object.error.length)
                            message.error = $String(object.error);
                    return message;
                };

                /**
                 * Creates a plain object from an InsideReply message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof tapgate.shard.v1.InsideReply
                 * @static
                 * @param {tapgate.shard.v1.InsideReply} message InsideReply
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                InsideReply.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.arrays || options.defaults)
                        object.personIds = [];
                    if (options.defaults) {
                        object.pupils = 0;
                        object.staff = 0;
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, true);
                            object.dayStartMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.dayStartMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.error = "";
                    }
                    if (message.personIds && message.personIds.length) {
                        object.personIds = $Array(message.personIds.length);
                        for (let j = 0; j < message.personIds.length; ++j)
                            object.personIds[j] = message.personIds[j];
                    }
                    if (message.pupils != null && $Object.hasOwnProperty.call(message, "pupils"))
                        object.pupils = message.pupils;
                    if (message.staff != null && $Object.hasOwnProperty.call(message, "staff"))
                        object.staff = message.staff;
                    if (message.dayStartMs != null && $Object.hasOwnProperty.call(message, "dayStartMs"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.dayStartMs = typeof message.dayStartMs === "number" ? $BigInt(message.dayStartMs) : $util.Long.fromBits(message.dayStartMs.low >>> 0, message.dayStartMs.high >>> 0, true).toBigInt();
                        else if (typeof message.dayStartMs === "number")
                            object.dayStartMs = options.longs === $String ? $String(message.dayStartMs) : message.dayStartMs;
                        else
                            object.dayStartMs = options.longs === $String ? $util.Long.prototype.toString.call(message.dayStartMs) : options.longs === $Number ? new $util.LongBits(message.dayStartMs.low >>> 0, message.dayStartMs.high >>> 0).toNumber(true) : message.dayStartMs;
                    if (message.error != null && $Object.hasOwnProperty.call(message, "error"))
                        object.error = message.error;
                    return object;
                };

                /**
                 * Converts this InsideReply to JSON.
                 * @function toJSON
                 * @memberof tapgate.shard.v1.InsideReply
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                InsideReply.prototype.toJSON = function() {
                    return InsideReply.toObject(this, $protobuf.util.toJSONOptions);
                };

                return InsideReply;
            })();

            v1.TransferInRequest = (function() {

                /**
                 * Properties of a TransferInRequest.
                 * @typedef {Object} tapgate.shard.v1.TransferInRequest.$Properties
                 * @property {string|null} [transferId] TransferInRequest transferId
                 * @property {string|null} [accountId] TransferInRequest accountId
                 * @property {number|null} [amountKop] TransferInRequest amountKop
                 * @property {string|null} [fromShardId] TransferInRequest fromShardId
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */

                /**
                 * Properties of a TransferInRequest.
                 * @memberof tapgate.shard.v1
                 * @interface ITransferInRequest
                 * @augments tapgate.shard.v1.TransferInRequest.$Properties
                 * @deprecated Use tapgate.shard.v1.TransferInRequest.$Properties instead.
                 */

                /**
                 * Shape of a TransferInRequest.
                 * @typedef {tapgate.shard.v1.TransferInRequest.$Properties} tapgate.shard.v1.TransferInRequest.$Shape
                 */

                /**
                 * Constructs a new TransferInRequest.
                 * @memberof tapgate.shard.v1
                 * @classdesc Represents a TransferInRequest.
                 * @constructor
                 * @param {tapgate.shard.v1.TransferInRequest.$Properties=} [properties] Properties to set
                 * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
                 */
                const TransferInRequest = function (properties) {
                    if (properties)
                        for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                            if (properties[keys[i]] != null && keys[i] !== "__proto__")
                                this[keys[i]] = properties[keys[i]];
                };

                /**
                 * TransferInRequest transferId.
                 * @member {string} transferId
                 * @memberof tapgate.shard.v1.TransferInRequest
                 * @instance
                 */
                TransferInRequest.prototype.transferId = "";

                /**
                 * TransferInRequest accountId.
                 * @member {string} accountId
                 * @memberof tapgate.shard.v1.TransferInRequest
                 * @instance
                 */
                TransferInRequest.prototype.accountId = "";

                /**
                 * TransferInRequest amountKop.
                 * @member {number} amountKop
                 * @memberof tapgate.shard.v1.TransferInRequest
                 * @instance
                 */
                TransferInRequest.prototype.amountKop = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

                /**
                 * TransferInRequest fromShardId.
                 * @member {string} fromShardId
                 * @memberof tapgate.shard.v1.TransferInRequest
                 * @instance
                 */
                TransferInRequest.prototype.fromShardId = "";

                /**
                 * Creates a new TransferInRequest instance using the specified properties.
                 * @function create
                 * @memberof tapgate.shard.v1.TransferInRequest
                 * @static
                 * @param {tapgate.shard.v1.TransferInRequest.$Properties=} [properties] Properties to set
                 * @returns {tapgate.shard.v1.TransferInRequest} TransferInRequest instance
                 * @type {{
                 *   (properties: tapgate.shard.v1.TransferInRequest.$Shape): tapgate.shard.v1.TransferInRequest & tapgate.shard.v1.TransferInRequest.$Shape;
                 *   (properties?: tapgate.shard.v1.TransferInRequest.$Properties): tapgate.shard.v1.TransferInRequest;
                 * }}
                 */
                TransferInRequest.create = function(properties) {
                    return new TransferInRequest(properties);
                };

                /**
                 * Encodes the specified TransferInRequest message. Does not implicitly {@link tapgate.shard.v1.TransferInRequest.verify|verify} messages.
                 * @function encode
                 * @memberof tapgate.shard.v1.TransferInRequest
                 * @static
                 * @param {tapgate.shard.v1.TransferInRequest.$Properties} message TransferInRequest message or plain object to encode
                 * @param {$protobuf.Writer} [writer] Writer to encode to
                 * @returns {$protobuf.Writer} Writer
                 */
                TransferInRequest.encode = function (message, writer, _depth) {
                    if (!writer)
                        writer = $Writer.create();
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    if (message.transferId != null && $Object.hasOwnProperty.call(message, "transferId") && message.transferId !== "")
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.transferId);
                    if (message.accountId != null && $Object.hasOwnProperty.call(message, "accountId") && message.accountId !== "")
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.accountId);
                    if (message.amountKop != null && $Object.hasOwnProperty.call(message, "amountKop") && (typeof message.amountKop === "object" ? message.amountKop.low || message.amountKop.high : message.amountKop !== 0))
                        writer.uint32(/* id 3, wireType 0 =*/24).int64(message.amountKop);
                    if (message.fromShardId != null && $Object.hasOwnProperty.call(message, "fromShardId") && message.fromShardId !== "")
                        writer.uint32(/* id 4, wireType 2 =*/34).string(message.fromShardId);
                    if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                        for (let i = 0; i < message.$unknowns.length; ++i)
                            writer.raw(message.$unknowns[i]);
                    return writer;
                };

                /**
                 * Decodes a TransferInRequest message from the specified reader or buffer.
                 * @function decode
                 * @memberof tapgate.shard.v1.TransferInRequest
                 * @static
                 * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
                 * @param {number} [length] Message length if known beforehand
                 * @returns {tapgate.shard.v1.TransferInRequest & tapgate.shard.v1.TransferInRequest.$Shape} TransferInRequest
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                TransferInRequest.decode = function (reader, length, _end, _depth, _target) {
                    if (!(reader instanceof $Reader))
                        reader = $Reader.create(reader);
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $Reader.recursionLimit)
                        throw $Error("max depth exceeded");
                    let end, message, value;
                    if (length === $undefined)
                        end = reader.len;
                    else {
                        end = reader.pos + length;
                        if (end > reader.len)
                            throw $RangeError("index out of range");
                        length = reader.len;
                        reader.len = end;
                    }
                    message = _target || new $root.tapgate.shard.v1.TransferInRequest();
                    while (reader.pos < end) {
                        let start = reader.pos;
                        let tag = reader.tag();
                        if (tag === _end) {
                            _end = $undefined;
                            break;
                        }
                        let wireType = tag & 7;
                        switch (tag >>>= 3) {
                        case 1: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.transferId = value;
                                else
                                    delete message.transferId;
                                continue;
                            }
                        case 2: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.accountId = value;
                                else
                                    delete message.accountId;
                                continue;
                            }
                        case 3: {
                                if (wireType !== 0)
                                    break;
                                if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                    message.amountKop = value;
                                else
                                    delete message.amountKop;
                                continue;
                            }
                        case 4: {
                                if (wireType !== 2)
                                    break;
                                if ((value = reader.stringVerify()).length)
                                    message.fromShardId = value;
                                else
                                    delete message.fromShardId;
                                continue;
                            }
                        }
                        reader.skipType(wireType, _depth, tag);
                        if (!reader.discardUnknown) {
                            $util.makeProp(message, "$unknowns", false);
                            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                        }
                    }
                    if (length !== $undefined) {
                        if (reader.pos !== end)
                            throw $RangeError("index out of range");
                        reader.len = length;
                    }
                    if (_end !== $undefined)
                        throw $Error("missing end group");
                    return message;
                };

                /**
                 * Creates a TransferInRequest message from a plain object. Also converts values to their respective internal types.
                 * @function fromObject
                 * @memberof tapgate.shard.v1.TransferInRequest
                 * @static
                 * @param {Object.<string,*>} object Plain object
                 * @returns {tapgate.shard.v1.TransferInRequest} TransferInRequest
                 */
                TransferInRequest.fromObject = function (object, _depth) {
                    if (object instanceof $root.tapgate.shard.v1.TransferInRequest)
                        return object;
                    if (!$util.isObject(object))
                        throw $TypeError(".tapgate.shard.v1.TransferInRequest: object expected");
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let message = new $root.tapgate.shard.v1.TransferInRequest();
                    if (object.transferId != null)
                        if (typeof object.transferId !== "string" || object.transferId.length)
                            message.transferId = $String(object.transferId);
                    if (object.accountId != null)
                        if (typeof object.accountId !== "string" || object.accountId.length)
                            message.accountId = $String(object.accountId);
                    if (object.amountKop != null)
                        if (typeof object.amountKop === "object" ? object.amountKop.low || object.amountKop.high : $Number(object.amountKop) !== 0)
                            if ($util.Long)
                                message.amountKop = $util.Long.fromValue(object.amountKop, false);
                            else if (typeof object.amountKop === "string")
                                message.amountKop = $parseInt(object.amountKop, 10);
                            else if (typeof object.amountKop === "number")
                                message.amountKop = object.amountKop;
                            else if (typeof object.amountKop === "object")
                                message.amountKop = new $util.LongBits(object.amountKop.low >>> 0, object.amountKop.high >>> 0).toNumber();
                    if (object.fromShardId != null)
                        if (typeof object.fromShardId !== "string" || object.fromShardId.length)
                            message.fromShardId = $String(object.fromShardId);
                    return message;
                };

                /**
                 * Creates a plain object from a TransferInRequest message. Also converts values to other types if specified.
                 * @function toObject
                 * @memberof tapgate.shard.v1.TransferInRequest
                 * @static
                 * @param {tapgate.shard.v1.TransferInRequest} message TransferInRequest
                 * @param {$protobuf.IConversionOptions} [options] Conversion options
                 * @returns {Object.<string,*>} Plain object
                 */
                TransferInRequest.toObject = function (message, options, _depth) {
                    if (!options)
                        options = {};
                    if (_depth === $undefined)
                        _depth = 0;
                    if (_depth > $util.recursionLimit)
                        throw $Error("max depth exceeded");
                    let object = {};
                    if (options.defaults) {
                        object.transferId = "";
                        object.accountId = "";
                        if ($util.Long) {
                            let long = new $util.Long(0, 0, false);
                            object.amountKop = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                        } else
                            object.amountKop = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                        object.fromShardId = "";
                    }
                    if (message.transferId != null && $Object.hasOwnProperty.call(message, "transferId"))
                        object.transferId = message.transferId;
                    if (message.accountId != null && $Object.hasOwnProperty.call(message, "accountId"))
                        object.accountId = message.accountId;
                    if (message.amountKop != null && $Object.hasOwnProperty.call(message, "amountKop"))
                        if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                            object.amountKop = typeof message.amountKop === "number" ? $BigInt(message.amountKop) : $util.Long.fromBits(message.amountKop.low >>> 0, message.amountKop.high >>> 0, false).toBigInt();
                        else if (typeof message.amountKop === "number")
                            object.amountKop = options.longs === $String ? $String(message.amountKop) : message.amountKop;
                        else
                            object.amountKop = options.longs === $String ? $util.Long.prototype.toString.call(message.amountKop) : options.longs === $Number ? new $util.LongBits(message.amountKop.low >>> 0, message.amountKop.high >>> 0).toNumber() : message.amountKop;
                    if (message.fromShardId != null && $Object.hasOwnProperty.call(message, "fromShardId"))
                        object.fromShardId = message.fromShardId;
                    return object;
                };

                /**
                 * Converts this TransferInRequest to JSON.
                 * @function toJSON
                 * @memberof tapgate.shard.v1.TransferInRequest
                 * @instance
                 * @returns {Object.<string,*>} JSON object
                 */
                TransferInRequest.prototype.toJSON = function() {
                    return TransferInRequest.toObject(this, $protobuf.util.toJSONOptions);
                };

                return TransferInRequest;
            })();

            return v1;
        })();

        return shard;
    })();

    return tapgate;
})();

export {
  $root as default
};
