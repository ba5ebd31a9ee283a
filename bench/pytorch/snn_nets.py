"""The mnist-demo presets' networks in plain PyTorch (no norse / snntorch / spikingjelly import).

Same initialisation, neuron equations (in the same operation order), surrogate gradients, encoders
and losses as apps/mnist-demo/src/models and @snn/core's neuron functions; the hyperparameters (T,
tau, batch size, learning rate) come from the caller, who reads them from apps/mnist-demo/src/presets.ts.

The time loops are written the way the tutorials run them in PyTorch, step by step: snnTorch tutorial 5
applies its first Linear at every step, SpikingJelly's lif_fc_mnist draws the input spikes and applies
its Linear one step at a time, Norse's tutorials step their readout with the hidden layer. Ours computes
a time-invariant or feed-forward product once over the whole sequence instead; the values are the same
(check_losses.py compares the losses).

Each network: encode(pixels) -> network input (no gradient), forward(input) -> output,
loss(output, labels) -> scalar, predict(output) -> class indices. Pixels come normalised as the preset
says ('standard' for Norse, x/255 for the others), flat [B, 784] or images [B, 1, 28, 28] (`layout`).
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

DT = 0.001  # Norse's integration step (1 ms)


# ----------------------------------------------------------------------------- spike functions

def superspike(alpha):
    """Norse's SuperSpike: 1 / (alpha*|x| + 1)^2."""
    return lambda x: 1.0 / (x.abs() * alpha + 1.0) ** 2


def atan(alpha):
    """snnTorch's / SpikingJelly's ATan: (alpha/2) / (1 + (pi/2*alpha*x)^2)."""
    return lambda x: (alpha / 2) / ((x * (math.pi / 2 * alpha)) ** 2 + 1.0)


class _Spike(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, derivative, inclusive):
        ctx.save_for_backward(x)
        ctx.derivative = derivative
        return (x >= 0 if inclusive else x > 0).to(x.dtype)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad * ctx.derivative(x), None, None


def spike(x, derivative, inclusive=False):
    """Heaviside forward (x > 0: Norse, snnTorch; x >= 0 with `inclusive`: SpikingJelly), surrogate backward."""
    return _Spike.apply(x, derivative, inclusive)


# ----------------------------------------------------------------------------- Norse neurons

class NorseLIF:
    """Norse LIFParameters pre-multiplied by dt: k_mem = dt*tau_mem_inv, k_syn = -dt*tau_syn_inv."""

    def __init__(self, tau_mem_inv=100.0, tau_syn_inv=200.0, v_th=1.0, alpha=100.0):
        self.k_mem = tau_mem_inv * DT  # a tensor for per-neuron (learnable) tau_mem_inv
        self.k_syn = -DT * tau_syn_inv
        self.v_th = v_th
        self.fire = superspike(alpha)


def lif_current_encoder(x, v, p):
    """Norse lif_current_encoder: v' = v + dt*tm*((0 - v) + x); z = H(v' - vTh); v'' = v' - z*(v' - 0)."""
    v = v + ((0.0 - v) + x) * p.k_mem
    z = spike(v - p.v_th, p.fire)
    return z, v - z * (v - 0.0)


def constant_current_lif_encode(x, steps):
    """Norse ConstantCurrentLIFEncoder (default LIF parameters): spikes [T, *x.shape]."""
    p = NorseLIF()
    v = torch.zeros_like(x)
    out = []
    for _ in range(steps):
        z, v = lif_current_encoder(x, v, p)
        out.append(z)
    return torch.stack(out)


def lif_recurrent_step(x, state, w_in, w_rec, p):
    """Norse lif_step: jump, integrate, spike, reset (detached)."""
    z, v, i = state
    ij = (i + F.linear(x, w_in)) + F.linear(z, w_rec)
    vd = v + ((0.0 - v) + ij) * p.k_mem
    i_next = ij + ij * p.k_syn
    z = spike(vd - p.v_th, p.fire)
    return z, (z, (1.0 - z.detach()) * vd, i_next)


def lif_feed_forward_step(x, state, p):
    """Norse lif_feed_forward_step: decay with the old current, spike, reset (kept in the graph), jump."""
    v, i = state
    vd = v + ((0.0 - v) + i) * p.k_mem
    i_decayed = i + i * p.k_syn
    z = spike(vd - p.v_th, p.fire)
    return z, ((1.0 - z) * vd, i_decayed + x)


def li_integrate(j, v, p):
    """Norse leaky integrator after the current jump j = i + input: returns v', (v', i')."""
    v = v + ((0.0 - v) + j) * p.k_mem
    return v, (v, j + j * p.k_syn)


def max_log_softmax(voltages):
    """Norse tutorial decode: max over time (gradient to the first maximum), log-softmax."""
    return F.log_softmax(torch.max(voltages, 0).values, dim=-1)


# ----------------------------------------------------------------------------- networks

class NorseRecurrent(nn.Module):
    """LIFRecurrentCell(784, 100, alpha 100, vTh 0.5, no autapses) -> Linear(100, 10, no bias) -> LICell.

    With learn_neuron_parameters (norse-param-learning) tau_mem_inv and v_th are per-neuron parameters,
    100 + 20*N(0,1) and 0.5 + 0.1*N(0,1)."""

    layout = 'flat'

    def __init__(self, steps, tau, learn_neuron_parameters=False, hidden=100):
        super().__init__()
        self.steps = steps
        tau_mem_inv = 1 / (tau * 0.001)
        scale = math.sqrt(2 / hidden)
        self.input_weights = nn.Parameter(torch.randn(hidden, 784) * scale)
        self.recurrent_weights = nn.Parameter(torch.randn(hidden, hidden) * scale)
        # autapses=False: the diagonal is masked in forward, so it stays zero and gets no gradient.
        self.register_buffer('off_diagonal', 1.0 - torch.eye(hidden))
        with torch.no_grad():
            self.recurrent_weights.mul_(self.off_diagonal).add_(0.0)
        self.fc_out = nn.Linear(hidden, 10, bias=False)
        if learn_neuron_parameters:
            self.tau_mem_inv = nn.Parameter(torch.randn(hidden) * 20 + tau_mem_inv)
            self.v_th = nn.Parameter(torch.randn(hidden) * 0.1 + 0.5)
        else:
            self.tau_mem_inv, self.v_th = tau_mem_inv, 0.5
        self.readout = NorseLIF(tau_mem_inv=tau_mem_inv)

    def state_names(self):
        names = {'l1.input_weights': 'input_weights', 'l1.recurrent_weights': 'recurrent_weights',
                 'fc_out.weight': 'fc_out.weight'}
        if isinstance(self.v_th, nn.Parameter):
            names.update({'l1.tau_mem_inv': 'tau_mem_inv', 'l1.v_th': 'v_th'})
        return names

    def encode(self, pixels):
        return constant_current_lif_encode(pixels, self.steps)

    def forward(self, spikes):
        p = NorseLIF(tau_mem_inv=self.tau_mem_inv, v_th=self.v_th, alpha=100.0)
        rec = self.recurrent_weights * self.off_diagonal
        b = spikes.shape[1]
        h = self.input_weights.shape[0]
        state = (spikes.new_zeros(b, h), spikes.new_zeros(b, h), spikes.new_zeros(b, h))
        vo, io = spikes.new_zeros(b, 10), spikes.new_zeros(b, 10)
        voltages = []
        for t in range(spikes.shape[0]):
            z, state = lif_recurrent_step(spikes[t], state, self.input_weights, rec, p)
            vo, (vo, io) = li_integrate(io + self.fc_out(z), vo, self.readout)
            voltages.append(vo)
        return max_log_softmax(torch.stack(voltages))

    def loss(self, log_p, labels):
        return F.nll_loss(log_p, labels)

    def predict(self, log_p):
        return log_p.argmax(-1)


class NorseConv(nn.Module):
    """Conv2d(1,20,5) -> LIF -> maxpool 2 -> 10*Conv2d(20,50,5) -> LIF -> maxpool 2 -> Linear(800,500)
    -> LIF -> relu -> LILinearCell(500,10); SuperSpike alpha 80."""

    layout = 'image'

    def __init__(self, steps, tau):
        super().__init__()
        self.steps = steps
        self.p = NorseLIF(tau_mem_inv=1 / (tau * 0.001), alpha=80.0)
        self.readout = NorseLIF()
        self.conv1 = nn.Conv2d(1, 20, 5)
        self.conv2 = nn.Conv2d(20, 50, 5)
        self.fc1 = nn.Linear(800, 500)
        # As Norse's (and our) LILinearCell: randn / sqrt(input).
        self.out_weights = nn.Parameter(torch.randn(10, 500) / math.sqrt(500))

    def state_names(self):
        names = {f'{m}.{w}': f'{m}.{w}' for m in ('conv1', 'conv2', 'fc1') for w in ('weight', 'bias')}
        names['out.input_weights'] = 'out_weights'
        return names

    def encode(self, pixels):
        return constant_current_lif_encode(pixels, self.steps)

    def forward(self, spikes):
        states = [None, None, None]

        def lif(k, current):
            if states[k] is None:
                states[k] = (torch.zeros_like(current), torch.zeros_like(current))
            z, states[k] = lif_feed_forward_step(current, states[k], self.p)
            return z

        b = spikes.shape[1]
        vo, io = spikes.new_zeros(b, 10), spikes.new_zeros(b, 10)
        voltages = []
        for t in range(spikes.shape[0]):
            z = F.max_pool2d(lif(0, self.conv1(spikes[t])), 2, 2)
            z = F.max_pool2d(lif(1, self.conv2(z) * 10), 2, 2)
            z = lif(2, self.fc1(torch.flatten(z, 1)))
            vo, (vo, io) = li_integrate(io + F.linear(F.relu(z), self.out_weights), vo, self.readout)
            voltages.append(vo)
        return max_log_softmax(torch.stack(voltages))

    loss = NorseRecurrent.loss
    predict = NorseRecurrent.predict


class SpikingJellyLifFc(nn.Module):
    """Linear(784, 10, no bias) -> LIFNode(tau, v_th 1, hard reset to 0, decay_input, ATan alpha 2,
    reset not detached), rate-coded input; loss MSE(firing rate, one-hot)."""

    layout = 'flat'

    def __init__(self, steps, tau):
        super().__init__()
        self.steps, self.tau = steps, tau
        self.fc = nn.Linear(784, 10, bias=False)
        self.fire = atan(2.0)

    def state_names(self):
        return {'fc.weight': 'fc.weight'}

    def encode(self, pixels):
        # Bernoulli(p = pixel) at every step: fires iff u < p, u uniform in [0, 1) (our `rate`).
        p = pixels.clamp(0, 1)
        return (torch.rand(self.steps, *p.shape) < p).to(p.dtype)

    def forward(self, spikes):
        v, total = 0.0, 0.0
        for t in range(spikes.shape[0]):
            x = self.fc(spikes[t])
            h = v + (x - (v - 0.0)) / self.tau
            s = spike(h - 1.0, self.fire, inclusive=True)
            v = (1.0 - s) * h
            total = total + s
        return total / spikes.shape[0]

    def loss(self, rate, labels):
        return F.mse_loss(rate, F.one_hot(labels, 10).to(rate.dtype))

    def predict(self, rate):
        return rate.argmax(-1)


class SnnTorchFc(nn.Module):
    """Linear(784,1000) -> Leaky(beta) -> Linear(1000,10) -> Leaky(beta), the same image at every step.
    Leaky: reset = H(mem - 1) of the previous membrane (detached), mem' = beta*mem + input - reset*1,
    spk = H(mem' - 1) with ATan alpha 2. Loss: sum over steps of cross-entropy on the output membrane."""

    layout = 'flat'

    def __init__(self, steps, tau):
        super().__init__()
        self.steps = steps
        tutorial_tau = -1 / math.log(0.95)
        self.register_buffer('beta', torch.tensor(0.95 if tau == tutorial_tau else math.exp(-1 / tau)))
        self.register_buffer('threshold', torch.tensor(1.0))
        self.fc1 = nn.Linear(784, 1000)
        self.fc2 = nn.Linear(1000, 10)
        self.fire = atan(2.0)

    def state_names(self):
        return {f'{m}.{w}': f'{m}.{w}' for m in ('fc1', 'fc2') for w in ('weight', 'bias')}

    def encode(self, pixels):
        return pixels  # direct input: the network sees the same image at every step

    def leaky(self, current, mem):
        with torch.no_grad():
            reset = (mem - self.threshold > 0).to(mem.dtype)
        mem = (mem * self.beta.clamp(0, 1) + current) - reset * self.threshold
        return spike(mem - self.threshold, self.fire), mem

    def forward(self, x):
        mem1 = x.new_zeros(x.shape[0], 1000)
        mem2 = x.new_zeros(x.shape[0], 10)
        spk_rec, mem_rec = [], []
        for _ in range(self.steps):
            spk1, mem1 = self.leaky(self.fc1(x), mem1)
            spk2, mem2 = self.leaky(self.fc2(spk1), mem2)
            spk_rec.append(spk2)
            mem_rec.append(mem2)
        return torch.stack(spk_rec), torch.stack(mem_rec)

    def loss(self, out, labels):
        _, mem = out
        total = F.cross_entropy(mem[0], labels)
        for t in range(1, mem.shape[0]):
            total = total + F.cross_entropy(mem[t], labels)
        return total

    def predict(self, out):
        return out[0].sum(0).argmax(-1)


def input_tensor(net, pixels):
    """Normalised pixels (numpy float32, [N, 28, 28]) as the tensor `net` reads: [N, 784] or [N, 1, 28, 28]."""
    x = torch.from_numpy(pixels)
    return x.reshape(-1, 784) if net.layout == 'flat' else x.reshape(-1, 1, 28, 28)


def train_step(net, optimizer, pixels, labels):
    """One training batch, as measure.py times it and train_epochs.py trains: encode (no gradient),
    forward, loss, backward, optimizer step. Returns the loss."""
    with torch.no_grad():
        encoded = net.encode(pixels)
    loss = net.loss(net(encoded), labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item()


def build_net(name, steps, tau):
    """The network of a mnist-demo preset by name."""
    if name == 'norse-recurrent':
        return NorseRecurrent(steps, tau)
    if name == 'norse-param-learning':
        return NorseRecurrent(steps, tau, learn_neuron_parameters=True)
    if name == 'norse-conv':
        return NorseConv(steps, tau)
    if name == 'spikingjelly-lif-fc':
        return SpikingJellyLifFc(steps, tau)
    if name == 'snntorch-fc':
        return SnnTorchFc(steps, tau)
    raise ValueError(f"no PyTorch version of preset '{name}'")


def load_our_weights(net, tensors):
    """Copies our state dict (name -> numpy array, our keys) into the network; every parameter must be set."""
    names = net.state_names()
    own = dict(net.named_parameters())
    missing = [ours for ours in names if ours not in tensors]
    if missing:
        raise KeyError(f'our state dict lacks {missing}; it has {sorted(tensors)}')
    with torch.no_grad():
        for ours, theirs in names.items():
            value = torch.from_numpy(tensors[ours].copy())
            if own[theirs].shape != value.shape:
                raise ValueError(f'{ours}: ours is {tuple(value.shape)}, the PyTorch net needs {tuple(own[theirs].shape)}')
            own[theirs].copy_(value)
    unset = set(own) - set(names.values())
    if unset:
        raise KeyError(f'parameters not loaded from our state dict: {sorted(unset)}')
