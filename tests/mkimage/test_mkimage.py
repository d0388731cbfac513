#!/usr/bin/env python3
"""Tests for mkimage: manifests in, newc cpio archive out.

    test_mkimage.py MKIMAGE

Builds archives from small manifests in a temporary directory and reads
them back with a newc reader of its own (cpio(5)), then with the host's
GNU cpio, and with Ninja for the depfile. Prints a line per failure and
"N passed, N failed" at the end; exits 1 if anything failed.
"""
import os
import re
import resource
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time

MKIMAGE = None
TIMEOUT = 20
passed = 0
failed = 0


def check(name, problems):
    """Count one test: PROBLEMS is a list of what went wrong."""
    global passed, failed
    if problems:
        failed += 1
        for problem in problems:
            print('FAIL %s: %s' % (name, problem))
    else:
        passed += 1


def run(args, cwd, env=None, preexec=None):
    full_env = dict(os.environ)
    full_env.pop('SOURCE_DATE_EPOCH', None)
    full_env.update(env or {})
    return subprocess.run([MKIMAGE] + args, cwd=cwd, env=full_env,
                          capture_output=True, timeout=TIMEOUT,
                          preexec_fn=preexec)


def write(path, data, mode=None):
    os.makedirs(os.path.dirname(path) or '.', exist_ok=True)
    with open(path, 'wb' if isinstance(data, bytes) else 'w') as f:
        f.write(data)
    if mode is not None:
        os.chmod(path, mode)


def read(path):
    with open(path, 'rb') as f:
        return f.read()


# ---- a newc reader ----

FIELDS = ('ino', 'mode', 'uid', 'gid', 'nlink', 'mtime', 'filesize',
          'devmajor', 'devminor', 'rdevmajor', 'rdevminor', 'namesize',
          'check')


class BadArchive(Exception):
    pass


def parse_newc(data):
    """The entries of a newc archive, the trailer left out, as dicts."""
    entries = []
    at = 0

    def padding_to_4(start):
        end = (start + 3) & ~3
        if data[start:end] != b'\0' * (end - start):
            raise BadArchive('nonzero padding at %d' % start)
        return end

    while True:
        header = data[at:at + 110]
        if len(header) < 110:
            raise BadArchive('archive ends inside a header at %d' % at)
        if header[:6] != b'070701':
            raise BadArchive('bad magic %r at %d' % (header[:6], at))
        entry = {}
        for i, field in enumerate(FIELDS):
            text = header[6 + 8 * i:14 + 8 * i]
            if not re.fullmatch(rb'[0-9A-Fa-f]{8}', text):
                raise BadArchive('bad %s field %r at %d' % (field, text, at))
            entry[field] = int(text, 16)
        name_end = at + 110 + entry['namesize']
        raw_name = data[at + 110:name_end]
        if len(raw_name) != entry['namesize'] or not raw_name.endswith(b'\0'):
            raise BadArchive('name not NUL-terminated at %d' % at)
        entry['name'] = raw_name[:-1].decode()
        data_start = padding_to_4(name_end)
        data_end = data_start + entry['filesize']
        entry['data'] = data[data_start:data_end]
        if len(entry['data']) != entry['filesize']:
            raise BadArchive('archive ends inside %s' % entry['name'])
        at = padding_to_4(data_end)
        if entry['name'] == 'TRAILER!!!':
            if at != len(data):
                raise BadArchive('%d bytes after the trailer'
                                 % (len(data) - at))
            return entries
        entries.append(entry)


def expect_entry(entry, name, mode, uid=0, gid=0, data=b'', rdev=(0, 0),
                 nlink=None, mtime=0):
    """What is wrong with ENTRY, given what it should be."""
    if nlink is None:
        nlink = 2 if stat.S_ISDIR(mode) else 1
    want = {'name': name, 'mode': mode, 'uid': uid, 'gid': gid,
            'filesize': len(data), 'data': data, 'rdevmajor': rdev[0],
            'rdevminor': rdev[1], 'nlink': nlink, 'mtime': mtime,
            'devmajor': 0, 'devminor': 0, 'check': 0}
    return ['%s: %s is %r, want %r' % (name, key, entry[key], value)
            for key, value in want.items() if entry[key] != value]


def archive_problems(data, want):
    """Compare an archive against WANT, a list of expect_entry arguments."""
    try:
        entries = parse_newc(data)
    except BadArchive as e:
        return ['bad archive: %s' % e]
    names = [e['name'] for e in entries]
    want_names = [w[0] for w in want]
    if names != want_names:
        return ['names %r, want %r' % (names, want_names)]
    problems = []
    for i, (entry, args) in enumerate(zip(entries, want)):
        if entry['ino'] != i + 1:
            problems.append('%s: ino %d, want %d'
                            % (entry['name'], entry['ino'], i + 1))
        extra = args[2] if len(args) > 2 else {}
        problems += expect_entry(entry, args[0], args[1], **extra)
    return problems


# ---- the cases ----

DIR = stat.S_IFDIR
REG = stat.S_IFREG
LNK = stat.S_IFLNK
CHR = stat.S_IFCHR
BLK = stat.S_IFBLK

BIG = bytes((i * 7 + i // 251) & 0xff for i in range(200003))


def make_tree(tmp):
    """A manifest with every kind of entry, and what the archive must hold."""
    write(tmp + '/src/hello', 'hello\n')
    write(tmp + '/src/empty', '')
    write(tmp + '/src/big', BIG)
    write(tmp + '/abs-src', 'absolute\n')
    os.symlink('hello', tmp + '/src/hello-link')
    write(tmp + '/src/exe', '#!/bin/sh\n', mode=0o600)
    manifest = '''\
# A comment, then a blank line.

dir /etc 0755 0 0
  # An indented comment.
file /etc/hello src/hello 0644 0 0
file /etc/empty src/empty 0600 12 34
file /etc/big\tsrc/big   0444   0   0
file /etc/abs %s/abs-src 0640 0 5
file /etc/linked src/hello-link 0604 0 0
dir /bin 0755 0 0
file /bin/tool src/exe 4755 0 0
slink /bin/alias tool
slink /sbin ../bin
dir /tmp 1777 0 0
dir /dev 0755 0 0
nod /dev/console 0600 0 5 c 5 1
nod /dev/sda 0660 0 6 b 8 0
nod /dev/big 0600 0 0 c 4095 1048575
dir /etc/deep 2750 1000 1000
dir /etc/deep/er 0700 4294967294 0
''' % tmp
    want = [
        ('bin', DIR | 0o755),
        ('bin/alias', LNK | 0o777, {'data': b'tool'}),
        ('bin/tool', REG | 0o4755, {'data': b'#!/bin/sh\n'}),
        ('dev', DIR | 0o755),
        ('dev/big', CHR | 0o600, {'rdev': (4095, 1048575)}),
        ('dev/console', CHR | 0o600, {'gid': 5, 'rdev': (5, 1)}),
        ('dev/sda', BLK | 0o660, {'gid': 6, 'rdev': (8, 0)}),
        ('etc', DIR | 0o755),
        ('etc/abs', REG | 0o640, {'gid': 5, 'data': b'absolute\n'}),
        ('etc/big', REG | 0o444, {'data': BIG}),
        ('etc/deep', DIR | 0o2750, {'uid': 1000, 'gid': 1000}),
        ('etc/deep/er', DIR | 0o700, {'uid': 4294967294}),
        ('etc/empty', REG | 0o600, {'uid': 12, 'gid': 34}),
        ('etc/hello', REG | 0o644, {'data': b'hello\n'}),
        ('etc/linked', REG | 0o604, {'data': b'hello\n'}),
        ('sbin', LNK | 0o777, {'data': b'../bin'}),
        ('tmp', DIR | 0o1777),
    ]
    return manifest, want


def test_every_kind(tmp):
    manifest, want = make_tree(tmp)
    write(tmp + '/root.manifest', manifest)
    os.mkdir(tmp + '/out')
    proc = run(['-o', 'out/image.cpio', 'root.manifest'], tmp)
    problems = status_problems(proc, 0)
    if not problems:
        problems += archive_problems(read(tmp + '/out/image.cpio'), want)
        if os.listdir(tmp + '/out') != ['image.cpio']:
            problems.append('out/ holds %r' % os.listdir(tmp + '/out'))
        mode = stat.S_IMODE(os.stat(tmp + '/out/image.cpio').st_mode)
        if mode != 0o644:
            problems.append('image mode %o under umask 022, want 644' % mode)
    check('every kind of entry', problems)


def test_bytewise_order(tmp):
    write(tmp + '/m', ''.join('dir %s 0755 0 0\n' % p for p in
                              ['/a/b', '/a-b', '/B', '/a', '/a.b', '/b',
                               '/a/b/c', '/\xe9']))
    proc = run(['-o', 'out.cpio', 'm'], tmp)
    problems = status_problems(proc, 0)
    if not problems:
        want = [(name, DIR | 0o755) for name in
                ['B', 'a', 'a-b', 'a.b', 'a/b', 'a/b/c', 'b', '\xe9']]
        problems += archive_problems(read(tmp + '/out.cpio'), want)
    check('entries sorted bytewise, parents first', problems)


def test_empty_manifest(tmp):
    write(tmp + '/m', '# nothing here\n\n')
    proc = run(['-o', 'out.cpio', 'm'], tmp)
    problems = status_problems(proc, 0)
    if not problems:
        data = read(tmp + '/out.cpio')
        problems += archive_problems(data, [])
        trailer = (b'070701' + b'00000000' * 4 + b'00000001' +
                   b'00000000' * 6 + b'0000000B' + b'00000000' +
                   b'TRAILER!!!\0' + b'\0' * 3)
        if data != trailer:
            problems.append('archive %r, want only the trailer %r'
                            % (data, trailer))
    check('empty manifest gives only the trailer', problems)


def test_last_line_without_newline(tmp):
    write(tmp + '/m', 'dir /a 0755 0 0\ndir /a/b 0700 0 0')
    proc = run(['-o', 'out.cpio', 'm'], tmp)
    problems = status_problems(proc, 0)
    if not problems:
        want = [('a', DIR | 0o755), ('a/b', DIR | 0o700)]
        problems += archive_problems(read(tmp + '/out.cpio'), want)
    check('last line without a newline', problems)


def test_several_manifests(tmp):
    # Each SOURCE is found beside the manifest that names it, and a
    # parent may come from another manifest.
    write(tmp + '/one/m', 'dir /etc 0755 0 0\nfile /etc/a data 0644 0 0\n')
    write(tmp + '/one/data', 'from one\n')
    write(tmp + '/two/sub/m', 'file /etc/b data 0644 0 0\n'
                              'file /etc/c ../data 0644 0 0\n')
    write(tmp + '/two/sub/data', 'from two\n')
    write(tmp + '/two/data', 'from two, up\n')
    proc = run(['-o', 'out.cpio', 'two/sub/m', 'one/m'], tmp)
    problems = status_problems(proc, 0)
    if not problems:
        problems += archive_problems(read(tmp + '/out.cpio'), [
            ('etc', DIR | 0o755),
            ('etc/a', REG | 0o644, {'data': b'from one\n'}),
            ('etc/b', REG | 0o644, {'data': b'from two\n'}),
            ('etc/c', REG | 0o644, {'data': b'from two, up\n'}),
        ])
    check('several manifests, sources beside each', problems)


def test_source_date_epoch(tmp):
    manifest, want = make_tree(tmp)
    write(tmp + '/m', manifest)
    proc = run(['-o', 'out.cpio', 'm'], tmp,
               env={'SOURCE_DATE_EPOCH': '1700000000'})
    problems = status_problems(proc, 0)
    if not problems:
        want = [(w[0], w[1], dict(w[2] if len(w) > 2 else {},
                                  mtime=1700000000)) for w in want]
        problems += archive_problems(read(tmp + '/out.cpio'), want)
    for bad in ['', 'x', '-1', '4294967296']:
        proc = run(['-o', 'bad.cpio', 'm'], tmp,
                   env={'SOURCE_DATE_EPOCH': bad})
        problems += status_problems(proc, 1, r'mkimage: SOURCE_DATE_EPOCH: ')
        if os.path.exists(tmp + '/bad.cpio'):
            problems.append('SOURCE_DATE_EPOCH=%r left an output' % bad)
    check('SOURCE_DATE_EPOCH sets every mtime', problems)


def test_reproducible(tmp):
    manifest, _ = make_tree(tmp)
    write(tmp + '/m', manifest)
    lines = manifest.splitlines(keepends=True)
    write(tmp + '/reversed', ''.join(reversed(lines)))
    # Split in two, in the other order: the same entries, the same bytes.
    write(tmp + '/first', ''.join(lines[len(lines) // 2:]))
    write(tmp + '/second', ''.join(lines[:len(lines) // 2]))
    problems = []
    images = []
    for i, manifests in enumerate([['m'], ['m'], ['reversed'],
                                   ['first', 'second']]):
        out = 'out%d.cpio' % i
        problems += status_problems(run(['-o', out] + manifests, tmp), 0)
        if not problems:
            images.append(read(tmp + '/' + out))
    # The host files' times and inodes must not leak in.
    os.utime(tmp + '/src/hello', (12345, 12345))
    shutil.copy(tmp + '/src/big', tmp + '/src/big.new')
    os.rename(tmp + '/src/big.new', tmp + '/src/big')
    problems += status_problems(run(['-o', 'later.cpio', 'm'], tmp), 0)
    if not problems:
        images.append(read(tmp + '/later.cpio'))
        for i, image in enumerate(images[1:], 1):
            if image != images[0]:
                problems.append('image %d differs from image 0' % i)
    check('reproducible, whatever the line order', problems)


def test_host_cpio(tmp):
    manifest, want = make_tree(tmp)
    write(tmp + '/m', manifest)
    problems = status_problems(run(['-o', 'out.cpio', 'm'], tmp), 0)
    if problems:
        return check('host cpio lists and extracts it', problems)
    with open(tmp + '/out.cpio', 'rb') as image:
        listing = subprocess.run(['cpio', '-it', '--quiet'], stdin=image,
                                 capture_output=True, timeout=TIMEOUT)
    names = listing.stdout.decode().splitlines()
    if listing.returncode != 0 or names != [w[0] for w in want]:
        problems.append('cpio -it: status %d, names %r, stderr %r'
                        % (listing.returncode, names, listing.stderr))

    # Extract all but the device nodes, which need privileges.
    no_nodes = ''.join(line + '\n' for line in manifest.splitlines()
                       if not line.startswith('nod'))
    write(tmp + '/files.manifest', no_nodes)
    problems += status_problems(
        run(['-o', 'files.cpio', 'files.manifest'], tmp), 0)
    os.mkdir(tmp + '/x')
    with open(tmp + '/files.cpio', 'rb') as image:
        extract = subprocess.run(
            ['cpio', '-idm', '--quiet', '--no-preserve-owner'], stdin=image,
            cwd=tmp + '/x', capture_output=True, timeout=TIMEOUT)
    if extract.returncode != 0 or extract.stderr:
        problems.append('cpio -idm: status %d, stderr %r'
                        % (extract.returncode, extract.stderr))
    for w in want:
        name, mode, extra = w[0], w[1], (w[2] if len(w) > 2 else {})
        path = tmp + '/x/' + name
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
            continue
        try:
            st = os.lstat(path)
        except OSError as e:
            problems.append('extracted %s: %s' % (name, e))
            continue
        if stat.S_IFMT(st.st_mode) != stat.S_IFMT(mode):
            problems.append('extracted %s has type %o' % (name, st.st_mode))
        elif stat.S_ISLNK(mode):
            if os.readlink(path).encode() != extra['data']:
                problems.append('extracted %s -> %r'
                                % (name, os.readlink(path)))
        elif stat.S_ISREG(mode):
            if read(path) != extra.get('data', b''):
                problems.append('extracted %s has other content' % name)
            if stat.S_IMODE(st.st_mode) != stat.S_IMODE(mode):
                problems.append('extracted %s has mode %o' % (name,
                                                               st.st_mode))
            if st.st_mtime != 0:
                problems.append('extracted %s has mtime %d'
                                % (name, st.st_mtime))
    check('host cpio lists and extracts it', problems)


def test_depfile(tmp):
    # Names Make syntax must escape: a space, a # and a $.
    write(tmp + '/in dir/m#1', 'dir /a 0755 0 0\n'
                               'file /a/x x$y 0644 0 0\n'
                               'file /a/y %s/abs 0644 0 0\n' % tmp)
    write(tmp + '/in dir/x$y', 'x\n')
    write(tmp + '/abs', 'abs\n')
    write(tmp + '/m2', 'dir /b 0755 0 0\nslink /b/l x\n')
    problems = status_problems(
        run(['-o', 'out.cpio', '-M', 'out.cpio.d', 'in dir/m#1', 'm2'],
            tmp), 0)
    if problems:
        return check('depfile', problems)
    text = read(tmp + '/out.cpio.d').decode()
    # One rule, every manifest and file source, nothing else.
    words = re.findall(r'(?:\\.|\$\$|[^\s\\$])+', text.replace('\\\n', ' '))
    unescaped = [re.sub(r'\\(.)', r'\1', w).replace('$$', '$') for w in words]
    want = ['out.cpio:', 'in dir/m#1', 'm2', 'in dir/x$y', tmp + '/abs']
    if unescaped != want:
        problems.append('depfile %r reads as %r, want %r'
                        % (text, unescaped, want))

    # Ninja is the reader that counts: does it see the same names, and
    # rebuild when a source changes?
    build = tmp + '/ninja'
    os.mkdir(build)
    shutil.copytree(tmp + '/in dir', build + '/in dir')
    shutil.copy(tmp + '/m2', build + '/m2')
    write(build + '/build.ninja', '''\
rule mk
  command = %s -o $out -M $out.d $in
  depfile = $out.d
  deps = gcc
build out.cpio: mk in$ dir/m#1 m2
''' % MKIMAGE)

    def ninja(*args):
        return subprocess.run(['ninja'] + list(args), cwd=build,
                              capture_output=True, timeout=TIMEOUT)

    # Ninja compares times: inputs older than the image, then one newer.
    inputs = [build + '/in dir/m#1', build + '/m2', build + '/in dir/x$y',
              tmp + '/abs']
    now = time.time()
    for path in inputs:
        os.utime(path, (now - 1000, now - 1000))
    first = ninja()
    deps = ninja('-t', 'deps', 'out.cpio').stdout.decode().splitlines()
    deps = sorted(line.strip() for line in deps[1:] if line.strip())
    want_deps = sorted(['in dir/m#1', 'm2', 'in dir/x$y', tmp + '/abs'])
    if first.returncode != 0 or deps != want_deps:
        problems.append('ninja: status %d, deps %r, want %r'
                        % (first.returncode, deps, want_deps))
    if b'no work to do' not in ninja('-n').stdout:
        problems.append('ninja wants to rebuild at once')
    for changed in inputs:
        os.utime(changed, (now + 1000, now + 1000))
        if b'no work to do' in ninja('-n').stdout:
            problems.append('ninja does not rebuild after %s changes'
                            % changed)
        os.utime(changed, (now - 1000, now - 1000))
    check('depfile', problems)


# ---- errors ----

def status_problems(proc, status, err=None):
    problems = []
    stderr = proc.stderr.decode(errors='replace')
    if proc.returncode != status:
        problems.append('status %d, want %d (stderr %r)'
                        % (proc.returncode, status, stderr))
    if status == 0 and stderr:
        problems.append('stderr %r' % stderr)
    if err is not None and not re.fullmatch(err + r'[^\n]*\n', stderr):
        problems.append('stderr %r does not match %r' % (stderr, err))
    return problems


def files_in(top):
    return sorted(os.path.relpath(os.path.join(d, f), top)
                  for d, _, files in os.walk(top) for f in files)


def expect_failure(tmp, name, args, err, status=1, preexec=None,
                   before=b'old image\n'):
    """Run ARGS twice, with no output and with an old one: each must fail
    with STATUS and ERR, leave no new file, and keep the old output."""
    problems = []
    for old in [None, before]:
        out_dir = tmp + '/out'
        if os.path.isdir(out_dir):
            shutil.rmtree(out_dir)
        os.mkdir(out_dir)
        if old is not None:
            write(out_dir + '/image.cpio', old)
        files_before = files_in(tmp)
        proc = run(args, tmp, preexec=preexec)
        problems += status_problems(proc, status, err)
        files_after = files_in(tmp)
        if files_after != files_before:
            problems.append('files %r appeared, %r vanished' % (
                sorted(set(files_after) - set(files_before)),
                sorted(set(files_before) - set(files_after))))
        elif old is not None and read(out_dir + '/image.cpio') != old:
            problems.append('the old output changed')
    check(name, problems)


GOOD = 'dir /d 0755 0 0\n'

# name, manifest text, line of the error, message after "MANIFEST:LINE: "
MANIFEST_ERRORS = [
    ('unknown type', 'pipe /d/p 0644 0 0', "unknown type 'pipe'"),
    ('unknown type, upper case', 'DIR /e 0755 0 0', "unknown type 'DIR'"),
    ('dir with too few fields', 'dir /e 0755 0', 'wrong number of fields'),
    ('dir with too many fields', 'dir /e 0755 0 0 0',
     'wrong number of fields'),
    ('trailing comment is a field', 'dir /e 0755 0 0 # no',
     'wrong number of fields'),
    ('file with too few fields', 'file /d/f f 0644 0',
     'wrong number of fields'),
    ('slink with mode fields', 'slink /d/l x 0777 0 0',
     'wrong number of fields'),
    ('slink without target', 'slink /d/l', 'wrong number of fields'),
    ('nod with too few fields', 'nod /d/n 0600 0 0 c 5',
     'wrong number of fields'),
    ('nod with too many fields', 'nod /d/n 0600 0 0 c 5 1 1 1',
     'wrong number of fields'),
    ('missing source', 'file /d/f nosuch 0644 0 0',
     'nosuch: No such file or directory'),
    ('source is a directory', 'file /d/f srcdir 0644 0 0',
     'srcdir: not a regular file'),
    ('source is a FIFO', 'file /d/f fifo 0644 0 0',
     'fifo: not a regular file'),
    ('source is a dangling symlink', 'file /d/f dangling 0644 0 0',
     'dangling: No such file or directory'),
    ('relative path', 'dir e 0755 0 0', "bad PATH 'e': relative"),
    ('relative file path', 'file d/f f 0644 0 0',
     "bad PATH 'd/f': relative"),
    ('root as an entry', 'dir / 0755 0 0',
     "bad PATH '/': the root is always there"),
    ('double slash', 'dir /d//e 0755 0 0',
     r"bad PATH '/d//e': empty, \. or \.\. part"),
    ('trailing slash', 'dir /d/ 0755 0 0',
     r"bad PATH '/d/': empty, \. or \.\. part"),
    ('dot part', 'dir /d/./e 0755 0 0',
     r"bad PATH '/d/\./e': empty, \. or \.\. part"),
    ('dot-dot part', 'slink /d/.. x',
     r"bad PATH '/d/\.\.': empty, \. or \.\. part"),
    ('path too long', 'dir /%s 0755 0 0' % ('x' * 4096),
     'bad PATH: longer than PATH_MAX'),
    ('link target too long', 'slink /d/l %s' % ('x' * 4096),
     'bad TARGET: longer than PATH_MAX'),
    ('duplicate path', 'dir /d 0700 0 0',
     r"duplicate path '/d' \(first at m:1\)"),
    ('duplicate of another type', 'slink /d x',
     r"duplicate path '/d' \(first at m:1\)"),
    ('missing parent', 'dir /e/f 0755 0 0',
     "parent '/e' of '/e/f' is not a dir entry"),
    ('parent is a symlink', 'slink /l d\nfile /l/f f 0644 0 0',
     "parent '/l' of '/l/f' is not a dir entry"),
    ('parent is a file', 'file /f f 0644 0 0\ndir /f/g 0755 0 0',
     "parent '/f' of '/f/g' is not a dir entry"),
    ('mode not octal', 'dir /e 0758 0 0', "bad MODE '0758'"),
    ('mode too big', 'dir /e 10000 0 0', "bad MODE '10000'"),
    ('mode with a sign', 'dir /e +755 0 0', "bad MODE '\\+755'"),
    ('mode in hex', 'dir /e 0x1ed 0 0', "bad MODE '0x1ed'"),
    ('negative uid', 'dir /e 0755 -1 0', "bad UID '-1'"),
    ('uid (uid_t)-1', 'dir /e 0755 4294967295 0', "bad UID '4294967295'"),
    ('uid a name', 'file /d/f f 0644 root 0', "bad UID 'root'"),
    ('gid a name', 'nod /d/n 0644 0 tty c 5 0', "bad GID 'tty'"),
    ('gid too big', 'dir /e 0755 0 99999999999', "bad GID '99999999999'"),
    ('major too big', 'nod /d/n 0600 0 0 c 4096 0', "bad MAJOR '4096'"),
    ('minor too big', 'nod /d/n 0600 0 0 b 1 1048576', "bad MINOR '1048576'"),
    ('minor not a number', 'nod /d/n 0600 0 0 b 1 x', "bad MINOR 'x'"),
    ('nod type p', 'nod /d/n 0600 0 0 p 1 3', "nod type 'p' is not c or b"),
    ('nod type char', 'nod /d/n 0600 0 0 char 1 3',
     "nod type 'char' is not c or b"),
    ('NUL byte in a line', 'dir /e\0x 0755 0 0', 'NUL byte in line'),
]


def test_manifest_errors(tmp):
    write(tmp + '/f', 'f\n')
    os.mkdir(tmp + '/srcdir')
    os.mkfifo(tmp + '/fifo')
    os.symlink('nowhere', tmp + '/dangling')
    for name, text, message in MANIFEST_ERRORS:
        # Line 1 is GOOD; blank and comment lines count too.
        write(tmp + '/m', GOOD + '\n# comment\n' + text + '\n')
        line = 4 + text.count('\n')
        expect_failure(tmp, name, ['-o', 'out/image.cpio', 'm'],
                       r'mkimage: m:%d: %s' % (line, message))


def test_errors_across_manifests(tmp):
    write(tmp + '/a/m', GOOD)
    write(tmp + '/b/m', '# the second\ndir /d 0755 0 0\n')
    expect_failure(tmp, 'duplicate across manifests',
                   ['-o', 'out/image.cpio', 'a/m', 'b/m'],
                   r"mkimage: b/m:2: duplicate path '/d' \(first at a/m:1\)")
    # Many equal keys for qsort, which is not stable: the report must
    # still name the earlier line as the first.
    write(tmp + '/a/m', ''.join('dir /d 0755 0 0\n' if i % 2 else
                                'dir /d/%03d 0755 0 0\n' % i
                                for i in range(300)))
    write(tmp + '/b/m', ''.join('dir /d 0755 0 0\n' for i in range(300)))
    expect_failure(tmp, 'many duplicates',
                   ['-o', 'out/image.cpio', 'b/m', 'a/m'],
                   r"mkimage: b/m:2: duplicate path '/d' \(first at b/m:1\)")
    write(tmp + '/a/m', GOOD)
    write(tmp + '/b/m', '# the second\n\nfile /d/f f 0644 0 0\n')
    expect_failure(tmp, 'missing source beside the second manifest',
                   ['-o', 'out/image.cpio', 'a/m', 'b/m'],
                   r'mkimage: b/m:3: b/f: No such file or directory')


def test_output_errors(tmp):
    write(tmp + '/m', GOOD)
    expect_failure(tmp, 'missing manifest',
                   ['-o', 'out/image.cpio', 'm', 'nosuch'],
                   r'mkimage: nosuch: No such file or directory')
    expect_failure(tmp, 'output directory missing',
                   ['-o', 'out/no/image.cpio', 'm'],
                   r'mkimage: out/no/image.cpio: cannot create: '
                   r'No such file or directory')
    expect_failure(tmp, 'depfile directory missing',
                   ['-o', 'out/image.cpio', '-M', 'out/no/d', 'm'],
                   r'mkimage: out/no/d: cannot create: '
                   r'No such file or directory')

    # Renaming over a non-file would destroy it: think of /dev/stdout.
    os.mkdir(tmp + '/others')
    os.mkdir(tmp + '/others/dir')
    os.mkfifo(tmp + '/others/fifo')
    write(tmp + '/others/file', 'file\n')
    os.symlink('file', tmp + '/others/link')
    for name in ['dir', 'fifo', 'link']:
        for option in ['-o', '-M']:
            args = ['-o', 'others/image', '-M', 'others/image.d', 'm']
            args[args.index(option) + 1] = 'others/' + name
            proc = run(args, tmp)
            problems = status_problems(
                proc, 1, r'mkimage: others/%s: not a regular file; '
                r'will not replace it' % name)
            found = sorted(os.listdir(tmp + '/others'))
            if found != ['dir', 'fifo', 'file', 'link']:
                problems.append('others/ holds %r' % found)
            fifo_mode = os.lstat(tmp + '/others/fifo').st_mode
            if (not os.path.isdir(tmp + '/others/dir')
                    or not stat.S_ISFIFO(fifo_mode)
                    or os.readlink(tmp + '/others/link') != 'file'
                    or read(tmp + '/others/file') != b'file\n'):
                problems.append('a non-file output was changed')
            check('%s names a %s' % (option, name), problems)

    # A full disk, in small: writes past 1 KiB fail with EFBIG.
    write(tmp + '/big', BIG)
    write(tmp + '/m', GOOD + 'file /d/big big 0644 0 0\n')

    def small_files():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))
    expect_failure(tmp, 'write error', ['-o', 'out/image.cpio', 'm'],
                   r'mkimage: out/image.cpio: cannot write: File too large',
                   preexec=small_files)


def test_usage(tmp):
    write(tmp + '/m', GOOD)
    for args in [[], ['m'], ['-o', 'out/image.cpio'], ['-x', '-o', 'o', 'm'],
                 ['-h'], ['-o']]:
        expect_failure(tmp, 'usage: mkimage %s' % ' '.join(args), args,
                       r'(?:[^\n]*mkimage: [^\n]*\n)?'
                       r'usage: mkimage -o OUTPUT \[-M DEPFILE\] '
                       r'MANIFEST\.\.\.',
                       status=2)


def main():
    global MKIMAGE
    if len(sys.argv) != 2:
        sys.exit('usage: test_mkimage.py MKIMAGE')
    MKIMAGE = os.path.abspath(sys.argv[1])
    os.umask(0o022)
    tests = [test_every_kind, test_bytewise_order, test_empty_manifest,
             test_last_line_without_newline, test_several_manifests,
             test_source_date_epoch, test_reproducible, test_host_cpio,
             test_depfile, test_manifest_errors,
             test_errors_across_manifests, test_output_errors, test_usage]
    for test in tests:
        with tempfile.TemporaryDirectory(prefix='mkimage-test-') as tmp:
            try:
                test(tmp)
            except Exception as e:  # one broken test must not hide the rest
                check(test.__name__, ['raised %r' % e])
    print('%d passed, %d failed' % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
