#!/usr/bin/env bash
# Usage: bash scripts/run.sh <root script> [args...]
#
# Makes sure the pinned toolchain is present (Node from .node-version, pnpm from
# package.json#packageManager), installs the workspace from the lockfile, then runs
# `pnpm run <script>`. Everything comes from the npm registry; a machine that already
# has the right Node and pnpm on PATH uses them as they are. Safe to run again: every
# step is skipped when it has nothing to do.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1 COREPACK_ENABLE_DOWNLOAD_PROMPT=0
# No ANSI colour codes when the output is not a terminal (CI logs, files, pipes). Tools colour by
# default under CI=true (vitest's colour check treats CI as colour-capable); NO_COLOR wins over that.
if [ ! -t 1 ] && [ -z "${FORCE_COLOR:-}" ]; then export NO_COLOR=1; fi

NODE_PIN="$(tr -d ' \nv' < .node-version)"
PNPM_PIN="$(sed -n 's/.*"packageManager": *"pnpm@\([0-9.]*\).*/\1/p' package.json)"
TOOLS="$ROOT/.tools"

version_of() { "$@" --version 2>/dev/null | tr -d 'v' || true; }
same_version() { # same_version <found> <pin>: exact for x.y.z pins, major only for "24"
  case "$2" in *.*) [ "$1" = "$2" ] ;; *) [ "${1%%.*}" = "$2" ] ;; esac
}

need_node=""
same_version "$(version_of node)" "$NODE_PIN" || need_node="$NODE_PIN"
have_pnpm="$(version_of pnpm)"
need_pnpm=""
same_version "$have_pnpm" "$PNPM_PIN" || need_pnpm="$PNPM_PIN"

if [ -n "$need_node$need_pnpm" ]; then
  tools_node="$(version_of "$TOOLS/node_modules/.bin/node")"
  tools_pnpm="$(version_of "$TOOLS/node_modules/.bin/pnpm")"
  if { [ -n "$need_node" ] && ! same_version "$tools_node" "$NODE_PIN"; } \
     || { [ -n "$need_pnpm" ] && ! same_version "$tools_pnpm" "$PNPM_PIN"; }; then
    echo "==> installing node@$NODE_PIN and pnpm@$PNPM_PIN into .tools (npm registry)"
    mkdir -p "$TOOLS"
    printf '{ "name": "hooks-toolchain", "private": true, "dependencies": { "node": "%s", "pnpm": "%s" }, "allowScripts": { "node": true, "pnpm": true } }\n' \
      "$NODE_PIN" "$PNPM_PIN" > "$TOOLS/package.json"
    npm install --prefix "$TOOLS" --no-audit --no-fund --no-package-lock --loglevel=error </dev/null
  fi
  export PATH="$TOOLS/node_modules/.bin:$PATH"
fi
echo "==> node $(node --version), pnpm $(pnpm --version) [${SECONDS}s]"

# A lockfile install is a no-op (under a second) when node_modules is already current.
pnpm install --frozen-lockfile --prefer-offline --reporter=silent </dev/null
echo "==> dependencies ready [${SECONDS}s]; pnpm run $*"
status=0
pnpm run --silent "$@" || status=$?
echo "==> $1 finished with exit code $status [${SECONDS}s]"
exit "$status"
