#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The datapath benchmark, inside the VM (bench/datapath.sh boots it).
#
# One topology per candidate, all built up front and alike: two hypervisor
# namespaces (X-ha, X-hb) joined by an underlay veth u0 (192.168.0.1 and .2,
# MTU 1600), each with one "VM" namespace (X-va, X-vb) whose eth0 (10.0.0.1
# and .2, MTU 1500) is a veth into the hypervisor (p0).  What joins p0 to u0
# is the candidate:
#   nvswitch   sw0 with port p0 in VSID 5001, one PA, the two VMs' records
#   nv100k     the same plus 100,000 more records in VSID 5001 (pps only)
#   nv100v     a realistic host (pps only): the same plus 99 more VSIDs,
#              each with one local port and 10 VMs' records (the other 9
#              on ten other hosts), and 8 more records in VSID 5001: 100
#              ports, 100 VSIDs and 1000 records on each hypervisor
#   rt1        nvswitch routing (pps only): the VMs in two subnets of one
#              routing domain, VSID 5001 (10.0.0.0/24) on X-ha and 5002
#              (10.0.1.0/24, X-vb as 10.0.1.2) on X-hb; pktgen sends to
#              198.18.0.1 through the gateway MAC, which a /32 customer
#              route sends to X-vb, inside a /24 and a /16 to it too
#   rt4k       the same plus 4000 more routes (/24s and /32s): per-packet
#              route lookup must cost what it does with one route
#   gretap     a bridge of p0 and a gretap with a fixed key (ip_gre)
#   vxlan      a bridge of p0 and a vxlan (VNI 5001, nolearning) whose only
#              FDB entry is static
#   veth       a bridge of p0 and u0 itself: no tunnel, the ceiling
# The bridges' FDBs and the VMs' neighbour entries are static, so no
# candidate floods or resolves while measured.
#
# Metrics, each for $secs seconds, candidates in a random order per round
# (round 0 is the warm-up and is not counted):
#   pps        pktgen on X-va's eth0 (60-byte frames + FCS = 64 bytes, UDP
#              to 10.0.0.2:9), counted by a tc flower drop rule on X-vb's
#              eth0 ingress: after encap, the underlay and decap
#   pps_tx     what pktgen sent (its own count over its own time)
#   tcp        iperf3 -c, one stream, Mbit/s at the receiver, veth defaults
#   tcp_gro    the same with GRE/UDP-tunnel segmentation off and GRO on, on
#              both ends of u0 (so software GSO and gre/udp GRO run)
#   rr         qperf tcp_lat (1-byte request/response), transactions/s
#
# Raw figures, one per line, to $NVSWITCH_VM_OUT/datapath.csv:
#   kernel,round,candidate,metric,value
set -euo pipefail

out=${NVSWITCH_VM_OUT:?run me through bench/datapath.sh}
rounds=${NVSWITCH_BENCH_ROUNDS:-7}
secs=${NVSWITCH_BENCH_SECONDS:-4}
records=${NVSWITCH_BENCH_RECORDS:-100000}
profile=${NVSWITCH_BENCH_PERF:-0}
candidates=${NVSWITCH_BENCH_CANDIDATES:-nvswitch nv100k gretap vxlan veth}
kernel=$(uname -r)
csv=$out/datapath.csv
work=/tmp/bench
vsid=5001
mac_a=02:00:00:00:00:01
mac_b=02:00:00:00:00:02
gw_mac=02:00:00:00:00:fe

mkdir -p "$work"
echo "kernel,round,candidate,metric,value" >"$csv"

log() {
	echo "bench: $*" >&2
}

# n X-NS CMD...
n() {
	local name=$1
	shift
	ip netns exec "$name" "$@"
}

record() {
	local IFS=,
	echo "$kernel,$*" >>"$csv"
}

# --- Topology

ns_add() {
	ip netns add "$1"
	n "$1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
	ip -n "$1" link set lo up
}

# base X: the four namespaces, the underlay and the VMs' veths.
base() {
	local x=$1 s
	for s in ha hb va vb; do
		ns_add "$x-$s"
	done
	ip -n "$x-ha" link add u0 mtu 1600 type veth peer name u0 netns "$x-hb" mtu 1600
	ip -n "$x-ha" addr add 192.168.0.1/24 dev u0
	ip -n "$x-hb" addr add 192.168.0.2/24 dev u0
	ip -n "$x-ha" link add p0 type veth peer name eth0 netns "$x-va"
	ip -n "$x-hb" link add p0 type veth peer name eth0 netns "$x-vb"
	ip -n "$x-va" link set eth0 address $mac_a
	ip -n "$x-vb" link set eth0 address $mac_b
	ip -n "$x-va" addr add 10.0.0.1/24 dev eth0
	ip -n "$x-vb" addr add 10.0.0.2/24 dev eth0
	ip -n "$x-va" neigh replace 10.0.0.2 lladdr $mac_b dev eth0 nud permanent
	ip -n "$x-vb" neigh replace 10.0.0.1 lladdr $mac_a dev eth0 nud permanent
	for s in ha hb; do
		ip -n "$x-$s" link set u0 up
		ip -n "$x-$s" link set p0 up
	done
	ip -n "$x-va" link set eth0 up
	ip -n "$x-vb" link set eth0 up
	# pps: the receiving VM counts and drops the pktgen flow, nothing else.
	tc -n "$x-vb" qdisc add dev eth0 clsact
	tc -n "$x-vb" filter add dev eth0 ingress protocol ip pref 1 flower \
		ip_proto udp dst_port 9 action drop
	n "$x-vb" iperf3 -s -D -p 5201 >/dev/null
	n "$x-vb" qperf </dev/null >/dev/null 2>&1 &
}

# bridge_up X PORT: bridge br0 of p0 and PORT on both hypervisors, with
# static FDB entries for the two VMs.
bridge_up() {
	local x=$1 port=$2 s near far
	for s in ha hb; do
		if [ $s = ha ]; then near=$mac_a far=$mac_b; else near=$mac_b far=$mac_a; fi
		ip -n "$x-$s" link add br0 type bridge
		ip -n "$x-$s" link set p0 master br0
		ip -n "$x-$s" link set "$port" master br0
		ip -n "$x-$s" link set "$port" up
		ip -n "$x-$s" link set br0 up
		bridge -n "$x-$s" fdb replace $near dev p0 master static
		bridge -n "$x-$s" fdb replace $far dev "$port" master static
	done
}

# nvswitch X: sw0 on both hypervisors, each VM's record on both.
setup_nvswitch() {
	local x=$1 s pa
	for s in ha hb; do
		[ $s = ha ] && pa=192.168.0.1 || pa=192.168.0.2
		n "$x-$s" nvswitchctl -b - <<EOF
switch add sw0
pa add sw0 $pa
port add sw0 dev p0 vsid $vsid
record add sw0 vsid $vsid ca 10.0.0.1 mac $mac_a pa 192.168.0.1
record add sw0 vsid $vsid ca 10.0.0.2 mac $mac_b pa 192.168.0.2
EOF
		ip -n "$x-$s" link set sw0 up
	done
}

setup_nv100k() {
	local x=$1 s
	setup_nvswitch "$x"
	# Unique CAs in 10.128.0.0/9 and MACs, on 300 PAs: the control
	# benchmark's records, in the flow's own VSID.
	awk -v n="$records" -v v=$vsid 'BEGIN {
		for (i = 0; i < n; i++) {
			ca = sprintf("10.%d.%d.%d", 128 + int(i / 65536) % 128, int(i / 256) % 256, i % 256)
			mac = sprintf("02:01:%02x:%02x:%02x:%02x", int(i / 16777216) % 256,
				      int(i / 65536) % 256, int(i / 256) % 256, i % 256)
			p = i % 300
			pa = sprintf("172.16.%d.%d", int(p / 250), p % 250 + 1)
			printf "record add sw0 vsid %d ca %s mac %s pa %s\n", v, ca, mac, pa
		}
	}' >"$work/records"
	log "$x: $records records into $x-ha and $x-hb"
	n "$x-ha" nvswitchctl -b "$work/records" &
	n "$x-hb" nvswitchctl -b "$work/records"
	wait $!
	rm -f "$work/records"
}

setup_nv100v() {
	local x=$1 s
	setup_nvswitch "$x"
	for s in ha hb; do
		# The other VMs' ports: veth pairs left in the hypervisor, up.
		awk 'BEGIN {
			for (v = 2; v <= 100; v++) {
				printf "link add q%d type veth peer name r%d\n", v, v
				printf "link set q%d up\n", v
				printf "link set r%d up\n", v
			}
		}' | ip -n "$x-$s" -b -
		# VSID 5001 + v - 1, VM k: 10.(v).(k).1; VM 0 lives on X-ha and
		# VM 1 on X-hb (where the ports are), VMs 2-9 on 172.16.0.1-10.
		awk -v vsid=$vsid 'BEGIN {
			for (v = 1; v <= 100; v++) {
				if (v > 1)
					printf "port add sw0 dev q%d vsid %d\n", v, vsid + v - 1
				for (k = 0; k < 10; k++) {
					if (v == 1 && k < 2)
						continue	# 10.0.0.1 and .2, the measured pair
					pa = k == 0 ? "192.168.0.1" : k == 1 ? "192.168.0.2" : \
						sprintf("172.16.0.%d", (v + k) % 10 + 1)
					printf "record add sw0 vsid %d ca 10.%d.%d.1 mac 02:02:00:%02x:%02x:01 pa %s\n",
						vsid + v - 1, v, k, v, k, pa
				}
			}
		}' | n "$x-$s" nvswitchctl -b -
	done
}

# routed X ROUTES: rt1 and rt4k, with ROUTES routes besides the three to
# 198.18.0.1. Both hosts have them all: the receiver looks the source up
# the same way (anti-spoofing).
routed() {
	local x=$1 routes=$2 s pa vs
	for s in ha hb; do
		if [ $s = ha ]; then pa=192.168.0.1 vs=5001; else pa=192.168.0.2 vs=5002; fi
		{
			cat <<EOF
switch add sw0
pa add sw0 $pa
port add sw0 dev p0 vsid $vs
record add sw0 vsid 5001 ca 10.0.0.1 mac $mac_a pa 192.168.0.1
record add sw0 vsid 5002 ca 10.0.1.2 mac $mac_b pa 192.168.0.2
vsubnet add sw0 vsid 5001 rdid 1 prefix 10.0.0.0/24
vsubnet add sw0 vsid 5002 rdid 1 prefix 10.0.1.0/24
route add sw0 rdid 1 prefix 198.18.0.0/16 nexthop 10.0.1.2
route add sw0 rdid 1 prefix 198.18.0.0/24 nexthop 10.0.1.2
route add sw0 rdid 1 prefix 198.18.0.1/32 nexthop 10.0.1.2
EOF
			awk -v n="$routes" 'BEGIN {
				for (i = 0; i < n; i++)
					if (i % 2)
						printf "route add sw0 rdid 1 prefix 100.%d.%d.0/24 nexthop 10.0.1.2\n",
							64 + int(i / 256), i % 256
					else
						printf "route add sw0 rdid 1 prefix 100.%d.%d.1/32 nexthop 10.0.1.2\n",
							64 + int(i / 256), i % 256
			}'
		} | n "$x-$s" nvswitchctl -b -
		ip -n "$x-$s" link set sw0 address $gw_mac
		ip -n "$x-$s" link set sw0 up
	done
}

setup_rt1() {
	routed "$1" 0
}

setup_rt4k() {
	routed "$1" 4000
}

setup_gretap() {
	local x=$1 key=$((vsid << 8))
	ip -n "$x-ha" link add gt0 type gretap local 192.168.0.1 remote 192.168.0.2 key $key
	ip -n "$x-hb" link add gt0 type gretap local 192.168.0.2 remote 192.168.0.1 key $key
	bridge_up "$x" gt0
}

setup_vxlan() {
	local x=$1
	ip -n "$x-ha" link add vx0 type vxlan id $vsid local 192.168.0.1 dstport 4789 nolearning
	ip -n "$x-hb" link add vx0 type vxlan id $vsid local 192.168.0.2 dstport 4789 nolearning
	bridge -n "$x-ha" fdb add $mac_b dev vx0 dst 192.168.0.2 self permanent
	bridge -n "$x-hb" fdb add $mac_a dev vx0 dst 192.168.0.1 self permanent
	bridge_up "$x" vx0
}

setup_veth() {
	bridge_up "$1" u0
}

# check X: the VMs reach each other (and warm the path). Nothing answers
# 198.18.0.1: routed candidates are checked by 100 frames of pktgen.
check() {
	local r0
	case $1 in
	rt*)
		r0=$(rx_count "$1")
		pg "$1-va" eth0 "count 100"
		pg "$1-va" pgctrl start
		[ "$(($(rx_count "$1") - r0))" = 100 ] || {
			log "$1: 100 frames to 198.18.0.1 did not all reach X-vb"
			return 1
		}
		return 0
		;;
	esac
	n "$1-va" ping -q -c 2 -i 0.2 -W 2 10.0.0.2 >/dev/null || {
		log "$1: 10.0.0.1 cannot ping 10.0.0.2"
		return 1
	}
}

# --- Measurements

pg() {
	n "$1" sh -c "echo '$3' >/proc/net/pktgen/$2"
}

pg_setup() {
	local v=$1-va c dst=10.0.0.2 dst_mac=$mac_b
	case $1 in rt*) dst=198.18.0.1 dst_mac=$gw_mac ;; esac
	pg "$v" kpktgend_0 rem_device_all
	pg "$v" kpktgend_0 "add_device eth0"
	for c in "pkt_size 60" "clone_skb 0" "delay 0" "dst $dst" \
		"dst_mac $dst_mac" "udp_src_min 9" "udp_src_max 9" "udp_dst_min 9" \
		"udp_dst_max 9"; do
		pg "$v" eth0 "$c"
	done
}

rx_count() {
	tc -n "$1-vb" -s filter show dev eth0 ingress | awk '$1 == "Sent" { print $4; exit }'
}

# pps_count X: how many frames the next pps run sends, for about $secs
# seconds at the candidate's last rate (from the warm-up on).
declare -A pps_rate
pps_count() {
	local c=$(((${pps_rate[$1]:-1000} * secs + 999) / 1000 * 1000))

	# count 0 would never stop.
	echo $((c < 1000 ? 1000 : c))
}

# measure_pps X ROUND [METRIC]: pktgen sends a fixed count and times it
# itself (kernel clock: starting processes under TCG takes seconds); the
# rate is what the receiver counted over pktgen's time.
measure_pps() {
	local x=$1 round=$2 m=${3:-pps} count r0 r1 res usec sent
	count=$(pps_count "$x")
	pg "$x-va" eth0 "count $count"
	r0=$(rx_count "$x")
	pg "$x-va" pgctrl start
	res=$(n "$x-va" cat /proc/net/pktgen/eth0)
	r1=$(rx_count "$x")
	usec=$(awk '$1 == "Result:" && $2 == "OK:" { sub(/\(.*/, "", $3); print $3 }' <<<"$res")
	sent=$(awk '$1 == "Result:" && $2 == "OK:" { print $5 }' <<<"$res")
	if [ -z "$usec" ] || [ "$usec" = 0 ]; then
		log "$x: pktgen failed: $(grep Result: <<<"$res")"
		record "$round" "$x" "$m" fail
		return 0
	fi
	pps_rate[$x]=$(((r1 - r0) * 1000000 / usec))
	record "$round" "$x" "$m" "${pps_rate[$x]}"
	record "$round" "$x" "${m}_tx" $((sent * 1000000 / usec))
}

# gro X on|off: the tcp_gro variant's underlay settings, on both ends.
gro() {
	local x=$1 s gso
	[ "$2" = on ] && gso=off || gso=on
	for s in ha hb; do
		n "$x-$s" ethtool -K u0 gro "$2" tx-gre-segmentation $gso \
			tx-gre-csum-segmentation $gso tx-udp_tnl-segmentation $gso \
			tx-udp_tnl-csum-segmentation $gso >/dev/null 2>&1 || true
	done
}

measure_tcp() {
	local x=$1 round=$2 m=$3 v
	v=$(n "$x-va" timeout $((secs + 30)) iperf3 -c 10.0.0.2 -p 5201 -t "$secs" -O 1 -f m |
		awk '$NF == "receiver" { for (i = 1; i < NF; i++) if ($(i + 1) == "Mbits/sec") print $i }') || true
	record "$round" "$x" "$m" "${v:-fail}"
}

measure_rr() {
	local x=$1 round=$2 v
	v=$(n "$x-va" timeout $((secs + 30)) qperf -t "$secs" 10.0.0.2 tcp_lat |
		awk '$1 == "latency" {
			f = $4 == "ns" ? 1e9 : $4 == "us" ? 1e6 : $4 == "ms" ? 1e3 : 1
			printf "%.0f", f / $3 }') || true
	record "$round" "$x" rr "${v:-fail}"
}

# run X ROUND: every metric of candidate X.
run() {
	local x=$1 round=$2
	log "round $round: $x"
	measure_pps "$x" "$round"
	case $x in nv100k | nv100v | rt*) return 0 ;; esac
	measure_tcp "$x" "$round" tcp
	gro "$x" on
	measure_tcp "$x" "$round" tcp_gro
	gro "$x" off
	measure_rr "$x" "$round"
}

# perf_run X: profile a pps run (2 x $secs), a tcp and a tcp_gro run of X.  perf
# itself takes seconds to start under TCG: the measurement starts once
# perf has written its file, and perf records well past its end.  The
# pps run is profiled on CPU 0 only, where pktgen and everything it
# triggers run; the tcp runs on every CPU.  The idle loop is part of the
# reports: take shares of the rest.
perf_run() {
	local x=$1 m base pid cpus
	for m in pps tcp tcp_gro; do
		base=$out/perf-$x-$m
		[ $m = pps ] && cpus="-C 0" || cpus=-a
		rm -f "$work/perf.data"
		# shellcheck disable=SC2086 # an option and its argument
		perf record -q -e cpu-clock -F 499 -g $cpus -o "$work/perf.data" \
			-- sleep "$((secs * 4 + 15))" 2>/dev/null &
		pid=$!
		while [ ! -s "$work/perf.data" ]; do
			sleep 1
		done
		sleep 2
		case $m in
		pps)
			pps_rate[$x]=$((pps_rate[$x] * 2))
			measure_pps "$x" perf pps
			;;
		tcp_gro)
			gro "$x" on
			measure_tcp "$x" perf tcp_gro
			gro "$x" off
			;;
		*) measure_tcp "$x" perf tcp ;;
		esac
		wait "$pid" || true
		perf report -i "$work/perf.data" --stdio --no-children --sort sym -g none \
			--percent-limit 0.3 >"$base.txt" 2>/dev/null || true
		perf report -i "$work/perf.data" --stdio --children --sort sym -g none \
			--percent-limit 1 >"$base-children.txt" 2>/dev/null || true
		# Who frees through RCU and who allocates, per packet.
		perf report -i "$work/perf.data" --stdio --no-children --sort sym \
			-g graph,0,callee --symbols __call_rcu_common,kfree,kmem_cache_alloc_noprof,__kmalloc_noprof,kmalloc_trace \
			>"$base-alloc.txt" 2>/dev/null || true
		rm -f "$work/perf.data"
	done
}

# --- Main

modprobe -a nvswitch ip_gre vxlan pktgen bridge veth sch_ingress cls_flower act_gact
sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0 || true
for x in $candidates; do
	log "setting up $x"
	base "$x"
	"setup_$x" "$x"
	pg_setup "$x"
done
sleep 1
for x in $candidates; do
	check "$x"
done
record - - config "rounds=$rounds secs=$secs records=$records"

for round in $(seq 0 "$rounds"); do
	# shellcheck disable=SC2086 # a list of words
	order=$(printf '%s\n' $candidates | shuf | xargs echo)
	record "$round" - order "${order// /-}"
	for x in $order; do
		run "$x" "$round"
	done
done

if [ "$profile" = 1 ]; then
	for x in $candidates; do
		case $x in nvswitch | gretap) perf_run "$x" ;; esac
	done
fi
log "done"
