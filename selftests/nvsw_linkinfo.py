#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Print the IFLA_INFO_DATA of a link as JSON: what `ip -d -j link show`
would print, had iproute2 a plugin for the kind (it has none for
nvswitch, so it prints only the kind's name). For a port of a switch,
its IFLA_INFO_SLAVE_DATA too.

    nvsw_linkinfo.py IFNAME     (in the link's netns)

Attributes are named after the uapi header's IFLA_NVSW_* enum, without
the prefix and in lower case: IFLA_NVSW_MAX_RECORDS is "max_records";
a port's after IFLA_NVSW_PORT_*, with "slave_": IFLA_NVSW_PORT_VSID is
"slave_vsid". A 1-byte attribute is a u8, a 4-byte one a u32, a 6-byte
one a MAC (the only sizes used).
"""
import json
import os
import re
import socket
import struct
import sys

NLM_F_REQUEST = 1
RTM_NEWLINK, RTM_GETLINK = 16, 18
NLMSG_ERROR = 2
IFLA_LINKINFO = 18
IFLA_INFO_KIND, IFLA_INFO_DATA = 1, 2
IFLA_INFO_SLAVE_KIND, IFLA_INFO_SLAVE_DATA = 4, 5
NLA_TYPE_MASK = 0x3fff

UAPI = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                    "../include/uapi/linux/nvswitch.h")


def ifla_names(prefix, first):
    """prefix* numbers to names, from the enum as the header lists it."""
    text = open(UAPI).read()
    body = re.search(r"enum \{\s*(%s = 1,.*?)\n\n" % first, text, re.S)
    names = {}
    for i, line in enumerate(body.group(1).split(",")):
        name = line.strip().split(" ")[0]
        if name:
            names[i + 1] = name[len(prefix):].lower()
    return names


def value(payload):
    """u8, u32 or MAC by size; anything else as hex."""
    if len(payload) == 6:
        return ":".join("%02x" % b for b in payload)
    fmt = {1: "B", 4: "I"}.get(len(payload))
    return struct.unpack(fmt, payload)[0] if fmt else payload.hex()


def attrs(buf):
    """(type, payload) of each attribute in buf."""
    off = 0
    while off + 4 <= len(buf):
        length, typ = struct.unpack_from("HH", buf, off)
        if length < 4:
            break
        yield typ & NLA_TYPE_MASK, buf[off + 4:off + length]
        off += (length + 3) & ~3


def main():
    ifindex = socket.if_nametoindex(sys.argv[1])
    sk = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
    ifi = struct.pack("BxHiII", socket.AF_UNSPEC, 0, ifindex, 0, 0)
    sk.send(struct.pack("IHHII", 16 + len(ifi), RTM_GETLINK, NLM_F_REQUEST,
                        1, 0) + ifi)
    msg = sk.recv(65536)
    length, typ = struct.unpack_from("IH", msg)
    if typ == NLMSG_ERROR:
        sys.exit("RTM_GETLINK: %s" % os.strerror(-struct.unpack_from("i", msg, 16)[0]))
    assert typ == RTM_NEWLINK
    out = {}
    names = ifla_names("IFLA_NVSW_", "IFLA_NVSW_FLOWID_MODE")
    port_names = ifla_names("IFLA_NVSW_PORT_", "IFLA_NVSW_PORT_VSID")
    for typ, payload in attrs(msg[32:length]):
        if typ != IFLA_LINKINFO:
            continue
        for ityp, ipayload in attrs(payload):
            if ityp == IFLA_INFO_KIND:
                out["kind"] = ipayload.rstrip(b"\0").decode()
            elif ityp == IFLA_INFO_SLAVE_KIND:
                out["slave_kind"] = ipayload.rstrip(b"\0").decode()
            elif ityp == IFLA_INFO_DATA:
                for dtyp, dval in attrs(ipayload):
                    out[names.get(dtyp, str(dtyp))] = value(dval)
            elif ityp == IFLA_INFO_SLAVE_DATA:
                for dtyp, dval in attrs(ipayload):
                    out["slave_" + port_names.get(dtyp, str(dtyp))] = value(dval)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
