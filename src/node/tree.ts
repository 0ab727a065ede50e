// Header reads for the kernel-tree basis on Node hosts (the CLI, the extension host and
// the analysis worker): a missing file is `undefined`, never a throw.
import { readFileSync } from 'node:fs';
import type { SourceTree } from '../core/c/preprocess-types';

export const nodeTree: SourceTree = {
  read(p: string): string | undefined {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
};
