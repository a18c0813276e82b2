#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Neighbor Discovery frames red1 sends in nvsw_ipv6.sh, built with scapy.

Run on the host by `make -C selftests`: prints one "NAME HEX" line per
frame, the whole Ethernet frame from red1 (02:00:00:00:50:01, 2001:db8::1)
to red2 (02:00:00:00:50:02, 2001:db8::2) on another host.

Each claims red3's address 2001:db8::3 for red1's MAC, as a plain
Neighbor Advertisement would (which the switch drops as spoofed), but
behind extension headers or in a fragment; own_na_dstopt claims red1's own
address the same way and must pass.  A receiver processes all of them:
ND in a fragment is what RFC 6980 forbids.
"""
from scapy.all import (Ether, IPv6, IPv6ExtHdrDestOpt, IPv6ExtHdrHopByHop,
                       IPv6ExtHdrFragment, ICMPv6ND_NA, ICMPv6ND_NS,
                       ICMPv6NDOptDstLLAddr, ICMPv6NDOptSrcLLAddr, raw)

RED1_MAC = "02:00:00:00:50:01"
RED2_MAC = "02:00:00:00:50:02"
L2 = Ether(src=RED1_MAC, dst=RED2_MAC)
L3 = IPv6(src="2001:db8::1", dst="2001:db8::2", hlim=255)


def na(target):
    return (ICMPv6ND_NA(tgt=target, R=0, S=0, O=1) /
            ICMPv6NDOptDstLLAddr(lladdr=RED1_MAC))


FRAMES = {
    "na_plain": L2 / L3 / na("2001:db8::3"),
    "na_dstopt": L2 / L3 / IPv6ExtHdrDestOpt() / na("2001:db8::3"),
    "na_hbh_dstopt": L2 / L3 / IPv6ExtHdrHopByHop() / IPv6ExtHdrDestOpt() /
        na("2001:db8::3"),
    # An atomic fragment: offset 0, no more fragments.
    "na_frag": L2 / L3 / IPv6ExtHdrFragment(offset=0, m=0, id=1) /
        na("2001:db8::3"),
    "ns_frag": L2 / L3 / IPv6ExtHdrFragment(offset=0, m=0, id=2) /
        ICMPv6ND_NS(tgt="2001:db8::2") / ICMPv6NDOptSrcLLAddr(lladdr=RED1_MAC),
    "own_na_dstopt": L2 / L3 / IPv6ExtHdrDestOpt() / na("2001:db8::1"),
}

for name, frame in FRAMES.items():
    print(name, raw(frame).hex())
