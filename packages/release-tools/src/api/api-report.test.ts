import { reportDiff } from './api-report.js';

describe('reportDiff', () => {
  it('lists removed lines before added ones and cuts each list at the limit', () => {
    const before = 'export function a(): void;\nexport function b(): void;\n';
    const after = 'export function b(): void;\nexport function c(x: number): void;\nexport const d = 1;\n';
    expect(reportDiff(before, after)).toEqual([
      '- export function a(): void;',
      '+ export function c(x: number): void;',
      '+ export const d = 1;',
    ]);
    expect(reportDiff('', after, 1)).toEqual(['+ export function b(): void;', '  ... 2 more']);
  });
});
