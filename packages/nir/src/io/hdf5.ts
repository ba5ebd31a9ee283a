import h5wasm, { type Dataset, type File, Group } from 'h5wasm';

// h5wasm runs the HDF5 C library compiled to WebAssembly over Emscripten's in-memory file system, in
// Node and in browsers alike: files go in and out as bytes, so this module never touches a disk.

let counter = 0;

async function memoryFs(): Promise<{
  writeFile(path: string, data: Uint8Array): void;
  readFile(path: string): Uint8Array;
  unlink(path: string): void;
}> {
  const module = await h5wasm.ready;
  return module.FS as never;
}

/** Opens `bytes` as an HDF5 file, runs `read` on it, and frees everything, whatever happens. */
export async function withHdf5Bytes<T>(bytes: Uint8Array, read: (file: File) => T): Promise<T> {
  const fs = await memoryFs();
  const path = `/nir-read-${process_id()}-${counter++}.h5`;
  fs.writeFile(path, bytes);
  let file: File | undefined;
  try {
    file = new h5wasm.File(path, 'r');
    return read(file);
  } finally {
    file?.close();
    fs.unlink(path);
  }
}

/** Creates an HDF5 file, lets `write` fill it, and returns its bytes. */
export async function hdf5Bytes(write: (file: File) => void): Promise<Uint8Array> {
  const fs = await memoryFs();
  const path = `/nir-write-${process_id()}-${counter++}.h5`;
  let file: File | undefined;
  try {
    file = new h5wasm.File(path, 'w');
    write(file);
    file.close();
    file = undefined;
    return new Uint8Array(fs.readFile(path));
  } finally {
    file?.close();
    try {
      fs.unlink(path);
    } catch {
      // never created: the error that got us here says why
    }
  }
}

// Several workers may share one wasm heap in a browser page; a per-load random tag keeps names apart.
const tag = Math.random().toString(36).slice(2, 8);
const process_id = (): string => tag;

export type { Dataset, File };
export { Group };

/** Whether an entry is a group (h5wasm returns Group or Dataset instances). */
export const isGroup = (e: unknown): e is Group => e instanceof h5wasm.Group;
export const isDataset = (e: unknown): e is Dataset => e instanceof h5wasm.Dataset;
