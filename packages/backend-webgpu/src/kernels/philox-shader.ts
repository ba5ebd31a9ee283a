/*
 * Philox4x32-10 in WGSL, bit-exact with core's random/philox.ts. WGSL has no 32x32->64 multiply, so
 * the high word is assembled from 16-bit halves (every partial sum fits in a u32; see mulhi32).
 */
export const PHILOX_WGSL = `
fn mulhi32(a: u32, b: u32) -> u32 {
  let aLo = a & 0xffffu;
  let aHi = a >> 16u;
  let bLo = b & 0xffffu;
  let bHi = b >> 16u;
  let loLo = aLo * bLo;
  let hiLo = aHi * bLo;
  let loHi = aLo * bHi;
  let hiHi = aHi * bHi;
  // At most 65535 + 65535 + 65535^2 = 2^32 - 1: no overflow.
  let cross = (loLo >> 16u) + (hiLo & 0xffffu) + loHi;
  return hiHi + (hiLo >> 16u) + (cross >> 16u);
}
fn philox4x32_10(counter: vec4<u32>, key: vec2<u32>) -> vec4<u32> {
  var c = counter;
  var k = key;
  for (var round = 0u; round < 10u; round++) {
    if (round > 0u) {
      k = k + vec2<u32>(0x9e3779b9u, 0xbb67ae85u);
    }
    let hi0 = mulhi32(0xd2511f53u, c.x);
    let lo0 = 0xd2511f53u * c.x;
    let hi1 = mulhi32(0xcd9e8d57u, c.z);
    let lo1 = 0xcd9e8d57u * c.z;
    c = vec4<u32>(hi1 ^ c.y ^ k.x, lo1, hi0 ^ c.w ^ k.y, lo0);
  }
  return c;
}`;
