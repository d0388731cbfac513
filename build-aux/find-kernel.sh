#!/bin/sh
# find-kernel.sh BUILD_DIR [KERNEL]: print the path of a kernel to boot.
# KERNEL if given; else the newest readable /boot/vmlinuz-*; else Debian's
# linux-image-cloud-amd64, fetched with apt into BUILD_DIR/kernel once.
set -e
build=$1 kernel=${2-}

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

dir=$build/kernel
found=$(ls -1 "$dir"/boot/vmlinuz-* 2>/dev/null | sort -V -r | head -n 1)
if [ -z "$found" ]; then
    mkdir -p "$dir"
    # The metapackage names the current kernel package; fetch that one.
    pkg=$(apt-cache depends linux-image-cloud-amd64 2>/dev/null |
          sed -n 's/^ *Depends: \(linux-image-[0-9].*\)/\1/p' | head -n 1)
    if [ -z "$pkg" ] && [ "$(id -u)" = 0 ]; then
        apt-get update -qq >&2
        pkg=$(apt-cache depends linux-image-cloud-amd64 2>/dev/null |
              sed -n 's/^ *Depends: \(linux-image-[0-9].*\)/\1/p' | head -n 1)
    fi
    [ -n "$pkg" ] || { echo "find-kernel: no kernel in /boot and apt does not know linux-image-cloud-amd64 (run apt-get update, or name a bzImage)" >&2; exit 1; }
    echo "fetching $pkg into $dir" >&2
    (cd "$dir" && apt-get download -q "$pkg" >&2 2>/dev/null) ||
        { echo "find-kernel: apt-get download $pkg failed" >&2; exit 1; }
    deb=$(ls -1 "$dir"/"$pkg"_*.deb | head -n 1)
    # Also keep one small module, for the system test of insmod and rmmod.
    dpkg-deb --fsys-tarfile "$deb" | (cd "$dir" && tar -x --wildcards \
        './boot/vmlinuz-*' './lib/modules/*/kernel/lib/crc7.ko')
    rm -f "$deb"
    found=$(ls -1 "$dir"/boot/vmlinuz-* | sort -V -r | head -n 1)
fi
echo "$found"
