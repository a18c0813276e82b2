#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# stress.sh [KERNEL]: the stress and fault tests (`make stress`,
# Documentation/reliability.rst) in one VM of KERNEL (6.12 by default; any
# kernel tools/nvswitch-vm --kernel takes):
#
#   nvsw_stress_netlink.sh   netlink fuzzing, fail_nth sweep
#   nvsw_stress_frames.sh    fuzzed underlay frames
#   nvsw_stress_teardown.sh  switch, netns and module deleted under traffic
#   nvsw_stress_churn.sh     configuration churn while tenants talk
#
# Passes when every subtest passed (a SKIP says why) and the VM's kernel log
# has no splat of any kind.  Prints the figures Documentation/reliability.rst
# quotes; the whole output is in .cache/stress/<time>-KERNEL/.
#
# Environment (passed into the VM):
#   NVSWITCH_STRESS_MINUTES  churn duration (default 10), or
#   NVSWITCH_STRESS_SECONDS
#   NVSWITCH_STRESS_NETLINK  fuzzed netlink requests (default 100000;
#                            2000 on the debug kernel)
#   NVSWITCH_STRESS_FRAMES   fuzzed underlay frames (default 100000)
#   NVSWITCH_STRESS_ROUNDS   teardown rounds of each kind (default 50; 10
#                            on the debug kernel)
#   NVSWITCH_STRESS_SEED     the seed of every random choice (default: the
#                            time; printed, and the same seed repeats a run)
#   NVSWITCH_STRESS_TESTS    which of the four (default all)
#   NVSWITCH_VM_CPUS         virtual CPUs (default 2: races need two)
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$src"
kernel=${1:-6.12}

export NVSWITCH_STRESS_SEED=${NVSWITCH_STRESS_SEED:-$(date +%s)}
# The debug kernel (KASAN, lockdep, kmemleak, fault injection) does the same
# work about ten times slower under emulation, and every netlink request
# also goes through the fail_nth sweep's allocations: its default sizes
# keep a run within the timeouts below (a teardown round takes about 100 s
# there, against 7 s on 6.12).
if [ "$kernel" = debug ]; then
	export NVSWITCH_STRESS_ROUNDS=${NVSWITCH_STRESS_ROUNDS:-10}
	export NVSWITCH_STRESS_NETLINK=${NVSWITCH_STRESS_NETLINK:-2000}
fi
secs=${NVSWITCH_STRESS_SECONDS:-$((${NVSWITCH_STRESS_MINUTES:-10} * 60))}
# Per test and for the VM: the churn's duration and room for the rest, which
# takes minutes under emulation (more on a debug kernel).
export NVSWITCH_TEST_TIMEOUT=${NVSWITCH_TEST_TIMEOUT:-$((secs + 5400))}
export NVSWITCH_VM_TIMEOUT=${NVSWITCH_VM_TIMEOUT:-$((secs + 4 * 5400))}
export NVSWITCH_VM_CPUS=${NVSWITCH_VM_CPUS:-2}
read -ra tests <<<"${NVSWITCH_STRESS_TESTS:-$(make --no-print-directory -s -C selftests list-stress)}"

out=$src/.cache/stress/$(date +%Y%m%d-%H%M%S)-$kernel
mkdir -p "$out"
ln -sfn "${out##*/}" "$src/.cache/stress/latest-$kernel"

make --no-print-directory -s -C selftests all

echo "== stress on $kernel: ${tests[*]}; seed $NVSWITCH_STRESS_SEED; results in $out"
start=$SECONDS
rc=0
# In the VM: the tests, then whether this kernel could look for leaks.
# shellcheck disable=SC2016 # expanded in the VM
tools/nvswitch-vm --kernel "$kernel" --out "$out" -- bash -c '
	selftests/run.sh "$@"; rc=$?
	if [ -e /sys/kernel/debug/kmemleak ]; then
		echo "# kmemleak: on, scanned at the end of each test (kernel log clean)"
	else
		echo "# kmemleak: SKIP, this kernel has no CONFIG_DEBUG_KMEMLEAK"
	fi
	exit $rc' stress "${tests[@]}" 2>&1 | tee "$out/console.log" || rc=$?
took=$((SECONDS - start))

# A splat anywhere in the VM's kernel log fails the run, whatever the tests
# said (the runner only warns).
# Those before the first test began are the emulation's (a soft lockup of
# a boot-time self-test when the host is loaded): shown, not counted.
splat_re='WARNING:|BUG:|Oops|general protection fault|Call Trace:|KASAN|UBSAN|unreferenced object|refcount_t:|unregister_netdevice: waiting|rcu.*stall|blocked for more than|list_(add|del) corruption'
splats=$(sed -n '/nvsw-selftest: begin/,$p' "$out/kernel.log" 2>/dev/null | grep -cE "$splat_re" || true)
boot_splats=$(sed '/nvsw-selftest: begin/,$d' "$out/kernel.log" 2>/dev/null | grep -E "$splat_re" || true)

echo "== stress on $kernel: $took s"
# The figures, out of the nested KTAP: each script's lines are indented by
# "# ".
sed -E 's/^(# )+//' "$out/console.log" >"$out/figures.log"
grep -E '^(seed|family|fail_nth|SKIP|kmemleak|hv1|fuzzer CPU|slowest|[0-9]+ (rounds|intervals)|workers|moved: drops|.* received [0-9]+ frames|answers)' \
	"$out/figures.log" | sed 's/^/   /' || true
grep -E '^(not )?ok [0-9]+ ' "$out/figures.log" | grep -v ' selftests: ' | sed 's/^/   /' || true
if [ -n "$boot_splats" ]; then
	echo "   note: before any test, while booting (not counted):"
	sed 's/^/     /' <<<"$boot_splats"
fi
echo "   splats in the kernel log: $splats"
if [ "$splats" != 0 ]; then
	echo "   see $out/kernel.log"
	rc=1
fi
if grep -qE '^not ok' "$out/console.log"; then
	rc=1
fi
[ "$rc" = 0 ] && echo "== PASS" || echo "== FAIL"
exit "$rc"
