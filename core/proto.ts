// The generated protobuf modules, configured once for the whole process: 64-bit integers
// decode as JavaScript numbers, not Long objects. Every seq, time and amount in tapgate is
// below 2^53; a decoded value at or beyond it is not a safe integer, and validation refuses it.
import './proto-long.js';
import { tapgate } from '../proto/gen/tapgate.js';

export { tapgate };
