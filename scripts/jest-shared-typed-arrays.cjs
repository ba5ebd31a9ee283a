// Jest test environment for suites that run onnxruntime-node: the native binding hands back typed
// arrays made in Node's own realm, and onnxruntime-common (loaded inside the test's realm) checks
// them with `instanceof Float32Array`, which fails across realms. Jest itself already shares
// ArrayBuffer and Uint8Array with the test realm for the same reason (Buffer, TextEncoder); this
// environment shares the other typed-array constructors too.
const { TestEnvironment } = require('jest-environment-node');

const SHARED = [
  'Int8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
];

class SharedTypedArraysEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of SHARED) this.global[name] = globalThis[name];
  }
}

module.exports = SharedTypedArraysEnvironment;
