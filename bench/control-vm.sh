#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The control-plane benchmark, inside the VM (bench/control.sh boots it).
#
# For each size N and each run, in a random order of the two:
#   nvswitch  nvswitchctl -b with N "record add" lines, a dump (plain and
#             -j), a flush ("record flush", or -b with "record del" lines when
#             the CLI has no flush yet);
#   vxlan     bridge -batch with N "fdb add" lines on an external vxlan
#             device, a dump, bridge -batch with N "fdb del" lines.
# Each command is timed alone (date +%s.%N around it); kernel memory is
# /proc/meminfo before and after the install.  Raw figures go, one per line,
# to $NVSWITCH_VM_OUT/control.csv:
#   kernel,size,run,impl,metric,value
# metric: empty_s (an empty batch: the tool's start-up), add_s, show_s,
# show_json_s, del_s (wall seconds, or "timeout"),
# add_cpu_s, show_cpu_s, del_cpu_s (the tool's user + system CPU time),
# slab_kb, vmalloc_kb, percpu_kb (deltas), objsize, objects (the record
# cache, nvswitch only), del_method.
set -euo pipefail

out=${NVSWITCH_VM_OUT:?run me through bench/control.sh}
sizes=${NVSWITCH_BENCH_SIZES:-10000 100000 1000000}
runs=${NVSWITCH_BENCH_RUNS:-3}
# Every command is bounded: a phase that takes longer is recorded as such.
phase_timeout=${NVSWITCH_BENCH_PHASE_TIMEOUT:-900}
# 1: the install phases run under perf record (system-wide, call graphs),
# reports in $NVSWITCH_VM_OUT/perf-IMPL-N.txt; the timings then include perf.
profile=${NVSWITCH_BENCH_PERF:-0}
kernel=$(uname -r)
work=/tmp/bench
csv=$out/control.csv

mkdir -p "$work"
echo "kernel,size,run,impl,metric,value" >"$csv"

log() {
	echo "bench: $*" >&2
}

# record SIZE RUN IMPL METRIC VALUE
record() {
	local IFS=,
	echo "$kernel,$*" >>"$csv"
}

# cpu_seconds FILE: the children's user + system time in the output of
# "times" (run in this shell, not in $(...), whose subshell has no children).
cpu_seconds() {
	awk 'NR == 2 {
		split($1, u, /[ms]/); split($2, s, /[ms]/)
		printf "%.3f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$1"
}

# timed VAR CMD...: VAR gets CMD's wall time in seconds, or "timeout", and
# VAR_cpu its CPU time: other VMs on the host stretch wall time a lot more.
timed() {
	local var=$1 t0 t1 rc=0
	shift
	t0=$(date +%s.%N)
	times >"$work/times0"
	timeout "$phase_timeout" "$@" || rc=$?
	times >"$work/times1"
	t1=$(date +%s.%N)
	printf -v "${var}_cpu" %s "$(awk -v a="$(cpu_seconds "$work/times0")" \
		-v b="$(cpu_seconds "$work/times1")" 'BEGIN { printf "%.3f", b - a }')"
	if [ "$rc" = 124 ]; then
		printf -v "$var" timeout
		return 0
	fi
	if [ "$rc" != 0 ]; then
		log "failed ($rc): $*"
		return "$rc"
	fi
	printf -v "$var" %s "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')"
}

# perf_prefix IMPL: the words that put a command under perf when profiling.
perf_prefix() {
	[ "$profile" != 1 ] || echo perf record -q -e cpu-clock -F 250 -g -a -o "/tmp/perf-$1.data" --
}

# perf_report IMPL N: what the install phase spent its time on: by
# process and object, by symbol (self), by symbol with callees (children).
perf_report() {
	local data=/tmp/perf-$1.data base=$out/perf-$1-$2
	[ "$profile" = 1 ] || return 0
	perf report -i "$data" --stdio --no-children --sort comm,dso -g none \
		>"$base-dso.txt" 2>/dev/null
	perf report -i "$data" --stdio --no-children --sort sym -g none \
		--percent-limit 0.3 >"$base.txt" 2>/dev/null
	perf report -i "$data" --stdio --children --sort sym -g none \
		--percent-limit 1 >"$base-children.txt" 2>/dev/null
	rm -f "$data"
}

meminfo() {
	awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo
}

# SLAB_MERGE_DEFAULT=y: nvsw_record may share a cache with same-sized
# objects, and then only /sys/kernel/slab/nvsw_record says how big it is.
record_cache() {
	local line
	line=$(awk '$1 == "nvsw_record" { print $4, $2 }' /proc/slabinfo)
	if [ -n "$line" ]; then
		echo "$line"
	elif [ -e /sys/kernel/slab/nvsw_record ]; then
		echo "$(cat /sys/kernel/slab/nvsw_record/object_size)" \
			"merged:$(basename "$(readlink -f /sys/kernel/slab/nvsw_record)")"
	else
		echo "? ?"
	fi
}

# Frees go through call_rcu: let them land before the next measurement.
settle() {
	sleep 2
}

# gen SIZE: the input files.  Record i: VSID 5000 + i % 4, CA 10.x.y.z
# from i (unique), MAC 02:00 + i (unique, so the vxlan FDB, keyed by MAC on
# an external device, holds N entries too), PA one of 300.
gen() {
	awk -v n="$1" -v dir="$work" 'BEGIN {
		for (i = 0; i < n; i++) {
			vsid = 5000 + i % 4
			ca = sprintf("10.%d.%d.%d", int(i / 65536) % 256, int(i / 256) % 256, i % 256)
			mac = sprintf("02:00:%02x:%02x:%02x:%02x", int(i / 16777216) % 256,
				      int(i / 65536) % 256, int(i / 256) % 256, i % 256)
			p = i % 300
			pa = sprintf("172.16.%d.%d", int(p / 250), p % 250 + 1)
			printf "record add sw0 vsid %d ca %s mac %s pa %s\n", vsid, ca, mac, pa > dir "/nvsw-add"
			printf "record del sw0 vsid %d ca %s\n", vsid, ca > dir "/nvsw-del"
			printf "fdb add %s dev vxlan0 dst %s vni %d\n", mac, pa, vsid > dir "/vxlan-add"
			printf "fdb del %s dev vxlan0\n", mac > dir "/vxlan-del"
		}
	}'
}

nvsw_count() {
	nvswitchctl -j switch show sw0 | python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["records"])'
}

vxlan_count() {
	bridge fdb show dev vxlan0 | grep -c ' dst ' || true
}

if nvswitchctl record help 2>&1 | grep -qw flush; then
	del_method=flush
else
	del_method=batch-del
	log "nvswitchctl has no 'record flush': deleting with -b and 'record del' lines"
fi

bench_nvswitch() {
	local n=$1 run=$2 s0 v0 p0 empty add show showj del
	# shellcheck disable=SC2034 # timed sets them all, not all are recorded
	local empty_cpu add_cpu show_cpu showj_cpu del_cpu
	local -a cache

	# What any batch costs before its first line: starting the tool.
	timed empty nvswitchctl -b /dev/null
	record "$n" "$run" nvswitch empty_s "$empty"
	s0=$(meminfo Slab) v0=$(meminfo VmallocUsed) p0=$(meminfo Percpu)
	# shellcheck disable=SC2046 # the prefix is words or nothing
	timed add $(perf_prefix nvswitch) nvswitchctl -b "$work/nvsw-add"
	perf_report nvswitch "$n"
	# A grown rhashtable frees its old bucket array after a grace period.
	settle
	record "$n" "$run" nvswitch slab_kb $(($(meminfo Slab) - s0))
	record "$n" "$run" nvswitch vmalloc_kb $(($(meminfo VmallocUsed) - v0))
	record "$n" "$run" nvswitch percpu_kb $(($(meminfo Percpu) - p0))
	read -ra cache < <(record_cache)
	record "$n" "$run" nvswitch objsize "${cache[0]}"
	record "$n" "$run" nvswitch objects "${cache[1]}"
	record "$n" "$run" nvswitch add_s "$add"
	record "$n" "$run" nvswitch add_cpu_s "$add_cpu"
	[ "$add" = timeout ] || [ "$(nvsw_count)" = "$n" ] || {
		log "nvswitch holds $(nvsw_count) records, not $n"
		return 1
	}

	timed show nvswitchctl record show sw0 >/dev/null
	record "$n" "$run" nvswitch show_s "$show"
	record "$n" "$run" nvswitch show_cpu_s "$show_cpu"
	timed showj nvswitchctl -j record show sw0 >/dev/null
	record "$n" "$run" nvswitch show_json_s "$showj"

	if [ "$del_method" = flush ]; then
		timed del nvswitchctl record flush sw0 >/dev/null
	else
		timed del nvswitchctl -b "$work/nvsw-del"
	fi
	record "$n" "$run" nvswitch del_s "$del"
	record "$n" "$run" nvswitch del_cpu_s "$del_cpu"
	record "$n" "$run" nvswitch del_method "$del_method"
	# Whatever a timeout left behind must not count against the next run.
	[ "$(nvsw_count)" = 0 ] || nvswitchctl record flush sw0 >/dev/null 2>&1 ||
		nvswitchctl -b "$work/nvsw-del" 2>/dev/null || true
	settle
}

bench_vxlan() {
	local n=$1 run=$2 s0 v0 p0 empty add show del
	# shellcheck disable=SC2034 # timed sets them all, not all are recorded
	local empty_cpu add_cpu show_cpu del_cpu

	timed empty bridge -batch /dev/null
	record "$n" "$run" vxlan empty_s "$empty"
	s0=$(meminfo Slab) v0=$(meminfo VmallocUsed) p0=$(meminfo Percpu)
	# shellcheck disable=SC2046 # the prefix is words or nothing
	timed add $(perf_prefix vxlan) bridge -batch "$work/vxlan-add"
	perf_report vxlan "$n"
	settle
	record "$n" "$run" vxlan slab_kb $(($(meminfo Slab) - s0))
	record "$n" "$run" vxlan vmalloc_kb $(($(meminfo VmallocUsed) - v0))
	record "$n" "$run" vxlan percpu_kb $(($(meminfo Percpu) - p0))
	record "$n" "$run" vxlan add_s "$add"
	record "$n" "$run" vxlan add_cpu_s "$add_cpu"
	[ "$add" = timeout ] || [ "$(vxlan_count)" = "$n" ] || {
		log "vxlan0 holds $(vxlan_count) FDB entries, not $n"
		return 1
	}

	timed show bridge fdb show dev vxlan0 >/dev/null
	record "$n" "$run" vxlan show_s "$show"
	record "$n" "$run" vxlan show_cpu_s "$show_cpu"
	timed del bridge -batch "$work/vxlan-del"
	record "$n" "$run" vxlan del_s "$del"
	record "$n" "$run" vxlan del_cpu_s "$del_cpu"
	record "$n" "$run" vxlan del_method batch-del
	# Recreating the device is the quick way out after a timeout.
	if [ "$del" = timeout ]; then
		ip link del vxlan0
		ip link add vxlan0 type vxlan external dstport 4789
	fi
	settle
}

modprobe nvswitch
modprobe vxlan
ip link set lo up
nvswitchctl switch add sw0
ip link set sw0 up
# external (collect_md): every FDB entry carries its own VNI and remote.
ip link add vxlan0 type vxlan external dstport 4789
ip link set vxlan0 up

for n in $sizes; do
	log "N=$n: generating"
	gen "$n"
	for run in $(seq 1 "$runs"); do
		if ((RANDOM % 2)); then order="nvswitch vxlan"; else order="vxlan nvswitch"; fi
		for impl in $order; do
			log "N=$n run $run/$runs: $impl"
			"bench_$impl" "$n" "$run"
		done
		record "$n" "$run" - order "${order/ /-}"
	done
	rm -f "$work"/nvsw-* "$work"/vxlan-*
done
log "done"
