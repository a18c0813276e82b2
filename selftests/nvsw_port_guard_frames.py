#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Frames the rogue VM sends in nvsw_port_guard.sh, built with scapy.

Run on the host by `make -C selftests`: prints one "NAME HEX" line per
frame, the whole Ethernet frame from rogue (02:00:00:00:50:01, 10.0.0.1,
fe80::1) to its neighbour victim (02:00:00:00:50:50, 10.0.0.50) or to a
multicast group.  The names say what the guards do with each: *_rg the
router guard drops, *_dg the DHCP guard drops, *_ok neither does.
"""
from scapy.all import (BOOTP, DHCP6_RelayForward, DHCP6_RelayReply,
                       DHCP6_Reply, ICMP, IP, UDP, Ether, ICMPv6ND_RA,
                       ICMPv6ND_Redirect, ICMPv6NDOptPrefixInfo,
                       ICMPv6NDOptSrcLLAddr, IPv6, IPv6ExtHdrDestOpt, Raw,
                       raw)

ROGUE_MAC = "02:00:00:00:50:01"
VICTIM_MAC = "02:00:00:00:50:50"
ROGUE_LL = "fe80::1"
VICTIM_LL = "fe80::ff:fe00:5050"

TO_VICTIM = Ether(src=ROGUE_MAC, dst=VICTIM_MAC)
IP4 = IP(src="10.0.0.1", dst="10.0.0.50")
IP6 = IPv6(src=ROGUE_LL, dst=VICTIM_LL, hlim=255)

# To all nodes: a default router and a SLAAC prefix for every VM.
RA = (Ether(src=ROGUE_MAC, dst="33:33:00:00:00:01") /
      IPv6(src=ROGUE_LL, dst="ff02::1", hlim=255))
RA_BODY = (ICMPv6ND_RA(routerlifetime=1800) /
           ICMPv6NDOptSrcLLAddr(lladdr=ROGUE_MAC) /
           ICMPv6NDOptPrefixInfo(prefix="2001:db8:1::", prefixlen=64, L=1,
                                 A=1, validlifetime=3600,
                                 preferredlifetime=1800))
# IRDP (RFC 1256): one address of 2 words (scapy's id), lifetime 1800 s
# (its seq), then the address, 10.0.0.1, preference 0.
IRDP_BODY = bytes([10, 0, 0, 1, 0, 0, 0, 0])
# What a later fragment of a DHCP OFFER would start with, were it one.
UDP_67_68 = raw(UDP(sport=67, dport=68, len=308, chksum=0))

FRAMES = {
    "ra_rg": RA / RA_BODY,
    "ra_dstopt_rg": RA / IPv6ExtHdrDestOpt() / RA_BODY,
    "redirect6_rg": TO_VICTIM / IP6 /
        ICMPv6ND_Redirect(tgt=ROGUE_LL, dst="2001:db8:99::1"),
    "redirect4_rg": TO_VICTIM / IP4 / ICMP(type=5, code=1, gw="10.0.0.1") /
        IP(src="10.0.0.50", dst="198.51.100.1") / UDP(sport=1000, dport=53),
    "irdp_rg": Ether(src=ROGUE_MAC, dst="01:00:5e:00:00:01") /
        IP(src="10.0.0.1", dst="224.0.0.1", ttl=1) / ICMP(type=9, id=0x0102, seq=1800) /
        Raw(IRDP_BODY),
    "dhcp6_reply_dg": TO_VICTIM / IP6 / UDP(sport=547, dport=546) /
        DHCP6_Reply(trid=1),
    "dhcp6_reply_dstopt_dg": TO_VICTIM / IP6 / IPv6ExtHdrDestOpt() /
        UDP(sport=547, dport=546) / DHCP6_Reply(trid=2),
    "dhcp6_relay_repl_dg": TO_VICTIM / IP6 / UDP(sport=547, dport=547) /
        DHCP6_RelayReply(linkaddr="::", peeraddr=VICTIM_LL),
    "bootp_relay_reply_dg": TO_VICTIM / IP4 / UDP(sport=67, dport=67) /
        BOOTP(op=2, chaddr=bytes.fromhex("020000005050")),
    # A relay agent forwarding a client's request is no server.
    "dhcp6_relay_forw_ok": TO_VICTIM / IP6 / UDP(sport=547, dport=547) /
        DHCP6_RelayForward(linkaddr="::", peeraddr=VICTIM_LL),
    "bootp_relay_req_ok": TO_VICTIM / IP4 / UDP(sport=67, dport=67) /
        BOOTP(op=1, chaddr=bytes.fromhex("020000005050")),
    # A fragment other than the first has no UDP header to inspect.
    "dhcp4_later_fragment_ok": TO_VICTIM /
        IP(src="10.0.0.1", dst="10.0.0.50", proto=17, frag=100) /
        Raw(UDP_67_68 + bytes(32)),
}

for name, frame in FRAMES.items():
    print(name, raw(frame).hex())
