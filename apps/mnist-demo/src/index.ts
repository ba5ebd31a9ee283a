// Programmatic entry: the same pieces the CLI uses, for scripts and tests.

export { type CommandHandlers, createProgram } from './cli/program.js';
export { resolveTrainConfig, type TrainConfig } from './cli/train-config.js';
export { main } from './main.js';
export { PRESET_NAMES, PRESETS, type Preset, type PresetName } from './presets.js';
