/** A malformed, truncated or unsupported BTF blob or ELF file; the message is one line. */
export class BtfError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BtfError';
  }
}
