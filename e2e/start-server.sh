#!/usr/bin/env bash
# Starts Hifazat for the end-to-end tests on a throwaway SQLite database with one admin account.
set -euo pipefail
port="$1"
here="$(cd "$(dirname "$0")" && pwd)"
data="$(mktemp -d /tmp/hifazat-e2e-XXXXXX)"
export DATA_DIR="$data" PORT="$port" HOST=127.0.0.1 LOG_LEVEL=warn
cli="$here/../packages/server/bin/hifazat.js"
printf 'e2e-password-2026' | node "$cli" user add --email e2e.admin@hifazat.example --name "E2E Admin" --role admin --password-stdin
exec node "$cli" serve
