import { type FileKind, idxFileBytes, readDatasetFile } from '../dataset-file.js';
import { datasetFromIdx } from '../dataset-from-idx.js';
import { DataNotFoundError } from '../errors.js';
import type { ImageDataset } from '../image-dataset.js';
import {
  type DatasetName,
  type DatasetSpec,
  type FileSpec,
  getDatasetSpec,
  type SplitName,
  splitSpec,
} from '../registry.js';
import { WEB_PLATFORM as WEB } from './web-platform.js';

/** A file the user picked: a `File` from `<input type="file">` or a drop (anything with a name and bytes). */
export interface NamedBlob {
  readonly name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface FilesLoadOptions {
  /** 'train' (default) or 'test'. */
  split?: SplitName;
  /** Check the registered checksum (of the IDX content; KMNIST: of the `.gz` files) (default true). */
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
 * uncompressed without `.gz`). As the Node loader does with a local folder, each file is parsed,
 * validated and checked against the registered checksum of its content (a `ChecksumError` names the
 * file). A missing file is one `DataNotFoundError` that names the files to pick.
 */
export async function loadDatasetFromFiles(
  dataset: DatasetName | DatasetSpec,
  files: Iterable<NamedBlob>,
  options: FilesLoadOptions = {},
): Promise<ImageDataset> {
  const spec = getDatasetSpec(dataset);
  const split = options.split ?? 'train';
  const wanted = splitSpec(spec, split);
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
  // As every loader: decoded with the inflation capped at the file's size, the IDX content checked
  // against the registry (a re-compressed or uncompressed copy of the right data passes), one file
  // at a time, images first.
  const read = async (blob: NamedBlob, file: FileSpec, kind: FileKind) =>
    readDatasetFile(new Uint8Array(await blob.arrayBuffer()), file, blob.name, WEB, {
      verify: options.verify,
      idxBytes: idxFileBytes(spec, split, kind),
    });
  const imagesIdx = await read(images, wanted.images, 'images');
  const labelsIdx = await read(labels, wanted.labels, 'labels');
  return datasetFromIdx(spec, split, imagesIdx, labelsIdx, { images: images.name, labels: labels.name });
}
