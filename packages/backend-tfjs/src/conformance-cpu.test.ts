import { describeConformance } from '@snn/core/testing';
import { createTfjsBackend } from './tfjs-backend.js';

await describeConformance('tfjs-cpu', () => createTfjsBackend({ tfBackend: 'cpu' }));
