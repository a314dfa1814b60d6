#!/usr/bin/env bash
# Installs the camagent command from this repository (README.md, "Install camagent").
#   ./install.sh                       as a .NET tool for this user, in ~/.dotnet/tools (needs the
#                                      .NET 10 SDK, which also runs it)
#   ./install.sh --single-file [DIR]   as a self-contained executable for Linux x64 that needs no
#                                      .NET on the machine: DIR/lib/camagent/ (the executable and
#                                      its board profiles) and the link DIR/bin/camagent
#                                      (DIR defaults to /usr/local)
# The first build restores packages and compiles: a minute or two, printed as it goes.
set -euo pipefail
cd "$(dirname "$0")"

tool() {
  echo "install.sh: packing camagent into artifacts/tool (first build: a minute or two)" >&2
  rm -rf artifacts/tool
  dotnet pack tools/CamAgent.Cli -c Release -o artifacts/tool -nologo
  dotnet tool uninstall --global camagent >/dev/null 2>&1 || true
  dotnet tool install --global --add-source ./artifacts/tool camagent
  bin="$HOME/.dotnet/tools"
  case ":$PATH:" in
    *":$bin:"*) "$bin/camagent" --version ;;
    *) "$bin/camagent" --version
       echo "install.sh: $bin is not on PATH; add it: export PATH=\"\$PATH:$bin\" (e.g. in ~/.profile)" >&2 ;;
  esac
}

single_file() {
  prefix="${1:-/usr/local}"
  echo "install.sh: publishing a self-contained camagent for linux-x64 into artifacts/linux-x64 (first build: a minute or two)" >&2
  rm -rf artifacts/linux-x64
  dotnet publish tools/CamAgent.Cli -c Release -r linux-x64 --self-contained -p:PublishSingleFile=true -o artifacts/linux-x64 -nologo
  install -d "$prefix/lib/camagent" "$prefix/bin"
  rm -rf "$prefix/lib/camagent/boards"
  cp -R artifacts/linux-x64/. "$prefix/lib/camagent/"
  ln -sfn "$prefix/lib/camagent/camagent" "$prefix/bin/camagent"
  "$prefix/bin/camagent" --version
}

case "${1:-}" in
  "" | --tool) tool ;;
  --single-file) single_file "${2:-}" ;;
  *) echo "install.sh: unknown option '$1' (use --tool, or --single-file [DIR])" >&2; exit 2 ;;
esac
