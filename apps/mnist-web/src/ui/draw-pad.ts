import { SIZE, toMnistPixels } from './mnist-pixels.js';

/** Canvas pixels per MNIST pixel. */
const CELL = 10;
const PEN = 2.2 * CELL;

/**
 * A 280x280 drawing area, white ink on black as MNIST digits are. Mouse, pen and touch draw with the
 * pointer; from the keyboard, arrow keys move a cursor, Space lifts or lowers the pen, Enter asks
 * for a classification and Delete clears. `onDone` fires when a stroke ends (or on Enter).
 */
export class DrawPad {
  private readonly ctx: CanvasRenderingContext2D;
  private drawing = false;
  private last: { x: number; y: number } | undefined;
  private cursor = { x: 140, y: 140 };
  private penDown = false;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly cursorMark: HTMLElement,
    private readonly onDone: () => void,
    private readonly onPen: (down: boolean) => void,
  ) {
    this.ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    this.clear();
    canvas.addEventListener('pointerdown', (e) => {
      canvas.setPointerCapture(e.pointerId);
      this.drawing = true;
      this.last = this.point(e);
      this.dot(this.last);
    });
    canvas.addEventListener('pointermove', (e) => {
      if (!this.drawing) return;
      const p = this.point(e);
      this.line(this.last!, p);
      this.last = p;
    });
    const end = () => {
      if (!this.drawing) return;
      this.drawing = false;
      this.onDone();
    };
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', end);
    canvas.addEventListener('keydown', (e) => this.key(e));
    canvas.addEventListener('focus', () => this.placeCursor());
    canvas.addEventListener('blur', () => {
      cursorMark.hidden = true;
    });
  }

  clear(): void {
    this.ctx.fillStyle = '#000';
    this.ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
  }

  /** The drawing as a 28x28 MNIST-style image, or undefined when nothing is drawn. */
  pixels(): Uint8Array | undefined {
    const { width, height } = this.canvas;
    const rgba = this.ctx.getImageData(0, 0, width, height).data;
    const ink = new Uint8Array(width * height);
    for (let i = 0; i < ink.length; i++) ink[i] = rgba[i * 4];
    return toMnistPixels(ink, width, height);
  }

  /** Shows a 28x28 image (a test digit) on the pad. */
  showPixels(pixels: Uint8Array): void {
    const image = this.ctx.createImageData(SIZE, SIZE);
    for (let i = 0; i < pixels.length; i++) {
      image.data.set([pixels[i], pixels[i], pixels[i], 255], i * 4);
    }
    const small = document.createElement('canvas');
    small.width = SIZE;
    small.height = SIZE;
    small.getContext('2d')!.putImageData(image, 0, 0);
    this.ctx.imageSmoothingEnabled = false;
    this.ctx.drawImage(small, 0, 0, this.canvas.width, this.canvas.height);
  }

  private point(e: PointerEvent): { x: number; y: number } {
    const r = this.canvas.getBoundingClientRect();
    return {
      x: ((e.clientX - r.left) * this.canvas.width) / r.width,
      y: ((e.clientY - r.top) * this.canvas.height) / r.height,
    };
  }

  private dot(p: { x: number; y: number }): void {
    this.line(p, p);
  }

  private line(a: { x: number; y: number }, b: { x: number; y: number }): void {
    const ctx = this.ctx;
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = PEN;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(a.x, a.y);
    ctx.lineTo(b.x, b.y);
    ctx.stroke();
  }

  private key(e: KeyboardEvent): void {
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-CELL, 0],
      ArrowRight: [CELL, 0],
      ArrowUp: [0, -CELL],
      ArrowDown: [0, CELL],
    };
    const move = moves[e.key];
    if (move) {
      const from = { ...this.cursor };
      this.cursor.x = Math.min(this.canvas.width - CELL, Math.max(CELL, this.cursor.x + move[0]));
      this.cursor.y = Math.min(this.canvas.height - CELL, Math.max(CELL, this.cursor.y + move[1]));
      if (this.penDown) this.line(from, this.cursor);
      this.placeCursor();
    } else if (e.key === ' ') {
      this.penDown = !this.penDown;
      if (this.penDown) this.dot(this.cursor);
      this.onPen(this.penDown);
    } else if (e.key === 'Enter') {
      this.onDone();
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      this.clear();
    } else {
      return;
    }
    e.preventDefault();
  }

  private placeCursor(): void {
    const r = this.canvas.getBoundingClientRect();
    const scale = r.width / this.canvas.width;
    this.cursorMark.hidden = false;
    this.cursorMark.style.left = `${this.cursor.x * scale}px`;
    this.cursorMark.style.top = `${this.cursor.y * scale}px`;
  }
}
