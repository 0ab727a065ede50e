import { existsSync } from 'node:fs';
import path from 'node:path';

export const REPO = path.resolve(__dirname, '../..');
export const FIXTURES = path.join(REPO, 'test/fixtures');
/** The shared corpus stands beside the clone (CI) or beside /work/main (sessions). */
export const CORPUS = process.env.KPL_CORPUS ?? path.resolve(REPO, '../shared/corpus');
export const HAVE_CORPUS = existsSync(path.join(CORPUS, 'MANIFEST.md'));
export const SKIP_NO_CORPUS = HAVE_CORPUS ? false : `corpus not found at ${CORPUS}`;
