import type { Grid } from '../protocol.js';

/**
 * A grid [steps, units] as a picture: time to the right, one row per unit; a spike (or a pixel's
 * value, for direct input) is a dark mark on white. The canvas is one pixel per cell and scaled up by
 * CSS (`image-rendering: pixelated`), so drawing costs nothing even for 784 inputs.
 */
export function drawGrid(canvas: HTMLCanvasElement, grid: Grid): void {
  canvas.width = Math.max(1, grid.steps);
  canvas.height = Math.max(1, grid.units);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const image = ctx.createImageData(canvas.width, canvas.height);
  let spikes = 0;
  for (let t = 0; t < grid.steps; t++) {
    for (let u = 0; u < grid.units; u++) {
      const v = Math.min(1, Math.max(0, grid.values[t * grid.units + u]));
      if (v > 0) spikes += 1;
      const shade = Math.round(255 * (1 - v));
      const o = (u * canvas.width + t) * 4;
      image.data[o] = shade;
      image.data[o + 1] = shade;
      image.data[o + 2] = shade;
      image.data[o + 3] = 255;
    }
  }
  ctx.putImageData(image, 0, 0);
  canvas.setAttribute(
    'aria-label',
    `${grid.label}: ${grid.units} units over ${grid.steps} steps, ${spikes} non-zero cells`,
  );
}
