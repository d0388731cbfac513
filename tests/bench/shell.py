#!/usr/bin/env python3
"""Compare mini's sh with dash, bash --posix and busybox sh, side by side.

    tests/bench/shell.py [-n 5] [--sh build/bin/sh] [--only NAME]

Each workload is a small script run by every shell in turn, interleaved
(round after round, so that machine noise falls on all alike). Reported
per workload: the median wall time of each shell, its ratio to dash, and
its peak memory (max RSS, measured by /usr/bin/time). The last line is the geometric
mean of the ratios. Not a test: nothing fails.
"""
import argparse
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

WORKLOADS = [
    ('arith-loop', 'i=0; while [ $i -lt 1000000 ]; do i=$((i + 1)); done'),
    ('param-expansion', '''
s=/usr/local/lib/libexample.so.1.2.3; i=0; n=0
while [ $i -lt 100000 ]; do
    b=${s##*/}; d=${s%/*}; e=${s#*.}; r=${s%%.*}
    n=$((n + ${#b} + ${#d})); i=$((i + 1))
done'''),
    ('function-calls', '''
f() { r=$(( $1 + 1 )); }
i=0; while [ $i -lt 200000 ]; do f $i; i=$r; done'''),
    ('case-match', '''
i=0; n=0
while [ $i -lt 200000 ]; do
    case "word$((i % 7))" in
    *0) n=$((n + 1)) ;; *1|*2) ;; word[34]) ;; w*5) ;; *) ;;
    esac
    i=$((i + 1))
done'''),
    ('while-read', 'n=0; while read -r line; do n=$((n + 1)); done < "$DATA"'),
    ('command-subst', 'i=0; while [ $i -lt 5000 ]; do x=$(echo $i); i=$((i + 1)); done'),
    ('fork-exec', 'i=0; while [ $i -lt 2000 ]; do /bin/true; i=$((i + 1)); done'),
]


def shells(mini):
    found = [('mini', [mini]), ('dash', [shutil.which('dash')])]
    if shutil.which('bash'):
        found.append(('bash', [shutil.which('bash'), '--posix']))
    if shutil.which('busybox'):
        found.append(('busybox', [shutil.which('busybox'), 'sh']))
    return [(name, argv) for name, argv in found if argv[0]]


def run_once(argv, script, env, rss_file):
    # /usr/bin/time reports the peak memory of the shell alone; the
    # rusage Python gets would include Python's own, from before exec.
    timer = ['/usr/bin/time', '-f', '%M', '-o', rss_file]
    start = time.monotonic()
    status = subprocess.call(timer + argv + ['-c', script], env=env,
                             stdout=subprocess.DEVNULL)
    elapsed = time.monotonic() - start
    if status != 0:
        sys.exit('%s failed (status %d) on: %s' % (argv[0], status, script))
    with open(rss_file) as f:
        return elapsed, int(f.read().split()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('-n', type=int, default=5, help='rounds')
    parser.add_argument('--sh', default=os.path.join(ROOT, 'build', 'bin',
                                                     'sh'))
    parser.add_argument('--only', help='run only this workload')
    args = parser.parse_args()
    contenders = shells(os.path.abspath(args.sh))

    with tempfile.TemporaryDirectory(prefix='mini-bench-') as tmp:
        data = os.path.join(tmp, 'lines')
        with open(data, 'w') as f:
            for i in range(100000):
                f.write('line %d of the file, with some words\n' % i)
        env = dict(os.environ, DATA=data, LC_ALL='C')
        ratios = {name: [] for name, _ in contenders}
        header = '%-16s' % 'workload' + ''.join(
            '%22s' % name for name, _ in contenders)
        print(header)
        for name, script in WORKLOADS:
            if args.only and name != args.only:
                continue
            times = {shell: [] for shell, _ in contenders}
            rss = {shell: 0 for shell, _ in contenders}
            for _ in range(args.n):
                for shell, argv in contenders:
                    elapsed, maxrss = run_once(argv, script, env,
                                               os.path.join(tmp, 'rss'))
                    times[shell].append(elapsed)
                    rss[shell] = max(rss[shell], maxrss)
            dash = statistics.median(times['dash'])
            cells = []
            for shell, _ in contenders:
                median = statistics.median(times[shell])
                ratios[shell].append(median / dash)
                cells.append('%7.3fs %5.2fx %5dK' % (median, median / dash,
                                                      rss[shell]))
            print('%-16s' % name + ''.join('%22s' % c for c in cells))
            sys.stdout.flush()
        print('%-16s' % 'geometric mean' + ''.join(
            '%22s' % ('%5.2fx' % math.exp(
                sum(map(math.log, ratios[shell])) / len(ratios[shell])))
            for shell, _ in contenders))


if __name__ == '__main__':
    main()
