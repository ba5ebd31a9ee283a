#!/usr/bin/env python3
"""Do these PyTorch networks compute what ours do? Compares losses step by step.

Each argument is a safetensors file written by `pnpm --filter mnist-demo bench:torch-check` (our
reference backend): the preset's initial weights (`param.<our key>`), a few batches (`batch<k>.pixels`,
`batch<k>.input` as our encoder made it, `batch<k>.labels`), our gradients on the first batch
(`grad.<our key>`), our training loss at each step (`losses`) and our weights after the last step
(`final.<our key>`), with the preset's settings in the metadata. Here the PyTorch network of the same
preset gets the same weights and trains on the same encoded batches with Adam; its first gradients,
its loss at every step and its weight updates are compared with ours. (Adam's first steps hardly
depend on a gradient's size, so the gradients are compared directly; a loss that stays flat, e.g.
while an output layer has not fired yet, still moves the weights.) For deterministic encoders (constant-current, direct) its own encoding of the
pixels must equal ours too. Prints one line per preset and step; exit status 1 on any mismatch.
"""
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from safetensors_np import read_safetensors  # noqa: E402
from snn_nets import build_net, load_our_weights  # noqa: E402

# Relative loss difference allowed: float32 sums in another order (and Adam's update written another
# way) differ in the last bits; a spike that flips on such a difference moves a loss by far more.
RTOL = 1e-4
# Gradients on the first batch and weight updates, each as |here - ours| / |ours| (2-norms over the
# parameter).
GRAD_RTOL = 1e-3
# Weights after the steps: each parameter's update (final - initial) here against ours, as
# |update_here - update_ours| / |update_ours| (2-norms). Adam scales a gradient that is float32 noise
# to a step as large as a real one, so single weights may differ by up to lr; the updates as a whole
# agree to about 1e-4 when the gradients are the same, and differ by order 1 when they are not.
UPDATE_RTOL = 1e-3
DETERMINISTIC_ENCODERS = ('constant-current', 'direct')


def relative(here, ours):
    return float((here - ours).norm() / ours.norm().clamp_min(1e-30))


def compare_gradients(net, tensors, lines):
    own = dict(net.named_parameters())
    ok = True
    for ours_key, theirs_key in net.state_names().items():
        grad = own[theirs_key].grad
        rel = relative(torch.zeros_like(own[theirs_key]) if grad is None else grad,
                       torch.from_numpy(tensors[f'grad.{ours_key}'].copy()))
        good = rel <= GRAD_RTOL
        ok = ok and good
        lines.append(f'{net.name} {ours_key} gradient on batch 0: relative difference {rel:.1e} '
                     f'{"ok" if good else f"MISMATCH (> {GRAD_RTOL:g})"}')
    return ok


def check(path):
    tensors, meta = read_safetensors(path)
    net_name = meta['net']
    torch.manual_seed(0)
    net = build_net(net_name, int(meta['steps']), float(meta['tau']))
    net.name = net_name
    load_our_weights(net, {k[len('param.'):]: v for k, v in tensors.items() if k.startswith('param.')})
    optimizer = torch.optim.Adam(net.parameters(), lr=float(meta['lr']))
    ours = tensors['losses'].astype(np.float64)
    lines, ok = [], True
    net.train()
    for k, our_loss in enumerate(ours):
        x = torch.from_numpy(tensors[f'batch{k}.input'].copy())
        y = torch.from_numpy(tensors[f'batch{k}.labels'].astype(np.int64))
        if meta['encoder'] in DETERMINISTIC_ENCODERS:
            with torch.no_grad():
                mine = net.encode(torch.from_numpy(tensors[f'batch{k}.pixels'].copy()))
            differ = int((mine != x).sum())
            if differ:
                ok = False
                lines.append(f'{net_name} batch {k}: {differ} of {x.numel()} encoded values differ from ours')
        loss = net.loss(net(x), y)
        optimizer.zero_grad()
        loss.backward()
        if k == 0:
            ok = compare_gradients(net, tensors, lines) and ok
        optimizer.step()
        theirs = float(loss)
        rel = abs(theirs - our_loss) / max(abs(our_loss), 1e-12)
        good = rel <= RTOL
        ok = ok and good
        lines.append(f'{net_name} step {k + 1}: ours {our_loss:.7f}, PyTorch {theirs:.7f}, '
                     f'relative difference {rel:.1e} {"ok" if good else f"MISMATCH (> {RTOL:g})"}')
    own = dict(net.named_parameters())
    for ours_key, theirs_key in net.state_names().items():
        start = torch.from_numpy(tensors[f'param.{ours_key}'].copy())
        ours_update = torch.from_numpy(tensors[f'final.{ours_key}'].copy()) - start
        update = own[theirs_key].detach() - start
        rel = relative(update, ours_update)
        good = rel <= UPDATE_RTOL
        ok = ok and good
        lines.append(f'{net_name} {ours_key} update over {len(ours)} steps: relative difference {rel:.1e} '
                     f'{"ok" if good else f"MISMATCH (> {UPDATE_RTOL:g})"}')
    return ok, lines


def main(paths):
    if not paths:
        print(__doc__)
        return 2
    all_ok = True
    for path in paths:
        ok, lines = check(path)
        all_ok = all_ok and ok
        for line in lines:
            print(line, flush=True)
    print('all presets agree' if all_ok else 'MISMATCH: see above')
    return 0 if all_ok else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
