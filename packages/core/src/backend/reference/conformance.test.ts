import { describeConformance } from '../../testing/conformance.js';
import { createReferenceBackend } from './reference-backend.js';

await describeConformance('reference', createReferenceBackend);
