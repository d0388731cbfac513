#!/usr/bin/env python3
"""System test: PID 1 under stress, in QEMU.

Three boots. The first, with a disk attached, throws at init what people
and programs do: a thousand orphans (all reaped, no zombie left), the
console shell killed twenty times in a row (a new one each time), a fork
bomb (the console stays usable), `kill -9 1` (ignored: the kernel never
delivers SIGKILL to init); then a file is written to an ext4 disk, a
process that ignores SIGTERM is left running, and `poweroff` must still
end the machine (KILL after the grace period) with the disk unmounted
cleanly: debugfs reads the file on the host and e2fsck finds nothing to
mend. The other two boots have a broken /etc/rc, failing then missing:
each still gives a prompt, and `kill -TERM 1` (init's reboot signal) shuts
down in order.

The disk needs the virtio block driver, a module in Debian's cloud
kernel: the modules (kept by build-aux/find-kernel.sh) go in the image as
a second archive, and the test loads them with insmod.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vm import VM, VMError, Checks, find_kernel, test_arguments  # noqa: E402
from tools_test import kernel_release, newc  # noqa: E402

# The virtio disk's modules, each after those it needs.
DISK_MODULES = ['virtio/virtio_ring', 'virtio/virtio', 'virtio/virtio_pci_legacy_dev',
                'virtio/virtio_pci_modern_dev', 'virtio/virtio_pci', 'block/virtio_blk']
DISK_TEXT = 'written just before poweroff'
ORPHANS = 1000
SHELL_KILLS = 20
BOMB_LIMIT = 50


class DiskVM(VM):
    """A VM as vm.py starts it, with DISK as a virtio drive."""

    def __init__(self, kernel, image, disk, memory=256):
        self.output = b''
        self.started = time.monotonic()
        self._unread = 0
        self.proc = subprocess.Popen(
            ['qemu-system-x86_64', '-m', str(memory), '-no-reboot',
             '-display', 'none', '-monitor', 'none', '-serial', 'stdio',
             '-drive', 'file=%s,if=virtio,format=raw' % disk,
             '-kernel', kernel, '-initrd', image,
             '-append', 'console=ttyS0 quiet panic=-1'],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def find_modules(release, dirs):
    """The paths of DISK_MODULES for RELEASE, from the first of DIRS (each
    a /lib/modules-like directory) that has them all, or None."""
    for d in dirs:
        if not d:
            continue
        paths = [os.path.join(d, release, 'kernel/drivers', m + '.ko') for m in DISK_MODULES]
        if all(os.path.isfile(p) for p in paths):
            return paths
    return None


def image_with_files(image, files, tmpdir, name):
    """IMAGE followed by a second archive holding FILES: {path in the
    image: bytes}, in /lib/modules. The kernel unpacks one after the other."""
    with open(image, 'rb') as f:
        data = f.read()
    data += b'\0' * (-len(data) % 512)
    entries = [('lib', 0o40755, None), ('lib/modules', 0o40755, None)]
    entries += [('lib/modules/' + n, 0o100644, d) for n, d in sorted(files.items())]
    data += newc(entries)
    path = os.path.join(tmpdir, name)
    with open(path, 'wb') as f:
        f.write(data)
    return path


def image_with_rc(build, source_manifest, tmpdir, rc, name):
    """A new image made by the build's mkimage from SOURCE_MANIFEST and the
    build's programs.manifest, with /etc/rc replaced by RC (text), or left
    out when RC is None."""
    base = os.path.dirname(os.path.abspath(source_manifest))
    lines = []
    with open(source_manifest) as f:
        for line in f:
            fields = line.split()
            if fields[:2] == ['file', '/etc/rc']:
                continue
            # Sources are relative to the manifest: make them absolute.
            if fields and fields[0] == 'file' and not fields[2].startswith('/'):
                fields[2] = os.path.join(base, fields[2])
                line = ' '.join(fields) + '\n'
            lines.append(line)
    if rc is not None:
        rc_path = os.path.join(tmpdir, name + '.rc')
        with open(rc_path, 'w') as f:
            f.write(rc)
        lines.append('file /etc/rc %s 0755 0 0\n' % rc_path)
    manifest = os.path.join(tmpdir, name + '.manifest')
    with open(manifest, 'w') as f:
        f.writelines(lines)
    out = os.path.join(tmpdir, name + '.cpio')
    subprocess.run([os.path.join(build, 'mkimage', 'mkimage'), '-o', out, manifest,
                    os.path.join(build, 'mkimage', 'programs.manifest')], check=True)
    return out


def e2fs_tool(name):
    """The path of an e2fsprogs tool: in /usr/sbin, which a user's PATH
    may not hold."""
    return shutil.which(name) or shutil.which(name, path='/usr/sbin:/sbin')


def make_disk(tmpdir):
    """A 32 MiB ext4 image with one directory, made by mke2fs -d."""
    tree = os.path.join(tmpdir, 'disk-tree')
    os.makedirs(os.path.join(tree, 'from-host'))
    with open(os.path.join(tree, 'from-host', 'hello'), 'w') as f:
        f.write('made on the host\n')
    disk = os.path.join(tmpdir, 'disk.img')
    subprocess.run([e2fs_tool('mke2fs'), '-q', '-F', '-t', 'ext4', '-d', tree, disk, '32M'],
                   check=True, capture_output=True)
    return disk


JOB_NOTICE = re.compile(r'(?m)^\[\d+\][+-]? .*\n?')


def sh(vm, command, timeout=60):
    """Run COMMAND at the prompt and return its output alone: not the echo
    of a long command line (the line editor wraps it at the terminal's
    width), nor the shell's notices of background jobs that ended."""
    out = vm.run('echo =$((6*7))=; ' + command, timeout=timeout)
    if '=42=\n' in out:
        out = out.split('=42=\n', 1)[1]
    return JOB_NOTICE.sub('', out)


def zombies(vm):
    """The zombie processes now, as 'PID (COMM)' strings."""
    out = sh(vm, "cat /proc/[0-9]*/stat 2>/dev/null | grep ') Z '", timeout=60)
    return [line.split(' Z ')[0] for line in out.splitlines() if ' Z ' in line]


def init_children(vm):
    return sh(vm, 'cat /proc/1/task/1/children; echo').split()


def check_orphans(vm, c, shell):
    # Each ( ... &) is a subshell that starts sleep and exits at once:
    # the sleep is orphaned, and init inherits it.
    started = time.monotonic()
    sh(vm, 'i=0; while [ $i -lt %d ]; do (sleep 0.1 &); i=$((i+1)); done' % ORPHANS,
           timeout=900)
    made = time.monotonic() - started
    # The last sleeps end 0.1 s after they start; give them many times that.
    for _ in range(30):
        if init_children(vm) == [shell]:
            break
        time.sleep(1)
    c.equal('%d orphans: init is left with the shell alone' % ORPHANS,
            init_children(vm), [shell])
    c.equal('%d orphans: no zombies' % ORPHANS, zombies(vm), [])
    print('%d orphans made in %.0f s' % (ORPHANS, made))


def check_shell_kills(vm, c, shell):
    pids = [shell]
    for i in range(SHELL_KILLS):
        vm.send('kill -9 $$\n')
        vm.wait_prompt(timeout=60)
        pid = sh(vm, 'echo $$').strip()
        if not (pid.isdigit() and pid not in pids):
            c.check('console shell killed %d times: a new one each time' % SHELL_KILLS,
                    False, 'after kill %d: %r (shells so far %r)' % (i + 1, pid, pids))
            return pids[-1]
        pids.append(pid)
    c.check('console shell killed %d times: a new one each time' % SHELL_KILLS, True)
    c.equal('the last console shell answers', sh(vm, 'echo still here'), 'still here\n')
    c.equal('after the kills: init has only the shell', init_children(vm), [pids[-1]])
    return pids[-1]


def check_fork_bomb(vm, c, shell):
    # The kernel does not hold root to RLIMIT_NPROC (`ulimit -u`): root
    # may always fork. The limit is set anyway, as a user's would be, and
    # the pids controller of a cgroup holds the bomb to it.
    cg = '/sys/fs/cgroup'
    out = sh(vm, 'mkdir -p %s && mount -t cgroup2 cgroup2 %s && '
                 'echo +pids >%s/cgroup.subtree_control && mkdir %s/bomb && '
                 'echo %d >%s/bomb/pids.max && echo ready'
                 % (cg, cg, cg, cg, BOMB_LIMIT, cg))
    if not out.endswith('ready\n'):
        c.check('fork bomb: a cgroup to hold it', False, out)
        return
    # The bomb's complaints (fork: Resource temporarily unavailable) would
    # flood the console: they go to /dev/null. It runs from a file: the
    # shell's "[1]+ Done" notice shows the command, and a '$ ' in it, come
    # a byte at a time, could pass for the prompt.
    sh(vm, "echo 'echo $$ >%s/bomb/cgroup.procs; ulimit -u %d; "
           "bomb() { bomb | bomb & }; bomb' >/tmp/bomb.sh" % (cg, BOMB_LIMIT))
    sh(vm, 'sh /tmp/bomb.sh >/dev/null 2>&1 &')
    time.sleep(5)
    running = sh(vm, 'cat %s/bomb/pids.current' % cg, timeout=120).strip()
    c.check('fork bomb: running, held to the limit',
            running.isdigit() and 0 < int(running) <= BOMB_LIMIT, running)
    c.equal('fork bomb: the console answers', sh(vm, 'echo usable', timeout=120), 'usable\n')
    c.equal('fork bomb: commands run', sh(vm, 'ls / | grep -c proc', timeout=120), '1\n')
    events = sh(vm, 'cat %s/bomb/pids.events' % cg, timeout=120)
    c.check('fork bomb: forks were refused', re.search(r'max [1-9]', events), events)
    # Clean up: cgroup.kill ends every process in the group at once.
    sh(vm, 'echo 1 >%s/bomb/cgroup.kill' % cg, timeout=120)
    for _ in range(30):
        if sh(vm, 'cat %s/bomb/pids.current' % cg, timeout=60).strip() == '0':
            break
        time.sleep(1)
    c.equal('fork bomb: all gone after cgroup.kill',
            sh(vm, 'cat %s/bomb/pids.current' % cg).strip(), '0')
    sh(vm, 'rmdir %s/bomb; umount %s' % (cg, cg))
    for _ in range(10):
        if init_children(vm) == [shell]:
            break
        time.sleep(1)
    c.equal('fork bomb: init reaped its orphans', init_children(vm), [shell])
    c.equal('fork bomb: no zombies', zombies(vm), [])


def check_kill_init(vm, c, shell):
    # The kernel drops SIGKILL sent to init from its own namespace.
    c.equal('kill -9 1: sent', sh(vm, 'kill -9 1; echo $?'), '0\n')
    time.sleep(1)
    c.equal('kill -9 1: init still runs', sh(vm, 'cat /proc/1/comm'), 'init\n')
    c.equal('kill -9 1: the same shell', sh(vm, 'echo $$').strip(), shell)
    # Signals init has no action for are blocked and never taken.
    c.equal('kill -HUP 1, -QUIT 1: ignored', sh(vm,
        'kill -HUP 1; kill -QUIT 1; sleep 1; cat /proc/1/comm'),
        'init\n')


def check_disk_and_poweroff(vm, c, modules, disk):
    loads = '; '.join('insmod /lib/modules/%s.ko' % os.path.basename(m)[:-3]
                      for m in modules)
    out = sh(vm, loads + '; echo loaded', timeout=120)
    c.check('insmod the virtio disk modules', out.endswith('loaded\n') and 'insmod:' not in out,
            out)
    sh(vm, 'i=0; while [ ! -b /dev/vda ] && [ $i -lt 100 ]; do sleep 0.2; i=$((i+1)); done',
           timeout=120)
    out = sh(vm, 'mkdir -p /mnt && mount -t ext4 /dev/vda /mnt && cat /mnt/from-host/hello')
    c.equal('mount the ext4 disk', out, 'made on the host\n')
    sh(vm, 'echo %s >/mnt/file' % DISK_TEXT)
    # A process that ignores SIGTERM, and keeps the disk busy from there.
    sh(vm, "cd /mnt && sh -c 'trap \"\" TERM; while :; do sleep 1; done' & cd /")
    # Under a loaded machine's emulation the job may take a while to start.
    for _ in range(20):
        time.sleep(0.5)
        running = sh(vm, 'ps -e -o comm=')
        if 'sleep' in running:
            break
    c.check('a process ignoring SIGTERM runs', 'sleep' in running, running)
    vm.send('poweroff\n')
    vm.expect(rb'poweroff\r?\n')
    asked = time.monotonic()
    status = vm.wait_exit(timeout=120)
    took = time.monotonic() - asked
    c.equal('poweroff with a TERM-proof process: QEMU exit status', status, 0)
    c.check('poweroff: the process was killed after the grace period',
            re.search(r'init: processes still running after \d+ s: killing them', vm.text()),
            vm.text()[-1500:])
    c.check('poweroff: within 60 s', took < 60, '%.1f s' % took)
    c.check('no kernel panic', 'Kernel panic' not in vm.text(), vm.text()[-1500:])
    c.check('poweroff: no "cannot unmount" from init',
            'cannot unmount' not in vm.text(), vm.text()[-1500:])
    print('poweroff with a TERM-proof process: %.1f s' % took)

    out = subprocess.run([e2fs_tool('debugfs'), '-R', 'cat /file', disk], capture_output=True, text=True)
    c.equal('after poweroff: the file is on the disk (debugfs)', out.stdout, DISK_TEXT + '\n')
    out = subprocess.run([e2fs_tool('e2fsck'), '-fn', disk], capture_output=True, text=True)
    c.check('after poweroff: e2fsck -fn finds the disk clean', out.returncode == 0,
            out.stdout + out.stderr)


def boot_stress(kernel, image, modules, tmp, c):
    disk = make_disk(tmp)
    files = {}
    for m in modules:
        with open(m, 'rb') as f:
            files[os.path.basename(m)] = f.read()
    vm = DiskVM(kernel, image_with_files(image, files, tmp, 'stress.cpio'), disk)
    try:
        vm.wait_prompt(timeout=180)
        shell = sh(vm, 'echo $$').strip()
        check_orphans(vm, c, shell)
        shell = check_shell_kills(vm, c, shell)
        check_fork_bomb(vm, c, shell)
        check_kill_init(vm, c, shell)
        check_disk_and_poweroff(vm, c, modules, disk)
    except VMError as e:
        c.check('console conversation (stress boot)', False, str(e))
    finally:
        vm.kill()


def boot_broken_rc(kernel, image, what, c):
    vm = VM(kernel, image)
    try:
        welcome = vm.wait_prompt(timeout=180).decode('utf-8', 'replace')
        c.check('/etc/rc %s: still a prompt' % what, True)
        if what == 'failing':
            c.check('/etc/rc failing: it ran', 'rc ran' in welcome, welcome)
            c.check('/etc/rc failing: init says so',
                    re.search(r'init: /etc/rc: exit status 3', welcome), welcome)
        else:
            c.check('/etc/rc missing: init says so',
                    re.search(r'init: /etc/rc: No such file or directory', welcome), welcome)
        c.equal('/etc/rc %s: the shell works' % what, sh(vm, 'echo ok; cat /proc/1/comm'),
                'ok\ninit\n')
        # SIGTERM is init's reboot: an orderly shutdown, and with
        # -no-reboot QEMU exits.
        vm.send('kill -TERM 1\n')
        status = vm.wait_exit(timeout=120)
        c.equal('kill -TERM 1: QEMU exits (reboot), status', status, 0)
        c.check('kill -TERM 1: an orderly reboot',
                'reboot: Restarting system' in vm.text(), vm.text()[-800:])
        c.check('kill -TERM 1: no kernel panic', 'Kernel panic' not in vm.text(),
                vm.text()[-1500:])
    except VMError as e:
        c.check('console conversation (/etc/rc %s)' % what, False, str(e))
    finally:
        vm.kill()


def main():
    ap = test_arguments(__doc__)
    ap.add_argument('--modules', default='', help='a /lib/modules-like directory')
    ap.add_argument('--manifest', required=True, help="the image's rootfs.manifest")
    args = ap.parse_args()

    kernel = find_kernel(args)
    release = kernel_release(kernel)
    modules = find_modules(release, [args.modules, os.environ.get('MINI_MODULES', ''),
                                     '/lib/modules'])
    checks = Checks()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix='mini-stress-') as tmp:
        if not modules:
            print('FAIL: no virtio_blk.ko and the modules it needs for kernel %s' % release)
            checks.failed += 1
        elif not all(e2fs_tool(t) for t in ('mke2fs', 'debugfs', 'e2fsck')):
            print('FAIL: mke2fs and debugfs (e2fsprogs) are needed')
            checks.failed += 1
        else:
            boot_stress(kernel, args.image, modules, tmp, checks)
        boot_broken_rc(kernel, image_with_rc(args.build, args.manifest, tmp,
                                             'echo rc ran\nexit 3\n', 'rc-failing'),
                       'failing', checks)
        boot_broken_rc(kernel, image_with_rc(args.build, args.manifest, tmp, None,
                                             'rc-missing'), 'missing', checks)
    print('whole run: %.1f s' % (time.monotonic() - started))
    return checks.summary()


if __name__ == '__main__':
    sys.exit(main())
