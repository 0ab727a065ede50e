#!/usr/bin/env bash
# The whole test suite: type check, the core's unit/corpus/oracle tests under node's test
# runner, then the VS Code suites in code-server. Ends with node's own summary lines.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsc -p . --noEmit
npx tsc -p src/core --noEmit
node scripts/build.mjs
mapfile -t files < <(find test/unit test/corpus test/oracle -name '*.test.ts' 2>/dev/null | sort)
node --import tsx --test --test-reporter=spec "${files[@]}"
