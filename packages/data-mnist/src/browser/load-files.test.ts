import { gunzipSync } from 'node:zlib';
import { ChecksumError, DataNotFoundError, IdxFormatError } from '../errors.js';
import { tinyDataset } from '../test-utils/tiny-dataset.js';
import { loadDatasetFromFiles } from './load-files.js';

/** Files as a browser hands them over (`File` is a global in Node 20, as in browsers). */
function picked(files: Record<string, Uint8Array>): File[] {
  return Object.entries(files).map(([name, bytes]) => new File([bytes as Uint8Array<ArrayBuffer>], name));
}

describe('loadDatasetFromFiles (files the user picked)', () => {
  it('finds a split by name among the picked files, verifies the gzip checksums and parses it', async () => {
    const { spec, files } = tinyDataset();
    const test = await loadDatasetFromFiles(spec, picked(files), { split: 'test' });
    expect(test.length).toBe(10);
    expect(test.classCounts()).toEqual(new Array(10).fill(1));
    const train = await loadDatasetFromFiles(spec, picked(files));
    expect(train.length).toBe(30);
  });

  it('takes uncompressed files under the name without .gz (validated, not checksummed)', async () => {
    const { spec, files } = tinyDataset();
    const raw = Object.fromEntries(
      Object.entries(files).map(([n, b]) => [n.slice(0, -3), new Uint8Array(gunzipSync(b))]),
    );
    const test = await loadDatasetFromFiles(spec, picked(raw), { split: 'test' });
    expect(test.length).toBe(10);
  });

  it('rejects a file whose checksum differs, naming it', async () => {
    const { spec, files } = tinyDataset();
    const name = 'tiny-test-labels-idx1-ubyte.gz';
    const other = tinyDataset([], { train: 30, test: 20 }).files[name];
    const error = await loadDatasetFromFiles(spec, picked({ ...files, [name]: other }), {
      split: 'test',
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ChecksumError);
    expect(error.message).toContain(name);
    // without verification the parser still catches the count mismatch
    await expect(
      loadDatasetFromFiles(spec, picked({ ...files, [name]: other }), { split: 'test', verify: false }),
    ).rejects.toThrow(/10|20/);
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
