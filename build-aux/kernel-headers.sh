#!/bin/sh
# Make DIR hold links to just the kernel's userspace headers (linux/,
# asm-generic/ and this architecture's asm/), so the musl build can see
# them without seeing glibc's headers in /usr/include.
set -e
dir=$1 multiarch=$2
[ -d /usr/include/linux ] || { echo "kernel headers missing: apt-get install linux-libc-dev" >&2; exit 1; }
mkdir -p "$dir"
ln -sfn /usr/include/linux "$dir/linux"
ln -sfn /usr/include/asm-generic "$dir/asm-generic"
ln -sfn "/usr/include/$multiarch/asm" "$dir/asm"
