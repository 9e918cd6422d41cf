#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests, or says how to when this user cannot.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo"; else
  echo "Chromium est nécessaire aux tests du navigateur. Installez-le avec :" >&2
  echo "    sudo apt-get install chromium" >&2
  exit 1
fi
echo "Installation de chromium (paquet Debian)…"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
command -v chromium >/dev/null
