#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Two tenants, the same customer addresses, two hypervisors.
#
#   hv1 (PA 192.0.2.1)                          hv2 (PA 192.0.2.2)
#   red1  10.0.0.1 VSID 5001                     red2  10.0.0.2 VSID 5001
#   red3  10.0.0.3 VSID 5001                     blue2 10.0.0.2 VSID 6001
#   blue1 10.0.0.1 VSID 6001
#        \____ sw0 ____ ul0 === underlay === ul0 ____ sw0 ____/
#
# Red and Blue use the same IP addresses; only the VSID tells them apart.
# Every VM reaches the VMs of its own tenant, across hosts through NVGRE and
# on the same host through the switch, with ARP answered by the switch from
# the records. No frame of one tenant ever reaches the other.
set -e
source "$(dirname "$(readlink -f "$0")")/lib.sh"

RED=5001
BLUE=6001

nvsw_begin 17

underlay_create
hv_create hv1 192.0.2.1
hv_create hv2 192.0.2.2
vm_create hv1 red1 $RED 10.0.0.1 02:00:00:00:50:01
vm_create hv2 red2 $RED 10.0.0.2 02:00:00:00:50:02
vm_create hv1 red3 $RED 10.0.0.3 02:00:00:00:50:03
vm_create hv1 blue1 $BLUE 10.0.0.1 02:00:00:00:60:01
vm_create hv2 blue2 $BLUE 10.0.0.2 02:00:00:00:60:02
records_push

# Every VM's interface is watched for the whole scenario, and so is the wire.
start_watching() {
	local vm
	for vm in red1 red2 red3 blue1 blue2; do
		cap_start "vm-$vm" "$vm" eth0
	done
	cap_start wire hv1 ul0
}
stop_watching() {
	local vm
	for vm in red1 red2 red3 blue1 blue2; do
		cap_stop "vm-$vm"
	done
	cap_stop wire
}

records_everywhere() {
	local hv
	for hv in hv1 hv2; do
		check_eq "$hv records" "$(ctl "$hv" -j record show sw0 | json_len)" 5
		check_eq "$hv Red records" "$(ctl "$hv" -j record show sw0 vsid $RED | json_len)" 3
		check_eq "$hv ports" "$(ctl "$hv" -j switch show sw0 | json_get ports)" \
			"$([ $hv = hv1 ] && echo 3 || echo 2)"
	done
}

across_hosts() {
	ping_ok red1 10.0.0.2
	ping_ok red2 10.0.0.1
	ping_ok blue1 10.0.0.2
	ping_ok blue2 10.0.0.1
	# The address resolved to the MAC of the own tenant's VM.
	check_eq "red1 neighbour 10.0.0.2" \
		"$(n red1 ip -j neigh show 10.0.0.2 dev eth0 | json_get lladdr)" 02:00:00:00:50:02
	check_eq "blue1 neighbour 10.0.0.2" \
		"$(n blue1 ip -j neigh show 10.0.0.2 dev eth0 | json_get lladdr)" 02:00:00:00:60:02
}

same_host() {
	local before=$NVSW_TMP/local.before
	stats_save hv1 "$before"
	cap_start local-wire hv1 ul0 ip proto 47
	ping_all red1 10.0.0.3 5
	ping_all red3 10.0.0.1 5
	cap_stop local-wire
	check_eq "NVGRE packets on the wire for a local ping" "$(cap_count local-wire)" 0
	local moved
	moved=$(stats_delta hv1 "$before")
	# 10 requests and 10 replies, switched port to port.
	[[ $moved =~ local_packets=([0-9]+) ]] && ((BASH_REMATCH[1] >= 20)) ||
		{ echo "# hv1 counters moved: $moved"; return 1; }
	[[ $moved != *tx_packets* ]] || { echo "# a local ping was sent to the underlay: $moved"; return 1; }
	# Blue's VM with the same address as red1 only ever talks to Blue.
	ping_fail blue1 10.0.0.3
}

counters_count_the_pings() {
	local b1=$NVSW_TMP/c1 b2=$NVSW_TMP/c2 d1 d2
	stats_save hv1 "$b1"
	stats_save hv2 "$b2"
	ping_all red1 10.0.0.2 5
	d1=$(stats_delta hv1 "$b1")
	d2=$(stats_delta hv2 "$b2")
	echo "# hv1: $d1"
	echo "# hv2: $d2"
	# 5 requests out of hv1 and into hv2, 5 replies back.
	[[ $d1 =~ (^| )tx_packets=([0-9]+) ]] && ((BASH_REMATCH[2] >= 5))
	[[ $d1 =~ (^| )rx_packets=([0-9]+) ]] && ((BASH_REMATCH[2] >= 5))
	[[ $d1 =~ (^| )tx_bytes=([0-9]+) ]] && ((BASH_REMATCH[2] >= 5 * 98))
	[[ $d2 =~ (^| )tx_packets=([0-9]+) ]] && ((BASH_REMATCH[2] >= 5))
	[[ $d2 =~ (^| )rx_packets=([0-9]+) ]] && ((BASH_REMATCH[2] >= 5))
	[[ $d1 != *drops* && $d2 != *drops* ]]
}

ports_learned_their_vm() {
	local ports
	ports=$(ctl hv1 -j port show sw0 | json_flat | awk -F'[.=]' '
		$2 == "dev" { dev[$1] = $3 } $2 == "mac" { mac[$1] = substr($0, index($0, "=") + 1) }
		END { for (i in dev) print dev[i] "=" (i in mac ? mac[i] : "-") }' | sort | paste -sd' ')
	check_eq "hv1 ports" "$ports" \
		"p-blue1=02:00:00:00:60:01 p-red1=02:00:00:00:50:01 p-red3=02:00:00:00:50:03"
}

arp_from_policy() {
	local replies
	replies=$(counter hv1 arp_replies)
	((replies >= 3)) || { echo "# hv1 answered $replies ARP requests"; return 1; }
	# No customer ARP on the underlay, neither bare nor inside NVGRE (the
	# hypervisors' own ARP for each other's PA is fine).
	local arp
	arp=$(cap_read wire | grep -E 'ARP.*10\.0\.0\.' || true)
	check_eq "customer ARP on the underlay" "$arp" ""
}

tenants_never_meet() {
	local vm own other macs
	for vm in red1 red2 red3 blue1 blue2; do
		case $vm in
		red*) own=50; other=60 ;;
		*) own=60; other=50 ;;
		esac
		# "-e" prints the MACs of every frame (and of nothing else).
		macs=$(cap_read "vm-$vm" | grep -oE '([0-9a-f]{2}:){5}[0-9a-f]{2}' | sort -u)
		grep -q "02:00:00:00:$own:" <<<"$macs" ||
			{ echo "# $vm saw no frame of its own tenant"; return 1; }
		if grep -q "02:00:00:00:$other:" <<<"$macs"; then
			echo "# $vm saw frames of the other tenant:"
			grep "02:00:00:00:$other:" <<<"$macs" | sed 's/^/#   /'
			return 1
		fi
	done
}

cross_tenant_fails() {
	local before=$NVSW_TMP/cross.before moved
	# red1 forces Blue's MAC for 10.0.0.2: the switch has no such record in
	# Red's VSID and drops the frame.
	n red1 ip neigh replace 10.0.0.2 lladdr 02:00:00:00:60:02 dev eth0 nud permanent
	stats_save hv1 "$before"
	ping_fail red1 10.0.0.2
	moved=$(stats_delta hv1 "$before")
	n red1 ip neigh del 10.0.0.2 dev eth0
	[[ $moved =~ drops.no_record=([0-9]+) ]] && ((BASH_REMATCH[1] >= 2)) ||
		{ echo "# hv1 counters moved: $moved"; return 1; }
	[[ $moved != *tx_packets* ]] || { echo "# cross-tenant frame left hv1: $moved"; return 1; }
	# 10.0.0.3 exists only in Red: Blue gets no answer for it.
	ping_fail blue2 10.0.0.3
}

switch_down_drops() {
	local before=$NVSW_TMP/down.before moved
	n hv2 ip link set sw0 down
	stats_save hv2 "$before"
	ping_fail red1 10.0.0.2
	moved=$(stats_delta hv2 "$before")
	n hv2 ip link set sw0 up
	[[ $moved =~ drops.switch_down=([0-9]+) ]] && ((BASH_REMATCH[1] >= 2)) ||
		{ echo "# hv2 counters moved while down: $moved"; return 1; }
	ping_ok red1 10.0.0.2
}

record_get_and_del() {
	ctl hv1 record get sw0 vsid $BLUE ca 10.0.0.2 | grep -q 02:00:00:00:60:02
	ctl hv1 record del sw0 vsid $BLUE ca 10.0.0.2
	n blue1 ip neigh flush dev eth0
	ping_fail blue1 10.0.0.2
	ctl hv1 record add sw0 vsid $BLUE ca 10.0.0.2 mac 02:00:00:00:60:02 pa 192.0.2.2
	ping_ok blue1 10.0.0.2
}

run_test "records and ports are in place on both hosts" records_everywhere
start_watching
run_test "each tenant pings its own VMs across hosts" across_hosts
run_test "local VMs of a tenant talk through the switch, not the wire" same_host
run_test "counters count the pings, nothing dropped" counters_count_the_pings
run_test "ports learned their VM's MAC" ports_learned_their_vm
stop_watching
run_test "ARP answered from policy, none on the underlay" arp_from_policy
run_test "no frame of one tenant reached the other's VMs" tenants_never_meet
run_test "cross-tenant traffic fails and counts no_record" cross_tenant_fails
run_test "a switch that is down drops and counts switch_down" switch_down_drops
run_test "record get, del and re-add" record_get_and_del

# A frame keeps the time it was received at unless the switch clears it,
# and fq (the qdisc BBR hosts use) reads skb->tstamp as the time to send
# it: a receive time is far beyond fq's horizon, so fq dropped every
# switched and every encapsulated frame.  ping itself, and run.sh, keep
# receive timestamps on.
fq_delivers() {
	# The subtest's subshell removes them whether it passes or not.
	trap 'nq hv1 tc qdisc del dev p-red3 root; nq hv1 tc qdisc del dev ul0 root' EXIT
	n hv1 tc qdisc replace dev p-red3 root fq
	n hv1 tc qdisc replace dev ul0 root fq
	ping_all red1 10.0.0.3 3	# switched to a local port behind fq
	ping_all red1 10.0.0.2 3	# encapsulated onto an underlay behind fq
}

run_test "forwarded frames leave without their receive timestamp (fq delivers)" fq_delivers

# A frame larger than its port's MTU is dropped there and counted
# too_big, as a bridge drops it: a tap would hand it to its VM whole.
# red3's own eth0 stays at 1500, so only the switch can refuse it.
port_mtu_respected() {
	trap 'nq hv1 ip link set p-red3 mtu 1500' EXIT
	local before=$NVSW_TMP/pmtu.before moved
	n hv1 ip link set p-red3 mtu 1000
	stats_save hv1 "$before"
	cap_start pmtu red3 eth0 'icmp[icmptype] == icmp-echo'
	n red1 ping -q -c 2 -i 0.2 -W 1 -s 1200 10.0.0.3 >/dev/null 2>&1 || true
	cap_stop pmtu
	moved=$(stats_delta hv1 "$before")
	echo "# hv1: $moved"
	check_eq "1242-byte echo requests at red3" "$(cap_count pmtu)" 0 &&
		[[ $moved =~ drops.too_big=([0-9]+) ]] && ((BASH_REMATCH[1] >= 2)) &&
		ping_ok red1 10.0.0.3
}

run_test "a frame larger than its port's MTU is dropped, counted too_big" port_mtu_respected

# spoof_fails VM DST WHAT: VM's pings to DST never leave hv1, counted spoofed.
spoof_fails() {
	local before=$NVSW_TMP/spoof.before moved
	stats_save hv1 "$before"
	! n "$1" ping -q -c 2 -i 0.2 -W 1 "${@:4}" "$2" >/dev/null
	moved=$(stats_delta hv1 "$before")
	[[ $moved =~ drops.spoofed=([0-9]+) ]] && ((BASH_REMATCH[1] >= 2)) ||
		{ echo "# $3: hv1 counters moved: $moved"; return 1; }
	[[ $moved != *tx_packets* && $moved != *local_packets* ]] ||
		{ echo "# $3 got through: $moved"; return 1; }
}

# A VM sends only from its own MAC and CA; red3 already claimed its MAC.
spoofing_dropped() {
	n red1 ip neigh replace 10.0.0.2 lladdr 02:00:00:00:50:02 dev eth0 nud permanent
	n red1 ip addr add 10.0.0.3/32 dev eth0
	spoof_fails red1 10.0.0.2 "red3's address" -I 10.0.0.3
	n red1 ip addr del 10.0.0.3/32 dev eth0
	n red1 ip link set eth0 address 02:00:00:00:50:03
	spoof_fails red1 10.0.0.2 "red3's MAC"
	n red1 ip link set eth0 address 02:00:00:00:50:99
	spoof_fails red1 10.0.0.2 "a MAC without a record"
	n red1 ip link set eth0 address 02:00:00:00:50:01
	# A new MAC flushed the neighbour table, the permanent entry too.
	n red1 ip neigh flush dev eth0
	ping_ok red1 10.0.0.2
	ping_ok red3 10.0.0.2
}

run_test "a VM cannot send from another's MAC or address" spoofing_dropped

# A port's claim on its VM's MAC lasts as long as the record that allowed
# it: once hv1's policy says red3 is on hv2, or has no record, whatever is
# still behind red3's old port on hv1 may not send as red3.
claim_ends_with_record() {
	local red3="vsid $RED ca 10.0.0.3 mac 02:00:00:00:50:03"
	trap "nq hv1 nvswitchctl record change sw0 $red3 pa 192.0.2.1 2>/dev/null ||
		nq hv1 nvswitchctl record add sw0 $red3 pa 192.0.2.1" EXIT
	n red3 ip neigh replace 10.0.0.2 lladdr 02:00:00:00:50:02 dev eth0 nud permanent
	ping_ok red3 10.0.0.2
	ctl hv1 record change sw0 $red3 pa 192.0.2.2
	spoof_fails red3 10.0.0.2 "red3 after its record moved to hv2"
	ctl hv1 record change sw0 $red3 pa 192.0.2.1
	ping_ok red3 10.0.0.2
	ctl hv1 record del sw0 vsid $RED ca 10.0.0.3
	spoof_fails red3 10.0.0.2 "red3 after its record was deleted"
	ctl hv1 record add sw0 $red3 pa 192.0.2.1
	ping_ok red3 10.0.0.2
}

run_test "a port's claim on a MAC ends when its record moves away or goes" \
	claim_ends_with_record

# A port pinned to its VM's MAC (port add ... mac M, as libvirt knows the
# MAC of each NIC) sends from no other, even one that policy places on this
# host and that an unpinned port could claim; no other port may pin it.
port_pinned_to_mac() {
	local pin=02:00:00:00:50:03 json
	local other="vsid $RED ca 10.0.0.33 mac 02:00:00:00:50:33 pa 192.0.2.1"
	trap "nq red3 ip link set eth0 address $pin; nq red3 ip addr flush dev eth0 to 10.0.0.33/32
		nq hv1 nvswitchctl record del sw0 vsid $RED ca 10.0.0.33 2>/dev/null
		nq hv1 ip link del p-x 2>/dev/null; true" EXIT
	ctl hv1 port del sw0 dev p-red3
	ctl hv1 port add sw0 dev p-red3 vsid $RED mac $pin
	# Shown pinned before the VM sent anything.
	ctl hv1 port show sw0 | grep -qx "p-red3 vsid $RED mac $pin pinned" ||
		{ ctl hv1 port show sw0; return 1; }
	json=$(ctl hv1 -j port get sw0 dev p-red3)
	check_eq "JSON pin" "$(json_get pin <<<"$json")" "$pin"
	ping_ok red3 10.0.0.2

	ctl hv1 record add sw0 $other
	nq red3 ip link set eth0 address 02:00:00:00:50:33
	n red3 ip addr add 10.0.0.33/32 dev eth0
	n red3 ip neigh replace 10.0.0.2 lladdr 02:00:00:00:50:02 dev eth0 nud permanent
	spoof_fails red3 10.0.0.2 "pinned red3 from another MAC of this host" -I 10.0.0.33
	nq red3 ip link set eth0 address $pin
	n red3 ip neigh replace 10.0.0.2 lladdr 02:00:00:00:50:02 dev eth0 nud permanent
	ping_ok red3 10.0.0.2

	nq hv1 ip link add p-x type veth peer name p-y
	expect_fail 1 "invalid \"mac\": Another port of this VSID is pinned to that MAC" \
		ctl hv1 port add sw0 dev p-x vsid $RED mac $pin
	ctl hv1 port show sw0 | grep -q "^p-x" && { echo "# p-x became a port"; return 1; }
	true
}

run_test "a port pinned to a MAC sends from it only, and only it does" \
	port_pinned_to_mac

# A VM's tap attached as to a bridge, as libvirt and ifupdown do it:
# ip link set DEV master sw0 makes it a port in the switch's default VSID,
# nomaster detaches it, and its own link shows its VSID and MAC.
master_attaches_port() {
	local ca=10.0.0.4 mac=02:00:00:00:50:04 slave
	trap "nq hv1 ip link del p-red4 2>/dev/null; ns_del red4 2>/dev/null
		nq hv1 nvswitchctl record del sw0 vsid $RED ca $ca 2>/dev/null
		nq hv2 nvswitchctl record del sw0 vsid $RED ca $ca 2>/dev/null
		nq hv1 nvswitchctl switch set sw0 default-vsid none; true" EXIT
	ns_create red4
	nq hv1 ip link add p-red4 type veth peer name eth0 netns "$(ns red4)"
	nq red4 ip link set eth0 address $mac
	n red4 ip addr add $ca/24 dev eth0
	nq red4 ip link set eth0 up
	nq hv1 ip link set p-red4 up
	expect_fail 2 "The switch has no default VSID" n hv1 ip link set p-red4 master sw0
	ctl hv1 switch set sw0 default-vsid $RED
	ctl hv1 switch show sw0 | grep -q "dscp 0 default-vsid $RED pa" ||
		{ ctl hv1 switch show sw0; return 1; }
	check_eq "JSON default_vsid" "$(ctl hv1 -j switch show sw0 | json_get default_vsid)" $RED
	n hv1 ip link set p-red4 master sw0
	ctl hv1 port show sw0 | grep -qx "p-red4 vsid $RED" || { ctl hv1 port show sw0; return 1; }
	for hv in hv1 hv2; do
		ctl $hv record add sw0 vsid $RED ca $ca mac $mac pa 192.0.2.1
	done
	ping_ok red4 10.0.0.2
	slave=$(nq hv1 $PYTHON "$NVSW_SELFTESTS/nvsw_linkinfo.py" p-red4)
	check_eq "slave kind" "$(json_get slave_kind <<<"$slave")" nvswitch
	check_eq "slave vsid" "$(json_get slave_vsid <<<"$slave")" $RED
	check_eq "slave mac" "$(json_get slave_mac <<<"$slave")" $mac
	n hv1 ip link set p-red4 nomaster
	! ctl hv1 port show sw0 | grep -q "^p-red4" || { echo "# p-red4 still a port"; return 1; }
	ctl hv1 switch set sw0 default-vsid none
	! ctl hv1 switch show sw0 | grep -q default-vsid
	# Past the CLI's own check, the kernel's: 0 or a VSID, nothing between.
	expect_fail 1 "Error: The default VSID must be 0 \\(none\\) or a VSID" \
		n hv1 env NVSWITCHCTL_NO_CHECK=1 nvswitchctl switch set sw0 default-vsid 12
}

run_test "ip link set DEV master sw0 attaches a port in the default VSID" \
	master_attaches_port

# domain_xml NAME MAC TAP VSID [IFMAC]: a libvirt domain's live XML as
# libvirtd hands it to a qemu hook, with an interface of type ethernet
# (MAC IFMAC, default MAC) whose tap is TAP, and nvswitch metadata putting
# MAC in VSID (Documentation/libvirt.rst).
domain_xml() {
	cat <<-EOF
	<domain type='kvm'>
	  <name>$1</name>
	  <metadata>
	    <nvswitch:ports xmlns:nvswitch="urn:nvswitch:libvirt:1">
	      <nvswitch:port mac="$2" switch="sw0" vsid="$4"/>
	    </nvswitch:ports>
	  </metadata>
	  <devices>
	    <interface type='ethernet'>
	      <mac address='${5:-$2}'/>
	      <target dev='$3' managed='yes'/>
	      <model type='virtio'/>
	    </interface>
	  </devices>
	</domain>
	EOF
}

# The libvirt qemu hook, driven as libvirtd drives it: the domain's XML on
# stdin, the domain and the operation as arguments, in the host's netns.
libvirt_hook_attaches() {
	local hook=$NVSW_SELFTESTS/../tools/libvirt/nvswitch-qemu-hook
	local ca=10.0.0.5 mac=52:54:00:00:50:05 xml
	trap "nq hv1 ip link del vnet5 2>/dev/null; ns_del red5 2>/dev/null
		nq hv1 nvswitchctl record del sw0 vsid $RED ca $ca 2>/dev/null
		nq hv2 nvswitchctl record del sw0 vsid $RED ca $ca 2>/dev/null; true" EXIT
	ns_create red5
	nq hv1 ip link add vnet5 type veth peer name eth0 netns "$(ns red5)"
	nq red5 ip link set eth0 address $mac
	n red5 ip addr add $ca/24 dev eth0
	nq red5 ip link set eth0 up
	nq hv1 ip link set vnet5 up
	for hv in hv1 hv2; do
		ctl $hv record add sw0 vsid $RED ca $ca mac $mac pa 192.0.2.1
	done
	xml=$(domain_xml red5 $mac vnet5 $RED)

	n hv1 "$hook" red5 prepare begin - <<<"$xml"
	! ctl hv1 port show sw0 | grep -q "^vnet5" || { echo "# attached at prepare"; return 1; }
	n hv1 "$hook" red5 started begin - <<<"$xml"
	ctl hv1 port show sw0 | grep -qx "vnet5 vsid $RED mac $mac pinned" ||
		{ ctl hv1 port show sw0; return 1; }
	ping_ok red5 10.0.0.2
	# libvirtd restarted: what is attached stays, once.
	n hv1 "$hook" red5 reconnect begin - <<<"$xml"
	check_eq "ports named vnet5" "$(ctl hv1 port show sw0 | grep -c '^vnet5')" 1
	ping_ok red5 10.0.0.2
	n hv1 "$hook" red5 migrate begin - <<<"$xml"
	n hv1 "$hook" red5 stopped end - <<<"$xml"
	! ctl hv1 port show sw0 | grep -q "^vnet5" || { echo "# still attached"; return 1; }

	expect_fail 1 "no interface with MAC $mac" n hv1 "$hook" red5 started begin - \
		<<<"$(domain_xml red5 $mac vnet5 $RED 52:54:00:00:50:06)"
	expect_fail 1 "needs mac, switch and vsid" n hv1 "$hook" red5 started begin - \
		<<<"$(domain_xml red5 $mac vnet5 $RED | sed 's/ vsid="[0-9]*"//')"
	expect_fail 1 'invalid VSID "12"' n hv1 "$hook" red5 started begin - \
		<<<"$(domain_xml red5 $mac vnet5 12)"
	! ctl hv1 port show sw0 | grep -q "^vnet5"
}

run_test "the libvirt hook attaches a domain's interfaces on start, detaches on stop" \
	libvirt_hook_attaches

nvsw_finish
