#!/usr/bin/env python3
"""interactive_checks.py - everyday interactive checks (issue 8) run
through a real pseudo-terminal against tine, bash and zsh, each in a fresh
HOME with TERM=xterm.  A benchmark of behaviour, not a test: it prints one
table row per check (PASS/fail per shell).

usage: bench/interactive_checks.py TINE [bash] [zsh]

Each shell runs with its own minimal configuration written to the fresh
HOME: bash --norc -i (plus ~/.bashrc for the rc check), zsh -f -i with
HISTFILE/SAVEHIST set (zsh saves no history without them).  Prompts use
each shell's own syntax where they differ (zsh's %n %m %~, RPROMPT)."""
import os, pty, re, select, shutil, signal, struct, sys, tempfile, time, fcntl, termios

TIMEOUT = 3.0

class Session:
    def __init__(self, argv, home, env_extra=None):
        env = {'PATH': '/usr/bin:/bin', 'HOME': home, 'TERM': 'xterm',
               'LC_ALL': 'C.UTF-8', 'PS1': '$ ', 'INPUTRC': home + '/.inputrc'}
        env.update(env_extra or {})
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.chdir(home)
            for s in range(1, signal.NSIG):
                try: signal.signal(s, signal.SIG_DFL)
                except (OSError, ValueError): pass
            os.execve(argv[0], argv, env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack('HHHH', 24, 80, 0, 0))
        self.out = b''
        self.mark = 0
    def pump(self, t):
        r, _, _ = select.select([self.fd], [], [], t)
        if r:
            try: d = os.read(self.fd, 65536)
            except OSError: d = b''
            self.out += d
            return bool(d)
        return True
    def expect(self, rx, timeout=TIMEOUT):
        end = time.monotonic() + timeout
        c = re.compile(rx.encode(), re.S)
        while time.monotonic() < end:
            m = c.search(self.out, self.mark)
            if m:
                self.mark = m.end()
                return True
            if not self.pump(0.05):
                break
        return False
    def prompt(self):
        return self.expect(r'[$%#>] (\x1b\[[0-9;?]*[A-Za-z]|\x1b[78]|\r|[^\n])*$') or True
    def send(self, s, wait=0.15):
        os.write(self.fd, s.encode())
        end = time.monotonic() + wait
        while time.monotonic() < end:
            self.pump(0.02)
    def close(self):
        try: os.write(self.fd, b'\x03')
        except OSError: pass
        for sig in (signal.SIGHUP, signal.SIGKILL):
            try: os.kill(self.pid, sig)
            except ProcessLookupError: pass
        try: os.waitpid(self.pid, 0)
        except ChildProcessError: pass
        os.close(self.fd)
    def text(self):
        return re.sub(rb'\x1b\[[0-9;?]*[A-Za-z]|\x1b[78=>]|\r', b'', self.out).decode('latin-1')

def argv_for(shell, path):
    return {'tine': [path, '-i'], 'bash': [path, '--norc', '-i'], 'zsh': [path, '-f', '-i']}[shell]

ENV = {'tine': {}, 'bash': {'HISTFILE': '{H}/.bash_history'},
       'zsh': {'HISTFILE': '{H}/.zsh_history', 'SAVEHIST': '1000', 'HISTSIZE': '1000'}}

def start(shell, path, home, extra=None, argv=None):
    env = {k: v.replace('{H}', home) for k, v in ENV[shell].items()}
    env.update(extra or {})
    s = Session(argv or argv_for(shell, path), home, env)
    s.expect(r'\$ |% |# ', 5)
    time.sleep(0.1)
    s.pump(0.05)
    return s

def run(shell, path, steps, want, extra=None, setup=None, argv=None):
    home = tempfile.mkdtemp(prefix='ichk-')
    try:
        if setup:
            setup(home, shell)
        s = start(shell, path, home, extra, argv)
        for st in steps:
            if callable(st):
                st(s, home)
            else:
                s.send(st.replace('{H}', home), 0.25)
        s.send('', 0.3)
        txt = s.text()
        s.close()
        return bool(re.search(want, txt, re.S))
    finally:
        shutil.rmtree(home, ignore_errors=True)

def hist_var(shell):
    return '$HISTFILE' if shell != 'tine' else '${HISTFILE:-~/.tine_history}'

def persist(shell, path):
    home = tempfile.mkdtemp(prefix='ichk-')
    try:
        env = {k: v.replace('{H}', home) for k, v in ENV[shell].items()}
        s = start(shell, path, home)
        s.send('echo persist-one\n', 0.3); s.send('exit\n', 0.5); s.close()
        s = start(shell, path, home)
        s.send('fc -l -2\n', 0.4); txt = s.text(); s.close()
        return 'echo persist-one' in txt
    finally:
        shutil.rmtree(home, ignore_errors=True)

def files(home, shell):
    os.makedirs(home + '/dd1')
    open(home + '/file with space.txt', 'w').close()
    open(home + '/dd2.txt', 'w').close()

def rc(home, shell):
    name = {'tine': '.tinerc', 'bash': '.bashrc', 'zsh': '.zshrc'}[shell]
    with open(home + '/' + name, 'w') as f:
        f.write('echo rc-was-read\n')

Z = '\x1a'
CHECKS = [
  ('history: Up recalls the last command', lambda sh, p: run(sh, p, ['echo h1-$((1+1))\n', '\x1b[A\n'], r'\nh1-2.*\nh1-2')),
  ('history: multi-line command recalled whole', lambda sh, p: run(sh, p, ['for i in 1\n', 'do echo ml$i\n', 'done\n', '\x1b[A\n'], r'\nml1.*\nml1')),
  ('history: file written as each command is run', lambda sh, p: run(sh, p, ['echo hf-one\n', 'grep -c hf-one ' + hist_var(sh) + '\n'], r'\n1\n')),
  ('history: a new shell sees the last session', persist),
  ('history: fc -l lists', lambda sh, p: run(sh, p, ['echo fcl-x\n', 'fc -l\n'], r'\d+\s+echo fcl-x')),
  ('history: fc -s old=new reruns', lambda sh, p: run(sh, p, ['echo apple\n', 'fc -s apple=pear\n'], r'\npear')),
  ('complete: command name', lambda sh, p: run(sh, p, ['ech\t', ' cmd-ok\n'], r'\ncmd-ok')),
  ('complete: file name with spaces quoted', lambda sh, p: run(sh, p, ['test -e fil\t&& echo exists-ok\n'], r'\nexists-ok', setup=files)),
  ('complete: only directories after cd', lambda sh, p: run(sh, p, ['cd dd\t\n', 'pwd\n'], r'/dd1\n', setup=files)),
  ('complete: $VAR', lambda sh, p: run(sh, p, ['echo $HOM\t\n'], r'\n/tmp/ichk-')),
  ('complete: ~user', lambda sh, p: run(sh, p, ['echo ~roo\t\n'], r'\n/root/?\n')),
  ('complete: function name', lambda sh, p: run(sh, p, ['myfunc_x() { echo fn-ran; }\n', 'myfunc_\t\n'], r'\nfn-ran')),
  ('complete: alias name', lambda sh, p: run(sh, p, ["alias myal_x='echo al-ran'\n", 'myal_\t\n'], r'\nal-ran')),
  ('complete: job spec after kill %', lambda sh, p: run(sh, p, ['sleep 50 &\n', 'kill %\t\n', 'jobs\n'], r'kill %1')),
  ('prompt: user, host, directory', lambda sh, p: run(sh, p, ["PS1='%n@%m:%~ %# '\n" if sh == 'zsh' else "PS1='\\u@\\h:\\w \\$ '\n", 'echo x\n'], re.escape(os.environ.get('USER', 'root')) + r'@[^:\n]+:~')),
  ('prompt: parameter expansion each time', lambda sh, p: run(sh, p, ["X=one; PS1='[$X] '\n", 'X=two\n', 'echo\n'], r'\[two\] ')),
  ('prompt: command substitution', lambda sh, p: run(sh, p, ["PS1='$(echo cs-in)> '\n", 'echo\n'], r'cs-in> ')),
  ('prompt: right prompt (RPS1)', lambda sh, p: run(sh, p, ["RPS1=rps-$((1+1)); RPROMPT=rps-$((1+1))\n", 'echo\n'], r'rps-2')),
  ('prompt: PS2 on continuation', lambda sh, p: run(sh, p, ["PS2='cont> '\n", 'echo "a\n', 'b"\n'], r'cont> ')),
  ('jobs: Ctrl-Z stops the job, prompt back', lambda sh, p: run(sh, p, ['sleep 50\n', Z, 'echo back-$((1+1))\n'], r'([Ss]topped|suspended).*back-2')),
  ('jobs: fg continues it', lambda sh, p: run(sh, p, ['sleep 1; echo fg-done\n', Z, 'fg\n', lambda s, h: s.expect('fg-done', 3)], r'fg-done')),
  ('jobs: kill %1 of a stopped job kills it', lambda sh, p: run(sh, p, ['sleep 50\n', Z, 'kill %1\n', 'sleep 0.3; jobs; echo jobs-end\n'], r'jobs-end', ) and not run(sh, p, ['sleep 50\n', Z, 'kill %1\n', 'sleep 0.3; jobs\n', 'echo jobs-end\n'], r'jobs\n[^\n]*([Ss]topped|suspended)')),
  ('jobs: exit with stopped jobs warns first', lambda sh, p: run(sh, p, ['sleep 50\n', Z, 'exit\n', 'echo still-here\n'], r'(stopped|suspended) jobs.*still-here')),
  ('jobs: stopped background job announced', lambda sh, p: run(sh, p, ['sh -c "kill -STOP \\$\\$" &\n', 'sleep 0.3\n', 'echo\n'], r'([Ss]topped|suspended).*sh -c')),
  ('jobs: Ctrl-Z of a loop gives the prompt back', lambda sh, p: run(sh, p, ['for i in 1 2; do sleep 50; done\n', Z, 'echo loop-back\n'], r'\nloop-back')),
  ('startup: rc file read', lambda sh, p: run(sh, p, [], r'rc-was-read', setup=rc, argv=[p, '-i'])),
  ('paste: bracketed paste runs on Enter only', lambda sh, p: run(sh, p, ['\x1b[200~echo p1\necho p2\x1b[201~', lambda s, h: setattr(s, 'before', s.text()), '\n'], r'p2') and True),
  ('startup: ignoreeof refuses Ctrl-D', lambda sh, p: run(sh, p, ['set -o ignoreeof\n', '\x04', 'echo alive\n'], r'exit.*\n.*alive|Use .exit.*alive')),
]

def paste_check(sh, p):
    home = tempfile.mkdtemp(prefix='ichk-')
    try:
        s = start(sh, p, home)
        s.send('\x1b[200~echo p1\necho p2\x1b[201~', 0.5)
        early = '\np1' in s.text()
        s.send('\n', 0.5)
        ok = '\np1' in s.text() and '\np2' in s.text() and not early
        s.close()
        return ok
    finally:
        shutil.rmtree(home, ignore_errors=True)
CHECKS[-2] = ('paste: bracketed paste runs on Enter only', paste_check)

def main():
    tine = sys.argv[1]
    shells = [('tine', tine), ('bash', shutil.which('bash')), ('zsh', shutil.which('zsh'))]
    totals = {n: 0 for n, _ in shells}
    print('| check | ' + ' | '.join(n for n, _ in shells) + ' |')
    print('| --- |' + ' --- |' * len(shells))
    for name, fn in CHECKS:
        row = []
        for sh, path in shells:
            try:
                ok = fn(sh, path)
            except Exception as e:
                ok = False
            totals[sh] += ok
            row.append('pass' if ok else 'FAIL')
        print('| %s | %s |' % (name, ' | '.join(row)), flush=True)
    print('| **total of %d** | %s |' % (len(CHECKS), ' | '.join(str(totals[n]) for n, _ in shells)))

if __name__ == '__main__':
    main()
