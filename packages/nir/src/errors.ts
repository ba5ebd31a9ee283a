import { SnnError } from '@snn/core';

/** A NIR file or graph that breaks the format's rules; the message names the file or node and the problem. */
export class NirFormatError extends SnnError {}

/**
 * A model piece that has no exact NIR form (or a NIR node with no counterpart here); the message names
 * the piece (its path and class, or the node's name and type) and why.
 */
export class NirConversionError extends SnnError {}
