// The UI tests, run in order by scripts/vscode/run-tests.mjs against one code-server.
import type { UiTest } from './workbench';
import { seedTests } from './seed.ui';
import { threadTests } from './thread.ui';
import { hostileTests } from './hostile.ui';
import { reviewTests } from './review.ui';

export const tests: UiTest[] = [...seedTests, ...threadTests, ...hostileTests, ...reviewTests];
