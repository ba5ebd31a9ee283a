import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readmeSize, sizeProblems, writeReadmeSize } from './readme-sizes.js';

const size = { tarballBytes: 100_000, installedBytes: 2_000_000, installedPackages: 3 };

describe('README package-size section', () => {
  it('is added before ## License, read back, and replaced in place on the next update', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'readme-size-')), 'README.md');
    writeFileSync(file, '# @snn/x\n\nText.\n\n## License\n\nMIT\n');
    writeReadmeSize(file, '@snn/x', size);
    const first = readFileSync(file, 'utf8');
    expect(first).toMatch(
      /## Package size\n\n<!-- package-size:start .*-->\nTarball 97\.7 KiB; `npm install @snn\/x`/,
    );
    expect(first.indexOf('## Package size')).toBeLessThan(first.indexOf('## License'));
    expect(readmeSize(first)).toEqual(size);
    writeReadmeSize(file, '@snn/x', { ...size, tarballBytes: 5 });
    const second = readFileSync(file, 'utf8');
    expect(second.match(/package-size:start/g)).toHaveLength(1);
    expect(readmeSize(second)?.tarballBytes).toBe(5);
    expect(second).toContain('## License\n\nMIT');
  });

  it('passes within the tolerance and names stated and measured figures outside it', () => {
    const readme = `# x\n\n${'<!-- package-size:start'} ${JSON.stringify(size)} -->\n<!-- package-size:end -->\n`;
    expect(sizeProblems(readme, { ...size, tarballBytes: 110_000 })).toEqual([]);
    expect(sizeProblems(readme, { ...size, installedBytes: 4_000_000 })).toEqual([
      'README says installed 1.9 MiB, it is 3.8 MiB',
    ]);
    expect(sizeProblems('# x\n', size)).toEqual(['the README has no package-size section']);
  });
});
