#!/usr/bin/env python3
"""Boot mini N times under QEMU and report median boot and shutdown times,
the image size and each program's size.

    tests/bench/boot.py [-n 10] [--build build] [--kernel bzImage]

Figures: QEMU start -> first prompt; /init start -> first command at the
prompt (from /proc/uptime less init's start time, 10 ms resolution);
`poweroff` typed -> QEMU exited.
"""
import argparse
import glob
import gzip
import os
import statistics
import subprocess
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, '..', 'system'))
from vm import VM  # noqa: E402
from boot_test import init_to_prompt_ms  # noqa: E402


def one_boot(kernel, image):
    vm = VM(kernel, image)
    try:
        vm.wait_prompt(timeout=120)
        to_prompt = time.monotonic() - vm.started
        init_ms = init_to_prompt_ms(vm)
        vm.send('poweroff\n')
        vm.expect(rb'poweroff\r?\n')
        asked = time.monotonic()
        vm.wait_exit(timeout=60)
        return to_prompt * 1000, init_ms, (time.monotonic() - asked) * 1000
    finally:
        vm.kill()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('-n', type=int, default=10, help='boots (default 10)')
    ap.add_argument('--build', default='build')
    ap.add_argument('--kernel', default='')
    args = ap.parse_args()

    root = os.path.join(here, '..', '..')
    kernel = subprocess.run([os.path.join(root, 'build-aux/find-kernel.sh'),
                             args.build, args.kernel], check=True,
                            capture_output=True, text=True).stdout.strip()
    image = sorted(glob.glob(os.path.join(args.build, 'mkimage/initramfs.cpio*')))[-1]
    runs = [one_boot(kernel, image) for _ in range(args.n)]
    for i, label in enumerate(['QEMU start -> prompt', '/init -> first command',
                               'poweroff -> QEMU exit']):
        values = [r[i] for r in runs]
        print('%-24s median %7.0f ms   (min %.0f, max %.0f, %d boots)'
              % (label, statistics.median(values), min(values), max(values), len(values)))

    cpio = os.path.join(args.build, 'mkimage/initramfs.cpio')
    raw = open(cpio, 'rb').read()
    print('image: %d bytes raw, %d bytes gzip -9' % (len(raw), len(gzip.compress(raw, 9))))
    programs = []
    for d in ['init', 'shell', 'coreutils']:
        for name in sorted(os.listdir(os.path.join(args.build, d))):
            path = os.path.join(args.build, d, name)
            if os.path.isfile(path) and not os.path.islink(path) and os.access(path, os.X_OK):
                programs.append((name, os.path.getsize(path)))
    print('%d programs:' % len(programs))
    for name, size in programs:
        print('  %-10s %7d bytes' % (name, size))
    return 0


if __name__ == '__main__':
    sys.exit(main())
