import { describeConformance } from '../../testing/conformance.js';
import { createReferenceBackend } from './reference-backend.js';

describeConformance('reference', createReferenceBackend);
