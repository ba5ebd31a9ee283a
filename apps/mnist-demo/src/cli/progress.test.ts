import { PassThrough } from 'node:stream';
import { createProgress } from './progress.js';

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk) => {
    text += chunk.toString();
  });
  return { stream, text: () => text };
}

describe('progress', () => {
  test('without a TTY: about ten plain lines per phase with loss and samples/s, and the summary', () => {
    const { stream, text } = capture();
    const progress = createProgress({ stream, tty: false });
    progress.start('epoch 1/2', 100);
    for (let i = 1; i <= 100; i++) progress.update(i, { loss: 2 / i, samplesPerSecond: 1234.4 });
    progress.stop('epoch 1/2 done');
    const lines = text().trim().split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[0]).toBe('epoch 1/2 10/100  loss 0.2000  1234 samples/s');
    expect(lines[9]).toBe('epoch 1/2 100/100  loss 0.0200  1234 samples/s');
    expect(lines[10]).toBe('epoch 1/2 done');
    expect(text()).not.toContain('\u001b[');
  });

  test('on a TTY: a bar showing loss and samples/s', () => {
    const { stream, text } = capture();
    const progress = createProgress({ stream: stream as unknown as NodeJS.WriteStream, tty: true });
    progress.start('epoch 1/1', 4);
    progress.update(4, { loss: 0.5, samplesPerSecond: 99 });
    progress.stop();
    expect(text()).toContain('4/4 | loss 0.5000 | 99 samples/s');
  });

  test('silent prints nothing', () => {
    const { stream, text } = capture();
    const progress = createProgress({ stream, silent: true });
    progress.start('x', 2);
    progress.update(2, { loss: 1, samplesPerSecond: 1 });
    progress.stop('done');
    expect(text()).toBe('');
  });
});
