import './style.css';
import { type ENCODER_NAMES, PRESET_NAMES, PRESETS, type PresetName } from 'mnist-demo/presets';
import type { BackendChoice, FromWorker, ToWorker, TrainSettings } from './protocol.js';
import { ActivityView } from './ui/activity-view.js';
import { DrawPad } from './ui/draw-pad.js';
import { LineChart } from './ui/line-chart.js';
import { renderScores } from './ui/scores.js';
import { TrainingCurves } from './ui/training-curves.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const worker = new Worker(new URL('./worker/training-worker.ts', import.meta.url), { type: 'module' });
worker.onerror = (e) => showError(`the training worker failed: ${e.message}`);
const send = (message: ToWorker, transfer: Transferable[] = []) => worker.postMessage(message, transfer);

// ---- what the page knows -------------------------------------------------------------------------
const state = {
  training: false,
  paused: false,
  hasNetwork: false,
  hasTrain: false,
  hasTest: false,
  hasOnnx: false,
};
let testIndex = 0;

function refreshButtons(): void {
  const idle = !state.training;
  $<HTMLButtonElement>('train').disabled = !(idle && state.hasTrain);
  $<HTMLButtonElement>('continue').disabled = !(idle && state.hasTrain && state.hasNetwork);
  $<HTMLButtonElement>('pause').disabled = idle;
  $<HTMLButtonElement>('stop').disabled = idle;
  $<HTMLButtonElement>('download').disabled = !state.hasNetwork;
  $<HTMLInputElement>('upload').disabled = !idle;
  $<HTMLButtonElement>('evaluate').disabled = !(state.hasNetwork && state.hasTest);
  $<HTMLButtonElement>('classify').disabled = !state.hasNetwork;
  $<HTMLButtonElement>('test-digit').disabled = !(state.hasNetwork && state.hasTest);
  $<HTMLButtonElement>('onnx-classify').disabled = !state.hasOnnx;
  $<HTMLButtonElement>('onnx-evaluate').disabled = !(state.hasOnnx && state.hasTest);
  const pause = $<HTMLButtonElement>('pause');
  pause.textContent = state.paused ? 'Resume' : 'Pause';
  pause.setAttribute('aria-pressed', String(state.paused));
}

function showError(text: string | undefined): void {
  const el = $('error');
  el.hidden = text === undefined;
  el.textContent = text ?? '';
}

// ---- backend -------------------------------------------------------------------------------------
const backendChoice = $<HTMLSelectElement>('backend-choice');
backendChoice.addEventListener('change', () => {
  $('backend-running').textContent = 'Starting the backend…';
  send({ type: 'use-backend', choice: backendChoice.value as BackendChoice });
});

function showBackends(message: Extract<FromWorker, { type: 'backends' }>): void {
  const running = message.statuses.find((s) => s.state === 'running');
  $('backend-running').textContent = running
    ? `Training runs on ${running.label}: ${running.detail}.`
    : 'No backend could start.';
  $('backend-running').dataset.backend = message.running;
  $('backend-list').replaceChildren(
    ...message.statuses.map((s) => {
      const li = document.createElement('li');
      const tag = document.createElement('span');
      tag.className = `state state-${s.state}`;
      tag.textContent = { running: 'runs', failed: 'failed', standby: 'not used' }[s.state];
      li.append(tag, ` ${s.label}: ${s.detail}`);
      return li;
    }),
  );
}

// ---- data ----------------------------------------------------------------------------------------
const dataStatus = $('data-status');
function loadUrl(url: string): void {
  const absolute = new URL(url, location.href).href;
  dataStatus.className = '';
  dataStatus.textContent = `Loading MNIST from ${absolute}…`;
  send({ type: 'load-url', url: absolute });
}
$<HTMLFormElement>('data-url-form').addEventListener('submit', (e) => {
  e.preventDefault();
  loadUrl($<HTMLInputElement>('data-url').value);
});
$<HTMLInputElement>('data-files').addEventListener('change', (e) => {
  const files = [...((e.target as HTMLInputElement).files ?? [])];
  if (files.length === 0) return;
  dataStatus.className = '';
  dataStatus.textContent = `Reading ${files.length} files…`;
  send({ type: 'load-files', files });
});

// ---- training form -------------------------------------------------------------------------------
const preset = $<HTMLSelectElement>('preset');
const encoder = $<HTMLSelectElement>('encoder');
preset.append(...PRESET_NAMES.map((n) => new Option(n, n)));
function fillPreset(name: PresetName): void {
  const p = PRESETS[name];
  encoder.replaceChildren(...p.encoders.map((e) => new Option(e, e)));
  encoder.value = p.encoder;
  $<HTMLInputElement>('epochs').value = String(p.epochs);
  $<HTMLInputElement>('batch-size').value = String(p.batchSize);
  $<HTMLInputElement>('lr').value = String(p.lr);
  $<HTMLInputElement>('steps').value = String(p.steps);
  $('preset-network').textContent = `${p.network}. ${p.reference.text}.`;
}
preset.addEventListener('change', () => fillPreset(preset.value as PresetName));
fillPreset('norse-recurrent');

function settings(): TrainSettings {
  const n = (id: string) => Number($<HTMLInputElement>(id).value);
  return {
    preset: preset.value as PresetName,
    encoder: encoder.value as (typeof ENCODER_NAMES)[number],
    epochs: n('epochs'),
    batchSize: n('batch-size'),
    lr: n('lr'),
    steps: n('steps'),
    limitTrain: n('limit-train'),
    limitTest: n('limit-test'),
    seed: n('seed'),
  };
}

const curves = new TrainingCurves(
  new LineChart($('loss-chart'), { x: 'training samples', y: 'loss', series: [{ label: 'batch loss' }] }),
  new LineChart($('accuracy-chart'), {
    x: 'training samples',
    y: 'accuracy (%)',
    yRange: [0, 100],
    series: [{ label: 'batch (smoothed)' }, { label: 'test', points: true }],
  }),
);

$<HTMLFormElement>('train-form').addEventListener('submit', (e) => {
  e.preventDefault();
  showError(undefined);
  state.training = true;
  refreshButtons();
  send({ type: 'train', settings: settings() });
});
$('continue').addEventListener('click', () => {
  showError(undefined);
  state.training = true;
  refreshButtons();
  send({ type: 'continue', epochs: Number($<HTMLInputElement>('epochs').value) });
});
$('pause').addEventListener('click', () => send({ type: state.paused ? 'resume' : 'pause' }));
$('stop').addEventListener('click', () => send({ type: 'stop' }));

// ---- activity and drawing ------------------------------------------------------------------------
const liveActivity = new ActivityView($('live-rasters'), 'the current training sample');
const drawActivity = new ActivityView($('draw-activity'), 'the drawn digit');
const pad = new DrawPad(
  $<HTMLCanvasElement>('pad'),
  $('pad-cursor'),
  () => {
    classifyDrawing();
    classifyDrawingWithOnnx();
  },
  (down) => {
    $('pen-state').textContent = down ? 'down' : 'up';
  },
);
/** Sends the drawing to be classified by the network ('classify') or the ONNX model ('onnx-classify'). */
function sendDrawing(type: 'classify' | 'onnx-classify', status: string): void {
  const pixels = pad.pixels();
  if (!pixels) {
    $(status).textContent = 'Nothing drawn yet.';
    return;
  }
  send({ type, pixels }, [pixels.buffer]);
}
function classifyDrawing(): void {
  if (state.hasNetwork) sendDrawing('classify', 'prediction');
}
function classifyDrawingWithOnnx(): void {
  if (state.hasOnnx) sendDrawing('onnx-classify', 'onnx-prediction');
}
$('classify').addEventListener('click', classifyDrawing);
$('onnx-classify').addEventListener('click', classifyDrawingWithOnnx);
$('clear').addEventListener('click', () => pad.clear());
$('test-digit').addEventListener('click', () => send({ type: 'test-digit', index: testIndex++ }));

// ---- checkpoints ---------------------------------------------------------------------------------
$('download').addEventListener('click', () => send({ type: 'save-checkpoint' }));
/** Sends the file picked in input `id` to the worker (`type`, its bytes transferred). */
function uploadOnPick(id: string, type: 'load-checkpoint' | 'load-onnx', loading?: (name: string) => void) {
  $<HTMLInputElement>(id).addEventListener('change', async (e) => {
    const file = (e.target as HTMLInputElement).files?.[0];
    if (!file) return;
    showError(undefined);
    loading?.(file.name);
    const bytes = await file.arrayBuffer();
    send({ type, name: file.name, bytes }, [bytes]);
  });
}
/** On submit of `form`, evaluates (`type`) on the number of test images in input `limit`. */
function evaluateOnSubmit(form: string, limit: string, result: string, type: 'evaluate' | 'onnx-evaluate') {
  $<HTMLFormElement>(form).addEventListener('submit', (e) => {
    e.preventDefault();
    $(result).textContent = type === 'evaluate' ? 'Evaluating…' : 'Evaluating with onnxruntime-web…';
    send({ type, limit: Number($<HTMLInputElement>(limit).value) });
  });
}
uploadOnPick('upload', 'load-checkpoint');
evaluateOnSubmit('eval-form', 'eval-limit', 'eval-result', 'evaluate');

// ---- an exported ONNX model, run by onnxruntime-web ---------------------------------------------
uploadOnPick('onnx-upload', 'load-onnx', (name) => {
  $('onnx-status').textContent = `Loading ${name} into onnxruntime-web…`;
});
evaluateOnSubmit('onnx-eval-form', 'onnx-eval-limit', 'onnx-eval-result', 'onnx-evaluate');

function download(name: string, bytes: ArrayBuffer): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// ---- messages from the worker --------------------------------------------------------------------
const pct = (x: number) => `${x.toFixed(2)}%`;

worker.onmessage = (event: MessageEvent<FromWorker>) => {
  const m = event.data;
  switch (m.type) {
    case 'backends':
      showBackends(m);
      break;
    case 'data':
      state.hasTrain = m.train > 0;
      state.hasTest = m.test > 0;
      dataStatus.className = '';
      dataStatus.textContent = `MNIST loaded from ${m.source}: ${m.train} training and ${m.test} test images, checksums verified.`;
      break;
    case 'data-error':
      dataStatus.className = 'data-error';
      dataStatus.textContent = `No MNIST here. ${m.message}\nServe the four files from that folder, type the URL of a folder that has them, or pick the files above.`;
      break;
    case 'state':
      state.training = m.state !== 'idle';
      state.paused = m.state === 'paused';
      state.hasNetwork = m.run !== undefined;
      if (m.state === 'paused') $('train-status').textContent = 'Paused.';
      if (m.run) {
        $('run-info').textContent =
          `Network: ${m.run.preset} (${m.run.encoder} input), ${m.run.epochsDone} epoch${m.run.epochsDone === 1 ? '' : 's'} trained, weights ${m.run.origin}, on ${m.run.backend}.`;
      }
      break;
    case 'history':
      curves.reset(m.losses, m.epochs);
      break;
    case 'batch':
      curves.batch(m.samples, m.loss, m.accuracy);
      $<HTMLProgressElement>('epoch-progress').value = m.batch / m.batches;
      $('train-status').textContent =
        `Training: epoch ${m.epoch} of ${m.epochs}, batch ${m.batch} of ${m.batches}.`;
      $('samples-per-second').textContent = m.samplesPerSecond.toFixed(1);
      $('loss').textContent = m.loss.toFixed(4);
      $('batch-accuracy').textContent = pct(m.accuracy * 100);
      break;
    case 'epoch':
      curves.epoch(m.samples, m.record.testAccuracy);
      $('test-accuracy').textContent = pct(m.record.testAccuracy);
      $('test-accuracy').dataset.epoch = String(m.record.epoch);
      break;
    case 'activity': {
      liveActivity.show(m.activity);
      const a = m.activity;
      $('activity-sample').textContent =
        `Training sample: label ${a.label}, the network says ${a.predicted}.`;
      break;
    }
    case 'done':
      $('train-status').textContent = m.reason === 'finished' ? 'Finished.' : 'Stopped.';
      break;
    case 'evaluated':
      $('eval-result').textContent =
        `Test accuracy ${pct(m.accuracy)} on ${m.samples} images (loss ${m.loss}), in ${m.seconds.toFixed(1)} s.`;
      $('eval-result').dataset.accuracy = String(m.accuracy);
      break;
    case 'checkpoint':
      download(m.name, m.bytes);
      break;
    case 'classified': {
      const a = m.activity;
      drawActivity.show(a);
      renderScores($<HTMLOListElement>('scores'), a.scores, a.predicted);
      $('prediction').textContent =
        a.label === undefined
          ? `Prediction: ${a.predicted}`
          : `Prediction: ${a.predicted} (test digit ${testIndex - 1}, label ${a.label})`;
      $('prediction').dataset.predicted = String(a.predicted);
      break;
    }
    case 'test-digit':
      pad.showPixels(m.pixels);
      send({ type: 'classify', pixels: m.pixels, label: m.label }, [m.pixels.buffer]);
      break;
    case 'onnx-loaded': {
      const i = m.info;
      state.hasOnnx = true;
      $('onnx-status').textContent =
        `Running ${i.name} with ${i.runtime}: ${i.preset} (${i.encoder} input, ${i.steps ?? 'input-decided'} time steps, ${i.form === 'step' ? 'one ONNX run per time step' : 'the whole sequence in one ONNX run'}).`;
      $('onnx-status').dataset.runtime = 'onnxruntime-web';
      classifyDrawingWithOnnx();
      break;
    }
    case 'onnx-classified':
      renderScores($<HTMLOListElement>('onnx-scores'), m.scores, m.predicted);
      $('onnx-prediction').textContent = `ONNX prediction: ${m.predicted}`;
      $('onnx-prediction').dataset.predicted = String(m.predicted);
      break;
    case 'onnx-evaluated':
      $('onnx-eval-result').textContent =
        `Test accuracy ${pct(m.accuracy)} on ${m.samples} images with onnxruntime-web, in ${m.seconds.toFixed(1)} s.`;
      $('onnx-eval-result').dataset.accuracy = String(m.accuracy);
      break;
    case 'error':
      showError(`${m.context}: ${m.message}`);
      if (m.context === 'evaluate') $('eval-result').textContent = '';
      if (m.context === 'onnx-evaluate') $('onnx-eval-result').textContent = '';
      if (m.context === 'load-onnx') {
        $('onnx-status').textContent = state.hasOnnx
          ? 'The new file could not load; the previous model still runs.'
          : 'No ONNX model loaded.';
      }
      break;
  }
  refreshButtons();
};

refreshButtons();
send({ type: 'use-backend', choice: 'auto' });
loadUrl(new URLSearchParams(location.search).get('data') ?? $<HTMLInputElement>('data-url').value);
