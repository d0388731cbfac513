#!/bin/sh
# find-kernel.sh BUILD_DIR [KERNEL]: print the path of a kernel to boot.
# KERNEL if given; else the newest readable /boot/vmlinuz-*; else Debian's
# linux-image-cloud-amd64, fetched with apt into BUILD_DIR/kernel once.
set -e
build=$1 kernel=${2-}
# Without a build directory the kernel would land in /kernel.
[ -n "$build" ] || { echo "usage: find-kernel.sh BUILD_DIR [KERNEL]" >&2; exit 2; }

if [ -n "$kernel" ]; then
    [ -r "$kernel" ] || { echo "find-kernel: $kernel: not readable" >&2; exit 1; }
    echo "$kernel"
    exit 0
fi

for k in $(ls -1 /boot/vmlinuz-* 2>/dev/null | sort -V -r); do
    if [ -r "$k" ] && [ -s "$k" ]; then
        echo "$k"
        exit 0
    fi
done

# Modules the system tests load with insmod, kept from the package: one
# small one (insmod and rmmod themselves), and the virtio disk driver with
# what it needs (the persistence test). Paths under kernel/.
modules='lib/crc7.ko drivers/virtio/virtio_ring.ko drivers/virtio/virtio.ko
drivers/virtio/virtio_pci_legacy_dev.ko drivers/virtio/virtio_pci_modern_dev.ko
drivers/virtio/virtio_pci.ko drivers/block/virtio_blk.ko'

dir=$build/kernel

# Fetch the kernel package into $dir and keep the kernel and $modules.
fetch() {
    mkdir -p "$dir"
    # The metapackage names the current kernel package; fetch that one.
    pkg=$(apt-cache depends linux-image-cloud-amd64 2>/dev/null |
          sed -n 's/^ *Depends: \(linux-image-[0-9].*\)/\1/p' | head -n 1)
    if [ -z "$pkg" ] && [ "$(id -u)" = 0 ]; then
        apt-get update -qq >&2
        pkg=$(apt-cache depends linux-image-cloud-amd64 2>/dev/null |
              sed -n 's/^ *Depends: \(linux-image-[0-9].*\)/\1/p' | head -n 1)
    fi
    [ -n "$pkg" ] || { echo "find-kernel: no kernel in /boot and apt does not know linux-image-cloud-amd64 (run apt-get update, or name a bzImage)" >&2; return 1; }
    echo "fetching $pkg into $dir" >&2
    (cd "$dir" && apt-get download -q "$pkg" >&2 2>/dev/null) ||
        { echo "find-kernel: apt-get download $pkg failed" >&2; return 1; }
    deb=$(ls -1 "$dir"/"$pkg"_*.deb | head -n 1)
    patterns=
    for m in $modules; do
        patterns="$patterns ./lib/modules/*/kernel/$m"
    done
    # The patterns are tar's to match, not the shell's: set -f.
    # shellcheck disable=SC2086
    dpkg-deb --fsys-tarfile "$deb" | (cd "$dir" && set -f && tar -x --wildcards \
        './boot/vmlinuz-*' $patterns)
    status=$?
    rm -f "$deb"
    return $status
}

found=$(ls -1 "$dir"/boot/vmlinuz-* 2>/dev/null | sort -V -r | head -n 1)
missing=
if [ -n "$found" ]; then
    for m in $modules; do
        [ -f "$dir/lib/modules/${found##*/vmlinuz-}/kernel/$m" ] || missing=$m
    done
fi
if [ -z "$found" ]; then
    fetch || exit 1
    found=$(ls -1 "$dir"/boot/vmlinuz-* | sort -V -r | head -n 1)
elif [ -n "$missing" ]; then
    # Fetched before $missing was added to the list: fetch again, but a
    # kernel without it still boots.
    fetch || echo "find-kernel: $missing: not kept; booting without it" >&2
    found=$(ls -1 "$dir"/boot/vmlinuz-* | sort -V -r | head -n 1)
fi
echo "$found"
