import { describeConformance } from '@snn/core/testing';
import { createTestBackend } from './test-utils/gpu-backend.js';

/*
 * Core's conformance suite on the WebGPU backend (in Node: Dawn via the `webgpu` package; without a
 * GPU, Mesa's lavapipe). A missing adapter fails every test with what to install.
 */
await describeConformance('webgpu', createTestBackend, { tolerance: 1e-5 });
