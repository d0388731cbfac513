#!/usr/bin/env python3
"""Drive mini's sh on a pseudo-terminal, as a person at a keyboard would.

Checks what only an interactive shell does (POSIX sh, ASYNCHRONOUS EVENTS
and the -i option): the PS1 and PS2 prompts on stderr, Ctrl-C at the
prompt dropping the line, Ctrl-C ending a running command and the rest of
its line but not the shell, SIGTERM and SIGQUIT ignored by the shell but
not by its children, and Ctrl-D leaving with the last command's status.

Usage: interactive.py SH [--bin DIR]...
"""
import argparse
import os
import pty
import select
import signal
import sys
import tempfile
import time

TIMEOUT = 10


class Terminal:
    def __init__(self, argv, env, cwd):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.chdir(cwd)
            # A shell must start with the default dispositions, whatever
            # Python or whoever started the tests (nohup, say) ignored.
            for sig in signal.valid_signals():
                if sig not in (signal.SIGKILL, signal.SIGSTOP):
                    try:
                        signal.signal(sig, signal.SIG_DFL)
                    except (OSError, ValueError):
                        pass
            os.execve(argv[0], argv, env)
        self.pending = b''

    def send(self, data):
        os.write(self.fd, data)

    def expect(self, want, timeout=TIMEOUT):
        """Read until WANT appears; return the output before it."""
        end = time.time() + timeout
        while want not in self.pending:
            left = end - time.time()
            if left <= 0 or not select.select([self.fd], [], [], left)[0]:
                raise AssertionError('never saw %r; got %r' % (want, self.pending))
            try:
                data = os.read(self.fd, 4096)
            except OSError:
                data = b''
            if not data:
                raise AssertionError('end of output waiting for %r; got %r'
                                     % (want, self.pending))
            self.pending += data
        before, _, self.pending = self.pending.partition(want)
        return before

    def wait(self):
        end = time.time() + TIMEOUT
        while time.time() < end:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                return os.waitstatus_to_exitcode(status)
            # Drain output, or the shell could block writing to the pty.
            if select.select([self.fd], [], [], 0.1)[0]:
                try:
                    os.read(self.fd, 4096)
                except OSError:
                    pass
        raise AssertionError('the shell did not exit')


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('sh')
    ap.add_argument('--bin', action='append', default=[])
    args = ap.parse_args()

    checks = []

    def check(name, cond, detail=''):
        checks.append(cond)
        print('%s %s%s' % ('ok  ' if cond else 'FAIL', name,
                            '' if cond else ': ' + detail))

    with tempfile.TemporaryDirectory(prefix='mini-tty-') as tmp:
        env = {
            'PATH': ':'.join([os.path.abspath(d) for d in args.bin]
                             + ['/usr/bin', '/bin']),
            'HOME': tmp, 'TERM': 'dumb', 'LC_ALL': 'C',
            # The default prompt shows user, host and directory; these
            # checks want a known one.
            'PS1': '$ ',
            'ASAN_OPTIONS': os.environ.get('ASAN_OPTIONS', ''),
        }
        tty = Terminal([os.path.abspath(args.sh)], env, tmp)
        steps = [
            ('first prompt: PS1 from the environment', None, b'$ '),
            ('a command', b'echo hi\n', b'hi\r\n$ '),
            ('PS2 inside quotes', b'echo "a\n', b'> '),
            ('quotes end', b'b"\n', b'a\r\nb\r\n$ '),
            ('PS2 after a pipe', b'echo x |\n', b'> '),
            ('pipe ends', b'tr x y\n', b'y\r\n$ '),
            ('Ctrl-C drops a half-typed line', b'half typed\x03', b'$ '),
            ('status after Ctrl-C at the prompt', b'echo $?\n', b'130\r\n$ '),
            ('Ctrl-C in PS2', b'echo "open\n', b'> '),
            ('back to PS1', b'\x03', b'$ '),
            ('the line was dropped', b'echo after\n', b'after\r\n$ '),
            ('shell ignores TERM and QUIT',
             b'kill -TERM $$; kill -QUIT $$; echo alive\n', b'alive\r\n$ '),
            ('children get default signals back',
             b'grep SigIgn /proc/self/status\n',
             b'SigIgn:\t0000000000000000\r\n$ '),
            ('PS1 goes through parameter expansion',
             b"PS1='[$PWD]$ '; cd /\n", b'[/]$ '),
            ('... each time it is written', b'cd /tmp\n', b'[/tmp]$ '),
            ('PS1 back to "$ "', b"PS1='$ '\n", b'$ '),
        ]
        current = 'start'
        try:
            for current, data, want in steps:
                if data:
                    tty.send(data)
                tty.expect(want)
                check(current, True)

            # Ctrl-C while a command runs: it ends, and so does its line.
            current = 'Ctrl-C ends a running command'
            tty.send(b'sleep 5; echo not-printed\n')
            tty.expect(b'sleep 5; echo not-printed\r\n')
            time.sleep(0.5)
            start = time.time()
            tty.send(b'\x03')
            before = tty.expect(b'$ ')
            check('Ctrl-C ends a running command', time.time() - start < 4)
            check('... and the rest of its line', b'not-printed' not in before,
                  repr(before))
            tty.send(b'echo $?\n')
            tty.expect(b'130\r\n$ ')
            check('status of a command ended by Ctrl-C', True)

            # Ctrl-D on an empty line leaves, with the last status.
            current = 'Ctrl-D exits with the last status'
            tty.send(b'false\n')
            tty.expect(b'$ ')
            tty.send(b'\x04')
            status = tty.wait()
            check('Ctrl-D exits with the last status', status == 1,
                  'status %d' % status)
        except AssertionError as e:
            check(current, False, str(e))
            os.kill(tty.pid, 9)
            os.waitpid(tty.pid, 0)

    failed = checks.count(False)
    print('%d passed, %d failed' % (len(checks) - failed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
