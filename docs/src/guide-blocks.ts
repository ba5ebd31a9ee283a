// Pulls the runnable code out of a markdown guide: every ```ts block, in order, as one program.
// A block fenced ```ts no-run is shown but not run (browser-only code): it is still type-checked, as a
// program of its own. A guide that reads MNIST says so with the marker comment
// <!-- requires: SNN_MNIST_DIR -->.

/** The program a guide's ts blocks make, and what it needs to run. */
export interface GuideProgram {
  /** The runnable blocks joined, in order. */
  source: string;
  /** How many runnable blocks there are. */
  blocks: number;
  /** The markdown line (1-based) of each line of `source`; 0 for the blank lines between blocks. */
  lines: number[];
  /** The no-run blocks joined, in order (type-checked, never run). */
  noRunSource: string;
  /** How many no-run blocks there are. */
  noRunBlocks: number;
  /** The markdown line of each line of `noRunSource`, as `lines`. */
  noRunLines: number[];
  /** The guide reads MNIST (it says so with the marker comment). */
  requiresMnist: boolean;
}

const FENCE = /^```ts( no-run)?[^\n]*\n([\s\S]*?)^```/gm;

/** One ts block of a markdown text. */
export interface TsBlock {
  /** The code, ending with a line break. */
  code: string;
  /** The markdown line (1-based) of its first line. */
  firstLine: number;
  /** Fenced ```ts no-run: type-checked, never run. */
  noRun: boolean;
}

/** Every ts block of a markdown text, in order. */
export function tsBlocks(markdown: string): TsBlock[] {
  return [...markdown.matchAll(FENCE)].map((m) => ({
    code: m[2],
    // The code starts on the line after the fence: count the line breaks before it.
    firstLine: markdown.slice(0, m.index).split('\n').length + 1,
    noRun: m[1] !== undefined,
  }));
}

// A JavaScript fence: ```js, ```javascript, ```mjs, ```cjs (with or without an info string after it).
const JS_FENCE = /^```(?:js|javascript|mjs|cjs)(?:[ \t][^\n]*)?$/gm;

/**
 * The markdown lines (1-based) of the blocks fenced as JavaScript. Nothing checks such a block (the
 * type-check reads ts blocks only) and every example here is also valid TypeScript, so the docs fence
 * them ```ts and this finds any that are not.
 */
export function jsBlockLines(markdown: string): number[] {
  return [...markdown.matchAll(JS_FENCE)].map((m) => markdown.slice(0, m.index).split('\n').length);
}

/** Concatenates the runnable ts blocks of a markdown text (and, apart, its no-run blocks). */
export function guideProgram(markdown: string): GuideProgram {
  const blocks = tsBlocks(markdown);
  const run = blocks.filter((b) => !b.noRun);
  const noRun = blocks.filter((b) => b.noRun);
  const joined = join(run);
  const joinedNoRun = join(noRun);
  return {
    source: joined.source,
    blocks: run.length,
    lines: joined.lines,
    noRunSource: joinedNoRun.source,
    noRunBlocks: noRun.length,
    noRunLines: joinedNoRun.lines,
    requiresMnist: markdown.includes('<!-- requires: SNN_MNIST_DIR -->'),
  };
}

function join(blocks: readonly TsBlock[]): { source: string; lines: number[] } {
  const lines: number[] = [];
  blocks.forEach((b, k) => {
    if (k > 0) lines.push(0); // the '\n' the join adds starts an empty line
    // Each block ends with a line break: its lines are the pieces before the last one.
    const n = b.code.split('\n').length - 1;
    for (let j = 0; j < n; j++) lines.push(b.firstLine + j);
  });
  return { source: blocks.map((b) => b.code).join('\n'), lines };
}
