// The embedded snapshot ships gzipped. Node's zlib inflates it in about 30 ms where the
// core's portable gunzip (fflate) takes 80-95 ms cold, and both the CLI's embedded basis
// and the editor's first open wait for it. The bytes are the same either way.
import { gunzipSync } from 'node:zlib';
import { isGzip } from '../core/mail/bytes';

/**
 * `bytes` inflated when they are gzip, else as given. Damaged gzip is returned as it is,
 * so that `loadSnapshot` (which inflates it again) gives its own error naming the problem.
 */
export function inflatedSnapshot(bytes: Uint8Array): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  try {
    const raw = gunzipSync(bytes);
    return new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
  } catch {
    return bytes;
  }
}
