import { add, memory, mul, type Tensor } from '@snn/core';
import { type ImageBatchLike, imageBatches } from './image-batches.js';

/** A loader of 2x2 single-channel images whose pixels say which epoch and batch they belong to. */
const loader = {
  epoch(epoch: number): Iterable<ImageBatchLike> {
    return [0, 1].map((batch) => ({
      images: Float32Array.from({ length: 3 * 4 }, (_, k) => epoch * 100 + batch * 10 + k),
      labels: Uint8Array.of(batch, 9, 3),
      batchSize: 3,
      shape: [3, 1, 2, 2],
    }));
  },
};

describe('imageBatches', () => {
  it("turns a loader's epoch into fit batches: flat or image pixels, int32 labels, the batch size", () => {
    const [first, second] = [...imageBatches(loader)(2)];
    expect(first.x.shape).toEqual([3, 4]);
    expect(Array.from(first.x.dataSync()).slice(0, 3)).toEqual([200, 201, 202]);
    expect(second.x.dataSync()[0]).toBe(210);
    expect(first.y.dtype).toBe('int32');
    expect(Array.from(first.y.dataSync())).toEqual([0, 9, 3]);
    expect(first.size).toBe(3);
    const [image] = [...imageBatches(loader, { layout: 'image' })(0)];
    expect(image.x.shape).toEqual([3, 1, 2, 2]);
  });

  it('encodes the pixels (epoch and batch given) and frees the pixels and the encoder temporaries', () => {
    const before = memory().numTensors;
    const seen: string[] = [];
    const batches = [
      ...imageBatches(loader, {
        encode: (x: Tensor, where) => {
          seen.push(`${where.epoch}/${where.batch}`);
          return add(mul(x, 2), 1);
        },
      })(1),
    ];
    expect(seen).toEqual(['1/0', '1/1']);
    expect(batches[0].x.dataSync()[0]).toBe(201);
    // Only each batch's x and y remain.
    expect(memory().numTensors - before).toBe(4);
  });
});
