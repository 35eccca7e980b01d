#!/usr/bin/env bash
# Installs the Debian packages the tests need beyond Python: Chromium for the browser tests, Node.js
# for the explorer decoder's tests;
# XeLaTeX (the ~370 MiB set that avoids texlive-fonts-extra), latexmk and pdftotext for the PDFs.
# As root it installs them with apt-get; otherwise it says what to install and fails.
# `install-system-packages.sh print` installs only what the PDFs need (no browser), as the
# GitHub Pages workflow does.
set -euo pipefail
missing=()
if [ "${1:-all}" != print ]; then
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  # Node.js runs the static explorer's decoder against data the Python encoder wrote
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
fi
command -v xelatex >/dev/null 2>&1 || missing+=(texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended texlive-xetex)
command -v latexmk >/dev/null 2>&1 || missing+=(latexmk)
fc-list 2>/dev/null | grep -qi freeserif || missing+=(fonts-freefont-otf)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "The tests need these Debian packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
