/// <reference lib="webworker" />
import type { ImageDataset } from '@snn/data-mnist/browser';
import type { FromWorker, ToWorker } from '../protocol.js';
import { chooseBackend } from './backends.js';
import { Stopped } from './control.js';
import { loadFromFiles, loadFromUrl } from './data.js';
import type { OnnxModel } from './onnx-model.js';
import { Session } from './session.js';

/*
 * The training worker: everything that computes runs here, so the page stays responsive while a
 * step takes a second on a software GPU. The page sends ToWorker messages and draws FromWorker ones.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

function post(message: FromWorker, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

const session = new Session(post);
/** The uploaded ONNX model and the test split it is evaluated on (the session's data). */
let onnx: OnnxModel | undefined;
let testSet: ImageDataset | undefined;

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case 'use-backend': {
      let report: Awaited<ReturnType<typeof chooseBackend>> | undefined;
      await session.moveTo(async () => {
        report = await chooseBackend(message.choice);
      });
      post({ type: 'backends', ...report! });
      session.postState();
      return;
    }
    case 'load-url':
    case 'load-files': {
      try {
        const data =
          message.type === 'load-url' ? await loadFromUrl(message.url) : await loadFromFiles(message.files);
        session.setData(data);
        testSet = data.test;
        post({ type: 'data', source: data.source, train: data.train?.length ?? 0, test: data.test.length });
      } catch (e) {
        post({ type: 'data-error', message: errorText(e) });
      }
      return;
    }
    case 'train':
    case 'continue': {
      try {
        await (message.type === 'train'
          ? session.train(message.settings)
          : session.continueTraining(message.epochs));
      } catch (e) {
        if (e instanceof Stopped) post({ type: 'done', reason: 'stopped' });
        else throw e;
      } finally {
        session.postState();
      }
      return;
    }
    case 'pause':
      session.control.pause();
      return;
    case 'resume':
      session.control.resume();
      return;
    case 'stop':
      session.control.stop();
      return;
    case 'evaluate':
      post({ type: 'evaluated', ...(await session.evaluate(message.limit)) });
      return;
    case 'save-checkpoint': {
      const { name, bytes } = await session.checkpoint();
      const buffer = bytes.slice().buffer;
      post({ type: 'checkpoint', name, bytes: buffer }, [buffer]);
      return;
    }
    case 'load-checkpoint':
      await session.load(message.name, new Uint8Array(message.bytes));
      session.postState();
      return;
    case 'classify':
      post({ type: 'classified', activity: await session.classify(message.pixels, message.label) });
      return;
    case 'test-digit':
      post({ type: 'test-digit', ...session.testDigit(message.index) });
      return;
    case 'load-onnx': {
      // onnxruntime-web (its script and 28 MB of WebAssembly) loads only when a model is uploaded.
      const { OnnxModel } = await import('./onnx-model.js');
      const model = await OnnxModel.load(message.name, new Uint8Array(message.bytes));
      await onnx?.release();
      onnx = model;
      post({ type: 'onnx-loaded', info: model.info });
      return;
    }
    case 'onnx-classify': {
      if (!onnx) throw new Error('upload an ONNX model first');
      const { scores, labels } = await onnx.predict(message.pixels);
      post({ type: 'onnx-classified', scores: Array.from(scores), predicted: labels[0] });
      return;
    }
    case 'onnx-evaluate': {
      if (!onnx) throw new Error('upload an ONNX model first');
      if (!testSet) throw new Error('load the MNIST test files first (Data, above)');
      post({ type: 'onnx-evaluated', ...(await onnx.evaluate(testSet, message.limit)) });
      return;
    }
  }
}

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  handle(event.data).catch((e: unknown) => {
    post({ type: 'error', context: event.data.type, message: errorText(e) });
  });
};
