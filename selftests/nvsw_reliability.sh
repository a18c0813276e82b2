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
#
#  - Each switch holds at most so many records, ports, PAs, vsubnets and
#    routes: one more fails with ENOSPC and says which limit it hit.
set -e
source "$(dirname "$(readlink -f "$0")")/lib.sh"

RED_GW_MAC=02:00:00:00:50:fe

command -v ethtool >/dev/null || {
	ktap_print_header
	ktap_skip_all "ethtool not found (scripts/install-deps.sh)"
	rm -rf "$NVSW_TMP"
	exit "$ksft_skip"
}

nvsw_begin 10
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
	record add sw0 vsid 5001 ca 10.0.0.10 mac 02:00:00:00:50:10 pa 192.0.2.1
	record add sw0 vsid 5001 ca 10.0.0.254 mac $RED_GW_MAC pa 192.0.2.2
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
ctl gw record add sw0 vsid 5001 ca 10.0.0.30 mac $VM1_MAC pa 192.0.2.2
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
	record add sw0 vsid 5001 ca 2001:db8:1::30 mac $VM1_MAC pa 192.0.2.2
	record add sw0 vsid 5002 ca 2001:db8:2::254 mac $blue_mac pa 192.0.2.2
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
			printf "record add sw0 vsid 5001 ca 10.%d.%d.%d mac 02:00:00:%02x:%02x:%02x pa 172.%d.%d.%d\n",
				int(i / 65536), int(i / 256) % 256, i % 256,
				int(i / 65536), int(i / 256) % 256, i % 256,
				16 + int(i / 65536), int(i / 256) % 256, i % 256
	}'
}

# record_count NAME: how many records sw0 of NAME holds.
record_count() {
	ctl "$1" -j switch show sw0 | json_get records
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
	records 300 1 | sed 's/^record add/record replace/; s/pa 172[.0-9]*$/pa 172.31.0.1/' |
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
	# the writer. -force: the batch goes on past the duplicate and past
	# each ENOMEM, which is what is measured.
	mkfifo "$NVSW_TMP/lines"
	fallocate -l 4M "$NVSW_TMP/enomem.out"
	NVSWITCHCTL_NO_CHECK=1 in_cg nvswitchctl -n "$(ns tenant2)" -force -b - \
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
	ctl tenant2 record add sw0 vsid 5001 ca 10.255.255.1 mac 02:00:00:ff:ff:01 pa 172.16.0.1
	ctl tenant2 switch del sw0
}
run_test "a full memory cgroup fails the request with ENOMEM, and only it" \
	full_cgroup_fails_with_enomem

# Limits per switch: memory aside, a switch holds at most so many of each
# kind (switch add/set ... max-records N ...). One more fails with ENOSPC
# and a message naming the limit, and changes nothing; a replace takes no
# more room; a raised limit lets it in, a lowered one keeps what is there.

# full_msg N WHAT: what ENOSPC says, as a regex. From 6.2 on the kernel
# formats extack messages, and says the number too.
full_msg() {
	local n="$1 "
	case $(uname -r) in 6.1.*) n= ;; esac
	echo "maximum of $n$2 .*No space left on device"
}

# sw_get NAME KEY: one value of `switch show sw0 -j` in namespace NAME.
sw_get() {
	nq "$1" nvswitchctl -j switch show sw0 | json_get "$2"
}

limit_records() {
	local add="record add sw0 vsid 5001"
	ns_create lim1
	ctl lim1 switch add sw0 max-records 2
	ctl lim1 pa add sw0 192.0.2.1
	ctl lim1 -b - <<-EOF
	$add ca 10.0.0.1 mac 02:00:00:00:00:01 pa 192.0.2.1
	$add ca 2001:db8::2 mac 02:00:00:00:00:02 pa 192.0.2.1
	EOF
	expect_fail 1 "$(full_msg 2 'records \(max-records\)')" \
		ctl lim1 $add ca 10.0.0.3 mac 02:00:00:00:00:03 pa 192.0.2.1
	check_eq "records at the limit" "$(sw_get lim1 records)" 2
	expect_fail 1 "No record" ctl lim1 record get sw0 vsid 5001 ca 10.0.0.3
	# A new MAC and PA for a CA is the same record.
	ctl lim1 record replace sw0 vsid 5001 ca 10.0.0.1 mac 02:00:00:00:00:11 pa 192.0.2.9
	check_eq "replaced MAC" "$(nq lim1 nvswitchctl -j record get sw0 vsid 5001 ca 10.0.0.1 | json_get mac)" \
		02:00:00:00:00:11
	ctl lim1 switch set sw0 max-records 3
	ctl lim1 $add ca 10.0.0.3 mac 02:00:00:00:00:03 pa 192.0.2.1
	check_eq "records after raising the limit" "$(sw_get lim1 records)" 3
	# Lowered below the count: all three stay, none more gets in.
	ctl lim1 switch set sw0 max-records 1
	check_eq "records after lowering the limit" "$(sw_get lim1 records)" 3
	expect_fail 1 "$(full_msg 1 'records \(max-records\)')" \
		ctl lim1 $add ca 10.0.0.4 mac 02:00:00:00:00:04 pa 192.0.2.1
	ctl lim1 record del sw0 vsid 5001 ca 10.0.0.3
	check_eq "records after a delete" "$(sw_get lim1 records)" 2
}
run_test "max-records: one record more fails with ENOSPC, a replace still fits" \
	limit_records

limit_ports() {
	ns_create lim2
	ctl lim2 switch add sw0 max-ports 1
	nq lim2 ip link add p1 type veth peer name p1x
	nq lim2 ip link add p2 type veth peer name p2x
	ctl lim2 port add sw0 dev p1 vsid 5001
	expect_fail 1 "$(full_msg 1 'ports \(max-ports\)')" \
		ctl lim2 port add sw0 dev p2 vsid 5001
	expect_fail 1 "$(full_msg 1 'ports \(max-ports\)')" \
		ctl lim2 port add sw0 internal red0 vsid 5001
	check_eq "ports at the limit" "$(sw_get lim2 ports)" 1
	# Nothing of the refused ones: p2 has no master, red0 does not exist.
	check_eq "p2's master" "$(nq lim2 ip -o link show p2 | grep -c master || true)" 0
	expect_fail 1 "does not exist" nq lim2 ip link show red0
	ctl lim2 switch set sw0 max-ports 3
	ctl lim2 port add sw0 dev p2 vsid 5001
	ctl lim2 port add sw0 internal red0 vsid 5001
	check_eq "ports after raising the limit" "$(sw_get lim2 ports)" 3
}
run_test "max-ports: a port more, of a VM or internal, fails with ENOSPC" \
	limit_ports

limit_pas() {
	ns_create lim3
	ctl lim3 switch add sw0 max-pas 1
	ctl lim3 pa add sw0 192.0.2.1
	expect_fail 1 "$(full_msg 1 'provider addresses \(max-pas\)')" \
		ctl lim3 pa add sw0 192.0.2.2
	check_eq "PAs at the limit" "$(sw_get lim3 pas)" 1
	ctl lim3 switch set sw0 max-pas 2
	ctl lim3 pa add sw0 192.0.2.2
	check_eq "PAs after raising the limit" "$(sw_get lim3 pas)" 2
}
run_test "max-pas: a provider address more fails with ENOSPC" limit_pas

limit_routing() {
	ns_create lim4
	ctl lim4 switch add sw0 max-vsubnets 1 max-routes 1
	ctl lim4 vsubnet add sw0 vsid 5001 rdid 1 prefix 10.0.1.0/24
	expect_fail 1 "$(full_msg 1 'virtual subnets \(max-vsubnets\)')" \
		ctl lim4 vsubnet add sw0 vsid 5002 rdid 1 prefix 10.0.2.0/24
	# A second family replaces the VSID's vsubnet: it fits.
	ctl lim4 vsubnet add sw0 vsid 5001 rdid 1 prefix 2001:db8:1::/64
	check_eq "vsubnets at the limit" "$(sw_get lim4 vsubnets)" 1
	ctl lim4 route add sw0 rdid 1 prefix 192.168.0.0/24 nexthop 10.0.1.5
	expect_fail 1 "$(full_msg 1 'customer routes \(max-routes\)')" \
		ctl lim4 route add sw0 rdid 1 prefix 192.168.1.0/24 nexthop 10.0.1.5
	check_eq "routes at the limit" "$(sw_get lim4 routes)" 1
	ctl lim4 switch set sw0 max-vsubnets 2 max-routes 2
	ctl lim4 vsubnet add sw0 vsid 5002 rdid 1 prefix 10.0.2.0/24
	ctl lim4 route add sw0 rdid 1 prefix 192.168.1.0/24 nexthop 10.0.1.5
	check_eq "vsubnets after raising" "$(sw_get lim4 vsubnets)" 2
	check_eq "routes after raising" "$(sw_get lim4 routes)" 2
	# The routes go with their domain's last vsubnet, and are counted out.
	ctl lim4 vsubnet del sw0 vsid 5002
	ctl lim4 vsubnet del sw0 vsid 5001
	check_eq "routes with no vsubnet" "$(sw_get lim4 routes)" 0
}
run_test "max-vsubnets, max-routes: one more fails with ENOSPC" limit_routing

# linkinfo NAME SW KEY: one value of SW's IFLA_INFO_DATA, what `ip -d -j
# link` would print had iproute2 a plugin for the kind.
linkinfo() {
	nq "$1" $PYTHON "$NVSW_SELFTESTS/nvsw_linkinfo.py" "$2" | json_get "$3"
}

limits_shown() {
	local json key want
	ns_create lim5
	ctl lim5 switch add sw0 max-records 7 max-ports 6 max-pas 5 max-vsubnets 4 max-routes 3
	ctl lim5 pa add sw0 192.0.2.1
	ctl lim5 switch add sw1
	json=$(ctl lim5 switch show sw0)
	check_eq "switch show" "${json#* records 0 }" \
		"max-records 0/7 max-ports 0/6 max-pas 1/5 max-vsubnets 0/4 max-routes 0/3"
	json=$(ctl lim5 -j switch show sw0)
	for want in max_records=7 records=0 max_ports=6 ports=0 max_pas=5 pas=1 \
		    max_vsubnets=4 vsubnets=0 max_routes=3 routes=0; do
		key=${want%=*}
		check_eq "JSON $key" "$key=$(json_get "$key" <<<"$json")" "$want"
	done
	check_eq "kind" "$(linkinfo lim5 sw0 kind)" nvswitch
	for want in max_records=7 max_ports=6 max_pas=5 max_vsubnets=4 max_routes=3; do
		key=${want%=*}
		check_eq "sw0 link $key" "$key=$(linkinfo lim5 sw0 "$key")" "$want"
	done
	for want in max_records=1000000 max_ports=1024 max_pas=64 max_vsubnets=4096 \
		    max_routes=4096; do
		key=${want%=*}
		check_eq "sw1 link $key (default)" "$key=$(linkinfo lim5 sw1 "$key")" "$want"
	done
	expect_fail 2 'invalid count "0"' ctl lim5 switch set sw0 max-pas 0
	expect_fail 2 'invalid count "none"' ctl lim5 switch add sw2 max-routes none
	check_eq "max_pas after a refused 0" "$(sw_get lim5 max_pas)" 5
}
run_test "limits and counts in switch show, its JSON and the link's attributes" \
	limits_shown


nvsw_finish
