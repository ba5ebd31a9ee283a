import { asciiDigit } from './ascii-digit.js';

test('asciiDigit shades pixels, two characters each, without blank border rows', () => {
  const px = new Uint8Array(3 * 3);
  px[4] = 255;
  px[5] = 100;
  expect(asciiDigit(px, 3, 3)).toBe('  @@--');
});
