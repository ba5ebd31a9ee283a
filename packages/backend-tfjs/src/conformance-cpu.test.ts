import { describeConformance } from '@snn/core/testing';
import { createTfjsBackend } from './tfjs-backend.js';

describeConformance('tfjs-cpu', () => createTfjsBackend({ tfBackend: 'cpu' }));
