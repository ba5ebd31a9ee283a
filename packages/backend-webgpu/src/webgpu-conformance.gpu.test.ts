import { describeConformance } from '@snn/core/testing';
import { createTestBackend } from './test-utils/gpu-backend.js';
import { skipFileUnless } from './test-utils/requirements.js';

skipFileUnless('gpu');

/*
 * Core's conformance suite on the WebGPU backend (in Node: Dawn via the `webgpu` package; without a
 * GPU, Mesa's lavapipe). Without an adapter the file is skipped (the run prints one line saying what
 * to install; SNN_REQUIRE=gpu makes it a failure).
 */
await describeConformance('webgpu', createTestBackend, { tolerance: 1e-5 });
