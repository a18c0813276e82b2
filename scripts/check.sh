#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# check.sh: everything CI runs (`make check`, `.ci/run`).
#
#   1. installs the dependencies and the kernel's selftest/lint tools;
#   2. builds the module, the CLI and the C selftests for the VMs;
#   3. per kernel (6.1, 6.12), the selftests split over a few one-CPU VMs
#      ("shards") that all run at once; every leaf KTAP result counts (a
#      script's subtests, or the script itself);
#   4. meanwhile, on the host, one test each: checkpatch, the spec check,
#      W=1 and sparse on every supported kernel, the CLI built with -Wall
#      -Wextra -Werror from a clean copy, the CLI's own host-side tests,
#      nvswitch-fleet built the same way and its tests against a real etcd
#      on loopback, the VM runner's choice of KVM or TCG, and the
#      documentation built with warnings as errors (make docs-check).
#
# Prints each failure, then, as its very last line, "N passed, N failed" (and
# ", N skipped" when some were).  Exits 0 only when nothing failed.  Full logs
# go to .cache/check/<time>/ (.cache/check/latest points at the newest).
#
# `make check-debug` is NVSWITCH_CHECK_KERNELS=debug: the selftests on the
# debug kernel (scripts/debug-kernel.sh), no host checks, and one more test
# per VM: no KASAN, lockdep, RCU, kmemleak or refcount report in its kernel
# log or in its last kmemleak scan; and its positive control: a VM that
# loads a module leaking on purpose must be reported.
#
# Environment: NVSWITCH_CHECK_KERNELS (default "6.1 6.12"; or debug),
# NVSWITCH_CHECK_SHARDS (VMs per kernel, default: a core per VM),
# NVSWITCH_CHECK_VM_TIMEOUT (seconds per VM, default 2700, 10800 for debug),
# NVSWITCH_CHECK_PARALLEL=0 (one VM after the other, not at the same time).
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd -P)
cd "$src"

kernels=${NVSWITCH_CHECK_KERNELS:-6.1 6.12}
# The VMs run at the same time by default: the whole run is then bounded by
# one VM timeout, and tests that mostly wait overlap their waits.
parallel=${NVSWITCH_CHECK_PARALLEL:-1}
# One single-CPU VM per core: more VMs than cores made every VM several
# times slower (measured on 2 cores: 4 VMs took longer than 2).
jobs=$(nproc)
n_kernels=$(wc -w <<<"$kernels")
shards=${NVSWITCH_CHECK_SHARDS:-$((jobs / n_kernels > 1 ? jobs / n_kernels : 1))}
[[ $shards =~ ^[1-9][0-9]*$ ]] || { echo "NVSWITCH_CHECK_SHARDS must be a positive number" >&2; exit 2; }
case " $kernels " in
*" debug "*)
	[ "$kernels" = debug ] || { echo "NVSWITCH_CHECK_KERNELS: debug runs alone" >&2; exit 2; }
	debug=1
	# KASAN, lockdep and kmemleak under TCG: several times slower.
	vm_timeout=${NVSWITCH_CHECK_VM_TIMEOUT:-10800}
	;;
*)
	debug=0
	vm_timeout=${NVSWITCH_CHECK_VM_TIMEOUT:-2700}
	;;
esac

logs=$src/.cache/check/$(date +%Y%m%d-%H%M%S)
mkdir -p "$logs"
ln -sfn "${logs##*/}" "$src/.cache/check/latest"
# Keep the latest five.
find "$src/.cache/check" -mindepth 1 -maxdepth 1 -type d -name '2*' | sort -r |
	tail -n +6 | xargs -r rm -rf --

# One line per leaf result: "PASS|FAIL|SKIP<TAB>name".
results=$logs/results.tsv
: >"$results"

record() {
	printf '%s\t%s\n' "$1" "$2" >>"$results"
}

t_all=$SECONDS
t_phase=$SECONDS
phase() {
	echo "== $* ($(date +%H:%M:%S))"
	t_phase=$SECONDS
}
phase_done() {
	echo "   done in $((SECONDS - t_phase)) s"
}

# host_check NAME LOGFILE COMMAND...: one test, passing when COMMAND does.
host_check() {
	local name=$1 log=$logs/$2
	shift 2
	if "$@" >"$log" 2>&1; then
		record PASS "$name"
	else
		record FAIL "$name"
		echo "   FAIL $name:"
		tail -n 15 "$log" | sed 's/^/    | /'
	fi
}

# --- 1. Dependencies ------------------------------------------------------
phase "dependencies"
scripts/install-deps.sh
scripts/fetch-kselftest.sh
declare -A kver=()
modules_root=
if [ "$debug" = 1 ]; then
	# Built once per machine, outside the checkout (minutes).
	dbg=$(scripts/debug-kernel.sh)
	kver[debug]=$(cat "$dbg/release")
	modules_root=$dbg/root
	echo "   debug: ${kver[debug]} ($dbg, built in $(cat "$dbg/build-time.txt"))"
else
	for k in $kernels; do
		kver[$k]=$(scripts/kernel-version.sh "$k")
		if [ ! -e "/lib/modules/${kver[$k]}/build" ]; then
			scripts/install-deps.sh "linux-headers-${kver[$k]}"
		fi
		echo "   $k: ${kver[$k]}"
	done
fi
phase_done

# --- 2. Builds -------------------------------------------------------------
# Build once for every VM: concurrent runners would race on the CLI.  A
# module that does not build is not replaced by a stale one: its VM runs
# without it and the tests say so.
phase "build the module and the CLI for the VMs"
for k in $kernels; do
	if ! make --no-print-directory -j"$jobs" modules-vm KVERS="${kver[$k]}" \
		MODULES_ROOT="$modules_root" >"$logs/build-$k.log" 2>&1; then
		echo "   the module does not build for $k: see $logs/build-$k.log"
		rm -f ".cache/build/${kver[$k]}/kmod/nvswitch.ko"
	fi
done
make --no-print-directory -j"$jobs" cli >"$logs/build-cli.log" 2>&1 ||
	echo "   nvswitchctl does not build: see $logs/build-cli.log"
# The C selftests too: the VM sees this tree read-only.
host_check "host: selftests build (make -C selftests)" build-selftests.log \
	make --no-print-directory -C selftests all
phase_done

# --- 3. Selftests, a few VMs per kernel ------------------------------------

# ktap_leaves KERNEL < console log: record every leaf result.  runner.sh
# prints a script's own output, including the KTAP of its subtests, behind
# "# "; the script's result follows at top level.
ktap_leaves() {
	awk -v k="$1" '
	function emit(st, name) { printf "%s\t%s: %s\n", st, k, name }
	function status(ok, rest) {
		if (rest ~ /# *[Ss][Kk][Ii][Pp]/ || rest ~ /# *TODO/) return "SKIP"
		if (rest ~ /# *XFAIL/) return "PASS"
		return ok ? "PASS" : "FAIL"
	}
	function strip(s) { sub(/ *#.*$/, "", s); return s }
	/^1\.\.[0-9]+$/ && !plan { plan = substr($0, 4) + 0; next }
	/^# (not )?ok [0-9]+/ {
		line = substr($0, 3)
		ok = (line !~ /^not /); sub(/^(not )?ok [0-9]+ ?/, "", line)
		nsub++; subst[nsub] = status(ok, line); subname[nsub] = strip(line)
		next
	}
	/^(not )?ok [0-9]+ / {
		line = $0
		ok = (line !~ /^not /); sub(/^(not )?ok [0-9]+ ?/, "", line)
		name = strip(line); sub(/^selftests: [^:]*: /, "", name)
		st = status(ok, line); subfail = 0
		for (i = 1; i <= nsub; i++) {
			emit(subst[i], name ": " subname[i])
			if (subst[i] == "FAIL") subfail = 1
		}
		# A script that failed (exit code, timeout) without a failing
		# subtest is a failure of its own.
		if (nsub == 0 || (st == "FAIL" && !subfail))
			emit(st, name (nsub ? " (" substr(line, index(line, "#")) ")" : ""))
		nsub = 0; done++
		next
	}
	END {
		if (!plan) emit("FAIL", "selftests/run.sh printed no KTAP plan")
		for (i = done + 1; i <= plan; i++)
			emit("FAIL", "test " i " of " plan " never reported (VM crash or timeout?)")
	}'
}

# Roughly what each script takes in a one-CPU VM, in seconds (measured
# with NVSWITCH_PROFILE=1, see scripts/test-profile.py), to spread them
# evenly over the shards; a script missing here counts as 60.
declare -A cost=(
	[nvsw_badpackets]=70 [nvsw_bum]=70 [nvsw_ynl]=65 [nvsw_routing]=62
	[nvsw_ipv6]=56 [nvsw_tenants]=55 [nvsw_gateway]=46 [nvsw_wire]=46
	[nvsw_underlay6]=42 [nvsw_badinput]=41 [nvsw_migration]=40
	[nvsw_reliability]=35 [nvsw_lifecycle]=30 [nvsw_interop]=25
	[nvsw_coexist]=20 [nvsw_persist]=45 [nvsw_docs]=30
	[nvsw_genl_test]=20 [nvsw_port_guard]=55
)

# shard_tests N: the selftests split into N lists, one per line: longest
# first onto the least loaded shard, then each list in the Makefile's
# order (the C tests last: they leave the module loaded, and a script that
# finds it loaded skips its "module unloads" check).
shard_tests() {
	local n=$1 t i best
	local -a load=() list=() all
	read -ra all < <(make --no-print-directory -s -C selftests list)
	for ((i = 0; i < n; i++)); do
		load[i]=0
	done
	declare -A shard_of=()
	for t in "${all[@]}"; do
		echo "${cost[${t%.sh}]:-60} $t"
	done | sort -rn >"$logs/tests.cost"
	while read -r _ t; do
		best=0
		for ((i = 1; i < n; i++)); do
			((load[i] < load[best])) && best=$i
		done
		load[best]=$((load[best] + ${cost[${t%.sh}]:-60}))
		shard_of[$t]=$best
	done <"$logs/tests.cost"
	for t in "${all[@]}"; do
		list[shard_of[$t]]+=" $t"
	done
	for ((i = 0; i < n; i++)); do
		echo "${list[i]# }"
	done
}

# run_suite KERNEL SHARD TESTS...: one one-CPU VM running selftests/run.sh
# on TESTS; the console goes to vm-KERNEL-SHARD.log, the runner's exit
# status to vm-KERNEL-SHARD.rc, and each script's duration to the terminal
# as it finishes.  One vCPU per VM: with two or more, a vCPU spinning on a
# lock whose holder's host thread is descheduled (the host has 2 cores for
# all the VMs) slowed every VM down about three times.
run_suite() {
	local k=$1 s=$2 log=$logs/vm-$1-$2.log line start=$SECONDS name
	shift 2
	: >"$log"
	{
		rc=0
		NVSWITCH_VM_CPUS=1 NVSWITCH_VM_TIMEOUT=$vm_timeout \
			tools/nvswitch-vm --no-build --kernel "$k" \
			--out "$logs/vm-$k-$s" selftests/run.sh "$@" </dev/null 2>&1 || rc=$?
		echo "$rc" >"$logs/vm-$k-$s.rc"
	} | while IFS= read -r line || [ -n "$line" ]; do
		printf '%s\n' "$line" >>"$log"
		case $line in
		"# selftests: "*) start=$SECONDS ;;
		"ok "[0-9]*" selftests: "* | "not ok "[0-9]*" selftests: "*)
			name=${line#*selftests: *: }
			printf '   %-5s %-28s %4d s  %s\n' "$k" "${name%% *}" \
				$((SECONDS - start)) "${line%% [0-9]*}"
			;;
		esac
	done
}

# tally KERNEL SHARD: record the leaf results of a finished suite.
tally() {
	local k=$1 s=$2 log=$logs/vm-$1-$2.log rc before
	rc=$(cat "$logs/vm-$k-$s.rc" 2>/dev/null || echo 125)
	before=$(wc -l <"$results")
	while IFS=$'\t' read -r st name; do
		record "$st" "$name"
	done < <(ktap_leaves "$k" <"$log")
	case $rc in
	0) ;;
	124 | 125)
		record FAIL "$k: the VM did not finish (exit $rc), see $log"
		grep '^nvswitch-vm:' "$log" | sed 's/^/    | /' || true
		;;
	*)
		# run.sh failed: fine when a failed test says why already.
		if ! tail -n +"$((before + 1))" "$results" | grep -q '^FAIL'; then
			record FAIL "$k: selftests/run.sh exited $rc with no failed test, see $log"
		fi
		;;
	esac
	if [ "$debug" = 1 ]; then
		debug_reports "$k" "$s"
	elif grep -q 'kernel warnings in the VM' "$log"; then
		echo "   note: kernel warnings in $logs/vm-$k-$s/kernel.log"
	fi
	echo "   $k/$s: $(tail -n +"$((before + 1))" "$results" | cut -f1 | sort | uniq -c | xargs)"
}

# kernel_reports DIR: the lines of a VM's logs that name a KASAN, lockdep,
# RCU, kmemleak or refcount report (none: nothing printed).  Both logs: the
# console (kernel.log) has what came after a panic, dmesg.txt the boot's
# warnings, which `quiet` keeps off the console.
kernel_reports() {
	local dir=$1
	grep -hE 'BUG:|WARNING:|KASAN|kmemleak: [0-9]+ new suspected|unreferenced object|refcount_t:|ref_tracker|possible (circular|recursive)|suspicious RCU usage|inconsistent lock state|sleeping function called|Oops|general protection fault|kernel BUG|unregister_netdevice: waiting|list_(add|del) corruption|ODEBUG' \
		"$dir/kernel.log" "$dir/dmesg.txt" 2>/dev/null | sort -u || true
	[ -e "$dir/kernel.log" ] || echo "no kernel log in $dir"
	if [ -s "$dir/kmemleak.txt" ]; then
		echo "last kmemleak scan: $(grep -c '^unreferenced object' "$dir/kmemleak.txt") unreferenced objects ($dir/kmemleak.txt)"
	fi
}

# debug_reports KERNEL SHARD: on the debug kernel, whatever the tests said,
# a report in the VM's kernel log or in its last kmemleak scan is a failure,
# printed with the lines that name it.
debug_reports() {
	local k=$1 s=$2 dir=$logs/vm-$1-$2 bad
	bad=$(kernel_reports "$dir")
	if [ -z "${bad//$'\n'/}" ]; then
		record PASS "$k/$s: no KASAN, lockdep, RCU, kmemleak or refcount report"
	else
		record FAIL "$k/$s: kernel reports in $dir/kernel.log"
		echo "   FAIL $k/$s: kernel reports:"
		head -n 20 <<<"$bad" | sed 's/^/    | /'
	fi
}

# leak_control: the positive control of the debug check.  A VM loads the
# kernel's own kmemleak sample (samples/kmemleak, CONFIG_SAMPLE_KMEMLEAK),
# which leaks on purpose: unless kernel_reports names that leak, a silent
# debug run would prove nothing.
leak_control() {
	local dir=$logs/vm-debug-control bad
	NVSWITCH_VM_CPUS=1 NVSWITCH_VM_TIMEOUT=$vm_timeout \
		tools/nvswitch-vm --no-build --kernel debug --out "$dir" \
		-- modprobe kmemleak-test </dev/null >"$dir.log" 2>&1 || true
	bad=$(kernel_reports "$dir")
	if grep -q 'kmemleak_test_init' "$dir/kmemleak.txt" 2>/dev/null &&
	   grep -q '^last kmemleak scan: [1-9]' <<<"$bad"; then
		record PASS "debug: a module that leaks on purpose (samples/kmemleak) is reported"
	else
		record FAIL "debug: the leak of samples/kmemleak went unreported, see $dir.log"
		echo "   FAIL debug control: kmemleak did not report kmemleak-test's leak ($dir)"
	fi
}

# --- 4. Host checks, while the VMs run --------------------------------------
# The W=1 and sparse builds go to .cache/lint/, not to the build the VMs
# boot: they rebuild from clean.
host_checks() {
	host_check "host: checkpatch --strict clean" checkpatch.log \
		make --no-print-directory lint-checkpatch
	host_check "host: uapi header and kernel policy are what the netlink spec renders" spec-check.log \
		make --no-print-directory spec-check
	host_check "host: Documentation/ builds with Sphinx, no merge-conflict markers (make docs-check)" docs-check.log \
		make --no-print-directory docs-check
	for k in $kernels; do
		host_check "host: $k: W=1 build clean" "w1-$k.log" \
			make --no-print-directory -j"$jobs" lint-w1 KVERS="${kver[$k]}" \
			LINT_BUILD="$src/.cache/lint"
		host_check "host: $k: sparse clean" "sparse-$k.log" \
			make --no-print-directory -j"$jobs" lint-sparse KVERS="${kver[$k]}" \
			LINT_BUILD="$src/.cache/lint"
	done

	# The CLI from a clean copy (the tree may hold objects built otherwise),
	# keeping its place relative to include/.
	local cli=$src/.cache/check-cli
	rm -rf "$cli"
	mkdir -p "$cli/tools"
	cp -r tools/nvswitchctl tools/common "$cli/tools/"
	cp -r include VERSION "$cli/"
	# Its documents too: the man page it installs, and the JSON keys that
	# test_print.sh holds the CLI to in both.
	mkdir -p "$cli/Documentation"
	cp Documentation/nvswitchctl.8 Documentation/cli.rst "$cli/Documentation/"
	make --no-print-directory -s -C "$cli/tools/nvswitchctl" clean >/dev/null 2>&1 || true
	host_check "host: CLI builds with -Wall -Wextra -Werror" cli-build.log \
		make --no-print-directory -j"$jobs" -C "$cli/tools/nvswitchctl" \
		CFLAGS="-O2 -g -Wall -Wextra -Werror"
	# nvswitch-fleet the same way, then its tests against a real etcd
	# started on loopback (seconds; no module needed).
	local fleet=$src/.cache/check-fleet
	rm -rf "$fleet"
	mkdir -p "$fleet/tools"
	cp -r tools/nvswitch-fleet tools/common "$fleet/tools/"
	cp -r include VERSION "$fleet/"
	make --no-print-directory -s -C "$fleet/tools/nvswitch-fleet" clean >/dev/null 2>&1 || true
	host_check "host: nvswitch-fleet builds with -Wall -Wextra -Werror" fleet-build.log \
		make --no-print-directory -j"$jobs" -C "$fleet/tools/nvswitch-fleet" \
		CFLAGS="-O2 -g -Wall -Wextra -Werror"
	host_check "host: nvswitch-fleet against etcd (tools/nvswitch-fleet/test_fleet.sh)" fleet-test.log \
		make --no-print-directory -C "$fleet/tools/nvswitch-fleet" \
		CFLAGS="-O2 -g -Wall -Wextra -Werror" test
	host_check "host: VM runner picks KVM or TCG (tools/vm/test_accel.sh)" accel-test.log \
		tools/vm/test_accel.sh
	if grep -q '^test:' tools/nvswitchctl/Makefile; then
		host_check "host: CLI host tests (make -C tools/nvswitchctl test)" cli-test.log \
			make --no-print-directory -C "$cli/tools/nvswitchctl" \
			CFLAGS="-O2 -g -Wall -Wextra -Werror" test
	fi
}

# --- Run: the VMs, and the host checks while they run ---------------------
mapfile -t shard_list < <(shard_tests "$shards")
if [ "$parallel" = 1 ]; then
	phase "selftests: $kernels, $shards one-CPU VMs each, all at once$([ "$debug" = 1 ] || echo "; host checks meanwhile")"
	for k in $kernels; do
		for s in "${!shard_list[@]}"; do
			[ -n "${shard_list[s]}" ] || continue
			# shellcheck disable=SC2086 # a list of test names
			run_suite "$k" "$s" ${shard_list[s]} &
		done
	done
	if [ "$debug" = 1 ]; then
		leak_control &
	else
		host_checks
	fi
	wait
	for k in $kernels; do
		for s in "${!shard_list[@]}"; do
			[ -z "${shard_list[s]}" ] || tally "$k" "$s"
		done
	done
	phase_done
else
	if [ "$debug" = 0 ]; then
		phase "host checks"
		host_checks
		phase_done
	else
		phase "the debug check's positive control"
		leak_control
		phase_done
	fi
	for k in $kernels; do
		for s in "${!shard_list[@]}"; do
			[ -n "${shard_list[s]}" ] || continue
			phase "selftests in a $k VM (${kver[$k]}): ${shard_list[s]}"
			# shellcheck disable=SC2086 # a list of test names
			run_suite "$k" "$s" ${shard_list[s]}
			tally "$k" "$s"
			phase_done
		done
	done
fi

# --- Summary ----------------------------------------------------------------
passed=$(grep -c '^PASS' "$results" || true)
failed=$(grep -c '^FAIL' "$results" || true)
skipped=$(grep -c '^SKIP' "$results" || true)
echo "== total $((SECONDS - t_all)) s; logs in $logs"
if [ "$failed" -gt 0 ]; then
	echo "Failed:"
	grep '^FAIL' "$results" | cut -f2 | sed 's/^/  /'
fi
summary="$passed passed, $failed failed"
[ "$skipped" = 0 ] || summary+=", $skipped skipped"
echo "$summary"
[ "$failed" = 0 ]
