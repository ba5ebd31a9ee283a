import { gunzipSync, gzipSync } from 'node:zlib';
import { ChecksumError, DataNotFoundError, IdxFormatError } from '../errors.js';
import { tinyDataset } from '../test-utils/tiny-dataset.js';
import { loadDatasetFromFiles } from './load-files.js';

/** Files as a browser hands them over (`File` is a global in Node 20, as in browsers). */
function picked(files: Record<string, Uint8Array>): File[] {
  return Object.entries(files).map(([name, bytes]) => new File([bytes as Uint8Array<ArrayBuffer>], name));
}

describe('loadDatasetFromFiles (files the user picked)', () => {
  it('finds a split by name among the picked files, verifies their content and parses it', async () => {
    const { spec, files } = tinyDataset();
    const test = await loadDatasetFromFiles(spec, picked(files), { split: 'test' });
    expect(test.length).toBe(10);
    expect(test.classCounts()).toEqual(new Array(10).fill(1));
    const train = await loadDatasetFromFiles(spec, picked(files));
    expect(train.length).toBe(30);
  });

  it('takes uncompressed files under the name without .gz (checked by their content too)', async () => {
    const { spec, files } = tinyDataset();
    const raw = Object.fromEntries(
      Object.entries(files).map(([n, b]) => [n.slice(0, -3), new Uint8Array(gunzipSync(b))]),
    );
    const test = await loadDatasetFromFiles(spec, picked(raw), { split: 'test' });
    expect(test.length).toBe(10);
  });

  it('rejects a file whose content differs, naming it; a file of the wrong size even unverified', async () => {
    const { spec, files } = tinyDataset();
    const name = 'tiny-test-labels-idx1-ubyte.gz';
    const content = new Uint8Array(gunzipSync(files[name]));
    content[content.length - 1] = (content[content.length - 1] + 1) % 10; // still a valid label
    const other = new Uint8Array(gzipSync(content));
    const error = await loadDatasetFromFiles(spec, picked({ ...files, [name]: other }), {
      split: 'test',
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ChecksumError);
    expect(error.message).toContain(`${name}: sha256 (of the IDX content) checksum mismatch`);
    // verify: false trusts the content...
    const trusted = await loadDatasetFromFiles(spec, picked({ ...files, [name]: other }), {
      split: 'test',
      verify: false,
    });
    expect(trusted.length).toBe(10);
    // ...but never a file larger than the split's
    const bigger = tinyDataset([], { train: 30, test: 20 }).files[name];
    await expect(
      loadDatasetFromFiles(spec, picked({ ...files, [name]: bigger }), { split: 'test', verify: false }),
    ).rejects.toThrow(IdxFormatError);
  });

  it('names the missing files, and what was picked, when a split is incomplete', async () => {
    const { spec, files } = tinyDataset();
    const only = { 'tiny-test-images-idx3-ubyte.gz': files['tiny-test-images-idx3-ubyte.gz'] };
    const error = await loadDatasetFromFiles(spec, picked(only), { split: 'test' }).catch((e) => e);
    expect(error).toBeInstanceOf(DataNotFoundError);
    expect(error.message).toContain('pick tiny-test-labels-idx1-ubyte.gz');
    expect(error.message).toContain('got: tiny-test-images-idx3-ubyte.gz');
    await expect(loadDatasetFromFiles(spec, [], { split: 'test' })).rejects.toThrow(/no files/);
  });

  it('reports a file that is not IDX', async () => {
    const { spec, files } = tinyDataset();
    const bad = { ...files, 'tiny-test-images-idx3-ubyte': Uint8Array.of(1, 2, 3) };
    delete (bad as Record<string, Uint8Array>)['tiny-test-images-idx3-ubyte.gz'];
    await expect(loadDatasetFromFiles(spec, picked(bad), { split: 'test' })).rejects.toThrow(IdxFormatError);
  });
});
