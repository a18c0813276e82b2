#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What a hypervisor needs beyond forwarding right (Documentation/reliability.rst):
#
#  - A frame with a receive checksum (CHECKSUM_COMPLETE, what many NICs
#    give) reaches an internal port with that checksum still right, so the
#    host neither reports "hw csum failure" nor checksums it again.
#    No NIC of the VM gives CHECKSUM_COMPLETE, but a GRE tunnel with
#    checksums does, in software, as such a NIC would: GRO on the veth
#    validates the outer GRE checksum (CHECKSUM_UNNECESSARY), and
#    gre_parse_header() converts that into CHECKSUM_COMPLETE for what is
#    inside, with csum_complete_sw clear, so that a wrong sum later makes
#    the receiver call netdev_rx_csum_fault(). So the underlay here is a
#    gretap with checksums over a veth with GRO:
#
#      hv1: r1 10.0.0.10 --port-- sw0 PA 192.0.2.1 on ul0 (gretap csum)
#                                                   over phy0 198.51.100.1
#                                                          | veth, GRO on
#      gw:  red0 10.0.0.254 (internal port) -- sw0 PA 192.0.2.2 on ul0
#                                                   over phy0 198.51.100.2
#
#  - What a user makes the switch allocate is charged to the user's memory
#    cgroup, and a full cgroup fails the request with ENOMEM: no OOM
#    killer, no warning. The namespace "tenant" stands for a container
#    whose controller pushes records from a cgroup of its own.
set -e
source "$(dirname "$(readlink -f "$0")")/lib.sh"

RED_GW_MAC=02:00:00:00:50:fe

command -v ethtool >/dev/null || {
	ktap_print_header
	ktap_skip_all "ethtool not found (scripts/install-deps.sh)"
	rm -rf "$NVSW_TMP"
	exit "$ksft_skip"
}

nvsw_begin 5
CG=/sys/fs/cgroup/nvsw-$NVSW_RUN
# Once its processes are gone; what they charged moves to the parent.
trap 'rc=$?; rmdir "$CG" 2>/dev/null; (exit $rc); nvsw_cleanup' EXIT

# csum_tunnel NAME VETH LOCAL REMOTE TUN: NAME's end VETH of a veth pair
# gets address LOCAL and GRO, and carries a gretap TUN with checksums to
# REMOTE.
csum_tunnel() {
	local name=$1 veth=$2 local=$3 remote=$4 tun=$5
	n "$name" ip addr add "$local/24" dev "$veth"
	# GRO needs NAPI on the receiving veth, which veth hands only frames
	# from a sender without TSO; and GRO validates a checksum only when it
	# was not left to offload (CHECKSUM_PARTIAL): no tx checksumming.
	nq "$name" ethtool -K "$veth" gro on tx off tso off >/dev/null
	nq "$name" ip link set "$veth" up
	n "$name" ip link add "$tun" type gretap local "$local" remote "$remote" csum
	nq "$name" ip link set "$tun" up
}

csum_faults() {
	kernel_log_since_mark | grep -c 'hw csum failure' || true
}

ns_create hv1
ns_create gw
nq hv1 ip link add phy0 type veth peer name phy0 netns "$(ns gw)"
csum_tunnel hv1 phy0 198.51.100.1 198.51.100.2 ul0
csum_tunnel gw phy0 198.51.100.2 198.51.100.1 ul0
n hv1 ip addr add 192.0.2.1/24 dev ul0
n gw ip addr add 192.0.2.2/24 dev ul0
for hv in hv1 gw; do
	ctl $hv switch add sw0
	n $hv ip link set sw0 up
done
ctl hv1 pa add sw0 192.0.2.1
ctl gw pa add sw0 192.0.2.2
vm_create hv1 r1 5001 10.0.0.10 02:00:00:00:50:10
ctl gw port add sw0 internal red0 vsid 5001 mac $RED_GW_MAC
n gw ip addr add 10.0.0.254/24 dev red0
nq gw ip link set red0 up
for hv in hv1 gw; do
	ctl $hv -b - <<-EOF
	lookup add sw0 vsid 5001 ca 10.0.0.10 mac 02:00:00:00:50:10 pa 192.0.2.1
	lookup add sw0 vsid 5001 ca 10.0.0.254 mac $RED_GW_MAC pa 192.0.2.2
	EOF
done

complete_csum_to_internal_port() {
	check_eq "GRO on gw's phy0" \
		"$(nq gw ethtool -k phy0 | awk '/^generic-receive-offload:/ { print $2 }')" on
	ping_all r1 10.0.0.254 5
	check_eq "checksum faults" "$(csum_faults)" 0
}
run_test "CHECKSUM_COMPLETE frames reach an internal port with their sum right" \
	complete_csum_to_internal_port

# The host hands an internal port a frame with its receive checksum (tc
# mirred keeps CHECKSUM_COMPLETE): it enters the switch with its sum
# right. vm1 sits behind a gretap with checksums, as the underlay does,
# whose end on gw, tv1, tc mirred joins to the internal port red1 both
# ways: vm1 is on red1 as a VM on its port.
VM1_MAC=02:00:00:00:50:30
modprobe -a sch_ingress cls_matchall act_mirred
ns_create vm1
nq gw ip link add phy1 type veth peer name phy1 netns "$(ns vm1)"
csum_tunnel gw phy1 198.51.101.1 198.51.101.2 tv1
csum_tunnel vm1 phy1 198.51.101.2 198.51.101.1 eth0
nq vm1 ip link set eth0 address $VM1_MAC
n vm1 ip addr add 10.0.0.30/24 dev eth0
ctl gw port add sw0 internal red1 vsid 5001
nq gw ip link set red1 up
ctl gw lookup add sw0 vsid 5001 ca 10.0.0.30 mac $VM1_MAC pa 192.0.2.2
for dev in tv1 red1; do
	nq gw tc qdisc add dev $dev clsact
done
n gw tc filter add dev tv1 ingress matchall action mirred egress redirect dev red1
n gw tc filter add dev red1 ingress matchall action mirred egress redirect dev tv1

complete_csum_from_internal_port() {
	local before
	before=$(csum_faults)
	ping_all vm1 10.0.0.254 5
	check_eq "checksum faults" "$(csum_faults)" "$before"
}
run_test "CHECKSUM_COMPLETE frames from an internal port keep their sum right" \
	complete_csum_from_internal_port

# Routed IPv6 from vm1 to blue0, an internal port in another subnet of the
# same routing domain: the sum must follow the hop limit the router takes
# down, which, unlike IPv4's TTL, no header checksum makes up for.
complete_csum_routed6() {
	local blue_mac=02:00:00:00:60:fe before
	nq vm1 sysctl -qw net.ipv6.conf.eth0.accept_dad=0 \
		net.ipv6.conf.eth0.disable_ipv6=0
	n vm1 ip addr add 2001:db8:1::30/64 dev eth0 nodad
	n vm1 ip route add 2001:db8:2::/64 via 2001:db8:1::1
	ctl gw port add sw0 internal blue0 vsid 5002 mac $blue_mac
	nq gw sysctl -qw net.ipv6.conf.blue0.accept_dad=0 \
		net.ipv6.conf.blue0.disable_ipv6=0
	n gw ip addr add 2001:db8:2::254/64 dev blue0 nodad
	nq gw ip link set blue0 up
	n gw ip route add 2001:db8:1::/64 via 2001:db8:2::1 dev blue0
	ctl gw -b - <<-EOF
	vsubnet add sw0 vsid 5001 rdid 1 prefix 2001:db8:1::/64 gateway 2001:db8:1::1
	vsubnet add sw0 vsid 5002 rdid 1 prefix 2001:db8:2::/64 gateway 2001:db8:2::1
	lookup add sw0 vsid 5001 ca 2001:db8:1::30 mac $VM1_MAC pa 192.0.2.2
	lookup add sw0 vsid 5002 ca 2001:db8:2::254 mac $blue_mac pa 192.0.2.2
	EOF
	before=$(csum_faults)
	ping_all vm1 2001:db8:2::254 5
	check_eq "checksum faults" "$(csum_faults)" "$before"
	(($(counter gw routed_packets) >= 5))
}
run_test "routed IPv6 with CHECKSUM_COMPLETE reaches an internal port with its sum right" \
	complete_csum_routed6

# The memory controller, on in a cgroup of this test's own.
cg_create() {
	local root=${CG%/*}
	grep -q "^cgroup2 $root " /proc/mounts || mount -t cgroup2 none "$root"
	grep -qw memory "$root/cgroup.controllers" || return "$ksft_skip"
	echo +memory >"$root/cgroup.subtree_control"
	mkdir -p "$CG"
}

cg_stat() {
	awk -v k="$1" '$1 == k { print $2 }' "$CG/memory.stat"
}

# in_cg CMD...: CMD run in the test's cgroup, as a container's would be.
in_cg() {
	sh -c 'echo $$ >"$0/cgroup.procs" && exec "$@"' "$CG" "$@"
}

# records N FIRST: batch lines adding N records, each at a PA of its own
# (so each makes a remote, with its per-CPU route cache), from FIRST on.
records() {
	awk -v n="$1" -v first="$2" 'BEGIN {
		for (i = first; i < first + n; i++)
			printf "lookup add sw0 vsid 5001 ca 10.%d.%d.%d mac 02:00:00:%02x:%02x:%02x pa 172.%d.%d.%d\n",
				int(i / 65536), int(i / 256) % 256, i % 256,
				int(i / 65536), int(i / 256) % 256, i % 256,
				16 + int(i / 65536), int(i / 256) % 256, i % 256
	}'
}

# record_count NAME: how many records sw0 of NAME holds.
record_count() {
	ctl "$1" -j switch show sw0 | json_get lookups
}

charged_to_the_caller() {
	local n=2000 slab percpu
	cg_create
	ns_create tenant
	ctl tenant switch add sw0
	ctl tenant vsubnet add sw0 vsid 5001 rdid 1 prefix 10.0.0.0/8 gateway 10.255.255.254
	slab=$(cg_stat slab_unreclaimable)
	percpu=$(cg_stat percpu)
	records $n 1 >"$NVSW_TMP/records"
	# And routes, each allocated on its own.
	awk 'BEGIN { for (i = 0; i < 500; i++)
		printf "route add sw0 rdid 1 prefix 192.%d.%d.0/24 nexthop 10.255.255.253\n",
			int(i / 256), i % 256 }' >>"$NVSW_TMP/records"
	in_cg nvswitchctl -n "$(ns tenant)" -b "$NVSW_TMP/records"
	check_eq "records" "$(record_count tenant)" $n
	# A remote takes 64 bytes of slab and about 40 per CPU of per-CPU
	# memory; a route 96. Without accounting, neither moves.
	slab=$(($(cg_stat slab_unreclaimable) - slab))
	percpu=$(($(cg_stat percpu) - percpu))
	echo "# $n records, 500 routes: slab +$slab, percpu +$percpu bytes"
	((slab >= n * 56 + 500 * 80)) || { echo "# slab: want >= $((n * 56 + 500 * 80))"; return 1; }
	((percpu >= n * 32)) || { echo "# percpu: want >= $((n * 32))"; return 1; }
	# The walks over them yield the CPU every few dozen: a PA change
	# refreshes every remote, and 300 moves are forgotten after 0.2 s.
	ctl tenant pa add sw0 172.16.0.1
	ctl tenant pa del sw0 172.16.0.1
	ctl tenant switch set sw0 move-grace 200
	records 300 1 | sed 's/^lookup add/lookup replace/; s/pa 172[.0-9]*$/pa 172.31.0.1/' |
		ctl tenant -b -
	sleep 1.5
	ctl tenant switch del sw0
}
run_test "records, remotes and routes are charged to the caller's memory cgroup" \
	charged_to_the_caller

full_cgroup_fails_with_enomem() {
	local n=3000 warm=500 out rc=0 got pid
	cg_create
	ns_create tenant2
	ctl tenant2 switch add sw0
	records $n 1 >"$NVSW_TMP/many"
	# The controller runs first with no limit, until its own memory (heap,
	# stack, libnl's buffers) is all there, on its error path too (a
	# duplicate record): a page fault of its own at the limit would wake
	# the OOM killer, as for any process. For the same reason it must not
	# check the switch's name again after a failed line, which takes a
	# socket, charged to the cgroup with GFP_KERNEL (sock_alloc_inode()):
	# NVSWITCHCTL_NO_CHECK leaves every check to the kernel. And its
	# messages go to a file whose pages exist already, allocated outside
	# the cgroup: a page that a write adds to a tmpfs file is charged to
	# the writer.
	mkfifo "$NVSW_TMP/lines"
	fallocate -l 4M "$NVSW_TMP/enomem.out"
	NVSWITCHCTL_NO_CHECK=1 in_cg nvswitchctl -n "$(ns tenant2)" -b - \
		<"$NVSW_TMP/lines" 1<>"$NVSW_TMP/enomem.out" 2>&1 &
	pid=$!
	exec 9>"$NVSW_TMP/lines"
	head -n $warm "$NVSW_TMP/many" >&9
	head -n 1 "$NVSW_TMP/many" >&9
	slowwait 20 eval '(($(record_count tenant2) == warm))'
	# Then 256 KiB more: about 1400 remotes (64 bytes of slab and 120 of
	# per-CPU memory each) fill it. Each request that fails has first
	# tried reclaim: keep them few, the VM is slow.
	echo $(($(cat "$CG/memory.current") + 256 * 1024)) >"$CG/memory.max"
	tail -n +$((warm + 1)) "$NVSW_TMP/many" >&9
	exec 9>&-
	wait $pid || rc=$?
	echo max >"$CG/memory.max"
	out=$(tr -d '\0' <"$NVSW_TMP/enomem.out")
	got=$(record_count tenant2)
	echo "# $got of $n records fit; $(grep -c "Cannot allocate memory" <<<"$out")" \
		"ENOMEM; cgroup events: $(tr '\n' ' ' <"$CG/memory.events")"
	check_eq "OOM kills" "$(awk '$1 == "oom_kill" { print $2 }' "$CG/memory.events")" 0
	check_eq "exit status" $rc 1
	grep -q "Cannot allocate memory" <<<"$out" || { echo "# said: $(tail -n 2 <<<"$out")"; return 1; }
	((got > warm && got < n))
	# What fitted still works, and goes with the switch.
	ctl tenant2 lookup add sw0 vsid 5001 ca 10.255.255.1 mac 02:00:00:ff:ff:01 pa 172.16.0.1
	ctl tenant2 switch del sw0
}
run_test "a full memory cgroup fails the request with ENOMEM, and only it" \
	full_cgroup_fails_with_enomem


nvsw_finish
