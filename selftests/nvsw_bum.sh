#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Broadcast, unknown unicast and multicast (BUM), per VSID: dropped by
# default, or replicated, rate-limited, to every VM of the VSID.
#
#   hv1 (PA 192.0.2.1)        hv2 (PA 192.0.2.2)        hv3 (PA 192.0.2.3)
#   red1  10.0.0.1 5001       red2  10.0.0.2 5001       red4  10.0.0.4 5001
#   red3  10.0.0.3 5001       blue2 10.0.0.2 6001
#   blue1 10.0.0.1 6001       dhcpc (10.1.0.50) 7001
#   dhcps 10.1.0.1 7001
#        \___ sw0 ___ ul0 ======== underlay bridge ======== ul0 ___ sw0 ___/
#
# Red (5001) broadcasts: in drop mode nobody hears it; in replicate mode
# every other Red VM hears it exactly once, the underlay carries one NVGRE
# copy per remote host, and Blue never hears it. A broadcast storm is cut
# to the VSID's rate. VSID 7001 runs its own DHCP server (busybox udhcpd)
# on hv1; a VM on hv2 that starts with no address gets its planned one.
set -e
source "$(dirname "$(readlink -f "$0")")/lib.sh"

RED=5001
BLUE=6001
DHCP=7001

nvsw_begin 7

underlay_create
hv_create hv1 192.0.2.1
hv_create hv2 192.0.2.2
hv_create hv3 192.0.2.3
vm_create hv1 red1 $RED 10.0.0.1 02:00:00:00:50:01
vm_create hv2 red2 $RED 10.0.0.2 02:00:00:00:50:02
vm_create hv1 red3 $RED 10.0.0.3 02:00:00:00:50:03
vm_create hv3 red4 $RED 10.0.0.4 02:00:00:00:50:04
vm_create hv1 blue1 $BLUE 10.0.0.1 02:00:00:00:60:01
vm_create hv2 blue2 $BLUE 10.0.0.2 02:00:00:00:60:02
vm_create hv1 dhcps $DHCP 10.1.0.1 02:00:00:00:70:01
# The DHCP client's record carries the address its server will hand out,
# as HNV's policy would; the VM itself starts with none.
vm_create hv2 dhcpc $DHCP 10.1.0.50 02:00:00:00:70:50
nq dhcpc ip addr flush dev eth0
# Every host learns every record, in one batch per host.
for hv in hv1 hv2 hv3; do
	for vm in "${!VM_HV[@]}"; do
		echo "record add sw0 vsid ${VM_VSID[$vm]} ca ${VM_CA[$vm]} mac ${VM_MAC[$vm]} pa ${HV_PA[${VM_HV[$vm]}]}"
	done | nq $hv nvswitchctl -b -
done

# bum_set MODE [RATE]: Red's mode (and rate) on every host.
bum_set() {
	local hv
	for hv in hv1 hv2 hv3; do
		ctl $hv vsid set sw0 vsid $RED bum "$1" ${2:+rate "$2"}
	done
}

# port_tx: what every port of every host delivered to its VM so far, as
# "port=frames" lines (counters: under emulation, one tcpdump per VM costs
# more than the whole scenario).
port_tx() {
	local hv
	for hv in hv1 hv2 hv3; do
		nvswitchctl -n "$(ns $hv)" -j port show sw0 stats | json_flat |
			awk -F'[.=]' '$2 == "dev" { dev[$1] = $3 }
				$2 == "stats" && $3 == "tx_packets" { tx[$1] = $4 }
				END { for (i in dev) print dev[i] "=" tx[i] }'
	done | sort
}

# watch_start ID ... watch_stop ID: the ports' counters, and a capture of
# the NVGRE leaving hv1.
watch_start() {
	port_tx >"$NVSW_TMP/$1.ports"
	cap_start "$1-wire" hv1 ul0 ip proto 47 and src 192.0.2.1
}

watch_stop() {
	cap_stop "$1-wire"
	port_tx | awk -F= 'NR == FNR { old[$1] = $2; next } { print $1 "=" $2 - old[$1] }' \
		"$NVSW_TMP/$1.ports" - >"$NVSW_TMP/$1.heard"
}

# heard ID WANT: each Red VM but the sender got WANT frames, no other VM
# any.
heard() {
	local got want="" vm
	got=$(paste -sd' ' "$NVSW_TMP/$1.heard")
	for vm in blue1 blue2 dhcpc dhcps red1 red2 red3 red4; do
		case $vm in
		red1|blue*|dhcp*) want+=" p-$vm=0" ;;
		*) want+=" p-$vm=$2" ;;
		esac
	done
	check_eq "frames delivered to each VM" "$got" "${want# }"
}

# wire ID WANT: WANT NVGRE copies from hv1 to each of hv2 and hv3.
wire() {
	check_eq "NVGRE to hv2" "$(cap_count "$1-wire" dst 192.0.2.2)" "$2"
	check_eq "NVGRE to hv3" "$(cap_count "$1-wire" dst 192.0.2.3)" "$2"
	check_eq "NVGRE to others" "$(cap_count "$1-wire" not dst 192.0.2.2 and not dst 192.0.2.3)" 0
}

settings() {
	local mon out=$NVSW_TMP/settings.mon
	nq hv1 nvswitchctl monitor config >"$out" 2>&1 &
	mon=$!
	sleep 0.5
	# Before any port, and after the last one: the setting is the VSID's.
	ctl hv1 vsid set sw0 vsid 9001 bum replicate rate 50
	check_eq "9001 mode" "$(ctl hv1 -j vsid show sw0 vsid 9001 | json_get bum)" replicate
	check_eq "9001 rate" "$(ctl hv1 -j vsid show sw0 vsid 9001 | json_get rate)" 50
	check_eq "9001 ports" "$(ctl hv1 -j vsid show sw0 vsid 9001 | json_get ports)" 0
	nq hv1 ip link add p-tmp type veth peer name p-tmp-peer
	ctl hv1 port add sw0 dev p-tmp vsid 9001
	check_eq "9001 ports" "$(ctl hv1 -j vsid show sw0 vsid 9001 | json_get ports)" 1
	ctl hv1 port del sw0 dev p-tmp
	nq hv1 ip link del p-tmp
	check_eq "9001 kept" "$(ctl hv1 -j vsid show sw0 vsid 9001 | json_get rate)" 50
	ctl hv1 vsid set sw0 vsid 9001 bum drop
	check_eq "9001 rate stays" "$(ctl hv1 -j vsid show sw0 vsid 9001 | json_get rate)" 50
	# Back to the default: no longer listed.
	ctl hv1 vsid set sw0 vsid 9001 rate 1000
	check_eq "9001 listed" "$(ctl hv1 -j vsid show sw0 vsid 9001 | json_len)" 0
	# Every change announced, as the whole setting.
	kill "$mon"
	wait "$mon" 2>/dev/null || true
	check_eq "VSID_SET notifications" "$(grep '^\[vsid\]' "$out" | paste -sd'|')" \
		"[vsid] set sw0 vsid 9001 bum replicate rate 50|[vsid] set sw0 vsid 9001 bum drop rate 50|[vsid] set sw0 vsid 9001 bum drop rate 1000"
	# Red's default, with ports.
	check_eq "Red mode" "$(ctl hv1 -j vsid show sw0 vsid $RED | json_get bum)" drop
	check_eq "Red rate" "$(ctl hv1 -j vsid show sw0 vsid $RED | json_get rate)" 1000
	# The kernel's policy, named by the CLI's own words, with its range.
	expect_fail 1 'invalid "rate": integer out of range, must be 1-1000000' \
		env NVSWITCHCTL_NO_CHECK=1 nvswitchctl -n "$(ns hv1)" vsid set sw0 vsid $RED rate 0
	expect_fail 1 'invalid "vsid": integer out of range, must be 4096-16777214' \
		env NVSWITCHCTL_NO_CHECK=1 nvswitchctl -n "$(ns hv1)" vsid set sw0 vsid 1 bum drop
	check_kernel_log
}

drop_mode() {
	local before=$NVSW_TMP/drop.before moved
	stats_save hv1 "$before"
	watch_start drop
	# -W 1: nobody answers, and ping would linger 10 s for a reply.
	n red1 ping -q -b -c 3 -i 0.2 -W 1 10.0.0.255 >/dev/null 2>&1 || true
	watch_stop drop
	heard drop 0
	wire drop 0
	moved=$(stats_delta hv1 "$before")
	echo "# hv1: $moved"
	[[ $moved =~ drops.broadcast=3( |$) ]]
	[[ $moved != *flooded* ]]
	check_kernel_log
}

broadcast_replicated() {
	local before=$NVSW_TMP/bc.before moved
	bum_set replicate
	check_eq "Red mode" "$(ctl hv2 -j vsid show sw0 vsid $RED | json_get bum)" replicate
	stats_save hv1 "$before"
	watch_start bc
	# -W 1: VMs ignore broadcast echoes, and ping would linger 10 s.
	n red1 ping -q -b -c 3 -i 0.2 -W 1 10.0.0.255 >/dev/null 2>&1 || true
	watch_stop bc
	heard bc 3
	wire bc 3
	moved=$(stats_delta hv1 "$before")
	echo "# hv1: $moved"
	[[ $moved =~ flooded_packets=3( |$) ]]
	[[ $moved =~ (^| )tx_packets=6( |$) ]]
	[[ $moved != *drops* ]]
	check_kernel_log
}

unknown_unicast_replicated() {
	# A MAC no record knows, reached through a static neighbour.
	nq red1 ip neigh replace 10.0.0.99 lladdr 02:00:00:00:99:99 dev eth0
	watch_start uu
	n red1 ping -q -c 3 -i 0.2 -W 1 10.0.0.99 >/dev/null 2>&1 || true
	watch_stop uu
	heard uu 3
	wire uu 3
	check_kernel_log
}

storm_capped() {
	local before=$NVSW_TMP/storm.before moved t0 t1 ms flooded limited max copies
	# Slow enough that a VM under emulation outruns it.
	local rate=5 sent=100
	bum_set replicate $rate
	stats_save hv1 "$before"
	cap_start storm-wire hv1 ul0 ip proto 47 and src 192.0.2.1
	t0=$(date +%s%N)
	# -W 1: nobody answers, and ping would linger 10 s for the last reply.
	n red1 ping -q -b -c $sent -i 0.002 -W 1 10.0.0.255 >/dev/null 2>&1 || true
	t1=$(date +%s%N)
	cap_stop storm-wire
	ms=$(((t1 - t0) / 1000000))
	moved=$(stats_delta hv1 "$before")
	echo "# hv1 after $sent broadcasts in $ms ms at $rate/s: $moved"
	[[ $moved =~ flooded_packets=([0-9]+) ]] && flooded=${BASH_REMATCH[1]}
	[[ $moved =~ drops.bum_limited=([0-9]+) ]] && limited=${BASH_REMATCH[1]}
	check_eq "flooded + limited" "$((flooded + limited))" $sent
	# The bucket: rate x time plus a burst of 10 (the minimum); the time
	# measured includes starting ping, so it is more.
	max=$((rate * ms / 1000 + 10 + 1))
	((flooded <= max)) || { echo "# $flooded flooded, at most $max"; return 1; }
	((limited > 0))
	copies=$(cap_count storm-wire)
	check_eq "NVGRE copies on the wire" "$copies" $((2 * flooded))
	bum_set replicate 1000
	check_kernel_log
}

dhcp() {
	local hv
	for hv in hv1 hv2; do
		ctl $hv vsid set sw0 vsid $DHCP bum replicate
	done
	dhcp_server dhcps 10.1.0.50
	n dhcpc timeout 60 busybox udhcpc -i eth0 -f -n -q -t 5 -T 3 -s "$NVSW_TMP/udhcpc.script" \
		>"$NVSW_TMP/udhcpc.log" 2>&1 || { sed 's/^/# udhcpc: /' "$NVSW_TMP/udhcpc.log"; return 1; }
	check_eq "dhcpc address" \
		"$(nq dhcpc ip -j -4 addr show dev eth0 | json_get local)" 10.1.0.50
	ping_ok dhcpc 10.1.0.1
	check_kernel_log
}

# A switch with replicating VSIDs and flood sets goes with its netns, or
# on its own.
teardown() {
	ip netns del "$(ns hv3)"
	ctl hv1 switch del sw0
	check_kernel_log
}

run_test "BUM settings exist without ports and are checked" settings
run_test "drop mode: a broadcast reaches nobody, counted as broadcast" drop_mode
run_test "replicate: a broadcast reaches each Red VM once, one NVGRE per host" broadcast_replicated
run_test "replicate: unknown unicast is replicated too" unknown_unicast_replicated
run_test "a broadcast storm is capped at the VSID's rate" storm_capped
run_test "DHCP from the tenant's own server on another host" dhcp
run_test "the hosts' switches delete with BUM state in place" teardown

nvsw_finish
