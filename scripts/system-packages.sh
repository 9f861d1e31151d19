#!/usr/bin/env bash
# The Debian packages Rapor needs beside its Python venv: Chromium (the quarterly report's PDF and
# browser tests), poppler-utils (pdftotext in the tests) and the PostgreSQL server (the production
# tests start a real one). Installed with apt when missing and this runs as root; otherwise the
# missing ones are named, and the run says what it could not write (e.g. the PDF) rather than fail.
set -euo pipefail
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
if ! command -v pg_config >/dev/null || [ ! -x "$(pg_config --bindir)/initdb" ]; then
    missing+=(postgresql)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq "${missing[@]}"
else
    echo "system packages missing: ${missing[*]} (install with: sudo apt-get install -y ${missing[*]})" >&2
fi
