"""The .safetensors format read and written with numpy (8-byte header length, JSON header, raw data)."""
import json
import struct

import numpy as np

DTYPES = {'F32': np.float32, 'F64': np.float64, 'I32': np.int32, 'I64': np.int64, 'U8': np.uint8, 'BOOL': np.bool_}


def read_safetensors(path):
    """(tensors: name -> numpy array, metadata: dict of strings)."""
    with open(path, 'rb') as f:
        raw = f.read()
    if len(raw) < 8:
        raise ValueError(f'{path}: {len(raw)} bytes, too short for a safetensors file')
    (n,) = struct.unpack('<Q', raw[:8])
    header = json.loads(raw[8:8 + n])
    base = 8 + n
    metadata = header.pop('__metadata__', {})
    tensors = {}
    for name, entry in header.items():
        if entry['dtype'] not in DTYPES:
            raise ValueError(f'{path}: tensor {name} has dtype {entry["dtype"]}, not one of {sorted(DTYPES)}')
        begin, end = entry['data_offsets']
        data = np.frombuffer(raw[base + begin:base + end], dtype=DTYPES[entry['dtype']])
        tensors[name] = data.reshape(entry['shape'])
    return tensors, metadata
