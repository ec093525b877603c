// Configures protobufjs for the whole process before any generated module is evaluated: 64-bit
// integers are JavaScript numbers, not Long objects. It must run first because the generated
// code computes the default of every absent uint64 field (`Tap.prototype.seq`, ...) when it
// loads; configured later, an absent field would still decode as a Long.
import $protobuf from 'protobufjs/minimal.js';

($protobuf.util as { Long: unknown }).Long = undefined;
$protobuf.configure();
