/**
 * A layout that cannot be computed exactly (unknown or incomplete type, unsupported
 * expression). The message names what is missing; callers must not fall back to a guess.
 */
export class LayoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LayoutError';
  }
}
