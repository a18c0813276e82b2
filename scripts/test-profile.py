#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Where a selftest's time goes, from the traces of NVSWITCH_PROFILE=1.

    NVSWITCH_PROFILE=1 tools/nvswitch-vm --out DIR selftests/run.sh
    scripts/test-profile.py DIR/profile/*.trace

selftests/lib.sh traces every command a test runs with the time it started
and the shell's PID.  A command lasts until the next one that shell runs, so
for each test this prints:

  - its top-level statements (subtests, topology builders) by time taken;
  - the programs it ran, all shells together: how many times and for how
    long, the slow ones under emulation (python, tshark, sleep) first.
"""
import collections
import os
import re
import sys

ENTRY = re.compile(r'^(\++) (\d+\.\d+) (\d+) (\S+) (.*)$')
# Bash builtins and keywords: their time is their own, not a program's.
BUILTINS = set('''[ [[ (( test echo printf local declare read return set
shift eval source . cd exec exit trap wait kill true false for while until
if case break continue export unset let type command mapfile readarray
pushd popd shopt builtin : '''.split())


def parse(path):
    entries = []
    with open(path, errors='replace') as f:
        for line in f:
            m = ENTRY.match(line)
            if m:
                depth, t, pid, func, cmd = m.groups()
                entries.append([float(t), int(pid), func, cmd, len(depth), 0.0])
    by_pid = collections.defaultdict(list)
    for e in entries:
        by_pid[e[1]].append(e)
    for es in by_pid.values():
        es.sort(key=lambda e: e[0])
        for a, b in zip(es, es[1:]):
            a[5] = b[0] - a[0]
    return entries


def program(cmd, functions):
    words = cmd.split()
    while words and re.match(r'^[A-Za-z_][A-Za-z0-9_]*(\[.*\])?=', words[0]):
        words.pop(0)
    if not words:
        return None
    w = words[0]
    if w in ('ip', 'nvswitchctl') and len(words) > 2 and words[1] == '-n':
        words = words[:1] + words[3:]
    if w == 'ip' and len(words) > 1:
        if words[1] == 'netns' and len(words) > 3 and words[2] == 'exec':
            return program(' '.join(words[4:]), functions)
        return 'ip ' + words[1]
    if w in BUILTINS or w in functions:
        return None
    return os.path.basename(w.strip("'"))


def report(path, top):
    entries = parse(path)
    if not entries:
        return
    name = os.path.basename(path).rsplit('.', 1)[0]
    main_pid = next(e[1] for e in entries if e[4] == 1)
    main = [e for e in entries if e[1] == main_pid]
    total = main[-1][0] - main[0][0]
    functions = {e[2] for e in entries}
    print(f'== {name}: {total:.1f} s')

    # Top-level statements: main-shell entries made outside any function,
    # each lasting until the next such entry.
    tops = [e for e in main if e[2] == 'main']
    steps = collections.defaultdict(lambda: [0, 0.0])
    for a, b in zip(tops, tops[1:]):
        key = a[3][:70]
        if key.startswith('run_test '):
            key = 'run_test ' + a[3].split("'")[1][:60] if "'" in a[3] else key
        steps[key][0] += 1
        steps[key][1] += b[0] - a[0]
    print('  top-level statements:')
    for key, (n, t) in sorted(steps.items(), key=lambda kv: -kv[1][1])[:top]:
        print(f'    {t:7.1f} s {n:4d}x  {key}')

    progs = collections.defaultdict(lambda: [0, 0.0])
    for e in entries:
        p = program(e[3], functions)
        if p:
            progs[p][0] += 1
            progs[p][1] += e[5]
    print('  programs (all shells):')
    for p, (n, t) in sorted(progs.items(), key=lambda kv: -kv[1][1])[:top]:
        print(f'    {t:7.1f} s {n:4d}x  {p}')


def main():
    top = 12
    args = sys.argv[1:]
    if args and args[0].startswith('--top='):
        top = int(args.pop(0).split('=', 1)[1])
    if not args:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    for path in args:
        report(path, top)
    return 0


if __name__ == '__main__':
    sys.exit(main())
