#!/bin/sh
# boot: build mini (whatever is stale), make its image and boot it under
# QEMU on this terminal. mini's console is this terminal; `poweroff` in
# mini ends QEMU (or press Ctrl-A then X).
#
#   ./boot                  # the kernel is found or fetched by itself
#   KERNEL=/path/bzImage ./boot
set -e
cd "$(dirname "$0")"
build-aux/deps.sh
[ -f build/build.ninja ] || meson setup build --native-file build-aux/musl.ini >/dev/null
ninja -C build >/dev/null
kernel=$(build-aux/find-kernel.sh build "${KERNEL-}")
# The newest: the build makes one, and an older one may be left from
# another compression option.
image=$(ls -t build/mkimage/initramfs.cpio.* 2>/dev/null | head -n 1)
exec qemu-system-x86_64 -m 256 -nographic \
    -kernel "$kernel" -initrd "${image:-build/mkimage/initramfs.cpio}" \
    -append "console=ttyS0 quiet panic=-1"
