#!/usr/bin/env python3
"""One figure of `pnpm bench` for PyTorch: training or inference throughput of one preset's network.

Run by the harness (apps/mnist-demo/src/bench/speed), one process per figure so that the peak RSS is
this figure's alone; it passes the preset's numbers (T, tau, batch size, learning rate, normalisation)
from apps/mnist-demo/src/presets.ts. Prints one JSON line:
  {runner, net, backend, threads, phase, samples_per_s, peak_rss_mb, batch_size, steps, batches, ...}

Timing: `--warmup` untimed batches, then at least one and at most `--batches` timed batches, fewer when
`--max-seconds` is reached. A training batch is encode + forward + loss + backward + Adam step + reading
the loss; an inference batch is encode + forward + prediction + reading the number right. Images are
the first (warmup + batches) * batch-size of the split, already normalised (ours does the same).
`--probe` prints {available, torch, threads} and exits.
"""
import argparse
import json
import os
import resource
import sys
import time

from net_args import add_net_args

HERE = os.path.dirname(os.path.abspath(__file__))


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--probe', action='store_true', help='print whether torch loads, and its version')
    # Not argparse-required: --probe alone is a valid call; the check below names what is missing.
    add_net_args(ap, required=False)
    ap.add_argument('--phase', choices=['train', 'infer'])
    ap.add_argument('--warmup', type=int, default=1)
    ap.add_argument('--batches', type=int, default=10)
    ap.add_argument('--max-seconds', type=float, default=60.0)
    args = ap.parse_args(argv)
    if not args.probe:
        need = ['net', 'phase', 'steps', 'tau', 'batch_size', 'lr', 'normalization', 'data_dir']
        missing = ['--' + n.replace('_', '-') for n in need if getattr(args, n) is None]
        if missing:
            ap.error(f'missing {", ".join(missing)}')
    return args


def peak_rss_mb():
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # Linux: KiB


def timed_loop(step, batches, warmup, count, max_seconds):
    """Runs step(batch) over warm-up then timed batches: (timed batches, seconds, CPU seconds, last result)."""
    result = None
    for k in range(warmup):
        result = step(batches[k % len(batches)])
    t0, cpu0 = time.perf_counter(), time.process_time()
    done = 0
    while done < count:
        result = step(batches[(warmup + done) % len(batches)])
        done += 1
        if time.perf_counter() - t0 > max_seconds:
            break
    return done, time.perf_counter() - t0, time.process_time() - cpu0, result


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    import torch  # imported here so that a missing torch is reported as one JSON line, not a traceback

    torch.set_num_threads(max(1, args.threads))
    if args.probe:
        print(json.dumps({'available': True, 'torch': torch.__version__, 'threads': torch.get_num_threads()}))
        return
    sys.path.insert(0, HERE)
    from mnist_idx import load_split, normalise
    from snn_nets import build_net, input_tensor, train_step

    torch.manual_seed(args.seed)
    net = build_net(args.net, args.steps, args.tau)
    b = args.batch_size
    split = 'train' if args.phase == 'train' else 'test'
    want = (args.warmup + args.batches) * b
    available = 60000 if split == 'train' else 10000
    images, labels = load_split(args.data_dir, split, min(want, available - available % b))
    pixels = input_tensor(net, normalise(images, args.normalization))
    targets = torch.from_numpy(labels)
    batches = [(pixels[k:k + b], targets[k:k + b]) for k in range(0, pixels.shape[0], b)]

    if args.phase == 'train':
        net.train()
        optimizer = torch.optim.Adam(net.parameters(), lr=args.lr)

        def step(batch):
            return train_step(net, optimizer, *batch)
    else:
        net.eval()

        def step(batch):
            x, y = batch
            with torch.no_grad():
                return int((net.predict(net(net.encode(x))) == y).sum())

    done, seconds, cpu, last = timed_loop(step, batches, args.warmup, args.batches, args.max_seconds)
    record = {
        'runner': 'pytorch',
        'net': args.net,
        'backend': 'pytorch',
        'threads': torch.get_num_threads(),
        'phase': args.phase,
        'samples_per_s': round(done * b / seconds, 2),
        'peak_rss_mb': peak_rss_mb(),
        'batch_size': b,
        'steps': args.steps,
        'warmup': args.warmup,
        'batches': done,
        'seconds': round(seconds, 3),
        'cpu_util': round(cpu / max(seconds, 1e-9), 2),
        'torch': torch.__version__,
    }
    if args.phase == 'train':
        record['loss'] = round(last, 6)
    print(json.dumps(record), flush=True)


if __name__ == '__main__':
    main()
