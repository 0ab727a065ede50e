import type { VerdictKind } from './types';

export interface VerdictHit {
  kind: VerdictKind;
  /** The trailer value, or the sentence carrying the refusal. */
  text: string;
  /** Offset of the hit inside the line's content. */
  at: number;
}

const TRAILER = /^\s*(Acked|Reviewed|Tested|Nacked|NAKed)-by:\s*(\S.*?)\s*$/i;
const KIND: Record<string, VerdictKind> = { acked: 'acked', reviewed: 'reviewed', tested: 'tested', nacked: 'nacked' };

/** `NAK`, `NACK`, `Nacked.` on a line of their own or opening a sentence. */
const NAK = /(?:^|[.!?]\s+)(NAK(?:ed)?|NACK(?:ed)?|Nack(?:ed)?)(?=[\s.,!:;]|$)/;
/** "we're not growing struct inode for this", "I'm not going to take this", "this is not going in". */
const REFUSAL =
  /\b(?:we(?:'|’)re|we\s+are|I(?:'|’)m|I\s+am|we(?:'|’)ll|we\s+will|I\s+will|I(?:'|’)ll)\s+not\s+(?:going\s+to\s+)?(?:grow(?:ing)?|add(?:ing)?|tak(?:e|ing)|merg(?:e|ing)|accept(?:ing)?|apply(?:ing)?|pick(?:ing)?\s+up|queu(?:e|ing))\b[^.!?\n]{0,120}/i;
const REFUSAL2 = /\b(?:this|that|it)\s+(?:is|isn(?:'|’)t)\s+(?:not\s+)?(?:going\s+in|acceptable|getting\s+merged)\b[^.!?\n]{0,80}/i;

/** A follow-up trailer (`Acked-by:` …) on one unquoted line. */
export function trailerVerdict(content: string): VerdictHit | undefined {
  const m = TRAILER.exec(content);
  if (!m) return undefined;
  const k = m[1].toLowerCase();
  return { kind: KIND[k] ?? 'nacked', text: `${m[1]}-by: ${m[2]}`, at: content.indexOf(m[1]) };
}

/** A NAK or an explicit refusal in prose. Only the first one of a line counts. */
export function refusalVerdict(content: string): VerdictHit | undefined {
  if (content.length > 2000) content = content.slice(0, 2000);
  // Every pattern below needs one of these; most lines have none.
  if (!/nac?k|not|n['’]t|-by:/i.test(content)) return undefined;
  const t = trailerVerdict(content);
  if (t) return t.kind === 'nacked' ? t : undefined;
  const n = NAK.exec(content);
  if (n) {
    // "We already NAKed someone else's …" speaks of the past, not of this patch.
    const before = content.slice(Math.max(0, n.index - 12), n.index + n[0].length - n[1].length);
    if (!/\b(?:already|previously|once)\s*$/i.test(before)) {
      return { kind: 'nacked', text: n[1], at: n.index + n[0].length - n[1].length };
    }
  }
  const r = REFUSAL.exec(content) ?? REFUSAL2.exec(content);
  if (r) return { kind: 'refusal', text: r[0].trim(), at: r.index };
  return undefined;
}
