import type { TrainConfig } from '../cli/train-config.js';
import type { PresetNetwork } from './network.js';
import { norseConvNetwork } from './norse-conv.js';
import { norseRecurrentNetwork } from './norse-recurrent.js';
import { snntorchFcNetwork } from './snntorch-fc.js';
import { spikingjellyLifFcNetwork } from './spikingjelly-lif-fc.js';

export type NetworkSettings = Pick<TrainConfig, 'preset' | 'encoder' | 'steps' | 'tau' | 'seed'>;

/** The preset's network; weights come from @snn/modules' seed sequence (call manualSeed first). */
export function buildNetwork(settings: NetworkSettings): PresetNetwork<unknown> {
  switch (settings.preset) {
    case 'norse-recurrent':
      return norseRecurrentNetwork({ tau: settings.tau, learnNeuronParameters: false, seed: settings.seed });
    case 'norse-param-learning':
      return norseRecurrentNetwork({ tau: settings.tau, learnNeuronParameters: true, seed: settings.seed });
    case 'norse-conv':
      return norseConvNetwork({ tau: settings.tau });
    case 'spikingjelly-lif-fc':
      return spikingjellyLifFcNetwork({ tau: settings.tau }) as PresetNetwork<unknown>;
    case 'snntorch-fc':
      return snntorchFcNetwork({ tau: settings.tau, steps: settings.steps }) as PresetNetwork<unknown>;
  }
}
