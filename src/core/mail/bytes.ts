// Turning the bytes of an opened file into the text the editor shows. Kept apart so the
// rest of the mail stage only ever sees strings.
import { gunzipSync } from 'fflate';

interface Decoder {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}
type DecoderCtor = new (label?: string, options?: { fatal?: boolean }) => Decoder;

// The core builds against ES2022 without DOM types; TextDecoder exists in every runtime
// we target (Node, browsers, VS Code web), so it is looked up rather than declared.
const TD = (globalThis as unknown as { TextDecoder: DecoderCtor }).TextDecoder;

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export function gunzip(bytes: Uint8Array): Uint8Array {
  return gunzipSync(bytes);
}

/** Decodes a charset by label; unknown labels fall back to UTF-8 (lossy). */
export function decodeBytes(bytes: Uint8Array, charset = 'utf-8'): string {
  let decoder: Decoder;
  try {
    decoder = new TD(charset);
  } catch {
    decoder = new TD('utf-8');
  }
  return decoder.decode(bytes);
}

/**
 * The document's text as an editor would open it: UTF-8 when the bytes are valid UTF-8,
 * otherwise windows-1252 so that no byte is lost (old archives are often Latin-1).
 */
export function bytesToText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  try {
    return { text: new TD('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TD('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** Each char code 0–255 of a binary string becomes one byte. */
export function binaryToBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}
