#!/usr/bin/env bash
# Makes `redis-server` available for the Redis plugin's tests (plugins/redis/test), which start and stop their own
# server on a free loopback port; this script starts nothing. Installs Debian's package only when the binary is
# missing, quietly and without prompts. CI then runs the tests with REQUIRE_REDIS=1, so a missing Redis fails them.
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v redis-server >/dev/null 2>&1; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null
fi

redis-server --version
