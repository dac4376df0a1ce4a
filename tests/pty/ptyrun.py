#!/usr/bin/env python3
"""ptyrun.py - run a command on a fresh pseudo-terminal, like a tiny expect.

usage: ptyrun.py [--timeout S] [STEP...] -- COMMAND [ARG...]

The command starts in a new session whose controlling terminal is the pty's
slave side (so it can do job control: setpgid, tcsetpgrp, Ctrl-Z), with every
signal at default and none blocked.  The
steps run in order against what the command writes to the terminal:

    expect:REGEX    wait until the output so far (after the previous match)
                    matches REGEX (Python re, DOTALL); fail on timeout
    send:TEXT       write TEXT to the terminal; \\n, \\r, \\x1a (Ctrl-Z),
                    \\x03 (Ctrl-C), \\x04 (Ctrl-D) escapes are understood
    sleep:S         wait S seconds (reading output meanwhile)
    fg:[NAME]       wait until a process group other than the command's
                    has the terminal, every process in it sleeps (blocked
                    in a read, an open, a sleep) and, when NAME is given,
                    one runs NAME (/proc/PID/comm; name the last member
                    of a pipeline): the moment to send ^C or ^Z to a
                    foreground job, with no fixed sleep
    resize:R,C      set the terminal's size to R rows and C columns (the
                    kernel sends SIGWINCH to its foreground group)

After the steps, output is read until the command exits (or the timeout).
Everything the command wrote to the terminal goes to stdout, with \\r\\n
turned into \\n.  The exit status is the command's (128+N when killed by
signal N); 124 when the timeout struck (the command is then killed and a
note naming the step that waited goes to stderr).
"""
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import fcntl
import time
import warnings


def unescape(s):
    # '\$' and the like are not escapes: kept as typed, without a warning
    warnings.simplefilter('ignore', DeprecationWarning)
    return s.encode('latin-1').decode('unicode_escape').encode('latin-1')


def foreground_waits(master, shell, name):
    """True when the terminal's foreground group is not the shell's, every
    process in it is asleep, and (when name is given) one of them runs
    name."""
    try:
        pgid = os.tcgetpgrp(master)
    except OSError:
        return False
    if pgid <= 0 or pgid == shell:
        return False
    named = not name
    found = False
    for d in os.listdir('/proc'):
        if not d.isdigit():
            continue
        try:
            with open('/proc/%s/stat' % d) as f:
                stat = f.read()
            fields = stat[stat.rindex(')') + 2:].split()
            if int(fields[2]) != pgid:
                continue
            with open('/proc/%s/comm' % d) as f:
                comm = f.read().strip()
        except (OSError, ValueError):
            continue
        found = True
        if fields[0] != 'S':
            return False
        named = named or comm == name
    return found and named


def main():
    args = sys.argv[1:]
    timeout = 10.0
    steps = []
    while args and args[0] != '--':
        a = args.pop(0)
        if a == '--timeout':
            timeout = float(args.pop(0))
        else:
            kind, _, val = a.partition(':')
            if kind not in ('expect', 'send', 'sleep', 'resize', 'fg'):
                sys.exit('ptyrun: bad step %r' % a)
            steps.append((kind, val))
    if not args or len(args) < 2:
        sys.exit('ptyrun: usage: ptyrun.py [STEP...] -- COMMAND [ARG...]')
    cmd = args[1:]

    pid, master = pty.fork()
    if pid == 0:
        try:
            # Python ignores SIGPIPE and SIGXFSZ for itself: the command
            # starts with every signal at default and none blocked.
            for sig in range(1, signal.NSIG):
                if sig in (signal.SIGKILL, signal.SIGSTOP):
                    continue
                try:
                    signal.signal(sig, signal.SIG_DFL)
                except (OSError, ValueError):
                    pass
            signal.pthread_sigmask(signal.SIG_SETMASK, [])
            os.execvp(cmd[0], cmd)
        finally:
            os._exit(127)

    deadline = time.monotonic() + timeout
    out = bytearray()
    mark = 0  # where the next expect starts looking
    eof = False

    def pump(wait):
        nonlocal eof
        if eof:
            time.sleep(min(wait, 0.05))
            return
        r, _, _ = select.select([master], [], [], wait)
        if r:
            try:
                data = os.read(master, 4096)
            except OSError:
                data = b''
            if not data:
                eof = True
            out.extend(data)

    def timed_out(what):
        sys.stdout.write(out.decode('latin-1').replace('\r\n', '\n'))
        sys.stdout.flush()
        sys.stderr.write('ptyrun: timed out %s\n' % what)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        sys.exit(124)

    for kind, val in steps:
        if kind == 'send':
            os.write(master, unescape(val))
        elif kind == 'resize':
            rows, cols = (int(x) for x in val.split(','))
            fcntl.ioctl(master, termios.TIOCSWINSZ,
                        struct.pack('HHHH', rows, cols, 0, 0))
        elif kind == 'fg':
            while not foreground_waits(master, pid, val):
                if time.monotonic() > deadline:
                    timed_out('waiting for a foreground job%s'
                              % (' running ' + val if val else ''))
                pump(0.01)
        elif kind == 'sleep':
            end = time.monotonic() + float(val)
            while time.monotonic() < end:
                pump(max(0.0, end - time.monotonic()))
        else:
            rx = re.compile(val.encode('latin-1'), re.S)
            while True:
                m = rx.search(bytes(out).replace(b'\r\n', b'\n'), mark)
                if m:
                    mark = m.end()
                    break
                if time.monotonic() > deadline or eof:
                    timed_out('waiting for /%s/' % val)
                pump(max(0.0, min(0.1, deadline - time.monotonic())))

    status = None
    while status is None:
        r, st = os.waitpid(pid, os.WNOHANG)
        if r == pid:
            status = st
            break
        if time.monotonic() > deadline:
            timed_out('waiting for the command to exit')
        pump(0.05)
    # Whatever is still buffered in the pty.
    while True:
        r, _, _ = select.select([master], [], [], 0.05)
        if not r:
            break
        try:
            data = os.read(master, 4096)
        except OSError:
            break
        if not data:
            break
        out.extend(data)
    sys.stdout.write(out.decode('latin-1').replace('\r\n', '\n'))
    sys.stdout.flush()
    if os.WIFSIGNALED(status):
        sys.exit(128 + os.WTERMSIG(status))
    sys.exit(os.WEXITSTATUS(status))


if __name__ == '__main__':
    main()
