#!/usr/bin/env python3
"""System test: boot mini's image under QEMU and use it from the console.

Boots the real image with the real kernel, waits for the shell's prompt on
the serial console, checks what a person would check first (commands,
pipes, mounts, the console as the shell's controlling terminal, Ctrl-C,
orphans reaped, a new shell after `exit`), then powers off and checks that
QEMU ended by itself, cleanly. Prints the boot and shutdown times.
"""
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vm import VM, VMError, Checks, find_kernel, test_arguments  # noqa: E402

def init_to_prompt_ms(vm):
    """Milliseconds from the kernel running /init to this first command.

    The uptime now, less the kernel log's timestamp of "Run /init as init
    process" (read from /dev/kmsg, which blocks at its end: Ctrl-C ends it).
    PID 1's own start time will not do: that is when the kernel thread that
    later execs /init was made, before the kernel initialised itself.
    """
    uptime = float(vm.run('cat /proc/uptime').split()[0])
    vm.send('cat /dev/kmsg\n')
    log = vm.expect(rb'Run /init as init process', timeout=10)
    vm.send('\x03')
    vm.wait_prompt(timeout=10)
    # A record is "LEVEL,SEQUENCE,MICROSECONDS,FLAGS;MESSAGE".
    last_record = log.rsplit(b'\n', 1)[-1]
    started_us = int(last_record.split(b',')[2])
    return uptime * 1000 - started_us / 1000


def boot_and_check(kernel, image, checks):
    vm = VM(kernel, image)
    try:
        welcome = vm.wait_prompt(timeout=120)
        to_prompt = time.monotonic() - vm.started
        init_ms = init_to_prompt_ms(vm)
        checks.check('welcome from /etc/motd before the prompt',
                     b'Welcome to mini' in welcome, welcome.decode('utf-8', 'replace'))

        checks.equal('echo', vm.run('echo hello mini'), 'hello mini\n')
        checks.equal('pipeline', vm.run('echo hi | cat'), 'hi\n')
        checks.equal('PID 1 is init', vm.run('cat /proc/1/comm'), 'init\n')
        root = vm.run('ls /').split()
        for name in ['bin', 'dev', 'etc', 'proc', 'root', 'run', 'sys', 'tmp']:
            checks.check('ls / shows ' + name, name in root, 'got %r' % root)
        out = vm.run('nosuchcmd')
        checks.check('not found message', 'sh: nosuchcmd: not found' in out, repr(out))
        checks.equal('not found status', vm.run('echo $?'), '127\n')
        checks.equal('hostname from /etc/hostname', vm.run('uname -n'), 'mini\n')
        checks.equal('the console session is a login of root', vm.run('logname'), 'root\n')

        mounts = vm.run('cat /proc/mounts')
        for fstype, where in [('proc', '/proc'), ('sysfs', '/sys'),
                              ('devtmpfs', '/dev'), ('devpts', '/dev/pts'),
                              ('tmpfs', '/tmp'), ('tmpfs', '/run'),
                              ('tmpfs', '/dev/shm')]:
            checks.check('%s mounted on %s' % (fstype, where),
                         re.search(r'^\S+ %s %s ' % (where, fstype), mounts, re.M),
                         mounts)
        tmp = vm.run('ls -ld /tmp').split()
        checks.check('/tmp is sticky and world-writable',
                     tmp and tmp[0].startswith('drwxrwxrwt'), repr(tmp))

        # The shell leads its own session with the console as its terminal.
        shell_pid = vm.run('echo $$').strip()
        stat = vm.run('cat /proc/%s/stat' % shell_pid)
        fields = stat[stat.rindex(')') + 2:].split()
        checks.equal('shell leads its session', fields[3], shell_pid)
        checks.check('shell has a controlling terminal', fields[4] != '0', stat)

        # Ctrl-C stops the foreground command, not the shell or init.
        vm.send('sleep 30\n')
        vm.expect(rb'sleep 30\r?\n')
        time.sleep(0.5)
        vm.send('\x03')
        vm.wait_prompt(timeout=10)
        checks.equal('Ctrl-C status', vm.run('echo $?'), '130\n')
        checks.equal('same shell after Ctrl-C', vm.run('echo $$').strip(), shell_pid)

        # An orphan is reaped by init: afterwards init's only child is the shell.
        vm.run("sh -c 'sleep 1 &'")
        vm.run('sleep 2', timeout=30)
        children = vm.run('cat /proc/1/task/1/children; echo').split()
        checks.equal('orphans reaped', children, [shell_pid])

        # When the shell exits, init starts a new one.
        vm.send('exit\n')
        vm.wait_prompt(timeout=30)
        new_pid = vm.run('echo $$').strip()
        checks.check('new shell after exit', new_pid and new_pid != shell_pid,
                     'pid %r, was %r' % (new_pid, shell_pid))

        init_errors = re.findall(r'^init: .*', vm.text(), re.M)
        checks.check('no init errors on the console', not init_errors,
                     repr(init_errors))

        vm.send('poweroff\n')
        vm.expect(rb'poweroff\r?\n')
        asked = time.monotonic()
        status = vm.wait_exit(timeout=60)
        shutdown = time.monotonic() - asked
        checks.equal('QEMU exit status', status, 0)
        checks.check('no kernel panic', 'Kernel panic' not in vm.text(), vm.text())
        checks.check('powered off within 10 s', shutdown < 10, '%.2f s' % shutdown)
    except VMError as e:
        checks.check('console conversation', False, str(e))
        return None
    finally:
        vm.kill()
    return to_prompt, init_ms, shutdown


def main():
    ap = test_arguments(__doc__)
    args = ap.parse_args()

    kernel = find_kernel(args)
    checks = Checks()
    times = boot_and_check(kernel, args.image, checks)
    if times:
        print('qemu start -> prompt: %.2f s' % times[0])
        print('/init -> first command: %.0f ms' % times[1])
        print('poweroff -> qemu exit: %.0f ms' % (times[2] * 1000))
    return checks.summary()


if __name__ == '__main__':
    sys.exit(main())
