#!/usr/bin/env python3
"""Size and boot speed: mini beside a BusyBox system and the floor, one run.

    tests/bench/system.py [-n 10] [--build build] [--kernel bzImage] [--readme]

Three initramfs images are made the same way (our mkimage, then the
compression the build uses):
  mini     the build's image
  busybox  Debian's busybox-static: busybox init, ash, every applet a link,
           an rcS that mounts what mini's init mounts and sets the hostname
  floor    one static program that only prints a prompt (floor.c)
Each also gets /bootmark (bootmark.c) and boots with rdinit=/bootmark. The
images boot in turn, N rounds, and the medians are reported:
  QEMU start -> prompt   starting QEMU to the first prompt on the console
  /init -> prompt        bootmark's line to the prompt, both as seen here
  poweroff -> exit       the echo of `poweroff` to QEMU's exit
  RAM over the floor     MemAvailable at the floor's prompt less at this one
                         (and again counting the pages free in the kernel's
                         per-CPU lists as free: MemAvailable does not)
then the image sizes (raw, gzip, xz, zstd) and what each of mini's programs
adds. With --readme the results replace the table in README.md between
the markers <!-- system-bench --> and <!-- /system-bench -->.
"""
import argparse
import datetime
import glob
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..'))
sys.path.insert(0, os.path.join(ROOT, 'tests', 'system'))
from vm import VM  # noqa: E402

SYSTEMS = ['mini', 'busybox', 'floor']
# MemAvailable, and the free pages the kernel keeps in per-CPU lists
# ("count:" in /proc/zoneinfo): MemFree leaves those out, and how full
# the lists happen to be varies by hundreds of KB with what ran before.
MEM_COMMAND = ('while read -r k v u; do [ "$k" = MemAvailable: ] && '
               'echo "$k $v"; done < /proc/meminfo; n=0; '
               'while read -r k v; do [ "$k" = count: ] && n=$((n + v)); '
               'done < /proc/zoneinfo; echo "percpu $n"\n')
PAGE_KB = 4

BUSYBOX_INITTAB = """\
::sysinit:/etc/init.d/rcS
ttyS0::respawn:-/bin/sh
::shutdown:/bin/umount -a -r
"""
BUSYBOX_RCS = """\
#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
hostname busybox
"""
BUSYBOX_PROFILE = "export PS1='root@busybox:$PWD# '\n"


def run(argv, **kwargs):
    return subprocess.run(argv, check=True, **kwargs)


def ensure_tools():
    """Install what the benchmark uses and a fresh machine lacks."""
    wanted = {'/bin/busybox': 'busybox-static', '/usr/bin/xz': 'xz-utils',
              '/usr/bin/zstd': 'zstd', '/usr/bin/musl-gcc': 'musl-tools'}
    missing = [pkg for path, pkg in wanted.items() if not os.path.exists(path)]
    if missing:
        run(['apt-get', 'install', '-y', '-q', '--no-install-recommends'] + missing)


def compile_static(source, output):
    run(['musl-gcc', '-static', '-Os', '-s', '-o', output, source])


COMPRESSORS = {'zstd': ['zstd', '-19', '-q', '-c'], 'gzip': ['gzip', '-n', '-9', '-c'],
               'xz': ['xz', '--check=crc32', '-9', '-c'], 'none': ['cat']}


def make_image(mkimage, work, name, entries, compression):
    """Write a manifest of ENTRIES, pack and compress it; return the path."""
    manifest = os.path.join(work, name + '.manifest')
    with open(manifest, 'w') as f:
        f.write('\n'.join(entries) + '\n')
    cpio = os.path.join(work, name + '.cpio')
    run([mkimage, '-o', cpio, manifest])
    return compress(cpio, compression)


def compress(path, compression):
    with open(path + '.' + compression, 'wb') as out:
        run(COMPRESSORS[compression] + [path], stdout=out)
    return path + '.' + compression


def write(work, name, text):
    path = os.path.join(work, name)
    with open(path, 'w') as f:
        f.write(text)
    return path


def busybox_entries(work):
    entries = ['dir %s 0755 0 0' % d for d in
               ['/bin', '/sbin', '/usr', '/usr/bin', '/usr/sbin', '/etc',
                '/etc/init.d', '/dev', '/proc', '/sys', '/tmp', '/run', '/root']]
    entries += ['nod /dev/console 0600 0 0 c 5 1', 'nod /dev/null 0666 0 0 c 1 3',
                'file /bin/busybox /bin/busybox 0755 0 0',
                'slink /init /bin/busybox',
                'file /etc/inittab %s 0644 0 0' % write(work, 'inittab', BUSYBOX_INITTAB),
                'file /etc/init.d/rcS %s 0755 0 0' % write(work, 'rcS', BUSYBOX_RCS),
                'file /etc/profile %s 0644 0 0' % write(work, 'profile', BUSYBOX_PROFILE)]
    applets = run(['/bin/busybox', '--list-full'], capture_output=True,
                  text=True).stdout.split()
    entries += ['slink /%s /bin/busybox' % a for a in applets if a != 'bin/busybox']
    return entries, len(applets)


def build_images(build, work, compression):
    mkimage = os.path.join(build, 'mkimage', 'mkimage')
    bootmark = os.path.join(work, 'bootmark')
    floor = os.path.join(work, 'floor')
    compile_static(os.path.join(HERE, 'bootmark.c'), bootmark)
    compile_static(os.path.join(HERE, 'floor.c'), floor)

    mini_cpio = os.path.join(build, 'mkimage', 'initramfs.cpio')
    busybox, busybox_commands = busybox_entries(work)
    plain = {
        'mini': compress(shutil.copy(mini_cpio, os.path.join(work, 'mini.cpio')),
                         compression),
        'busybox': make_image(mkimage, work, 'busybox', busybox, compression),
        'floor': make_image(mkimage, work, 'floor', [
            'dir /dev 0755 0 0', 'dir /proc 0555 0 0',
            'nod /dev/console 0600 0 0 c 5 1',
            'file /init %s 0755 0 0' % floor], compression),
    }
    # The kernel unpacks concatenated archives in turn: add /bootmark so.
    mark = make_image(mkimage, work, 'bootmark',
                      ['file /bootmark %s 0755 0 0' % bootmark], compression)
    booted = {}
    for name, path in plain.items():
        booted[name] = os.path.join(work, name + '-boot.cpio.' + compression)
        with open(booted[name], 'wb') as out:
            for part in (path, mark):
                with open(part, 'rb') as f:
                    out.write(f.read())
    commands = {'mini': count_links(os.path.join(build, 'bin')),
                'busybox': busybox_commands, 'floor': 1}
    return plain, booted, commands


def count_links(directory):
    return sum(1 for n in os.listdir(directory)
               if os.path.islink(os.path.join(directory, n)))


def one_boot(kernel, image):
    """Boot IMAGE once; return its figures (ms, ms, ms, kB)."""
    vm = VM(kernel, image, append='rdinit=/bootmark')
    try:
        vm.expect(rb'bootmark [0-9.]+\r?\n', timeout=120)
        marked = time.monotonic()
        vm.wait_prompt(timeout=60)
        prompt = time.monotonic()
        vm.send(MEM_COMMAND)
        answer = vm.wait_prompt(timeout=30)
        available = int(re.search(rb'MemAvailable:? +([0-9]+)', answer).group(1))
        percpu = int(re.search(rb'percpu ([0-9]+)', answer).group(1))
        vm.send('poweroff\n')
        vm.expect(rb'poweroff\r?\n')
        asked = time.monotonic()
        vm.wait_exit(timeout=60)
        return {'qemu': (prompt - vm.started) * 1000,
                'init': (prompt - marked) * 1000,
                'poweroff': (time.monotonic() - asked) * 1000,
                'available': available,
                'free': available + percpu * PAGE_KB}
    finally:
        vm.kill()


def compressed_sizes(cpio):
    raw = open(cpio, 'rb').read()
    sizes = {'raw': len(raw)}
    for name in ['gzip', 'xz', 'zstd']:
        sizes[name] = len(subprocess.run(COMPRESSORS[name], input=raw, check=True,
                                         capture_output=True).stdout)
    return sizes


def build_compression(build):
    options = json.loads(subprocess.run(['meson', 'introspect', '--buildoptions', build],
                                        check=True, capture_output=True).stdout)
    return next(o['value'] for o in options if o['name'] == 'compression')


def program_sizes(build):
    """Bytes of code and data each program brings to mini (before the
    linker drops unused sections), from bin/NAME-main.a."""
    sizes = []
    for lib in sorted(glob.glob(os.path.join(build, 'bin', 'lib*-main.a'))):
        name = os.path.basename(lib)[len('lib'):-len('-main.a')]
        lines = subprocess.run(['size', lib], check=True, capture_output=True,
                               text=True).stdout.splitlines()[1:]
        sizes.append((name, sum(int(l.split()[0]) + int(l.split()[1]) for l in lines)))
    return sizes


def spawn_costs(build, work, rounds=15, batch=200):
    """Microseconds to spawn and wait for `sh -c :` (mini's, BusyBox's)
    and for a static hello world, on this host: medians of batches."""
    hello = os.path.join(work, 'hello.c')
    with open(hello, 'w') as f:
        f.write('int main(void) { return 0; }\n')
    compile_static(hello, hello[:-2])
    argvs = {'hello': [hello[:-2]],
             'mini': [os.path.join(build, 'bin', 'sh'), '-c', ':'],
             'busybox': ['/bin/busybox', 'sh', '-c', ':']}
    times = {k: [] for k in argvs}
    for _ in range(rounds):
        for name, argv in argvs.items():
            start = time.perf_counter()
            for _ in range(batch):
                os.waitpid(os.posix_spawn(argv[0], argv, {}), 0)
            times[name].append((time.perf_counter() - start) / batch * 1e6)
    return {k: statistics.median(v) for k, v in times.items()}


def kb(n):
    return '%.0f KB' % (n / 1024)


def table(results, sizes, commands):
    med = {s: {k: statistics.median(r[k] for r in results[s])
               for k in results[s][0]} for s in SYSTEMS}
    floor_mem = med['floor']['available']
    floor_free = med['floor']['free']
    rows = [('QEMU start → prompt', lambda s: '%.0f ms' % med[s]['qemu'], 'qemu'),
            ('/init → prompt', lambda s: '%.1f ms' % med[s]['init'], 'init'),
            ('poweroff → QEMU exit', lambda s: '%.0f ms' % med[s]['poweroff'], 'poweroff'),
            ('RAM over the floor', lambda s: '%d KB' % (floor_mem - med[s]['available']), None),
            ('… per-CPU free pages counted', lambda s: '%d KB' % (floor_free - med[s]['free']), None),
            ('image, gzip -9', lambda s: kb(sizes[s]['gzip']), 'gzip'),
            ('image, xz -9', lambda s: kb(sizes[s]['xz']), 'xz'),
            ('image, zstd -19', lambda s: kb(sizes[s]['zstd']), 'zstd'),
            ('image, uncompressed', lambda s: kb(sizes[s]['raw']), 'raw'),
            ('commands', lambda s: str(commands[s]), None),
            ('zstd bytes per command', lambda s: '%.0f' % (sizes[s]['zstd'] / commands[s]), None)]
    lines = ['| | mini | BusyBox | floor | mini ÷ BusyBox |', '|---|---:|---:|---:|---:|']
    for label, show, key in rows:
        if key in ('qemu', 'init', 'poweroff'):
            ratio = '%.2f' % (med['mini'][key] / med['busybox'][key])
        elif key:
            ratio = '%.2f' % (sizes['mini'][key] / sizes['busybox'][key])
        else:
            ratio = ''
        lines.append('| %s | %s | %s | %s | %s |' % (
            label, show('mini'), show('busybox'), show('floor'), ratio))
    return '\n'.join(lines)


def machine():
    cpu = 'unknown CPU'
    for line in open('/proc/cpuinfo'):
        if line.startswith('model name'):
            cpu = line.split(':', 1)[1].strip()
            break
    qemu = subprocess.run(['qemu-system-x86_64', '--version'], capture_output=True,
                          text=True).stdout.split('\n')[0]
    return '%s, %d CPUs, %s (TCG)' % (cpu, os.cpu_count(), qemu)


def update_readme(text):
    path = os.path.join(ROOT, 'README.md')
    readme = open(path).read()
    begin, end = '<!-- system-bench -->\n', '<!-- /system-bench -->'
    if begin not in readme or end not in readme:
        sys.exit('system.py: README.md: no <!-- system-bench --> markers')
    head, rest = readme.split(begin, 1)
    tail = rest.split(end, 1)[1]
    with open(path, 'w') as f:
        f.write(head + begin + text + '\n' + end + tail)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('-n', type=int, default=10, help='rounds of boots (default 10)')
    ap.add_argument('--build', default=os.path.join(ROOT, 'build'))
    ap.add_argument('--kernel', default='')
    ap.add_argument('--readme', action='store_true',
                    help='write the table into README.md')
    args = ap.parse_args()

    ensure_tools()
    kernel = subprocess.run([os.path.join(ROOT, 'build-aux/find-kernel.sh'),
                             args.build, args.kernel], check=True,
                            capture_output=True, text=True).stdout.strip()
    with tempfile.TemporaryDirectory(prefix='mini-bench-') as work:
        spawn = spawn_costs(args.build, work)
        compression = build_compression(args.build)
        plain, booted, commands = build_images(args.build, work, compression)
        sizes = {s: compressed_sizes(plain[s][:-len(compression) - 1]) for s in SYSTEMS}
        results = {s: [] for s in SYSTEMS}
        for round in range(args.n):
            for s in SYSTEMS:
                results[s].append(one_boot(kernel, booted[s]))
            print('round %d of %d done' % (round + 1, args.n), file=sys.stderr)

    text = '%s\n\nMedians of %d boots each, interleaved, images compressed with %s; ' \
           '%s; kernel %s. Made by `tests/bench/system.py -n %d --readme` on %s.' % (
               table(results, sizes, commands), args.n, compression, machine(),
               os.path.basename(kernel), args.n,
               datetime.date.today().isoformat())
    text += ('\n\nShell start-up on the host (spawn and wait, median of batches): '
             '`sh -c :` %.0f µs for mini, %.0f µs for BusyBox, against %.0f µs for a '
             'static hello world.' % (spawn['mini'], spawn['busybox'], spawn['hello']))
    print(text)
    print('\nWhat each program of mini adds (code and data of its own objects, '
          'before unused sections are dropped):')
    for name, size in sorted(program_sizes(args.build), key=lambda p: -p[1]):
        print('  %-10s %7d bytes' % (name, size))
    if args.readme:
        update_readme(text)
    return 0


if __name__ == '__main__':
    sys.exit(main())
