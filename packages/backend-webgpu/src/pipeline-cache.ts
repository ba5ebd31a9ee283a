import { ShaderStage } from './gpu-constants.js';
import type { Program } from './program.js';

export interface CachedPipeline {
  readonly pipeline: GPUComputePipeline;
  readonly layout: GPUBindGroupLayout;
}

/**
 * Compiled pipelines keyed by `Program.key` (kernel plus dtypes). Layouts are explicit, so a shader
 * that ignores a binding still accepts it and every dispatch binds inputs, outputs and uniforms alike.
 */
export class PipelineCache {
  private readonly cache = new Map<string, CachedPipeline>();
  compiled = 0;

  constructor(private readonly device: GPUDevice) {}

  get size(): number {
    return this.cache.size;
  }

  has(key: string): boolean {
    return this.cache.has(key);
  }

  get(program: Program): CachedPipeline {
    const hit = this.cache.get(program.key);
    if (hit) return hit;
    const entries: GPUBindGroupLayoutEntry[] = [];
    let b = 0;
    for (let i = 0; i < program.numInputs; i++) {
      entries.push({ binding: b++, visibility: ShaderStage.COMPUTE, buffer: { type: 'read-only-storage' } });
    }
    for (let i = 0; i < program.numOutputs; i++) {
      entries.push({ binding: b++, visibility: ShaderStage.COMPUTE, buffer: { type: 'storage' } });
    }
    entries.push({ binding: b, visibility: ShaderStage.COMPUTE, buffer: { type: 'uniform' } });
    const layout = this.device.createBindGroupLayout({ label: program.key, entries });
    const module = this.device.createShaderModule({ label: program.key, code: program.build() });
    const pipeline = this.device.createComputePipeline({
      label: program.key,
      layout: this.device.createPipelineLayout({ label: program.key, bindGroupLayouts: [layout] }),
      compute: { module, entryPoint: 'main' },
    });
    const entry = { pipeline, layout };
    this.cache.set(program.key, entry);
    this.compiled++;
    return entry;
  }
}
