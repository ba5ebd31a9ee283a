import { UsageError } from '../errors.js';

/** A finite number from a flag's text; the error names the flag and the text. */
export function parseNumber(flag: string, text: string): number {
  const trimmed = text.trim();
  const value = trimmed === '' ? Number.NaN : Number(trimmed);
  if (!Number.isFinite(value)) throw new UsageError(`${flag} must be a number, got '${text}'`);
  return value;
}

export function parsePositive(flag: string, text: string): number {
  const value = parseNumber(flag, text);
  if (value <= 0) throw new UsageError(`${flag} must be greater than 0, got ${text}`);
  return value;
}

export function parseNonNegative(flag: string, text: string): number {
  const value = parseNumber(flag, text);
  if (value < 0) throw new UsageError(`${flag} must be 0 or more, got ${text}`);
  return value;
}

export function parseInteger(flag: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = parseNumber(flag, text);
  if (!Number.isInteger(value)) throw new UsageError(`${flag} must be a whole number, got ${text}`);
  if (value < min) throw new UsageError(`${flag} must be at least ${min}, got ${text}`);
  if (value > max) throw new UsageError(`${flag} must be at most ${max}, got ${text}`);
  return value;
}

/** One of a fixed list; the error lists the choices. */
export function parseChoice<T extends string>(flag: string, text: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(text)) return text as T;
  throw new UsageError(`${flag}: unknown value '${text}'; choose one of: ${choices.join(', ')}`);
}
