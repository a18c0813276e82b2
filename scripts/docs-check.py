#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""docs-check: `make docs-check`, one of make check's host checks.

1. Documentation/ built by Sphinx (Debian's python3-sphinx) into a
   temporary folder with every warning an error, all of them listed
   (-W --keep-going): a malformed table, a title underline too short, an
   unterminated literal, a :doc: link to no page, a page in no toctree.
2. No merge-conflict marker left in the tree: a line "<<<<<<< ...",
   "||||||| ..." or ">>>>>>> ...", or a line "=======".  The last one is
   also how reStructuredText underlines a title of up to 7 characters (or
   overlines it), so in *.rst it counts as a marker only when it is not
   such an adornment: a marker left alone after a resolved conflict
   follows a line of prose or code, not a title.

Prints each finding as FILE:LINE: what, and exits 1 when there is one.
"""

import os
import re
import subprocess
import sys
import tempfile

TOP = os.path.realpath(os.path.join(os.path.dirname(__file__), '..'))
MARKER = re.compile(r'(<<<<<<<|\|\|\|\|\|\|\||>>>>>>>)( |$)')
SEPARATOR = '======='


def sphinx():
    with tempfile.TemporaryDirectory(prefix='docs-check.') as tmp:
        # The dummy builder reads and resolves every page and writes
        # nothing: all the checks of a build, none of its time.
        cmd = ['sphinx-build', '-q', '-W', '--keep-going', '-b', 'dummy',
               '-d', os.path.join(tmp, 'doctrees'),
               os.path.join(TOP, 'Documentation'), os.path.join(tmp, 'out')]
        try:
            return subprocess.run(cmd).returncode == 0
        except FileNotFoundError:
            print('docs-check: no sphinx-build: run scripts/install-deps.sh',
                  file=sys.stderr)
            return False


def files():
    """The tree's files that git tracks or would (not .cache/, not build
    output); every file under TOP but .git and .cache outside a checkout."""
    try:
        out = subprocess.run(['git', '-C', TOP, 'ls-files', '-z', '--cached',
                              '--others', '--exclude-standard'],
                             capture_output=True, check=True).stdout
        return sorted({f for f in out.decode().split('\0') if f})
    except (OSError, subprocess.CalledProcessError):
        found = []
        for d, subdirs, names in os.walk(TOP):
            subdirs[:] = [s for s in subdirs if s not in ('.git', '.cache')]
            found += [os.path.relpath(os.path.join(d, n), TOP) for n in names]
        return sorted(found)


def is_title(line):
    """A line reStructuredText takes for a title of up to 7 characters."""
    return (line.strip() != '' and len(line) <= len(SEPARATOR) and
            not line[0].isspace() and line != SEPARATOR)


def markers(path):
    try:
        with open(os.path.join(TOP, path), 'rb') as f:
            data = f.read()
    except OSError:
        return []   # listed by git, deleted in the worktree
    if b'\0' in data[:8192]:
        return []   # binary
    lines = data.decode('utf-8', 'replace').split('\n')
    lines = [line.rstrip('\r') for line in lines]
    rst = path.endswith('.rst')
    found = []
    for i, line in enumerate(lines):
        if MARKER.match(line):
            found.append((i + 1, line))
        elif line == SEPARATOR:
            prev = lines[i - 1] if i > 0 else ''
            nxt = lines[i + 1] if i + 1 < len(lines) else ''
            after = lines[i + 2] if i + 2 < len(lines) else ''
            underline = is_title(prev)
            overline = is_title(nxt) and after == SEPARATOR
            if not (rst and (underline or overline)):
                found.append((i + 1, line))
    return [f'{path}:{n}: merge-conflict marker: {line}' for n, line in found]


def main():
    ok = sphinx()
    found = [m for f in files() for m in markers(f)]
    for m in found:
        print(m)
    if found:
        print(f'docs-check: {len(found)} merge-conflict marker(s) left',
              file=sys.stderr)
    if ok and not found:
        print('docs-check: OK, Documentation/ builds without a warning and '
              'no merge-conflict marker is left')
    return 0 if ok and not found else 1


if __name__ == '__main__':
    sys.exit(main())
