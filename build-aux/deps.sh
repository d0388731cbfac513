#!/bin/sh
# deps.sh [test]: make sure the tools mini's build (and, with "test", its
# tests) need are installed. Installs Debian packages with apt-get when we
# are root (or sudo works without a password); otherwise names them and fails.
set -e

# command:package pairs
need="meson:meson ninja:ninja-build musl-gcc:musl-tools python3:python3
qemu-system-x86_64:qemu-system-x86 gzip:gzip zstd:zstd"
if [ "${1-}" = test ]; then
    need="$need cpio:cpio dash:dash clang:clang"
fi

missing=
for pair in $need; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing="$missing ${pair#*:}"
done
[ -d /usr/include/linux ] || missing="$missing linux-libc-dev"
# libFuzzer comes with clang's runtime libraries, which Debian's clang only
# recommends (and recommendations are not installed here).
if [ "${1-}" = test ] && { ! command -v clang >/dev/null 2>&1 ||
    [ ! -f "$(clang -print-file-name=libclang_rt.fuzzer-"$(uname -m)".a)" ]; }; then
    missing="$missing libclang-rt-dev"
fi
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
    as_root=
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=sudo
else
    echo "mini needs these Debian packages:$missing" >&2
    echo "install them with: sudo apt-get install$missing" >&2
    exit 1
fi
echo "installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$as_root apt-get update -qq >&2
# shellcheck disable=SC2086
$as_root apt-get install -y -qq --no-install-recommends $missing >&2
