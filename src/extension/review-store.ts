// Where review sessions live between restarts: the extension's global storage, one entry
// per session (keyed by its storage key; matched to a thread by the series' Message-IDs).
// Stored values are checked by the core's parseSession before use.
import type * as vscode from 'vscode';
import { parseSession, sessionIds, type ReviewSession } from '../core/review';

export const STORAGE_KEY = 'kernelPatchLens.review.sessions';

export class ReviewStorage {
  constructor(private readonly memento: vscode.Memento, private readonly log: (line: string) => void) {}

  private raw(): Record<string, unknown> {
    const v = this.memento.get<unknown>(STORAGE_KEY);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  }

  /** Every stored session that parses; a damaged one is logged and skipped, never thrown. */
  all(): ReviewSession[] {
    const out: ReviewSession[] = [];
    for (const [k, v] of Object.entries(this.raw())) {
      try {
        out.push(parseSession(v));
      } catch (e) {
        this.log(`stored review session ${k}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return out;
  }

  /** The stored session that shares a Message-ID with `ids` (cover or patches). */
  find(ids: string[]): ReviewSession | undefined {
    const want = new Set(ids);
    return this.all().find((s) => sessionIds(s).some((id) => want.has(id)));
  }

  async save(s: ReviewSession): Promise<void> {
    await this.memento.update(STORAGE_KEY, { ...this.raw(), [s.key]: s });
  }

  async remove(key: string): Promise<void> {
    const r = { ...this.raw() };
    delete r[key];
    await this.memento.update(STORAGE_KEY, r);
  }
}
