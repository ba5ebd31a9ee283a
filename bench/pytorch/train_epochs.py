#!/usr/bin/env python3
"""Accuracy of one preset's network trained in plain PyTorch: the reference point for `bench:accuracy`.

Trains the network of snn_nets.py on the full MNIST training split for `--epochs` passes (shuffled
each epoch, batches of `--batch-size`, Adam at `--lr`, the last batch short as PyTorch's DataLoader
makes it) and prints one JSON line per epoch:
  {runner, net, epoch, train_loss, test_loss, test_accuracy, seconds, threads, torch}
Use it to tell an accuracy gap of ours from one of the recipe: ours computes the same gradients and
Adam updates (bench:torch-check), so equal recipes give accuracies within seed-to-seed spread.
Example (Norse's ConvNet notebook: T 48, Adam 1e-3, batch 256, 5 epochs):
  /usr/bin/python3 bench/pytorch/train_epochs.py --net norse-conv --steps 48 --tau 10 --lr 0.001 \
    --batch-size 256 --normalization standard --epochs 5 --data-dir "$SNN_MNIST_DIR"
"""
import argparse
import json
import os
import sys
import time

from net_args import add_net_args

HERE = os.path.dirname(os.path.abspath(__file__))


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    add_net_args(ap, required=True)
    ap.add_argument('--epochs', type=int, default=1)
    args = ap.parse_args(argv)
    if not args.data_dir:
        ap.error('no MNIST: set SNN_MNIST_DIR or pass --data-dir')
    return args


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    import torch

    torch.set_num_threads(max(1, args.threads))
    sys.path.insert(0, HERE)
    from mnist_idx import load_split, normalise
    from snn_nets import build_net, input_tensor, train_step

    torch.manual_seed(args.seed)
    net = build_net(args.net, args.steps, args.tau)

    def split(name, count):
        images, labels = load_split(args.data_dir, name, count)
        return input_tensor(net, normalise(images, args.normalization)), torch.from_numpy(labels)

    train_x, train_y = split('train', 60000)
    test_x, test_y = split('test', 10000)
    optimizer = torch.optim.Adam(net.parameters(), lr=args.lr)
    b = args.batch_size
    for epoch in range(1, args.epochs + 1):
        t0 = time.perf_counter()
        net.train()
        order = torch.randperm(train_x.shape[0])
        total, seen = 0.0, 0
        for k in range(0, order.shape[0], b):
            idx = order[k:k + b]
            total += train_step(net, optimizer, train_x[idx], train_y[idx]) * idx.shape[0]
            seen += idx.shape[0]
        net.eval()
        correct, test_loss = 0, 0.0
        with torch.no_grad():
            for k in range(0, test_x.shape[0], b):
                x, y = test_x[k:k + b], test_y[k:k + b]
                out = net(net.encode(x))
                test_loss += float(net.loss(out, y)) * y.shape[0]
                correct += int((net.predict(out) == y).sum())
        print(json.dumps({
            'runner': 'pytorch',
            'net': args.net,
            'epoch': epoch,
            'train_loss': round(total / seen, 6),
            'test_loss': round(test_loss / test_x.shape[0], 6),
            'test_accuracy': round(100.0 * correct / test_x.shape[0], 2),
            'seconds': round(time.perf_counter() - t0, 1),
            'threads': torch.get_num_threads(),
            'torch': torch.__version__,
        }), flush=True)


if __name__ == '__main__':
    main()
