#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Stress (make stress, Documentation/reliability.rst): configuration churn
# while tenants talk, for NVSWITCH_STRESS_MINUTES (default 10; or
# NVSWITCH_STRESS_SECONDS).
#
#   hv1 192.0.2.1                          hv2 192.0.2.2
#     red1  10.0.0.1 VSID 5001  (steady)     red2  10.0.0.2 VSID 5001
#     blue1 10.0.0.1 VSID 6001  (steady)     blue2 10.0.0.2 VSID 6001
#     ch1   10.0.0.1 VSID 7001+ (chaos)      ch2   10.0.0.2 VSID 7001+
#
# Four workers, two per hypervisor, each a loop of nvswitchctl batches of
# random operations on the chaos VSIDs 7001-7004 only: records
# (IPv4 and IPv6, added, replaced, changed, deleted, flushed), ports
# (ch1/ch2's, moved between chaos VSIDs; internal ports created and
# deleted), extra PAs, vsubnets, routes and VSID settings (broadcast
# replicated or dropped, at random rates).  Meanwhile ch1 and ch2 send
# broadcasts and pings into whatever VSID their port is in, and red and
# blue ping across the hosts.  Every customer uses the same addresses.
#
# Throughout: every 10 s each steady tenant's ping loses at most a few
# requests; no VM of a steady tenant ever receives a frame from a MAC of
# another tenant; no worker's nvswitchctl crashes or hangs.  Afterwards
# the steady tenants still deliver, the module unloads and the kernel log
# is clean (nvsw_finish).
set -e
source "$(dirname "$(readlink -f "$0")")/lib.sh"

SECS=${NVSWITCH_STRESS_SECONDS:-$((${NVSWITCH_STRESS_MINUTES:-10} * 60))}
SEED=${NVSWITCH_STRESS_SEED:-$(date +%s)}
WORKERS=${NVSWITCH_STRESS_WORKERS:-2}	# per hypervisor
# Per interval: pings sent per steady tenant, and how many may go missing
# (a TCG vCPU also runs four busy workers).
PINGS=50
MAX_LOST=5

nvsw_begin 4

underlay_create
hv_create hv1 192.0.2.1
hv_create hv2 192.0.2.2
vm_create hv1 red1 5001 10.0.0.1 02:00:00:00:50:01
vm_create hv2 red2 5001 10.0.0.2 02:00:00:00:50:02
vm_create hv1 blue1 6001 10.0.0.1 02:00:00:00:60:01
vm_create hv2 blue2 6001 10.0.0.2 02:00:00:00:60:02
records_push
vm_create hv1 ch1 7001 10.0.0.1 02:00:00:00:70:01
vm_create hv2 ch2 7001 10.0.0.2 02:00:00:00:70:02

# The MACs each steady VM may hear from: its tenant's (the switch answers
# ARP with the record's MAC).
declare -A ALLOWED=(
	[red1]="02:00:00:00:50:02" [red2]="02:00:00:00:50:01"
	[blue1]="02:00:00:00:60:02" [blue2]="02:00:00:00:60:01"
)

# op HV: one random configuration line on the chaos VSIDs of HV's switch.
op() {
	local hv=$1 v=$((7001 + RANDOM % 4)) y=$((1 + RANDOM % 8)) pa
	local port=p-ch${hv#hv} mac
	mac=$(printf '02:00:00:00:7%d:%02x' $((v - 7000)) $y)
	pa=192.0.2.$((1 + RANDOM % 2))
	[ $((RANDOM % 4)) != 0 ] || pa=192.0.2.$((100 + RANDOM % 4))
	case $((RANDOM % 20)) in
	0 | 1 | 2) echo "record add sw0 vsid $v ca 10.0.0.$y mac $mac pa $pa" ;;
	3 | 4) echo "record replace sw0 vsid $v ca 10.0.0.$y mac $mac pa $pa" ;;
	5) echo "record change sw0 vsid $v ca 2001:db8::$y mac $mac pa $pa" ;;
	6) echo "record replace sw0 vsid $v ca 2001:db8::$y mac $mac pa 2001:db8:ff::$y" ;;
	7 | 8) echo "record del sw0 vsid $v ca 10.0.0.$y" ;;
	9) echo "record flush sw0 vsid $v" ;;
	10) echo "port del sw0 dev $port"
	    echo "port add sw0 dev $port vsid $v" ;;
	11) echo "port add sw0 internal chi$y vsid $v" ;;
	12) echo "port del sw0 dev chi$y" ;;
	13) echo "pa add sw0 192.0.2.$((100 + RANDOM % 4))" ;;
	14) echo "pa del sw0 192.0.2.$((100 + RANDOM % 4))" ;;
	15) echo "vsubnet add sw0 vsid $v rdid $((70 + RANDOM % 2)) prefix 10.$((v - 7000)).$y.0/24" ;;
	16) echo "vsubnet del sw0 vsid $v" ;;
	17) echo "route add sw0 rdid $((70 + RANDOM % 2)) prefix 10.99.$y.0/24 nexthop 10.$((v - 7000)).$y.$y metric $((RANDOM % 3))" ;;
	18) echo "route del sw0 rdid $((70 + RANDOM % 2)) prefix 10.99.$y.0/24 nexthop 10.$((v - 7000)).$y.$y" ;;
	*) if ((RANDOM % 2)); then
		echo "vsid set sw0 vsid $v bum replicate rate $((1 + RANDOM % 2000))"
	   else
		echo "vsid set sw0 vsid $v bum drop"
	   fi ;;
	esac
}

# worker HV ID END: batches of 5-25 lines until END (in $SECONDS); the
# number of lines run, and any batch that crashed or hung, in its files.
worker() {
	local hv=$1 id=$2 end=$3 lines=0 batch=$NVSW_TMP/batch.$2 i n rc
	RANDOM=$((SEED + id))
	: >"$NVSW_TMP/worker.$id.bad"
	while ((SECONDS < end)); do
		n=$((5 + RANDOM % 21))
		for ((i = 0; i < n; i++)); do
			op "$hv"
		done >"$batch"
		rc=0
		timeout 60 nvswitchctl -n "$(ns "$hv")" -force -b "$batch" >/dev/null 2>&1 || rc=$?
		# 1: some line was refused (expected: the lines are random).
		if [ "$rc" != 0 ] && [ "$rc" != 1 ]; then
			echo "nvswitchctl batch exited $rc:" >>"$NVSW_TMP/worker.$id.bad"
			cat "$batch" >>"$NVSW_TMP/worker.$id.bad"
		fi
		lines=$((lines + $(wc -l <"$batch")))
	done
	echo "$lines" >"$NVSW_TMP/worker.$id.lines"
}

# Chaos traffic: broadcasts and pings to everyone's address.
nq ch1 ping -q -b -i 0.1 10.0.0.255 >/dev/null 2>&1 &
nq ch2 ping -q -i 0.1 10.0.0.1 >/dev/null 2>&1 &
for vm in red1 red2 blue1 blue2; do
	cap_start "$vm" "$vm" eth0 -Q in
done

# steady_interval: each steady tenant pings across for one interval; the
# replies received, as "red=N blue=N".
steady_interval() {
	nq red1 ping -q -c $PINGS -i 0.2 -W 2 10.0.0.2 >"$NVSW_TMP/red.ping" 2>&1 &
	nq blue2 ping -q -c $PINGS -i 0.2 -W 2 10.0.0.1 >"$NVSW_TMP/blue.ping" 2>&1 || true
	wait $! || true
	echo "red=$(grep -oE '[0-9]+ received' "$NVSW_TMP/red.ping" | cut -d' ' -f1)" \
		"blue=$(grep -oE '[0-9]+ received' "$NVSW_TMP/blue.ping" | cut -d' ' -f1)"
}

churn() {
	local start=$SECONDS end=$((SECONDS + SECS)) id=0 hv w got intervals=0 bad=0
	local lost_red=0 lost_blue=0 r b
	echo "# seed $SEED (NVSWITCH_STRESS_SEED=$SEED repeats the workers' operations), $SECS s"
	for hv in hv1 hv2; do
		for ((w = 0; w < WORKERS; w++)); do
			worker $hv $id $end &
			id=$((id + 1))
		done
	done
	while ((SECONDS < end)); do
		got=$(steady_interval)
		intervals=$((intervals + 1))
		r=${got#red=} r=${r%% *} b=${got##*blue=}
		lost_red=$((lost_red + PINGS - ${r:-0}))
		lost_blue=$((lost_blue + PINGS - ${b:-0}))
		if ((PINGS - ${r:-0} > MAX_LOST || PINGS - ${b:-0} > MAX_LOST)); then
			echo "# interval $intervals ($((SECONDS - end + SECS)) s): $got of $PINGS"
			bad=$((bad + 1))
		fi
	done
	wait
	echo "# $intervals intervals of $PINGS pings in $((SECONDS - start)) s: red lost $lost_red, blue lost $lost_blue"
	echo "# workers ran $(awk '{ n += $1 } END { print n }' "$NVSW_TMP"/worker.*.lines) configuration lines"
	if [ -n "$(cat "$NVSW_TMP"/worker.*.bad)" ]; then
		head -n 40 "$NVSW_TMP"/worker.*.bad | sed 's/^/# /'
		return 1
	fi
	check_eq "intervals with more than $MAX_LOST of $PINGS lost" "$bad" 0
}
run_test "churn on the chaos VSIDs for $SECS s; steady tenants deliver every 10 s" churn

# A steady VM's frames by source MAC, those of other tenants counted.
isolated() {
	local vm foreign rc=0
	for vm in red1 red2 blue1 blue2; do
		cap_stop "$vm"
		foreign=$(cap_read "$vm" | awk '{ print $2 }' | grep -vxF "${ALLOWED[$vm]}" |
			sort | uniq -c | paste -sd' ' || true)
		echo "# $vm received $(cap_count "$vm") frames"
		check_eq "frames at $vm from other tenants' MACs" "$foreign" "" || rc=1
	done
	return $rc
}
run_test "no steady VM received a frame from another tenant" isolated

delivery_after() {
	ping_all red1 10.0.0.2 5
	ping_all blue1 10.0.0.2 5
}
run_test "afterwards, the steady tenants deliver" delivery_after

# The chaos left objects behind: they all go with the switches.
chaos_deleted() {
	nq hv1 ip link del sw0
	nq hv2 ip link del sw0
	check_eq "chi devices left on hv1" "$(nq hv1 ip -o link show | grep -c ' chi' || true)" 0
}
run_test "the switches delete with whatever the chaos left" chaos_deleted

nvsw_finish
