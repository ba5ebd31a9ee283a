/*
 * Messages between the page (main.ts) and the training worker (worker/training-worker.ts). The worker
 * owns the backend, the data, the network and its optimizer; the page only draws what it reports.
 */
import type { EncoderName, EpochRecord, LossRecord, PresetName } from 'mnist-demo/shared';

/** Which backend to run: the best that starts ('auto'), or one by name. */
export const BACKEND_CHOICES = ['auto', 'webgpu', 'wasm', 'tfjs-wasm', 'reference'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

/** The form's training settings (validated in the worker by mnist-demo's own rules). */
export interface TrainSettings {
  readonly preset: PresetName;
  readonly encoder: EncoderName;
  readonly epochs: number;
  readonly batchSize: number;
  readonly lr: number;
  readonly steps: number;
  readonly limitTrain: number;
  readonly limitTest: number;
  readonly seed: number;
}

export type ToWorker =
  | { readonly type: 'use-backend'; readonly choice: BackendChoice }
  | { readonly type: 'load-url'; readonly url: string }
  | { readonly type: 'load-files'; readonly files: readonly File[] }
  | { readonly type: 'train'; readonly settings: TrainSettings }
  /** Train the current network (new, or uploaded) for `epochs` more epochs with its own settings. */
  | { readonly type: 'continue'; readonly epochs: number }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  | { readonly type: 'stop' }
  | { readonly type: 'evaluate'; readonly limit: number }
  | { readonly type: 'save-checkpoint' }
  | { readonly type: 'load-checkpoint'; readonly name: string; readonly bytes: ArrayBuffer }
  /** Classify a 28x28 image (0..255, row-major; white digit on black as in MNIST). */
  | { readonly type: 'classify'; readonly pixels: Uint8Array; readonly label?: number }
  | { readonly type: 'test-digit'; readonly index: number }
  /** An ONNX file `mnist-demo export-onnx` wrote, run by onnxruntime-web beside the network. */
  | { readonly type: 'load-onnx'; readonly name: string; readonly bytes: ArrayBuffer }
  | { readonly type: 'onnx-classify'; readonly pixels: Uint8Array }
  | { readonly type: 'onnx-evaluate'; readonly limit: number };

/** One backend as the page lists it. */
export interface BackendStatus {
  readonly name: string;
  readonly label: string;
  /** running: in use; failed: tried and could not start; standby: not tried (a better one runs). */
  readonly state: 'running' | 'failed' | 'standby';
  readonly detail: string;
}

/** Values [steps, units] row-major: spikes (0/1), pixel values or voltages. */
export interface Grid {
  readonly label: string;
  readonly steps: number;
  readonly units: number;
  readonly values: Float32Array;
}

/** One sample through the network: its input, hidden spikes, readout voltages and scores. */
export interface Activity {
  readonly input: Grid;
  readonly hidden: Grid;
  readonly readout: Grid;
  readonly scores: readonly number[];
  readonly predicted: number;
  /** The label, when the sample came from the data set. */
  readonly label?: number;
}

export interface RunInfo {
  readonly preset: PresetName;
  readonly encoder: EncoderName;
  readonly network: string;
  readonly epochsDone: number;
  readonly backend: string;
  /** Where the weights came from: 'trained here' or the uploaded file's name. */
  readonly origin: string;
}

/** The ONNX model the page runs, as its metadata describes it. */
export interface OnnxInfo {
  readonly name: string;
  readonly preset: string;
  readonly encoder: string;
  readonly form: 'sequence' | 'step';
  readonly steps: number | null;
  /** What runs it, e.g. 'onnxruntime-web (WebAssembly, 1 thread)'. */
  readonly runtime: string;
}

export type FromWorker =
  | { readonly type: 'backends'; readonly running: string; readonly statuses: readonly BackendStatus[] }
  | { readonly type: 'data'; readonly source: string; readonly train: number; readonly test: number }
  | { readonly type: 'data-error'; readonly message: string }
  | { readonly type: 'state'; readonly state: 'idle' | 'training' | 'paused'; readonly run?: RunInfo }
  | {
      readonly type: 'batch';
      readonly epoch: number;
      readonly epochs: number;
      readonly batch: number;
      readonly batches: number;
      readonly samples: number;
      readonly loss: number;
      readonly accuracy: number;
      readonly samplesPerSecond: number;
    }
  | { readonly type: 'epoch'; readonly record: EpochRecord; readonly samples: number }
  /** A run's whole history: sent when a run starts or a checkpoint is loaded (the charts restart from it). */
  | {
      readonly type: 'history';
      readonly losses: readonly LossRecord[];
      readonly epochs: readonly EpochRecord[];
    }
  | { readonly type: 'activity'; readonly activity: Activity }
  | {
      readonly type: 'evaluated';
      readonly accuracy: number;
      readonly loss: number;
      readonly samples: number;
      readonly seconds: number;
    }
  | { readonly type: 'checkpoint'; readonly name: string; readonly bytes: ArrayBuffer }
  | { readonly type: 'classified'; readonly activity: Activity }
  | {
      readonly type: 'test-digit';
      readonly index: number;
      readonly pixels: Uint8Array;
      readonly label: number;
    }
  | { readonly type: 'done'; readonly reason: 'finished' | 'stopped' }
  | { readonly type: 'onnx-loaded'; readonly info: OnnxInfo }
  | { readonly type: 'onnx-classified'; readonly scores: readonly number[]; readonly predicted: number }
  | {
      readonly type: 'onnx-evaluated';
      readonly accuracy: number;
      readonly samples: number;
      readonly seconds: number;
    }
  | { readonly type: 'error'; readonly context: string; readonly message: string };
