#!/usr/bin/env python3
"""System test: the shell's prompt on the booted system's serial console.

Where a person meets the line editor: QEMU's serial port, a terminal that
reports no size. Boots the image and, as a person typing, checks the
default prompt, Ctrl-C during a command, history recall with the Up arrow
and Ctrl-R, the history file, Tab completion of a command name and of a
path, and the editing of a line longer than the 80 columns; then powers
off. Each step waits for the output it needs rather than for the prompt:
a redrawn line holds the prompt too.
"""
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vm import SIZE_QUERY, VM, VMError, Checks, find_kernel, test_arguments  # noqa: E402

UP = b'\x1b[A'
HOME = b'\x1b[H'


def typed(vm, keys, want, timeout=15):
    """Type KEYS and wait for WANT (a bytes regex); then for the prompt."""
    vm.send(keys)
    vm.expect(want, timeout)
    vm.wait_prompt(timeout)


def check_session(vm, c):
    vm.wait_prompt(timeout=120)
    # Before its first prompt the shell asks the console's size (the VM
    # answers as an 80x24 terminal).
    c.check('the size question, then the default prompt root@mini:/root# ',
            re.search(SIZE_QUERY + rb'root@mini:/root# \Z', vm.output),
            repr(vm.output[-60:]))
    c.equal('the size the terminal answered', vm.run('stty size'), '24 80\n')

    # Ctrl-C during a command: back at a prompt within seconds, $? 130.
    vm.send('sleep 10\n')
    vm.expect(rb'sleep 10\r\n')
    time.sleep(0.5)
    started = time.monotonic()
    vm.send(b'\x03')
    vm.wait_prompt(timeout=10)
    c.check('Ctrl-C ends sleep 10 within 3 s', time.monotonic() - started < 3,
            '%.1f s' % (time.monotonic() - started))
    c.equal('status after Ctrl-C', vm.run('echo $?'), '130\n')

    # History: the Up arrow, Ctrl-R, and the file.
    c.equal('a command to recall', vm.run('echo recall-$((6*7))'),
            'recall-42\n')
    typed(vm, UP + b'\r', rb'\nrecall-42\r\n')
    c.check('Up arrow runs the previous command again', True)
    vm.run('echo other')
    typed(vm, b'\x12recall\r', rb'\nrecall-42\r\n')
    c.check('Ctrl-R finds it', True)
    hist = vm.run('cat /root/.sh_history')
    c.check('~/.sh_history holds it', 'echo recall-$((6*7))' in hist, hist)

    # Tab: a command name, then a path.
    vm.send(b'unam\t')
    vm.expect(rb'uname ')
    typed(vm, b'-n\r', rb'\nmini\r\n')
    c.check('Tab completes a command name', True)
    vm.send(b'cat /etc/hostn\t')
    vm.expect(rb'/etc/hostname ')
    typed(vm, b'\r', rb'\nmini\r\n')
    c.check('Tab completes a path', True)

    # A line longer than the console's 80 columns, edited at its start.
    long_word = b'w' * 90
    vm.send(b'cho ' + long_word + HOME + b'e\r')
    vm.expect(b'\n' + long_word + b'\r\n')
    vm.wait_prompt()
    c.check('a long line edited at its start', True)

    # The terminal is not left raw: stty sees canonical mode.
    modes = vm.run('stty -a')
    c.check('commands run in canonical mode',
            ' icanon' in modes and ' echo ' in modes, modes)


def run(kernel, image, c):
    vm = VM(kernel, image)
    try:
        check_session(vm, c)
        vm.send('poweroff\n')
        vm.expect(rb'poweroff\r?\n')
        c.equal('QEMU exit status', vm.wait_exit(timeout=60), 0)
    except VMError as e:
        c.check('console conversation', False, str(e))
    finally:
        vm.kill()


def main():
    ap = test_arguments(__doc__)
    args = ap.parse_args()

    kernel = find_kernel(args)
    checks = Checks()
    run(kernel, args.image, checks)
    return checks.summary()


if __name__ == '__main__':
    sys.exit(main())
