#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""The crafted underlay frames of nvsw_badpackets.sh, built with scapy.

Run on the host by `make -C selftests` (scapy takes seconds to import under
emulation, and the frames never change): prints one "NAME HEX" line per
case, the whole Ethernet frame as evil (192.0.2.2) sends it to hv1
(192.0.2.1).  nvsw_badpackets.sh gives both underlay ports the MACs below.

The inner source is red2 (its MAC, at its PA 192.0.2.2), except in the
spoof_* cases: another outer source PA, a MAC without a record, an IPv4
source that is not red2's CA.
"""
from scapy.all import Ether, IP, GRE, Dot1Q, Dot1AD, Raw, raw

EVIL_MAC = "02:00:00:00:ee:02"
HV1_UL_MAC = "02:00:00:00:ee:01"
RED = 5001
BLUE = 6001
RED1_MAC = "02:00:00:00:50:01"
RED2_MAC = "02:00:00:00:50:02"

OUTER = Ether(src=EVIL_MAC, dst=HV1_UL_MAC) / IP(src="192.0.2.2", dst="192.0.2.1")
SPOOFER = Ether(src=EVIL_MAC, dst=HV1_UL_MAC) / IP(src="192.0.2.9", dst="192.0.2.1")


def inner(name, dst=RED1_MAC, tag=None, src=RED2_MAC):
    """The inner frame is of the local experimental ethertype: a VM that
    gets it stays silent (no ICMP error to count as tx), the capture still
    sees it."""
    e = Ether(src=src, dst=dst, type=0x88b5)
    if tag is not None:
        e = Ether(src=src, dst=dst) / tag
        e.lastlayer().type = 0x88b5
    return e / Raw(b"nvsw-case-" + name.encode())


def gre(key=(RED << 8) | 0x17, **kw):
    return GRE(key_present=1, key=key, proto=0x6558, **kw)


FRAMES = {
    "positive": OUTER / gre() / inner("positive"),
    "flowid_any": OUTER / gre(key=(RED << 8) | 0xff) / inner("flowid_any"),
    "gre_version1": OUTER / gre(version=1) / inner("gre_version1"),
    # C bit: scapy fills the checksum in; a wrong one is set by hand.
    "csum_bad": OUTER / gre(chksum_present=1, chksum=0xdead) / inner("csum_bad"),
    "csum_ok": OUTER / gre(chksum_present=1) / inner("csum_ok"),
    "seq": OUTER / gre(seqnum_present=1, seqence_number=1) / inner("seq"),
    # K and S bits, key and sequence number both 0x20006558: the last 8
    # bytes of this GRE header read like a whole K-only NVGRE header.
    "seq_key_is_header": OUTER / gre(key=0x20006558, seqnum_present=1,
                                     seqence_number=0x20006558) /
        inner("seq_key_is_header"),
    "no_key": OUTER / GRE(proto=0x6558) / inner("no_key"),
    "routing": OUTER / gre(routing_present=1) / inner("routing"),
    "truncated_gre": OUTER / Raw(b"\x20\x00"),
    "truncated_key": OUTER / Raw(b"\x20\x00\x65\x58\x00\x13"),
    "truncated_inner": OUTER / gre() /
        Raw(bytes.fromhex("020000005001") + b"nvsw-case-truncated_inner"[:4]),
    "unknown_vsid": OUTER / gre(key=7777 << 8) / inner("unknown_vsid"),
    "vsid_0": OUTER / gre(key=0x17) / inner("vsid_0"),
    "vsid_4095": OUTER / gre(key=4095 << 8) / inner("vsid_4095"),
    "vsid_ffffff": OUTER / gre(key=0xffffff << 8) / inner("vsid_ffffff"),
    "vlan": OUTER / gre() / inner("vlan", tag=Dot1Q(vlan=5)),
    "qinq": OUTER / gre() / inner("qinq", tag=Dot1AD(vlan=5) / Dot1Q(vlan=6)),
    "no_record": OUTER / gre() / inner("no_record", dst="02:00:00:00:50:77"),
    "other_tenant": OUTER / gre(key=BLUE << 8) / inner("other_tenant"),
    "not_local": OUTER / gre() / inner("not_local", dst=RED2_MAC),
    "broadcast": OUTER / gre() / inner("broadcast", dst="ff:ff:ff:ff:ff:ff"),
    "spoof_pa": SPOOFER / gre() / inner("spoof_pa"),
    "spoof_mac": OUTER / gre() / inner("spoof_mac", src="02:00:00:00:50:77"),
    "spoof_ca": OUTER / gre() / Ether(src=RED2_MAC, dst=RED1_MAC) /
        IP(src="10.0.0.7", dst="10.0.0.1", proto=253) / Raw(b"nvsw-case-spoof_ca"),
}

for name, frame in FRAMES.items():
    print(name, raw(frame).hex())
