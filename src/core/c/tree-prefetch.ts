import type { FileCache } from './include';
import type { SourceTree } from './preprocess-types';
import { KernelTree, type KernelTreeOptions } from './tree';

/*
 * The preprocessor reads files synchronously; a web extension can only read them
 * asynchronously. A prefetching tree answers from what it holds and notes what it was
 * asked for; running the preprocessor until it asks for nothing new loads exactly the
 * files a translation unit needs (one round per level of include depth).
 */

export type AsyncRead = (path: string) => Promise<string | undefined>;

export class PrefetchTree implements SourceTree {
  private readonly files = new Map<string, string | null>();
  private readonly wanted = new Set<string>();

  read(path: string): string | undefined {
    const v = this.files.get(path);
    if (v === undefined) {
      this.wanted.add(path);
      return undefined;
    }
    return v ?? undefined;
  }

  /** Fetches everything asked for since the last call; returns those paths. */
  async fill(read: AsyncRead): Promise<string[]> {
    const paths = [...this.wanted];
    this.wanted.clear();
    await Promise.all(paths.map(async (p) => {
      let text: string | undefined;
      try {
        text = await read(p);
      } catch {
        text = undefined;
      }
      this.files.set(p, text ?? null);
    }));
    return paths;
  }

  get size(): number {
    return this.files.size;
  }
}

export interface PrefetchReport {
  tree: PrefetchTree;
  rounds: number;
  /** Paths asked for, found or not. */
  requested: number;
}

/** Loads every file `headers` need under `opts` (tree ignored) through `read`; use the returned tree for KernelTree. */
export async function prefetchKernelHeaders(read: AsyncRead, headers: readonly string[], opts: Omit<KernelTreeOptions, 'tree' | 'cache'>, maxRounds = 100): Promise<PrefetchReport> {
  const tree = new PrefetchTree();
  const cache: FileCache = new Map();
  let requested = 0;
  for (let round = 1; round <= maxRounds; round++) {
    // A fresh KernelTree each round (resolutions that failed must be tried again); lexed files are kept.
    new KernelTree({ ...opts, tree, cache, functionBodies: false }).preprocessHeaders(headers);
    const fetched = await tree.fill(read);
    for (const p of fetched) cache.delete(p);
    requested += fetched.length;
    if (fetched.length === 0) return { tree, rounds: round, requested };
  }
  return { tree, rounds: maxRounds, requested };
}
