import { datasetFromIdx } from '../dataset-from-idx.js';
import { verifyBytes } from '../download/hash.js';
import { DataNotFoundError } from '../errors.js';
import { decodeIdx, isGzip } from '../idx/decode-idx.js';
import type { ImageDataset } from '../image-dataset.js';
import {
  type DatasetName,
  type DatasetSpec,
  type FileSpec,
  getDatasetSpec,
  type SplitName,
} from '../registry.js';
import { webGunzip, webHasher } from './web-platform.js';

/** A file the user picked: a `File` from `<input type="file">` or a drop (anything with a name and bytes). */
export interface NamedBlob {
  readonly name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface FilesLoadOptions {
  /** 'train' (default) or 'test'. */
  split?: SplitName;
  /** Check the registered sha256/md5 of the `.gz` files before parsing (default true). */
  verify?: boolean;
}

/** The picked file for `file`: its registered name, or the name without `.gz` (uncompressed). */
function pick(files: readonly NamedBlob[], file: FileSpec): NamedBlob | undefined {
  const names = file.name.endsWith('.gz') ? [file.name, file.name.slice(0, -3)] : [file.name];
  for (const name of names) {
    const found = files.find((f) => f.name === name);
    if (found) return found;
  }
  return undefined;
}

/**
 * One split of a dataset from files the user picked, found by their published names (gzip, or
 * uncompressed without `.gz`). As the Node loader does with a local folder, gzip files are checked
 * against the registered checksums (a `ChecksumError` names the file) and every file is parsed and
 * validated; uncompressed files are validated but cannot be checksummed. A missing file is one
 * `DataNotFoundError` that names the files to pick.
 */
export async function loadDatasetFromFiles(
  dataset: DatasetName | DatasetSpec,
  files: Iterable<NamedBlob>,
  options: FilesLoadOptions = {},
): Promise<ImageDataset> {
  const spec = getDatasetSpec(dataset);
  const split = options.split ?? 'train';
  const wanted = spec.splits[split];
  const list = [...files];
  const images = pick(list, wanted.images);
  const labels = pick(list, wanted.labels);
  if (images === undefined || labels === undefined) {
    const missing = [images ? undefined : wanted.images.name, labels ? undefined : wanted.labels.name];
    throw new DataNotFoundError(
      `${spec.title} ${split}: pick ${missing.filter((m) => m !== undefined).join(' and ')} ` +
        `(got: ${list.map((f) => f.name).join(', ') || 'no files'}).` +
        (spec.howToGet ? `\n${spec.howToGet}` : ''),
    );
  }
  const read = async (blob: NamedBlob, file: FileSpec) => {
    const bytes = new Uint8Array(await blob.arrayBuffer());
    if (options.verify !== false && isGzip(bytes) && blob.name === file.name) {
      await verifyBytes(bytes, file, blob.name, webHasher);
    }
    return decodeIdx(bytes, blob.name, webGunzip);
  };
  const [imagesIdx, labelsIdx] = await Promise.all([
    read(images, wanted.images),
    read(labels, wanted.labels),
  ]);
  return datasetFromIdx(spec, split, imagesIdx, labelsIdx, { images: images.name, labels: labels.name });
}
