#!/usr/bin/env bash
# Installs the Debian packages stance links against, when they are missing.
# BLAS and LAPACKE come from Debian (libblas-dev, liblapacke-dev); installing
# libopenblas0-pthread later switches libblas.so.3 to OpenBLAS with no rebuild.
set -euo pipefail
need=()
for pkg in libblas-dev liblapacke-dev; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
[ ${#need[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${need[@]}" >/dev/null
