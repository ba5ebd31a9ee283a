const SHADES = ' .:-=+*#%@';

/** A 28x28 (or any HxW) uint8 image as text, two characters per pixel so it keeps its aspect. */
export function asciiDigit(pixels: ArrayLike<number>, height: number, width: number): string {
  const rows: string[] = [];
  for (let y = 0; y < height; y++) {
    let row = '';
    for (let x = 0; x < width; x++) {
      const v = pixels[y * width + x];
      const c = SHADES[Math.min(SHADES.length - 1, Math.floor((v / 256) * SHADES.length))];
      row += c + c;
    }
    rows.push(row.trimEnd());
  }
  while (rows.length > 0 && rows[0] === '') rows.shift();
  while (rows.length > 0 && rows[rows.length - 1] === '') rows.pop();
  return rows.join('\n');
}
