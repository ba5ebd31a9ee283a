export { createReferenceBackend, ReferenceBackend } from './reference-backend.js';
