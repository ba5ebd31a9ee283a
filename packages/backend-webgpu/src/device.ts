import { NODE_INSTALL_HINT, WebGPUError } from './errors.js';

/**
 * Where {@link acquireDevice} gets its GPUDevice: a device you pass, or a fresh one from
 * `navigator.gpu` (the `webgpu` package's Dawn binding in Node).
 *
 * @example
 * ```ts
 * const { device, adapterDescription } = await acquireDevice({ powerPreference: 'high-performance' });
 * ```
 */
export interface DeviceOptions {
  /** Use this device instead of requesting one (the backend then does not destroy it). Default none. */
  readonly device?: GPUDevice;
  /** Passed to `requestAdapter`: 'low-power' or 'high-performance'. Default: the browser's choice. */
  readonly powerPreference?: GPUPowerPreference;
}

/** The device {@link acquireDevice} found, with a description of its adapter and who owns it. */
export interface AcquiredDevice {
  /** The WebGPU device kernels run on. */
  readonly device: GPUDevice;
  /** A short description of the adapter, e.g. 'mesa software llvmpipe: Mesa 25.0.7'. */
  readonly adapterDescription: string;
  /** Whether the backend created the device (and so destroys it on dispose). */
  readonly owned: boolean;
}

/*
 * Dawn's Node binding aborts the process when the object returned by `create()` is garbage
 * collected while devices live. We keep it reachable from module scope and from globalThis.navigator
 * (so code that looks for `navigator.gpu`, like tfjs-webgpu, finds the same one).
 */
let nodeGpu: GPU | undefined;

async function getGpu(): Promise<GPU> {
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
  if (nav?.gpu) return nav.gpu;
  if (nodeGpu) return nodeGpu;
  const isNode = typeof process !== 'undefined' && process.versions?.node !== undefined;
  if (!isNode) {
    throw new WebGPUError(`This browser does not expose navigator.gpu. ${NODE_INSTALL_HINT}`);
  }
  let mod: { create: (flags: string[]) => GPU };
  try {
    // A variable specifier keeps bundlers from resolving the Node-only package for browsers.
    const name = 'webgpu';
    mod = (await import(/* @vite-ignore */ name)) as { create: (flags: string[]) => GPU };
  } catch (err) {
    throw new WebGPUError(`Could not load the \`webgpu\` package (${String(err)}). ${NODE_INSTALL_HINT}`);
  }
  nodeGpu = mod.create([]);
  const g = globalThis as { navigator?: { gpu?: GPU } };
  if (g.navigator === undefined) g.navigator = { gpu: nodeGpu };
  else if (g.navigator.gpu === undefined) {
    try {
      Object.defineProperty(g.navigator, 'gpu', { value: nodeGpu, configurable: true });
    } catch {
      // A frozen navigator: module scope still holds the object.
    }
  }
  return nodeGpu;
}

/**
 * Finds an adapter and creates a device with the adapter's storage limits (largest storage buffers,
 * up to 10 storage buffers per stage), or wraps the device you pass.
 *
 * @param options - A device to use (default: request one) and the adapter's power preference.
 * @returns The device, its adapter's description and whether the caller owns it.
 * @throws WebGPUError when there is no `navigator.gpu`, the `webgpu` package is missing in Node, or no
 *   adapter is found; the message says how to install one.
 *
 * @example
 * ```ts
 * import { acquireDevice } from '@snn/backend-webgpu';
 *
 * const { device, adapterDescription } = await acquireDevice();
 * console.log(adapterDescription); // e.g. 'nvidia hopper' or 'mesa software llvmpipe: Mesa 25.0.7'
 * device.destroy();
 * ```
 */
export async function acquireDevice(options: DeviceOptions = {}): Promise<AcquiredDevice> {
  if (options.device) {
    return { device: options.device, adapterDescription: 'user-provided device', owned: false };
  }
  const gpu = await getGpu();
  const adapter = await gpu.requestAdapter(
    options.powerPreference ? { powerPreference: options.powerPreference } : undefined,
  );
  if (!adapter) throw new WebGPUError(`No WebGPU adapter was found. ${NODE_INSTALL_HINT}`);
  const lim = adapter.limits;
  const device = await adapter.requestDevice({
    label: '@snn/backend-webgpu',
    requiredLimits: {
      maxStorageBufferBindingSize: lim.maxStorageBufferBindingSize,
      maxBufferSize: lim.maxBufferSize,
      maxStorageBuffersPerShaderStage: Math.min(lim.maxStorageBuffersPerShaderStage, 10),
      maxComputeWorkgroupStorageSize: lim.maxComputeWorkgroupStorageSize,
    },
  });
  const info = adapter.info;
  const adapterDescription = info
    ? [info.vendor, info.architecture, info.description].filter((s) => s).join(' ')
    : 'unknown adapter';
  return { device, adapterDescription, owned: true };
}
