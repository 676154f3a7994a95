#!/usr/bin/env bash
# Installs what test/neovim.test.ts needs: Debian's neovim (0.7 or later; its built-in LSP client drives the server).
# Does nothing when nvim is already there, so CI runs it every time.
set -euo pipefail

if ! command -v nvim >/dev/null 2>&1; then
  echo "neovim setup: installing neovim with apt"
  SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends neovim >/dev/null
fi
echo "neovim setup: ready ($(nvim --version | head -1))"
