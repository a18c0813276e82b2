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
set -e
source "$(dirname "$(readlink -f "$0")")/lib.sh"

RED_GW_MAC=02:00:00:00:50:fe

command -v ethtool >/dev/null || {
	ktap_print_header
	ktap_skip_all "ethtool not found (scripts/install-deps.sh)"
	rm -rf "$NVSW_TMP"
	exit "$ksft_skip"
}

nvsw_begin 1

# csum_link HV ADDR PEER: the underlay of HV: a veth with GRO to the other
# host (whose end is made by the first call), a gretap with checksums on it.
csum_link() {
	local hv=$1 addr=$2 peer=$3
	if [ -z "$(nq "$hv" ip -o link show phy0 2>/dev/null)" ]; then
		nq "$hv" ip link add phy0 type veth peer name phy0 netns "$(ns "$peer")"
	fi
	n "$hv" ip addr add "198.51.100.$addr/24" dev phy0
	# GRO needs NAPI on the receiving veth, which veth hands only frames
	# from a sender without TSO; and GRO validates a checksum only when it
	# was not left to offload (CHECKSUM_PARTIAL): no tx checksumming.
	nq "$hv" ethtool -K phy0 gro on tx off tso off >/dev/null
	nq "$hv" ip link set phy0 up
	n "$hv" ip link add ul0 type gretap local "198.51.100.$addr" \
		remote "198.51.100.$((addr == 1 ? 2 : 1))" csum
	n "$hv" ip addr add "192.0.2.$addr/24" dev ul0
	nq "$hv" ip link set ul0 up
}

ns_create hv1
ns_create gw
csum_link hv1 1 gw
csum_link gw 2 hv1
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
	local bad
	bad=$(kernel_log_since_mark | grep -E 'hw csum failure' || true)
	check_eq "checksum faults" "$bad" ""
}
run_test "CHECKSUM_COMPLETE frames reach an internal port with their sum right" \
	complete_csum_to_internal_port

nvsw_finish
