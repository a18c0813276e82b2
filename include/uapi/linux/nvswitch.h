/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * nvswitch: multi-tenant network virtualization with NVGRE (RFC 7637).
 *
 * This header is the contract between the nvswitch kernel module and its
 * clients. Numbers are stable: new commands and attributes are appended,
 * retired ones keep their number and are never reused.
 *
 * Two netlink interfaces:
 *
 *  - rtnetlink: a switch is a network device of kind "nvswitch". It is created,
 *    changed and deleted with RTM_NEWLINK/RTM_DELLINK; its options travel in
 *    IFLA_INFO_DATA as IFLA_NVSW_* attributes.
 *
 *  - generic netlink family "nvswitch": everything inside a switch (provider
 *    addresses, ports, lookup records, statistics). Every request names its
 *    switch with NVSW_A_IFINDEX or NVSW_A_IFNAME, resolved in the netns of the
 *    requesting socket. Every operation needs CAP_NET_ADMIN in that netns.
 */
#ifndef _UAPI_LINUX_NVSWITCH_H
#define _UAPI_LINUX_NVSWITCH_H

#define NVSW_GENL_NAME		"nvswitch"
#define NVSW_GENL_VERSION	1

/*
 * Multicast groups. "config" announces every change of a switch, provider
 * address, port, lookup record, virtual subnet, customer route or VSID
 * BUM setting, made by anyone, as the NEW/DEL/SET command that would make
 * it (the switch's own NVSW_CMD_SWITCH_NEW/DEL included; a changed switch
 * or a replaced record is announced with NEW).
 * "miss" carries NVSW_CMD_MISS: the datapath met a (VSID, CA) or (VSID,
 * MAC) it has no record for; rate-limited per switch.
 */
#define NVSW_MCGRP_CONFIG	"config"
#define NVSW_MCGRP_MISS		"miss"

/* A Virtual Subnet ID is 24 bits. RFC 7637 reserves 0-4095 and 0xffffff. */
#define NVSW_VSID_MIN		4096
#define NVSW_VSID_MAX		16777214

/*
 * Routing (HNV's distributed router). A virtual subnet (VSUBNET) gives a
 * VSID a routing domain (RDID) and an IPv4 prefix with its gateway
 * address, an IPv6 prefix with its gateway address, or both (dual stack).
 * The switch answers ARP and Neighbor Solicitations for the gateways with
 * the switch device's own MAC and routes what VMs send to that MAC: to the
 * virtual subnet of the domain whose prefix holds the destination (longest
 * prefix), or through a customer route (ROUTE) to a next-hop CA of the
 * same family. Domains never see each other. A VSID without a virtual
 * subnet is switched only (no routing).
 * Prefixes travel as PREFIX_IPV4 or PREFIX_IPV6, with PREFIX_LEN. Every
 * VSUBNET message (reply, dump, notification) carries one family: a
 * dual-stack virtual subnet is two of them. VSUBNET_NEW with a family the
 * VSID's virtual subnet lacks, in the same RDID, adds it; VSUBNET_DEL with
 * a prefix removes only that family, without one the whole virtual subnet.
 */

/* How the 8-bit FlowID in the GRE key is chosen on transmit. */
enum nvsw_flowid_mode {
	NVSW_FLOWID_HASH,	/* a stable hash of the inner flow (default) */
	NVSW_FLOWID_ZERO,	/* always 0: key = VSID << 8 */
};

/* rtnetlink: IFLA_INFO_DATA of a link of kind "nvswitch" */
enum {
	IFLA_NVSW_UNSPEC,
	IFLA_NVSW_FLOWID_MODE,	/* u8, enum nvsw_flowid_mode */
	IFLA_NVSW_MOVE_GRACE_MS,	/* u32: how long a moved VM's old host forwards */
	__IFLA_NVSW_MAX
};

#define IFLA_NVSW_MAX (__IFLA_NVSW_MAX - 1)

/*
 * Generic netlink commands. NEW honours NLM_F_EXCL, NLM_F_CREATE and
 * NLM_F_REPLACE the way rtnetlink does: a plain NEW of an existing object
 * fails with EEXIST; NEW|REPLACE changes it in one atomic step.
 */
enum nvsw_cmd {
	NVSW_CMD_UNSPEC,
	NVSW_CMD_SWITCH_GET,	/* do: one switch; dump: all in the netns */
	NVSW_CMD_PA_NEW,	/* IFINDEX|IFNAME, PA_IPV4|PA_IPV6 */
	NVSW_CMD_PA_DEL,	/* IFINDEX|IFNAME, PA_IPV4|PA_IPV6 */
	NVSW_CMD_PA_GET,	/* do: PA_IPV4|PA_IPV6; dump: IFINDEX|IFNAME */
	/*
	 * IFINDEX|IFNAME, PORT_IFINDEX, VSID; or, to create an internal port,
	 * IFINDEX|IFNAME, PORT_INTERNAL, PORT_IFNAME, VSID, [MAC]
	 */
	NVSW_CMD_PORT_NEW,
	NVSW_CMD_PORT_DEL,	/* IFINDEX|IFNAME, PORT_IFINDEX */
	NVSW_CMD_PORT_GET,	/* do: PORT_IFINDEX; dump: IFINDEX|IFNAME */
	/* IFINDEX|IFNAME, VSID, CA_IPV4|CA_IPV6, MAC, PA_IPV4|PA_IPV6 */
	NVSW_CMD_LOOKUP_NEW,
	NVSW_CMD_LOOKUP_DEL,	/* IFINDEX|IFNAME, VSID, CA_IPV4|CA_IPV6 */
	/* do: VSID, CA_IPV4|CA_IPV6; dump: optional VSID, PA_IPV4|PA_IPV6 */
	NVSW_CMD_LOOKUP_GET,
	NVSW_CMD_STATS_GET,	/* do: IFINDEX|IFNAME */
	NVSW_CMD_LOOKUP_FLUSH,	/* IFINDEX|IFNAME, optional VSID, PA_IPV4|PA_IPV6 */
	/* do: VSID; dump: the VSIDs with ports or BUM settings here */
	NVSW_CMD_VSID_GET,
	NVSW_CMD_SWITCH_NEW,	/* notification only: a switch was created */
	NVSW_CMD_SWITCH_DEL,	/* notification only: a switch was deleted */
	NVSW_CMD_MISS,		/* notification only, on the "miss" group */
	/*
	 * IFINDEX|IFNAME, VSID, RDID, PREFIX_IPV4, PREFIX_LEN, [GATEWAY_IPV4]
	 * or IFINDEX|IFNAME, VSID, RDID, PREFIX_IPV6, PREFIX_LEN, [GATEWAY_IPV6]
	 */
	NVSW_CMD_VSUBNET_NEW,
	/* IFINDEX|IFNAME, VSID, [PREFIX_IPV4|PREFIX_IPV6, PREFIX_LEN] */
	NVSW_CMD_VSUBNET_DEL,
	/* do: VSID (the IPv4 part, else the IPv6 one); dump: optional RDID */
	NVSW_CMD_VSUBNET_GET,
	/*
	 * IFINDEX|IFNAME, RDID, [VSID], PREFIX_IPV4, PREFIX_LEN, NEXTHOP_IPV4, [METRIC]
	 * or the same with PREFIX_IPV6 and NEXTHOP_IPV6
	 */
	NVSW_CMD_ROUTE_NEW,
	/* IFINDEX|IFNAME, RDID, [VSID], PREFIX_IPV4|6, PREFIX_LEN, NEXTHOP_IPV4|6 */
	NVSW_CMD_ROUTE_DEL,
	NVSW_CMD_ROUTE_GET,	/* dump: optional RDID */
	/*
	 * IFINDEX|IFNAME, VSID, [BUM_MODE], [BUM_RATE]: at least one of the
	 * two. Also a notification on the "config" group, with both.
	 */
	NVSW_CMD_VSID_SET,
	__NVSW_CMD_MAX
};

#define NVSW_CMD_MAX (__NVSW_CMD_MAX - 1)

/* Generic netlink attributes, one space shared by every command. */
enum nvsw_attr {
	NVSW_A_UNSPEC,
	NVSW_A_PAD,
	NVSW_A_IFINDEX,		/* u32: the switch device */
	NVSW_A_IFNAME,		/* string: the switch device */
	NVSW_A_FLOWID_MODE,	/* u8, enum nvsw_flowid_mode (reply only) */
	NVSW_A_VSID,		/* u32, NVSW_VSID_MIN..NVSW_VSID_MAX */
	NVSW_A_CA_IPV4,		/* be32: customer address */
	NVSW_A_MAC,		/* binary, 6 bytes: customer MAC */
	NVSW_A_PA_IPV4,		/* be32: provider address */
	NVSW_A_PORT_IFINDEX,	/* u32: the port's device */
	NVSW_A_PORT_IFNAME,	/* string: the port's device; the name of a new internal port */
	NVSW_A_PORT_MAC,	/* binary, 6 bytes: MAC learned on a port (reply only) */
	NVSW_A_STATS,		/* nest, enum nvsw_stats_attr (reply only) */
	NVSW_A_PA_COUNT,	/* u32: provider addresses of a switch (reply only) */
	NVSW_A_PORT_COUNT,	/* u32: ports of a switch (reply only) */
	NVSW_A_LOOKUP_COUNT,	/* u32: lookup records of a switch (reply only) */
	NVSW_A_FLUSHED,		/* u32: records removed by a flush (reply only) */
	NVSW_A_MISS_SOURCE,	/* u8, enum nvsw_miss_source (notification only) */
	NVSW_A_MOVE_GRACE_MS,	/* u32, see IFLA_NVSW_MOVE_GRACE_MS (reply only) */
	NVSW_A_RDID,		/* u32, 1..0xffffffff: routing domain */
	NVSW_A_PREFIX_IPV4,	/* be32: network of a prefix (host bits zero) */
	NVSW_A_PREFIX_LEN,	/* u8: prefix length, 0-32 for IPv4, 0-128 for IPv6 */
	NVSW_A_GATEWAY_IPV4,	/* be32: a virtual subnet's gateway, inside its prefix */
	NVSW_A_NEXTHOP_IPV4,	/* be32: a customer route's next hop, a CA of the domain */
	NVSW_A_METRIC,		/* u32: among routes of equal prefix, the lowest wins */
	/*
	 * flag: the port is internal, a netdev the switch made for the host
	 * (PORT_NEW: make one, named PORT_IFNAME, with MAC or a random one)
	 */
	NVSW_A_PORT_INTERNAL,
	NVSW_A_CA_IPV6,		/* binary, 16 bytes: customer address (instead of CA_IPV4) */
	NVSW_A_BUM_MODE,	/* u8, enum nvsw_bum_mode: a VSID's broadcast/unknown/multicast */
	NVSW_A_BUM_RATE,	/* u32, 1-1000000: frames/s a VSID may flood (default 1000) */
	NVSW_A_PA_IPV6,		/* binary, 16 bytes: provider address (instead of PA_IPV4) */
	NVSW_A_PREFIX_IPV6,	/* binary, 16 bytes: network of an IPv6 prefix (host bits zero) */
	NVSW_A_GATEWAY_IPV6,	/* binary, 16 bytes: a virtual subnet's IPv6 gateway */
	NVSW_A_NEXTHOP_IPV6,	/* binary, 16 bytes: an IPv6 customer route's next hop */
	__NVSW_A_MAX
};

#define NVSW_A_MAX (__NVSW_A_MAX - 1)

/*
 * What a switch does with what a VM sends to a broadcast or multicast MAC,
 * or to a MAC without a lookup record (BUM), once the ARP responder had its
 * chance: an ARP request for a CA with a record is always answered from
 * policy and never flooded.
 */
enum nvsw_bum_mode {
	NVSW_BUM_DROP,		/* default: dropped, counted as BROADCAST or NO_RECORD */
	/*
	 * Copied to every other local port of the VSID and, as NVGRE, once
	 * to every other PA that records of the VSID point to; at most
	 * BUM_RATE frames per second (default 1000, up to 1000000; burst: a
	 * tenth of a second's worth, at least 10), the rest dropped as
	 * BUM_LIMITED.
	 * What arrives from the underlay goes to local ports only.
	 */
	NVSW_BUM_REPLICATE,
};

/* Where the datapath met a destination without a lookup record. */
enum nvsw_miss_source {
	NVSW_MISS_ARP,		/* ARP request from a port: VSID, CA_IPV4, PORT_IFINDEX */
	NVSW_MISS_PORT,		/* frame from a port: VSID, MAC, PORT_IFINDEX */
	NVSW_MISS_UNDERLAY,	/* NVGRE from the underlay: VSID, MAC, PA_IPV4 (sender) */
	NVSW_MISS_ND,		/* Neighbor Solicitation from a port: VSID, CA_IPV6, PORT_IFINDEX */
};

/*
 * Counters, all u64, in NVSW_A_STATS. In a STATS_GET reply they count the
 * whole switch: TX is NVGRE sent, RX is NVGRE received and delivered. In a
 * PORT_GET reply they count one port from the switch's side: RX is frames
 * the VM sent, TX is frames delivered to it. In a VSID_GET reply they count
 * one virtual subnet as STATS_GET does the switch.
 */
enum nvsw_stats_attr {
	NVSW_STATS_A_UNSPEC,
	NVSW_STATS_A_PAD,
	NVSW_STATS_A_TX_PACKETS,	/* encapsulated and sent to the underlay */
	NVSW_STATS_A_TX_BYTES,
	NVSW_STATS_A_RX_PACKETS,	/* received from the underlay, delivered */
	NVSW_STATS_A_RX_BYTES,
	NVSW_STATS_A_LOCAL_PACKETS,	/* switched from port to port */
	NVSW_STATS_A_LOCAL_BYTES,
	NVSW_STATS_A_ARP_REPLIES,	/* ARP requests and ND solicitations answered from policy */
	NVSW_STATS_A_DROPS,		/* nest, enum nvsw_drop_attr */
	NVSW_STATS_A_FORWARDED_PACKETS,	/* for a VM that moved away, sent on to its new host */
	NVSW_STATS_A_FORWARDED_BYTES,
	NVSW_STATS_A_ANNOUNCES,		/* gratuitous ARPs sent to ports for a VM that arrived */
	NVSW_STATS_A_ROUTED_PACKETS,	/* routed between virtual subnets of a routing domain */
	NVSW_STATS_A_ROUTED_BYTES,
	/* broadcast/unknown/multicast frames from VMs or the underlay, replicated */
	NVSW_STATS_A_FLOODED_PACKETS,
	NVSW_STATS_A_FLOODED_BYTES,
	__NVSW_STATS_A_MAX
};

#define NVSW_STATS_A_MAX (__NVSW_STATS_A_MAX - 1)

/* Dropped packets by reason, all u64, in NVSW_STATS_A_DROPS. */
enum nvsw_drop_attr {
	NVSW_DROP_A_UNSPEC,
	NVSW_DROP_A_PAD,
	NVSW_DROP_A_NO_RECORD,		/* no lookup record for the destination */
	NVSW_DROP_A_UNKNOWN_VSID,	/* received for a VSID this switch does not serve */
	NVSW_DROP_A_RESERVED_VSID,	/* received with VSID 0-4095 or 0xffffff */
	NVSW_DROP_A_VLAN_TAGGED,	/* inner frame carries an 802.1Q/802.1ad tag */
	NVSW_DROP_A_BAD_GRE,		/* GRE header other than K only (C, S, no key) */
	NVSW_DROP_A_MALFORMED,		/* an ARP request or ND solicitation cut short or invalid */
	NVSW_DROP_A_NOT_LOCAL,		/* received for a CA whose record is not on this host */
	NVSW_DROP_A_NO_PORT,		/* no port of the VSID can take the frame */
	NVSW_DROP_A_PORT_DOWN,		/* destination port is down */
	NVSW_DROP_A_SWITCH_DOWN,	/* the switch device is down */
	NVSW_DROP_A_BROADCAST,		/* broadcast/multicast not answered from policy */
	NVSW_DROP_A_NO_PA,		/* the switch has no provider address to send from */
	NVSW_DROP_A_NO_ROUTE,		/* no route to the destination provider address */
	NVSW_DROP_A_HOST_TX,		/* sent by the host on the switch device itself */
	NVSW_DROP_A_TX_ERROR,		/* encapsulation or transmit failed */
	NVSW_DROP_A_TOO_BIG,		/* too big for the underlay path (ICMP sent back) */
	NVSW_DROP_A_SPOOFED,		/* source MAC, CA or PA is not the sender's own record */
	/* sent to the gateway MAC, but no virtual subnet or route takes it */
	NVSW_DROP_A_NO_CA_ROUTE,
	/* routed with TTL or hop limit 1 or 0 (ICMP or ICMPv6 time exceeded sent back) */
	NVSW_DROP_A_TTL_EXCEEDED,
	NVSW_DROP_A_BUM_LIMITED,	/* over its VSID's BUM replication rate */
	__NVSW_DROP_A_MAX
};

#define NVSW_DROP_A_MAX (__NVSW_DROP_A_MAX - 1)

#endif /* _UAPI_LINUX_NVSWITCH_H */
