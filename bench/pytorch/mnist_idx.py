"""MNIST's four IDX files (gzipped or not), read with numpy: the folder layout @snn/data-mnist reads."""
import gzip
import os
import struct

import numpy as np

STEMS = {'train': 'train', 'test': 't10k'}


def _find(folder, stem):
    for name in (stem, stem.replace('-idx', '.idx')):
        for suffix in ('.gz', ''):
            path = os.path.join(folder, name + suffix)
            if os.path.exists(path):
                return path
    raise FileNotFoundError(f'{folder}: no {stem}(.gz) (the four MNIST IDX files are expected there)')


def read_idx(path):
    """An unsigned-byte IDX file as a numpy uint8 array of its shape."""
    opener = gzip.open if path.endswith('.gz') else open
    with opener(path, 'rb') as f:
        buf = f.read()
    if len(buf) < 4 or buf[0:3] != b'\x00\x00\x08':
        raise ValueError(f'{path}: not an unsigned-byte IDX file')
    rank = buf[3]
    dims = struct.unpack('>' + 'I' * rank, buf[4:4 + 4 * rank])
    data = np.frombuffer(buf, dtype=np.uint8, offset=4 + 4 * rank)
    if data.size != int(np.prod(dims)):
        raise ValueError(f'{path}: {data.size} bytes of data, the header says {dims}')
    return data.reshape(dims)


def load_split(folder, split, count):
    """The first `count` images (uint8 [N, 28, 28]) and labels (int64 [N]) of a split."""
    stem = STEMS[split]
    images = read_idx(_find(folder, f'{stem}-images-idx3-ubyte'))
    labels = read_idx(_find(folder, f'{stem}-labels-idx1-ubyte'))
    if count > images.shape[0]:
        raise ValueError(f'{split} split has {images.shape[0]} images, {count} asked for')
    return images[:count].copy(), labels[:count].astype(np.int64)


def normalise(images, how):
    """'standard': (x/255 - 0.1307) / 0.3081 (Norse); 'unit': x/255. float32, same shape."""
    x = images.astype(np.float32) / np.float32(255)
    if how == 'standard':
        return (x - np.float32(0.1307)) / np.float32(0.3081)
    if how == 'unit':
        return x
    raise ValueError(f"normalisation '{how}': expected 'standard' or 'unit'")
