# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0
# Sourced by the host-side tests of the CLI that run checks as functions:
# "ok CHECK ARGS..." runs one, a failure shows its output; "summary NAME"
# counts them and sets the exit status. $tmp is a scratch directory.

fails=0 n=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() {
	n=$((n + 1))
	if "$@" >"$tmp/out" 2>&1; then
		echo "ok $n - $*"
	else
		fails=$((fails + 1))
		echo "not ok $n - $*"
		sed 's/^/# /' "$tmp/out"
	fi
}

summary() {
	echo "# $1: $((n - fails)) passed, $fails failed"
	[ "$fails" = 0 ]
}
