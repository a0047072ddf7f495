#!/usr/bin/env bash
# Debian packages the corpus generator uses (generation only: no test needs them).
# Idempotent: installs only what is missing.
set -euo pipefail
PKGS=(libreoffice-writer libreoffice-calc chromium wkhtmltopdf ghostscript poppler-utils mupdf-tools
      python3-reportlab fonts-noto-cjk fonts-wqy-zenhei fonts-arphic-ukai fonts-arphic-uming)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
