/*
 * WebGPU flag values from the specification. Spelled out here because Node (the `webgpu` package)
 * does not define the GPUBufferUsage / GPUMapMode / GPUShaderStage globals unless asked to.
 */
export const BufferUsage = {
  MAP_READ: 0x0001,
  MAP_WRITE: 0x0002,
  COPY_SRC: 0x0004,
  COPY_DST: 0x0008,
  UNIFORM: 0x0040,
  STORAGE: 0x0080,
} as const;

export const MapMode = { READ: 0x0001, WRITE: 0x0002 } as const;

export const ShaderStage = { COMPUTE: 0x0004 } as const;

/** Usage of every tensor buffer: read and written by shaders, filled by writeBuffer, copied out to read. */
export const STORAGE_USAGE = BufferUsage.STORAGE | BufferUsage.COPY_SRC | BufferUsage.COPY_DST;
/** Usage of the per-dispatch uniform buffers holding shapes and scalars. */
export const UNIFORM_USAGE = BufferUsage.UNIFORM | BufferUsage.COPY_DST;
/** Usage of staging buffers for readback. */
export const READBACK_USAGE = BufferUsage.MAP_READ | BufferUsage.COPY_DST;
