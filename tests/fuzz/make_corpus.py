#!/usr/bin/env python3
"""make_corpus.py: make the seed corpora in corpus/TARGET from the tests.

  tests/fuzz/make_corpus.py     # rewrites tests/fuzz/corpus/*

Seeds are the inputs the ordinary tests already use, cut into small
files named by a hash of their contents:
  parse, expand  paragraphs of tests/shell/*.sh, and the commands of
                 tests/shell/*.cases
  printf tr find the arguments in tests/coreutils/NAME.cases, NUL between
  sed            the scripts in tests/coreutils/sed.cases
  mkimage        the manifests of tests/mkimage/test_mkimage.py and
                 mkimage/rootfs.manifest
  line           a few texts, with the two bytes that choose piece sizes
  regex          the patterns of tests/coreutils/grep.cases and a few by
                 hand, each with a flags byte and a text
"""
import hashlib
import importlib.util
import os
import shlex
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.dirname(HERE)
ROOT = os.path.dirname(TESTS)
MAX_SEED = 2048     # bytes in one seed
MAX_SEEDS = 300     # seeds per target


def case_commands(path):
    """The COMMAND field of each case in a case table."""
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                try:
                    fields = shlex.split(line)
                except ValueError:
                    continue
                if len(fields) >= 2:
                    yield fields[1]


def invocations(path, program):
    """The arguments of each call of PROGRAM in a case table's commands."""
    for command in case_commands(path):
        for part in command.replace('|', ';').replace('&&', ';').split(';'):
            try:
                words = shlex.split(part)
            except ValueError:
                continue
            if words and words[0] == program:
                yield words[1:]


def shell_seeds():
    seeds = []
    for name in sorted(os.listdir(os.path.join(TESTS, 'shell'))):
        path = os.path.join(TESTS, 'shell', name)
        if name.endswith('.sh'):
            with open(path, 'rb') as f:
                text = f.read()
            for paragraph in text.split(b'\n\n'):
                if paragraph.strip():
                    seeds.append(paragraph[:MAX_SEED] + b'\n')
        elif name.endswith('.cases'):
            for command in case_commands(path):
                seeds.append(command.encode())
    return seeds


def argument_seeds(program, skip_paths=False):
    seeds = []
    path = os.path.join(TESTS, 'coreutils', program + '.cases')
    for args in invocations(path, program):
        if skip_paths:
            # find PATH... EXPRESSION: the expression only.
            while args and not args[0].startswith('-') and \
                    args[0] not in ('!', '('):
                args = args[1:]
        seeds.append(b'\0'.join(a.encode() for a in args))
    return seeds


def sed_seeds():
    seeds = []
    path = os.path.join(TESTS, 'coreutils', 'sed.cases')
    for args in invocations(path, 'sed'):
        scripts = []
        i = 0
        while i < len(args):
            if args[i] == '-e' and i + 1 < len(args):
                scripts.append(args[i + 1])
                i += 2
            elif args[i].startswith('-'):
                i += 1
            else:
                if not scripts:
                    scripts.append(args[i])
                break
        if scripts:
            seeds.append('\n'.join(scripts).encode())
    return seeds


def mkimage_seeds():
    spec = importlib.util.spec_from_file_location(
        'test_mkimage', os.path.join(TESTS, 'mkimage', 'test_mkimage.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    seeds = []
    good = module.GOOD
    for case in module.MANIFEST_ERRORS:
        seeds.append((good + case[1] + '\n').encode())
    # The tree of every kind, its sources all the target's one file "f".
    seeds.append(b'dir /etc 0755 0 0\nfile /etc/hello f 0644 0 0\n'
                 b'slink /etc/l hello\nnod /etc/c 0600 0 5 c 5 1\n'
                 b'dir /etc/deep 2750 1000 1000\n# comment\n\n')
    with open(os.path.join(ROOT, 'mkimage', 'rootfs.manifest'), 'rb') as f:
        seeds.append(f.read())
    return seeds


def line_seeds():
    texts = [b'', b'one\n', b'a\nb\n\nc', b'\n\n\n', b'no newline',
             b'nul\0inside\nline\n', b'x' * 1000 + b'\n' + b'y' * 3000]
    return [bytes([seed, repeat]) + text
            for text in texts for seed, repeat in ((0, 0), (7, 63), (200, 17))]


def regex_seeds():
    patterns = [b'a*b', b'\\(a\\)\\1', b'(a|ab)(c|bcd)(d*)', b'\\<w\\w*\\>',
                b'[[:alpha:]_][[=a=]-z]*', b'^x\\{2,3\\}$', b'(a*)+\\1',
                b'a\\|b\\+c\\?', b'\\`.\\b\\B']
    for command in case_commands(os.path.join(TESTS, 'coreutils', 'grep.cases')):
        words = shlex.split(command) if command.count("'") % 2 == 0 else []
        for word in words[1:]:
            if not word.startswith('-'):
                patterns.append(word.encode())
                break
    texts = [b'', b'abcd', b'word w w_1 x', b'xxx', b'aab\nc+d']
    return [bytes([flags]) + pattern + b'\0' + text
            for i, pattern in enumerate(patterns)
            for flags, text in ((i % 4, texts[i % 5]), (1, b'abcabc'))]


def write(target, seeds):
    directory = os.path.join(HERE, 'corpus', target)
    shutil.rmtree(directory, ignore_errors=True)
    os.makedirs(directory)
    unique = {}
    for seed in seeds:
        seed = seed[:MAX_SEED]
        unique.setdefault(hashlib.sha1(seed).hexdigest()[:16], seed)
    for name in sorted(unique)[:MAX_SEEDS]:
        with open(os.path.join(directory, name), 'wb') as f:
            f.write(unique[name])
    print('%s: %d seeds' % (target, min(len(unique), MAX_SEEDS)))


def main():
    shell = shell_seeds()
    write('parse', shell)
    write('expand', shell)
    write('printf', argument_seeds('printf'))
    write('tr', argument_seeds('tr'))
    write('find', argument_seeds('find', skip_paths=True))
    write('sed', sed_seeds())
    write('mkimage', mkimage_seeds())
    write('line', line_seeds())
    write('regex', regex_seeds())
    return 0


if __name__ == '__main__':
    sys.exit(main())
