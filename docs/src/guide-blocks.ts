// Pulls the runnable code out of a markdown guide: every ```ts block, in order, as one program.
// A block fenced ```ts no-run is shown but not run (browser-only code); a guide that reads MNIST
// says so with the marker comment <!-- requires: SNN_MNIST_DIR -->.

/** The program a guide's ts blocks make, and what it needs to run. */
export interface GuideProgram {
  source: string;
  blocks: number;
  requiresMnist: boolean;
}

const FENCE = /^```ts( no-run)?[^\n]*\n([\s\S]*?)^```/gm;

/** Concatenates the runnable ts blocks of a markdown text. */
export function guideProgram(markdown: string): GuideProgram {
  const parts: string[] = [];
  for (const m of markdown.matchAll(FENCE)) {
    if (m[1] === undefined) parts.push(m[2]);
  }
  return {
    source: parts.join('\n'),
    blocks: parts.length,
    requiresMnist: markdown.includes('<!-- requires: SNN_MNIST_DIR -->'),
  };
}
