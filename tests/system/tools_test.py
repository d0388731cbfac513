#!/usr/bin/env python3
"""System test: the process and machine tools on a booted mini.

Boots the image under QEMU and, from the serial console, uses each tool
the way a person would: ps and top show init and the shell, free agrees
with /proc/meminfo, mount/umount/chroot/mknod act, date -s and hostname
take effect, kill/pkill/killall end what they should, orphans are reaped,
top is driven with keys and leaves the terminal as it found it, killing
the console shell brings a new one, a reboot comes back to a prompt in
the same QEMU, and poweroff ends QEMU cleanly. Everything that changes a
machine is tested here and never on the host.

A kernel module is loaded with insmod when one built for the kernel is
found (crc7.ko under --modules DIR/RELEASE, /lib/modules/RELEASE, or
$MINI_MODULES/RELEASE); it is added to the image as a second archive.
"""
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vm import VM, VMError, Checks, find_kernel, test_arguments  # noqa: E402

MODULE = 'crc7'


class RebootableVM(VM):
    """A VM as vm.py starts it, except that a reboot restarts the machine
    (no -no-reboot), so the test can see the system come back."""

    def __init__(self, kernel, image, memory=256):
        self.output = b''
        self.started = time.monotonic()
        self._unread = 0
        self.proc = subprocess.Popen(
            ['qemu-system-x86_64', '-m', str(memory),
             '-display', 'none', '-monitor', 'none', '-serial', 'stdio',
             '-kernel', kernel, '-initrd', image,
             '-append', 'console=ttyS0 quiet panic=-1'],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def kernel_release(kernel):
    """The release string of a bzImage, read from its setup header."""
    with open(kernel, 'rb') as f:
        data = f.read(0x10000)
    offset = int.from_bytes(data[0x20e:0x210], 'little') + 0x200
    return data[offset:data.index(b' ', offset)].decode()


def find_module(release, dirs):
    for d in dirs:
        if not d:
            continue
        path = os.path.join(d, release, 'kernel/lib', MODULE + '.ko')
        if os.path.isfile(path):
            return path
    return None


def newc(entries):
    """A newc cpio archive of ENTRIES: (name, mode, data or None)."""
    out = bytearray()
    for ino, (name, mode, data) in enumerate(entries + [('TRAILER!!!', 0, None)], 1):
        data = data or b''
        name_bytes = name.encode() + b'\0'
        fields = [ino, mode, 0, 0, 1, 0, len(data), 0, 0, 0, 0, len(name_bytes), 0]
        out += b'070701' + b''.join(b'%08X' % f for f in fields) + name_bytes
        out += b'\0' * (-len(out) % 4)
        out += data
        out += b'\0' * (-len(out) % 4)
    return bytes(out)


def image_with_module(image, module, tmpdir):
    """IMAGE followed by a second archive holding /lib/modules/MODULE.ko:
    the kernel unpacks concatenated archives one after the other."""
    with open(image, 'rb') as f:
        data = f.read()
    data += b'\0' * (-len(data) % 512)
    with open(module, 'rb') as f:
        ko = f.read()
    data += newc([('lib', 0o40755, None), ('lib/modules', 0o40755, None),
                  ('lib/modules/%s.ko' % MODULE, 0o100644, ko)])
    path = os.path.join(tmpdir, 'image-with-module.cpio')
    with open(path, 'wb') as f:
        f.write(data)
    return path


def check_processes(vm, c):
    shell = vm.run('echo $$').strip()
    c.equal('ps: PID 1 is init', vm.run('ps -o comm= -p 1'), 'init\n')
    c.equal('ps: the shell', vm.run('ps -o comm= -p %s' % shell).strip(), 'sh')
    out = vm.run('ps')
    c.check('ps: default shows the shell on ttyS0',
            re.search(r'^\s*%s ttyS0 +\d\d:\d\d:\d\d sh$' % shell, out, re.M), out)
    # At the prompt: init, the shell, kernel threads (kthreadd and its
    # children) and the ps we run; nothing else.
    rows = [line.split(None, 2) for line in
            vm.run('ps -e -o pid=,ppid=,comm=').splitlines() if line.strip()]
    others = [r for r in rows if r[0] not in ('1', '2', shell) and r[1] != '2'
              and r[2] != 'ps']
    c.check('ps: only init, the shell and kernel threads run', not others, repr(others))
    out = vm.run('ps -f -p 1')
    c.check('ps -f: init with its command line',
            re.search(r'^root +1 +0 .* /init$', out, re.M), out)
    out = vm.run('ps -o user,pid,ppid,stat,time,vsz,rss,tty,args -p %s' % shell)
    c.check('ps -o: every column', re.search(
        r'^USER +PID +PPID +STAT +TIME +VSZ +RSS +TT +COMMAND\nroot +%s +1 +Ss\+? +'
        r'\d\d:\d\d:\d\d +\d+ +\d+ +ttyS0 +-?sh$' % shell, out, re.M), out)
    return shell


def check_top_batch(vm, c, shell):
    out = vm.run('top -b -n 1; cat /proc/meminfo')
    c.check('top -b: header', re.match(r'top - \d\d:\d\d:\d\d up .*load average', out), out)
    tasks = re.search(r'^Tasks: +(\d+) total, +(\d+) running, +(\d+) sleeping', out, re.M)
    c.check('top -b: task counts', tasks and 10 < int(tasks.group(1)) < 500
            and int(tasks.group(2)) >= 1, out)
    c.check('top -b: init listed', re.search(r'^ +1 root +S .* init$', out, re.M), out)
    c.check('top -b: the shell listed', re.search(r'^ +%s root +S .* sh$' % shell, out, re.M), out)
    mem = re.search(r'^MiB Mem : +([\d.]+) total, +([\d.]+) free, +([\d.]+) used', out, re.M)
    total = re.search(r'^MemTotal: +(\d+) kB', out, re.M)
    c.check('top -b: memory total as /proc/meminfo', mem and total and
            mem.group(1) == '%.1f' % (int(total.group(1)) / 1024), out)
    if mem:
        c.check('top -b: plausible memory use', 1 < float(mem.group(3)) < float(mem.group(1)), out)
        print('top at the prompt: %s tasks, %s MiB used of %s MiB'
              % (tasks.group(1) if tasks else '?', mem.group(3), mem.group(1)))


def check_free(vm, c):
    out = vm.run('free; cat /proc/meminfo')
    free = re.search(r'^Mem: +(\d+) +(\d+) +(\d+) +(\d+) +(\d+) +(\d+)$', out, re.M)
    info = dict((m.group(1), int(m.group(2))) for m in
                re.finditer(r'^(\w+): +(\d+) kB', out, re.M))
    c.check('free: a Mem line', free, out)
    if free and 'MemTotal' in info:
        total, used, free_kib, shared, cache, avail = map(int, free.groups())
        c.equal('free: total is MemTotal', total, info['MemTotal'])
        c.check('free: free is MemFree (within 1 MiB)',
                abs(free_kib - info['MemFree']) < 1024, out)
        c.check('free: used is total - available',
                abs(used - (info['MemTotal'] - info['MemAvailable'])) < 1024, out)
        c.check('free: buff/cache', abs(cache - (info['Buffers'] + info['Cached']
                                                  + info['SReclaimable'])) < 1024, out)
    out = vm.run('free -m')
    c.check('free -m', re.search(r'^Mem: +%d ' % (info.get('MemTotal', 0) // 1024), out, re.M), out)
    out = vm.run('uptime')
    c.check('uptime', re.match(r' \d\d:\d\d:\d\d up \d+ min,  load average: '
                               r'\d+\.\d\d, \d+\.\d\d, \d+\.\d\d\n$', out), out)
    cpus = vm.run('nproc').strip()
    c.check('nproc', cpus.isdigit() and int(cpus) >= 1, cpus)


def check_mounts(vm, c):
    out = vm.run('mount')
    for fstype, where in [('proc', '/proc'), ('sysfs', '/sys'), ('devtmpfs', '/dev'),
                          ('devpts', '/dev/pts'), ('tmpfs', '/tmp'), ('tmpfs', '/run'),
                          ('tmpfs', '/dev/shm')]:
        c.check('mount lists %s on %s' % (fstype, where),
                re.search(r'^\S+ on %s type %s \(' % (where, fstype), out, re.M), out)
    c.equal('mount -a again: nothing to do', vm.run('mount -a; echo $?'), '0\n')
    vm.run('mkdir -p /tmp/m /tmp/b /tmp/r/bin')
    c.equal('mount -t tmpfs -o', vm.run(
        'mount -t tmpfs -o size=1m,nosuid,nodev,noexec scratch /tmp/m; echo $?'), '0\n')
    out = vm.run('mount')
    c.check('mount: the flags took', re.search(
        r'^scratch on /tmp/m type tmpfs \(rw,nosuid,nodev,noexec,', out, re.M), out)
    vm.run('echo data >/tmp/m/f')
    vm.run('mount -o remount,ro /tmp/m')
    out = vm.run('echo more >/tmp/m/g')
    c.check('mount -o remount,ro: read-only', 'Read-only' in out, out)
    c.check('mount -o remount,ro: listed ro',
            re.search(r'^scratch on /tmp/m type tmpfs \(ro,', vm.run('mount'), re.M))
    vm.run('mount -o remount,rw /tmp/m')
    c.equal('mount -o remount,rw: writable', vm.run('echo more >/tmp/m/g; echo $?'), '0\n')
    c.equal('mount -o bind', vm.run('mount -o bind /tmp/m /tmp/b; cat /tmp/b/f'), 'data\n')
    c.equal('umount', vm.run('umount /tmp/b; echo $?; ls /tmp/b'), '0\n')
    # A busy mount: -l detaches it anyway.
    vm.run('mount -o bind /tmp/m /tmp/b')
    vm.send('cd /tmp/b; sleep 30 &\n')
    vm.wait_prompt()
    vm.run('cd /')
    out = vm.run('umount /tmp/b')
    c.check('umount of a busy mount fails', 'busy' in out, out)
    c.equal('umount -l detaches it', vm.run('umount -l /tmp/b; echo $?'), '0\n')
    c.check('umount -l: gone from the list', '/tmp/b' not in vm.run('mount'))
    vm.run('pkill -x sleep')

    # chroot into a directory holding only a bind mount of /bin.
    vm.run('mount -o bind /bin /tmp/r/bin')
    c.equal('chroot runs the command inside', vm.run('chroot /tmp/r /bin/ls /'), 'bin\n')
    out = vm.run('chroot /tmp/r /bin/nosuch; echo $?')
    c.check('chroot: missing command is 127', out.endswith('127\n'), out)
    vm.run('umount /tmp/r/bin')

    out = vm.run('mknod -m 666 /tmp/m/null c 1 3; mknod /tmp/m/fifo p; ls -l /tmp/m/null /tmp/m/fifo')
    c.check('mknod -m c', re.search(r'^crw-rw-rw- .* 1, +3 .*/tmp/m/null$', out, re.M), out)
    c.check('mknod p (umask 022)', re.search(r'^prw-r--r-- .*/tmp/m/fifo$', out, re.M), out)
    c.equal('the new node works', vm.run('echo gone >/tmp/m/null; echo $?'), '0\n')
    c.equal('umount the scratch fs', vm.run('umount /tmp/m; echo $?'), '0\n')
    c.check('umount: gone from the list', '/tmp/m' not in vm.run('mount'))


def check_kernel(vm, c):
    out = vm.run('dmesg')
    c.check('dmesg: kernel lines with timestamps',
            re.search(r'^\[ +0\.000000\] Linux version ', out, re.M), out[:500])
    c.check('dmesg: /init ran', 'Run /init as init process' in out, out[-500:])
    vm.run('dmesg -c >/dev/null')
    out = vm.run('dmesg')
    c.check('dmesg -c cleared the buffer', 'Linux version' not in out, out[:300])
    c.equal('dmesg -n', vm.run('dmesg -n 1; echo $?; cat /proc/sys/kernel/printk'), '0\n1\t4\t1\t7\n')
    c.equal('sysctl', vm.run('sysctl kernel.hostname'), 'kernel.hostname = mini\n')
    c.equal('sysctl -w', vm.run('sysctl -w kernel.hostname=other; hostname'),
            'kernel.hostname = other\nother\n')
    c.equal('hostname NAME', vm.run('hostname box; hostname; uname -n'), 'box\nbox\n')
    vm.run('hostname mini')
    c.equal('date -s', vm.run("date -s '2030-01-02 03:04:05' >/dev/null; date +%F"), '2030-01-02\n')
    c.equal('date -s @N', vm.run('date -s @1900000000; date -u +%F'),
            'Sun Mar 17 17:46:40 UTC 2030\n2030-03-17\n')
    c.equal('date -u -d', vm.run('date -u -d @0 +%Y'), '1970\n')
    c.equal('uname -a', vm.run('uname -a').split()[:2], ['Linux', 'mini'])
    c.equal('sync', vm.run('sync; echo $?'), '0\n')


def check_signals(vm, c, shell):
    # kill of a background job.
    vm.run('sleep 100 &')
    job = vm.run('echo $!').strip()
    time.sleep(0.5)    # until the child has run exec
    c.equal('kill: the job runs', vm.run('ps -o comm= -p %s' % job), 'sleep\n')
    vm.run('kill %s' % job)
    time.sleep(0.5)
    vm.run('true')
    out = vm.run('ps -o stat= -p %s; echo $?' % job)
    c.equal('kill: the job is gone (and reaped)', out, '1\n')
    vm.run('sleep 100 &')
    job = vm.run('echo $!').strip()
    vm.run('kill -s STOP %s' % job)
    # The console shell has job control: its notice "[1]+ Stopped ..." may
    # come before ps's line. ('+': a job in the foreground process group.)
    out = vm.run('ps -o stat= -p %s' % job)
    c.check('kill -s STOP', re.search(r'(?m)^T\+?\s*$', out), out)
    vm.run('kill -9 %s' % job)

    # Orphans: a shell backgrounds sleep and exits; init reaps the sleep.
    vm.run("sh -c 'sleep 1 &'")
    time.sleep(2)
    vm.run('true')
    out = vm.run('ps -e -o stat=,pid=,comm=')
    c.check('no zombies after orphans end', not re.search(r'^Z', out, re.M), out)

    c.equal('pidof init', vm.run('pidof init'), '1\n')
    c.equal('pgrep -x init', vm.run('pgrep -x init'), '1\n')
    c.check('pgrep -l', re.search(r'^%s sh$' % shell, vm.run('pgrep -l -x sh'), re.M))
    vm.run('sleep 200 &')
    job = vm.run('echo $!').strip()
    c.equal('pgrep -f', vm.run("pgrep -f 'sleep 20[0]'"), job + '\n')
    vm.run('pkill -f "sleep 20[0]"')
    time.sleep(0.3)
    vm.run('true')
    c.equal('pkill', vm.run('pgrep -x sleep; echo $?'), '1\n')
    vm.run('sleep 300 &')
    vm.run('killall sleep')
    time.sleep(0.3)
    vm.run('true')
    c.equal('killall', vm.run('pidof sleep; echo $?'), '1\n')
    c.check('killall: none left', 'no process found' in vm.run('killall sleep'))


def check_terminal(vm, c):
    # A serial console has no size of its own: the profile's `resize` asked
    # the terminal (the VM answers as an 80x24 one) and set it.
    c.equal('stty size: learnt from the terminal at login', vm.run('stty size'),
            '%d %d\n' % (vm.rows, vm.columns))
    c.equal('stty rows cols', vm.run('stty rows 30 cols 100; stty size'), '30 100\n')
    out = vm.run('stty -a')
    c.check('stty -a', re.search(r'^speed \d+ baud; rows 30; columns 100;', out, re.M)
            and re.search(r'\bicanon\b', out) and re.search(r'(^| )echo( |$)', out, re.M), out)
    out = vm.run('stty raw; stty -a; stty sane')
    c.check('stty raw', '-icanon' in out and '-isig' in out, out)
    c.check('stty sane', re.search(r'(^| )icanon( |$)', vm.run('stty -a'), re.M))
    vm.send('stty -echo\n')
    vm.wait_prompt()
    vm.send('echo secret\n')
    out = vm.wait_prompt().decode('utf-8', 'replace')
    c.check('stty -echo: typing is not echoed', 'echo secret' not in out and 'secret' in out, out)
    # Unechoed, the next prompt follows the last on the same line, where
    # wait_prompt does not look for it.
    vm.send('stty echo\n')
    vm.expect(rb'# ')
    out = vm.run('stty raw -echo; reset; stty -a')
    c.check('reset: sane again', re.search(r'(^| )icanon( |$)', out, re.M)
            and re.search(r'(^| )echo( |$)', out, re.M), out)


def check_top_interactive(vm, c):
    vm.run('stty rows 24 cols 80')
    vm.run('sleep 400 &')
    victim = vm.run('echo $!').strip()
    vm.send('top -d 1\n')
    screen = vm.expect(rb'Tasks: ', timeout=20)
    vm.expect(rb'COMMAND', timeout=10)
    c.check('top: hides the cursor and homes', b'\x1b[?25l' in screen + vm.output[-4000:])
    vm.send('M')
    time.sleep(1.5)
    vm.send('k')
    vm.expect(rb'PID to kill: ', timeout=10)
    vm.send(victim + '\r')
    time.sleep(1.5)
    vm.send('q')
    vm.wait_prompt(timeout=20)
    c.check('top: shows the cursor again', b'\x1b[?25h' in vm.output[-3000:])
    out = vm.run('stty -a')
    c.check('top q: terminal restored', re.search(r'(^| )icanon( |$)', out, re.M)
            and re.search(r'(^| )echo( |$)', out, re.M), out)
    c.equal('top k: killed the process', vm.run('ps -o pid= -p %s; echo $?' % victim), '1\n')
    # Ctrl-C ends top too, and the terminal comes back the same.
    vm.send('top\n')
    vm.expect(rb'Tasks: ', timeout=20)
    vm.send('\x03')
    vm.wait_prompt(timeout=20)
    out = vm.run('stty -a')
    c.check('top Ctrl-C: terminal restored', re.search(r'(^| )icanon( |$)', out, re.M)
            and re.search(r'(^| )echo( |$)', out, re.M), out)
    c.equal('typing works after top', vm.run('echo after'), 'after\n')


def check_module(vm, c):
    out = vm.run('insmod /lib/modules/%s.ko; echo $?' % MODULE)
    c.equal('insmod', out, '0\n')
    out = vm.run('lsmod')
    c.check('lsmod lists it', re.search(r'^Module +Size +Used by\n', out)
            and re.search(r'^%s +\d+ +0' % MODULE, out, re.M), out)
    c.equal('rmmod', vm.run('rmmod %s; echo $?' % MODULE), '0\n')
    c.check('lsmod: gone', MODULE not in vm.run('lsmod'))
    out = vm.run('insmod /lib/modules/%s.ko; insmod /lib/modules/%s.ko' % (MODULE, MODULE))
    c.check('insmod twice: File exists', 'insmod: /lib/modules/%s.ko: File exists' % MODULE in out, out)


def check_restarts(vm, c, shell):
    # Killing the console shell: init starts another.
    vm.send('kill -9 $$\n')
    vm.wait_prompt(timeout=30)
    new_shell = vm.run('echo $$').strip()
    c.check('a new shell after kill -9 of the shell', new_shell.isdigit()
            and new_shell != shell, new_shell)
    # umount -a leaves what the system stands on.
    out = vm.run('umount -a; echo $?; mount')
    c.check('umount -a: /tmp, /run and /dev/shm gone',
            not re.search(r' on /(tmp|run|dev/shm) ', out), out)
    c.check('umount -a: /proc, /sys, /dev kept', all(
        re.search(r' on %s type' % d, out) for d in ('/proc', '/sys', '/dev')), out)
    # reboot: the same QEMU comes back to a prompt.
    vm.send('reboot\n')
    vm.expect(rb'reboot\r?\n')
    # The old shell may print one more prompt before init stops it: wait
    # for the kernel's restart and the new welcome first.
    vm.expect(rb'reboot: Restarting system', timeout=60)
    vm.expect(rb'Welcome to mini', timeout=120)
    vm.wait_prompt(timeout=60)
    c.equal('after reboot: PID 1 is init', vm.run('ps -o comm= -p 1'), 'init\n')
    c.equal('after reboot: /tmp mounted again',
            bool(re.search(r' on /tmp type tmpfs', vm.run('mount'))), True)


def run(kernel, image, module, c):
    with tempfile.TemporaryDirectory(prefix='mini-tools-') as tmp:
        if module:
            image = image_with_module(image, module, tmp)
        vm = RebootableVM(kernel, image)
        try:
            vm.wait_prompt(timeout=120)
            shell = check_processes(vm, c)
            check_top_batch(vm, c, shell)
            check_free(vm, c)
            check_mounts(vm, c)
            check_kernel(vm, c)
            check_signals(vm, c, shell)
            check_terminal(vm, c)
            check_top_interactive(vm, c)
            if module:
                check_module(vm, c)
            check_restarts(vm, c, shell)
            init_errors = re.findall(r'^init: .*', vm.text(), re.M)
            c.check('no init errors on the console', not init_errors, repr(init_errors))
            vm.send('poweroff\n')
            vm.expect(rb'poweroff\r?\n')
            status = vm.wait_exit(timeout=60)
            c.equal('poweroff: QEMU exit status', status, 0)
            c.check('no kernel panic', 'Kernel panic' not in vm.text())
        except VMError as e:
            c.check('console conversation', False, str(e))
        finally:
            vm.kill()


def main():
    ap = test_arguments(__doc__)
    ap.add_argument('--modules', default='', help='a /lib/modules-like directory')
    args = ap.parse_args()

    kernel = find_kernel(args)
    release = kernel_release(kernel)
    module = find_module(release, [args.modules, os.environ.get('MINI_MODULES', ''),
                                   '/lib/modules'])
    if not module:
        print('SKIP insmod/rmmod/lsmod: no %s.ko for kernel %s' % (MODULE, release))
    checks = Checks()
    started = time.monotonic()
    run(kernel, args.image, module, checks)
    print('whole run: %.1f s' % (time.monotonic() - started))
    return checks.summary()


if __name__ == '__main__':
    sys.exit(main())
