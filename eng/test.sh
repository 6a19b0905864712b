#!/usr/bin/env bash
# The repository's test command (README "Set-up on a fresh machine"; CI runs it through .ci/run): installs what the
# tests need when it is missing (Chromium, a C toolchain, npm, redis-server), then runs every test with `dotnet test PromptGen.sln`. Extra arguments go to dotnet test.
# Installing uses apt-get (Debian/Ubuntu), as root or through sudo; elsewhere it stops and says what to install.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

apt_updated=false
install_packages() {
  local why="$1"; shift
  if ! command -v apt-get > /dev/null; then
    echo "eng/test.sh: $why needs: $*; install it with your package manager, then run eng/test.sh again." >&2
    exit 1
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo > /dev/null; then
      echo "eng/test.sh: $why needs the Debian package(s) $*; run as root or install sudo (apt-get install -y $*)." >&2
      exit 1
    fi
    sudo=(sudo)
  fi
  echo "eng/test.sh: installing $* ($why)"
  if [ "$apt_updated" = false ]; then
    "${sudo[@]}" apt-get update
    apt_updated=true
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"
}

# The HTML report of `promptgen test` is checked in real headless Chromium (tests/PromptGen.Cli.Tests/Chromium);
# Debian's chromium package provides it at /usr/bin/chromium.
if [ ! -x /usr/bin/chromium ]; then
  install_packages "the HTML-report test (headless Chromium)" chromium
fi

# The Native AOT test (tests/PromptGen.Generators.IntegrationTests/AotPublishTests.cs) links with clang, or gcc when
# clang is missing; the NuGet ILCompiler package brings everything else.
if ! command -v clang > /dev/null && ! command -v gcc > /dev/null; then
  install_packages "the Native AOT test (a C toolchain)" clang
fi

# The first build of tests/PromptGen.Providers.ClaudeCode.Tests installs the pinned Claude Code CLI with npm.
if ! command -v npm > /dev/null; then
  install_packages "the Claude Code CLI tests (npm)" nodejs npm
fi

# The scale-out tests (tests/PromptGen.Redis.Tests) start their own redis-server on a free loopback port and stop it
# (and kill it mid-test to prove degradation); Debian's redis-server package provides the binary.
if ! command -v redis-server > /dev/null; then
  install_packages "the shared cache/limit/breaker tests (a real Redis server)" redis-server
fi

# A test that hangs ends the run with its name and a dump after 15 minutes instead of holding CI to its limit.
dotnet test PromptGen.sln --blame-hang-timeout 15m "$@"
