import { gzipSync } from 'node:zlib';
import { encodeIdx } from '../idx/encode-idx.js';
import type { DatasetSpec } from '../registry.js';
import { md5Hex, sha256Hex } from './fixture-server.js';

/**
 * A tiny MNIST-shaped dataset (4x4 images, 10 classes) as gzip IDX files, with a registry spec
 * carrying their real checksums, for download and resolution tests. `pin` chooses what the spec pins:
 * the sha256 of the IDX content (as MNIST and Fashion-MNIST) or the digests of the .gz files (KMNIST).
 */
export function tinyDataset(
  mirrors: readonly string[] = [],
  counts = { train: 30, test: 10 },
  pin: 'content' | 'gzip' = 'content',
): { spec: DatasetSpec; files: Record<string, Uint8Array> } {
  const files: Record<string, Uint8Array> = {};
  const split = (part: 'train' | 'test', n: number) => {
    const pixels = Array.from({ length: n * 16 }, (_, i) => (i * 37 + (part === 'test' ? 11 : 0)) % 256);
    const labels = Array.from({ length: n }, (_, i) => i % 10);
    const rawImages = encodeIdx('uint8', [n, 4, 4], pixels);
    const rawLabels = encodeIdx('uint8', [n], labels);
    const images = new Uint8Array(gzipSync(rawImages));
    const labelBytes = new Uint8Array(gzipSync(rawLabels));
    const imagesName = `tiny-${part}-images-idx3-ubyte.gz`;
    const labelsName = `tiny-${part}-labels-idx1-ubyte.gz`;
    files[imagesName] = images;
    files[labelsName] = labelBytes;
    return pin === 'content'
      ? {
          images: { name: imagesName, contentSha256: sha256Hex(rawImages) },
          labels: { name: labelsName, contentSha256: sha256Hex(rawLabels) },
          count: n,
        }
      : {
          images: { name: imagesName, sha256: sha256Hex(images), md5: md5Hex(images) },
          labels: { name: labelsName, md5: md5Hex(labelBytes) },
          count: n,
        };
  };
  const spec: DatasetSpec = {
    id: 'tiny',
    title: 'Tiny',
    homepage: 'http://127.0.0.1/',
    mirrors,
    envVar: 'SNN_TINY_DIR',
    splits: { train: split('train', counts.train), test: split('test', counts.test) },
    height: 4,
    width: 4,
    numClasses: 10,
    labelMin: 0,
  };
  return { spec, files };
}
