#!/usr/bin/env bash
# Rebuild the producer corpus (test/fixtures/producers) from the seeds' truth, then check every
# fixture's text layer against the truth. Generation only: installs the Debian producers it needs
# (apt) and never runs in tests. Extra arguments go to build.ts (e.g. --only 003_, --out DIR).
#   bash scripts/corpus/build-corpus.sh [--shared /work/shared] [--only SUBSTRING] [--out DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/corpus/install-deps.sh
[ -d node_modules ] || npm ci
npx tsx scripts/corpus/build.ts "$@"
# verify.ts takes the same --shared and an optional folder; pass --out's folder when given.
out=test/fixtures/producers
shared=()
while (($#)); do
  case "$1" in
    --out) out="$2"; shift ;;
    --shared) shared=(--shared "$2"); shift ;;
  esac
  shift
done
npx tsx scripts/corpus/verify.ts "$out" "${shared[@]}"
