"""Boot mini's image under QEMU and talk to its shell over the serial console.

Used by the system test and by the boot benchmark. The console is QEMU's
serial port on our stdin/stdout pipes; the guest echoes what we type.
"""
import argparse
import os
import re
import select
import subprocess
import time

# A prompt ends the output so far: a line ending in '$ ' or '# ', perhaps
# followed by a line editor's question about the cursor (BusyBox's ash).
PROMPT = re.compile(rb'(?m)^[^\n]*[$#] (?:\x1b\[6n)?\Z')
# mini's shell asks a console's size once, before its first prompt.
SIZE_QUERY = rb'\x1b7\x1b\[999;999H\x1b\[6n\x1b8'
ANSI = re.compile(rb'\x1b(?:\[[0-9;?]*[A-Za-z]|[78c])')


class VMError(Exception):
    pass


class VM:
    rows, columns = 24, 80      # the terminal size we answer queries with
    _queries_seen = 0           # output before this offset is answered

    def __init__(self, kernel, image, append='', memory=256):
        self.output = b''          # everything the console printed
        self.started = time.monotonic()
        cmdline = 'console=ttyS0 quiet panic=-1 ' + append
        self.proc = subprocess.Popen(
            ['qemu-system-x86_64', '-m', str(memory), '-no-reboot',
             '-display', 'none', '-monitor', 'none', '-serial', 'stdio',
             '-kernel', kernel, '-initrd', image, '-append', cmdline.strip()],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self._unread = 0           # offset in output not yet consumed

    def _read_some(self, deadline):
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        ready, _, _ = select.select([self.proc.stdout], [], [], left)
        if not ready:
            return False
        data = os.read(self.proc.stdout.fileno(), 65536)
        if not data:
            raise VMError('QEMU exited (status %s); console said:\n%s'
                          % (self.proc.wait(), self.text()))
        self.output += data
        # Answer a cursor-position query as an 80x24 terminal would (the
        # profile's `resize` asks, to learn the serial console's size).
        # The console may hand the query over a byte at a time.
        while True:
            query = self.output.find(b'\x1b[6n', self._queries_seen)
            if query < 0:
                break
            self._queries_seen = query + 4
            self.send(b'\x1b[%d;%dR' % (self.rows, self.columns))
        return True

    def expect(self, pattern, timeout=30):
        """Wait for PATTERN (bytes regex) after what was consumed; return
        the text before it and move past it."""
        regex = re.compile(pattern) if isinstance(pattern, bytes) else pattern
        deadline = time.monotonic() + timeout
        while True:
            match = regex.search(self.output, self._unread)
            if match:
                before = self.output[self._unread:match.start()]
                self._unread = match.end()
                return before
            if not self._read_some(deadline):
                raise VMError('timed out after %ss waiting for %r; console said:\n%s'
                              % (timeout, regex.pattern, self.text()))

    def wait_prompt(self, timeout=60):
        return self.expect(PROMPT, timeout)

    def send(self, data):
        if isinstance(data, str):
            data = data.encode()
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def run(self, command, timeout=30):
        """Type COMMAND, wait for its echo and the next prompt, return its
        output as text (CRLF turned into LF)."""
        self.send(command + '\n')
        # The shell echoes what is typed, a key at a time: wait for the
        # whole line, so that a '$ ' or '# ' in it cannot pass for the prompt.
        self.expect(re.escape(command.encode()[-40:]) + rb'\r?\n', timeout)
        raw = self.wait_prompt(timeout)
        text = ANSI.sub(b'', raw).replace(b'\r\n', b'\n').replace(b'\r', b'')
        return text.decode('utf-8', 'replace')

    def wait_exit(self, timeout=30):
        """Wait for QEMU to exit by itself; return its status."""
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None:
            try:
                self._read_some(min(deadline, time.monotonic() + 0.1))
            except VMError:
                break
            if time.monotonic() > deadline:
                raise VMError('QEMU still running %ss after shutdown; console said:\n%s'
                              % (timeout, self.text()))
        rest = self.proc.stdout.read()
        if rest:
            self.output += rest
        return self.proc.wait()

    def text(self):
        return self.output.decode('utf-8', 'replace')

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


class Checks:
    """A system test's tally: each check passes, or prints FAIL and why."""

    def __init__(self):
        self.passed = self.failed = 0

    def check(self, what, ok, detail=''):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print('FAIL: %s%s' % (what, '\n  ' + detail if detail else ''))

    def equal(self, what, got, want):
        self.check(what, got == want, 'got %r, want %r' % (got, want))

    def summary(self):
        """Print the tally; return the test's exit status."""
        print('%d passed, %d failed' % (self.passed, self.failed))
        return 1 if self.failed else 0


def test_arguments(doc):
    """The options every system test takes, from tests/system/meson.build;
    a test adds its own before parsing."""
    ap = argparse.ArgumentParser(description=doc.split('\n')[0])
    ap.add_argument('--build', required=True, help='the image build directory')
    ap.add_argument('--image', required=True)
    ap.add_argument('--kernel', default='')
    ap.add_argument('--find-kernel', required=True)
    return ap


def find_kernel(args):
    """The kernel to boot: --kernel, or what build-aux/find-kernel.sh finds."""
    return subprocess.run([args.find_kernel, args.build, args.kernel], check=True,
                          capture_output=True, text=True).stdout.strip()
