#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Print the IFLA_INFO_DATA of a link as JSON: what `ip -d -j link show`
would print, had iproute2 a plugin for the kind (it has none for
nvswitch, so it prints only the kind's name).

    nvsw_linkinfo.py IFNAME     (in the link's netns)

Attributes are named after the uapi header's IFLA_NVSW_* enum, without
the prefix and in lower case: IFLA_NVSW_MAX_RECORDS is "max_records".
A 1-byte attribute is a u8, a 4-byte one a u32 (the only sizes used).
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
NLA_TYPE_MASK = 0x3fff

UAPI = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                    "../include/uapi/linux/nvswitch.h")


def ifla_names():
    """IFLA_NVSW_* numbers to names, from the enum as the header lists it."""
    text = open(UAPI).read()
    body = re.search(r"enum \{\s*(IFLA_NVSW_\w+ = 1,.*?)\n\n", text, re.S)
    names = {}
    for i, line in enumerate(body.group(1).split(",")):
        name = line.strip().split(" ")[0]
        if name:
            names[i + 1] = name[len("IFLA_NVSW_"):].lower()
    return names


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
    names = ifla_names()
    for typ, payload in attrs(msg[32:length]):
        if typ != IFLA_LINKINFO:
            continue
        for ityp, ipayload in attrs(payload):
            if ityp == IFLA_INFO_KIND:
                out["kind"] = ipayload.rstrip(b"\0").decode()
            elif ityp == IFLA_INFO_DATA:
                for dtyp, value in attrs(ipayload):
                    fmt = {1: "B", 4: "I"}.get(len(value))
                    out[names.get(dtyp, str(dtyp))] = \
                        struct.unpack(fmt, value)[0] if fmt else value.hex()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
