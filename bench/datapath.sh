#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# datapath.sh [6.1|6.12]...: the datapath benchmark, nvswitch against
# gretap, vxlan and a plain bridged veth, side by side in one VM run per
# kernel (one VM after the other).  See Documentation/performance.rst.
#
# Environment:
#   BENCH_ROUNDS=N       measured rounds after the warm-up (default 7)
#   BENCH_SECONDS=S      seconds per measurement (default 4)
#   BENCH_RECORDS=N      records of the big-table variant (default 100000)
#   BENCH_CANDIDATES     the subset to run (default "nvswitch nv100k gretap
#                        vxlan veth"); also "nv100v", a host with 100
#                        VSIDs of 10 VMs each, and "rt1 rt4k", routing
#                        with 1 and 4000 customer routes
#   BENCH_CLOCK=icount   (default) the VM's clock counts emulated instructions:
#                        a rate is a cost in instructions, whatever else the
#                        host runs; one CPU.  BENCH_CLOCK=wall: the host's
#                        clock and two CPUs, as on KVM or bare metal
#   BENCH_PERF=1         after the rounds, profile nvswitch and gretap (pps,
#                        tcp and tcp_gro) with perf record -g -e cpu-clock;
#                        reports in the VM's results folder
#   NVSWITCH_VM_TIMEOUT  seconds for each VM (default 5400)
#
# Raw figures: .cache/bench/datapath-KERNEL-DATE.csv (and
# datapath-KERNEL-latest.csv); the table next to them (.txt).
set -euo pipefail

src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
results=$src/.cache/bench
[ $# -gt 0 ] || set -- 6.12 6.1

export NVSWITCH_BENCH_ROUNDS=${BENCH_ROUNDS:-7}
export NVSWITCH_BENCH_SECONDS=${BENCH_SECONDS:-4}
export NVSWITCH_BENCH_RECORDS=${BENCH_RECORDS:-100000}
export NVSWITCH_BENCH_PERF=${BENCH_PERF:-0}
export NVSWITCH_VM_CLOCK=${BENCH_CLOCK:-icount}
case $NVSWITCH_VM_CLOCK in
icount) clock_desc="icount clock (guest time = emulated instructions x 16 ns), 1 CPU" ;;
wall) clock_desc="host wall clock, 2 CPUs" ;;
*) echo "bench: BENCH_CLOCK must be icount or wall" >&2; exit 2 ;;
esac
if [ -n "${BENCH_CANDIDATES:-}" ]; then
	export NVSWITCH_BENCH_CANDIDATES=$BENCH_CANDIDATES
fi
export NVSWITCH_VM_TIMEOUT=${NVSWITCH_VM_TIMEOUT:-5400}

mkdir -p "$results"
rc=0
for kernel in "$@"; do
	stamp=$(date +%Y%m%d-%H%M%S)
	vmout=$src/.cache/vm-runs/bench-datapath-$stamp-$kernel
	csv=$results/datapath-$kernel-$stamp.csv
	echo "bench: kernel $kernel, $NVSWITCH_BENCH_ROUNDS rounds of ${NVSWITCH_BENCH_SECONDS}s after a warm-up, $clock_desc" >&2
	if ! "$src/tools/nvswitch-vm" --kernel "$kernel" --out "$vmout" -- "$src/bench/datapath-vm.sh"; then
		echo "bench: the $kernel VM failed; its output: $vmout" >&2
		rc=1
		[ -s "$vmout/datapath.csv" ] || continue
	fi
	cp "$vmout/datapath.csv" "$csv"
	ln -sf "$(basename "$csv")" "$results/datapath-$kernel-latest.csv"
	{
		echo "# kernel $(awk -F, 'NR == 2 { print $1; exit }' "$csv"), $(nproc) host cores," \
			"QEMU TCG, $clock_desc, $NVSWITCH_BENCH_ROUNDS rounds of ${NVSWITCH_BENCH_SECONDS}s"
		echo "# source: $(git -C "$src" describe --always --dirty 2>/dev/null || echo "not a git checkout")"
		"$src/bench/datapath-table.awk" "$csv"
	} | tee "${csv%.csv}.txt"
	echo "bench: raw figures in $csv" >&2
	[ "$NVSWITCH_BENCH_PERF" != 1 ] || echo "bench: profiles in $vmout/perf-*.txt" >&2
done
exit $rc
