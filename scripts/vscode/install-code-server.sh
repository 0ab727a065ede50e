#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3, the newest that runs on Node 20) into
# .cache/code-server, never globally, so the VS Code suites can run where desktop VS Code
# cannot be downloaded. Idempotent: a second run only checks the binary.
# Needs the Debian packages libkrb5-dev (kerberos build), ripgrep and chromium.
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=4.100.3
DIR="${KPL_CODE_SERVER_DIR:-$PWD/.cache/code-server}"
BIN="$DIR/node_modules/.bin/code-server"
# code-server writes a config.yaml on any run; keep it out of the user's home.
export XDG_CONFIG_HOME="$DIR/.xdg-config" XDG_DATA_HOME="$DIR/.xdg-data"

if [[ -x "$BIN" ]] && "$BIN" --version 2>/dev/null | grep -q "^$VERSION"; then
  echo "code-server $VERSION already in $DIR"
  exit 0
fi

for tool in rg chromium; do
  command -v "$tool" >/dev/null || echo "warning: $tool not found (apt-get install -y ${tool/rg/ripgrep})" >&2
done
[[ -e /usr/include/gssapi/gssapi.h ]] || echo "warning: gssapi.h missing (apt-get install -y libkrb5-dev)" >&2

mkdir -p "$DIR"
cat >"$DIR/package.json" <<JSON
{"private":true,"dependencies":{"code-server":"$VERSION"}}
JSON

# @vscode/ripgrep downloads rg from GitHub, which these machines cannot reach; it looks in
# its cache folder first, so put Debian's rg there under the name it expects.
TMP="${TMPDIR:-/tmp}"
if command -v rg >/dev/null; then
  case "$(uname -m)" in aarch64) triple=aarch64-unknown-linux-gnu ;; *) triple=x86_64-unknown-linux-musl ;; esac
  cache="$TMP/vscode-ripgrep-cache-1.15.11"
  mkdir -p "$cache"
  f="$cache/ripgrep-v13.0.0-10-$triple.tar.gz"
  [[ -e "$f" ]] || tar czf "$f" -C "$(dirname "$(command -v rg)")" rg
fi

start=$(date +%s)
(
  cd "$DIR"
  # node-pty's build step asks npx for confirmation; root needs unsafe-perm for the
  # postinstall scripts.
  npm_config_yes=true npm_config_unsafe_perm=true npm install --no-audit --no-fund --loglevel=error
)
"$BIN" --version | head -1
echo "code-server installed in $DIR in $(( $(date +%s) - start )) s"
