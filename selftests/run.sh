#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# run.sh [TEST...]: run the nvswitch selftests (default: TEST_PROGS of the
# Makefile) through the kernel's own kselftest runner, printing KTAP. Exits
# non-zero when a test failed. Needs root and a kernel that can load the
# module: inside the VM, `tools/nvswitch-vm --kernel 6.12 selftests/run.sh`.
#
# With $NVSWITCH_VM_OUT set (the VM's writable results folder) the KTAP log
# is also written to $NVSWITCH_VM_OUT/selftests.ktap.
set -u

here=$(dirname "$(readlink -f "$0")")
top=$(dirname "$here")
ksft=${KSFT_DIR:-$top/.cache/kselftest/tools/testing/selftests}

if [ ! -r "$ksft/kselftest/runner.sh" ]; then
	if [ -x "$top/scripts/fetch-kselftest.sh" ]; then
		"$top/scripts/fetch-kselftest.sh" >&2 || exit 1
	else
		echo "run.sh: kselftest helpers missing in $ksft" >&2
		exit 1
	fi
fi

if [ $# -gt 0 ]; then
	tests=()
	for t in "$@"; do
		t=${t##*/}
		# TEST_GEN_PROGS (nvsw_genl_test) are programs, not scripts.
		if [ -x "$here/$t" ] && [[ $t != *.sh ]]; then
			tests+=("./$t")
		else
			tests+=("./${t%.sh}.sh")
		fi
	done
else
	read -ra tests < <(make --no-print-directory -s -C "$here" list)
	tests=("${tests[@]/#/./}")
fi

# runner.sh finds its prefix.pl under $BASE_DIR/kselftest and the settings
# file under $BASE_DIR/<dir of the tests>: give it a tree of symlinks.
base=$(mktemp -d /tmp/nvsw-run.XXXXXX)

# Keep the kernel's receive timestamps on for the whole run.  Every ping
# that is their only user switches them on and off, and that is a static
# key: code patched while it runs.  Under QEMU's TCG that patching has left
# a stale int3 (an oops) or a jump looping for ever in
# netif_receive_skb_list_internal(), each killing a VM mid-test.  One
# socket that holds SO_TIMESTAMP keeps the key enabled, so nothing is
# patched during the tests. Python's socket module has no SO_TIMESTAMP:
# it is 29 in <asm-generic/socket.h>, which x86 uses.
python3 -c 'import signal, socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, 29, 1)
signal.pause()' &
stamps=$!
trap 'kill "$stamps" 2>/dev/null; rm -rf "$base"' EXIT
ln -s "$ksft/kselftest" "$base/kselftest"
ln -s "$here" "$base/nvswitch"

log=$base/ktap
(
	set +u
	cd "$base/nvswitch" || exit 1
	export BASE_DIR=$base
	# Longer than the settings file's limit, for the stress tests.
	if [ -n "${NVSWITCH_TEST_TIMEOUT:-}" ]; then
		export kselftest_override_timeout=$NVSWITCH_TEST_TIMEOUT
	fi
	# shellcheck source=/dev/null
	source "$base/kselftest/runner.sh"
	# A minimal /dev (the VM's devtmpfs) has no /dev/stdout.
	logfile=/proc/self/fd/1
	run_many "${tests[@]}"
) | tee "$log"

if [ -n "${NVSWITCH_VM_OUT:-}" ] && [ -d "$NVSWITCH_VM_OUT" ]; then
	cp "$log" "$NVSWITCH_VM_OUT/selftests.ktap"
fi

failed=$(grep -c '^not ok' "$log")
passed=$(grep -c '^ok' "$log")
echo "# nvswitch selftests: $passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
