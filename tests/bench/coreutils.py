#!/usr/bin/env python3
"""Time mini's utilities beside GNU coreutils, BusyBox and Toybox.

    tests/bench/coreutils.py [--build build] [-n 5] [--scale 1.0] [--only ROW]

Generates data in a temporary directory (a 200 MB text file, 1M-line files,
a tree of 20,000 files at --scale 1), then runs every row for every
implementation, interleaved (each round runs each implementation once, in
turn), and prints a table of medians and each one's ratio to mini's
(above 1: slower than mini). An implementation that lacks the utility, or
fails on the row, shows "-". Then a table of sizes: what each utility
adds to mini's one binary beside GNU's program (which shares libc). Installs busybox-static and toybox with apt-get
if missing and possible. A benchmark, not a test: nothing here fails.
"""
import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

IMPLS = ['mini', 'GNU', 'BusyBox', 'Toybox']

# name, untimed setup (or None), timed command. {NAME} is the utility NAME
# of the implementation under test; {d} the data directory.
ROWS = [
    ('cat 200M >/dev/null', None, '{cat} {d}/big >/dev/null'),
    ('cat 200M to a pipe', None, '{cat} {d}/big | /usr/bin/cat >/dev/null'),
    ('wc -l', None, '{wc} -l {d}/big >/dev/null'),
    ('wc -w', None, '{wc} -w {d}/big >/dev/null'),
    ('sort 1M lines', None, '{sort} {d}/words >/dev/null'),
    ('sort -n 1M lines', None, '{sort} -n {d}/numbers >/dev/null'),
    ('uniq -c', None, '{uniq} -c {d}/sorted >/dev/null'),
    # GNU grep stops at the first match when its output is /dev/null.
    ('grep -F', None, '{grep} -F qzx {d}/big >{d}/out'),
    ('grep -c REGEX', None, "{grep} -c 'ab[cd]*e.f' {d}/big >{d}/out"),
    ('tr a-z A-Z', None, '{tr} a-z A-Z <{d}/big >/dev/null'),
    ("cut -d' ' -f2", None, "{cut} -d' ' -f2 {d}/big >/dev/null"),
    ('tail -n 1000', None, '{tail} -n 1000 {d}/big >/dev/null'),
    ('sha256sum 200M', None, '{sha256sum} {d}/big >/dev/null'),
    ('cp 200M', 'rm -f {d}/copy', '{cp} {d}/big {d}/copy'),
    ('ls -lR 20k files', None, '{ls} -lR {d}/tree >/dev/null'),
    ('find -name 20k files', None, "{find} {d}/tree -name '*7*' >/dev/null"),
    ('rm -rf 20k files', 'rm -rf {d}/victim && /usr/bin/cp -a {d}/tree {d}/victim',
     '{rm} -rf {d}/victim'),
    ('seq 1 10000000', None, '{seq} 1 10000000 >/dev/null'),
]

UTILITY_NAMES = sorted({name for _, _, cmd in ROWS
                        for name in re.findall(r'\{(\w+)\}', cmd) if name != 'd'})


def ensure_peers():
    missing = [pkg for cmd, pkg in [('busybox', 'busybox-static'), ('toybox', 'toybox')]
               if not shutil.which(cmd)]
    if missing and os.geteuid() == 0:
        subprocess.run(['apt-get', 'install', '-y', '-qq'] + missing,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=dict(os.environ, DEBIAN_FRONTEND='noninteractive'))


def applets(multicall):
    path = shutil.which(multicall)
    if not path:
        return set()
    out = subprocess.run([path, '--list'] if multicall == 'busybox' else [path],
                         capture_output=True, text=True).stdout
    return set(out.split())


def commands(build):
    """For each implementation, the command that runs each utility."""
    table = {}
    mini_dir = os.path.join(build, 'bin')
    table['mini'] = {n: os.path.join(mini_dir, n) for n in UTILITY_NAMES
                     if os.access(os.path.join(mini_dir, n), os.X_OK)}
    table['GNU'] = {n: shutil.which(n, path='/usr/bin:/bin') for n in UTILITY_NAMES
                    if shutil.which(n, path='/usr/bin:/bin')}
    for impl, multicall in [('BusyBox', 'busybox'), ('Toybox', 'toybox')]:
        have = applets(multicall)
        table[impl] = {n: '%s %s' % (shutil.which(multicall), n)
                       for n in UTILITY_NAMES if n in have}
    return table


def make_data(d, scale):
    rng = random.Random(1)
    vocabulary = [''.join(rng.choice('abcdefghijklmnopqrstuvwxyz')
                          for _ in range(rng.randint(2, 9))) for _ in range(5000)]
    lines = [' '.join(rng.choice(vocabulary) for _ in range(rng.randint(3, 12)))
             for _ in range(20000)]
    block = ('\n'.join(lines) + '\n').encode()
    target = int(200e6 * scale)
    with open(os.path.join(d, 'big'), 'wb') as f:
        written = 0
        while written < target:
            f.write(block)
            written += len(block)
    count = int(1e6 * scale)
    words = [rng.choice(vocabulary) + ' ' + rng.choice(vocabulary) for _ in range(count)]
    with open(os.path.join(d, 'words'), 'w') as f:
        f.write('\n'.join(words) + '\n')
    with open(os.path.join(d, 'sorted'), 'w') as f:
        f.write('\n'.join(sorted(words)) + '\n')
    with open(os.path.join(d, 'numbers'), 'w') as f:
        f.write('\n'.join(str(rng.randint(-10**9, 10**9)) for _ in range(count)) + '\n')
    files = int(20000 * scale)
    for i in range(files):
        sub = os.path.join(d, 'tree', 'd%02d' % (i % 100), 'e%d' % (i % 7))
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, 'f%d' % i), 'w') as f:
            f.write('x' * (i % 300))


def section_sizes(path):
    """Bytes of code and data (text + data, as size(1) counts them) and of
    bss, summed over the objects of PATH, or None without size(1)."""
    try:
        out = subprocess.run(['size', '-t', path], capture_output=True,
                             text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    text, data, bss = out.strip().splitlines()[-1].split()[:3]
    return int(text) + int(data), int(bss)


def print_sizes(build, table):
    """What each utility costs. In the multicall build each program is a
    static library NAME-main in bin/ (its own code, before the linker
    drops unused sections); libmini is shared by all and counted apart.
    GNU's figure is its program's file, linked to a shared libc."""
    bin_dir = os.path.join(build, 'bin')
    multicall = os.path.exists(os.path.join(bin_dir, 'lib%s-main.a' % UTILITY_NAMES[0]))
    print('\n| program | mini: code+data | mini: bss | GNU file |')
    print('|---|---|---|---|')
    for name in UTILITY_NAMES + ['libmini']:
        if name == 'libmini':
            sizes = section_sizes(os.path.join(build, 'libmini', 'libmini.a'))
        elif multicall:
            sizes = section_sizes(os.path.join(bin_dir, 'lib%s-main.a' % name))
        else:
            sizes = section_sizes(os.path.join(bin_dir, name))
        gnu = table['GNU'].get(name)
        print('| %s | %s | %s | %s |' % (
            name, sizes[0] if sizes else '-', sizes[1] if sizes else '-',
            os.path.getsize(gnu) if gnu else '-'))
    whole = []
    if multicall:
        whole.append(('mini (every command)', os.path.join(bin_dir, 'mini')))
    whole += [(impl, shutil.which(multicall)) for impl, multicall in
              [('BusyBox', 'busybox'), ('Toybox', 'toybox')]]
    print('\n| whole binary | bytes |')
    print('|---|---|')
    for label, path in whole:
        if path and os.path.exists(path):
            print('| %s | %d |' % (label, os.path.getsize(os.path.realpath(path))))


def time_once(command, setup, d):
    if setup:
        subprocess.run(['/bin/sh', '-c', setup.format(d=d)], check=True)
    start = time.perf_counter()
    proc = subprocess.run(['/bin/sh', '-c', command], stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    return elapsed if proc.returncode in (0, 1) else None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--build', default='build')
    ap.add_argument('-n', type=int, default=5, help='rounds (default 5)')
    ap.add_argument('--scale', type=float, default=1.0,
                    help='data size relative to the issue\'s (default 1)')
    ap.add_argument('--only', action='append', default=[],
                    help='run only rows whose name starts with this')
    args = ap.parse_args()

    ensure_peers()
    table = commands(os.path.abspath(args.build))
    rows = [r for r in ROWS if not args.only or any(r[0].startswith(o) for o in args.only)]
    with tempfile.TemporaryDirectory(prefix='mini-bench-') as d:
        make_data(d, args.scale)
        results = {}
        for name, setup, template in rows:
            times = {impl: [] for impl in IMPLS}
            for _ in range(args.n):
                for impl in IMPLS:
                    cmds = table[impl]
                    needed = [u for u in UTILITY_NAMES if '{%s}' % u in template]
                    if any(u not in cmds for u in needed):
                        continue
                    cmd = template.format(d=d, **{u: cmds[u] for u in needed})
                    t = time_once(cmd, setup, d)
                    if t is not None:
                        times[impl].append(t)
            results[name] = {impl: statistics.median(v) if len(v) == args.n else None
                             for impl, v in times.items()}
            print_row(name, results[name], file=sys.stderr)

    print('| row | ' + ' | '.join(IMPLS) + ' |')
    print('|---|' + '---|' * len(IMPLS))
    for name, _, _ in rows:
        print_row(name, results[name])
    print('\nmedians of %d interleaved rounds, seconds; (×N) = time / mini\'s time' % args.n)
    print_sizes(os.path.abspath(args.build), table)
    return 0


def print_row(name, medians, file=sys.stdout):
    mini = medians.get('mini')
    cells = []
    for impl in IMPLS:
        m = medians.get(impl)
        if m is None:
            cells.append('-')
        elif impl == 'mini' or not mini:
            cells.append('%.3f' % m)
        else:
            cells.append('%.3f (×%.2f)' % (m, m / mini))
    print('| %s | %s |' % (name, ' | '.join(cells)), file=file)


if __name__ == '__main__':
    sys.exit(main())
