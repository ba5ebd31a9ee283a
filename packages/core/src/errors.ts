/** Base class of every error @snn/core throws for a user's mistake. */
export class SnnError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Shapes that do not fit an op; the message names the op and both shapes. */
export class ShapeError extends SnnError {}

/** A tensor used after dispose; the message names the tensor. */
export class DisposedTensorError extends SnnError {}

/** No backend by that name, or none could start; the message lists what is registered and every error met. */
export class BackendError extends SnnError {}

/** A gradient was asked through an op that has none; the message names the op. */
export class GradientError extends SnnError {}

/** An argument outside its documented range. */
export class ArgumentError extends SnnError {}
