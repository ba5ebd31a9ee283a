"""The flags that pick one preset's PyTorch network, its data and its threads.

measure.py and train_epochs.py take the same preset settings (the harness and bench:accuracy pass
them from apps/mnist-demo/src/presets.ts), so they are declared once here.
"""
import os


def add_net_args(ap, required):
    """Adds --net, --steps, --tau, --batch-size, --lr, --normalization (argparse-required when
    `required`), and --threads, --data-dir, --seed with their defaults."""
    ap.add_argument('--net', required=required)
    ap.add_argument('--steps', type=int, required=required, help='time steps T')
    ap.add_argument('--tau', type=float, required=required, help="the preset's membrane time constant in steps")
    ap.add_argument('--batch-size', type=int, required=required)
    ap.add_argument('--lr', type=float, required=required)
    ap.add_argument('--normalization', choices=['standard', 'unit'], required=required)
    ap.add_argument('--threads', type=int, default=os.cpu_count(), help='torch.set_num_threads')
    ap.add_argument('--data-dir', default=os.environ.get('SNN_MNIST_DIR'))
    ap.add_argument('--seed', type=int, default=0)
