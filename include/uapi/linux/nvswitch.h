/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/nvswitch.yaml */
/* YNL-GEN uapi header */

#ifndef _UAPI_LINUX_NVSWITCH_H
#define _UAPI_LINUX_NVSWITCH_H

#define NVSW_GENL_NAME		"nvswitch"
#define NVSW_GENL_VERSION	1

#define NVSWITCH_VSID_MIN		4096
#define NVSWITCH_VSID_MAX		16777214
#define NVSWITCH_BUM_RATE_MAX		1000000
#define NVSWITCH_BUM_RATE_DEFAULT	1000
#define NVSWITCH_MOVE_GRACE_MS_MAX	600000
#define NVSWITCH_EXPLAIN_SIZE_MIN	20
#define NVSWITCH_EXPLAIN_SIZE_MAX	65535
#define NVSWITCH_DSCP_INHERIT		64

/**
 * enum nvsw_flowid_mode - How the 8-bit FlowID in the GRE key is chosen on
 *   transmit.
 * @NVSW_FLOWID_HASH: a stable hash of the inner flow (default)
 * @NVSW_FLOWID_ZERO: always 0, the key is VSID << 8
 */
enum nvsw_flowid_mode {
	NVSW_FLOWID_HASH,
	NVSW_FLOWID_ZERO,
};

/**
 * enum nvsw_miss_source - Where the datapath met a destination without a
 *   lookup record.
 * @NVSW_MISS_ARP: ARP request from a port (vsid, ca-ipv4, port-ifindex)
 * @NVSW_MISS_PORT: frame from a port (vsid, mac, port-ifindex)
 * @NVSW_MISS_UNDERLAY: NVGRE from the underlay (vsid, mac, pa-ipv4 or pa-ipv6
 *   of the sender)
 * @NVSW_MISS_ND: Neighbor Solicitation from a port (vsid, ca-ipv6,
 *   port-ifindex)
 */
enum nvsw_miss_source {
	NVSW_MISS_ARP,
	NVSW_MISS_PORT,
	NVSW_MISS_UNDERLAY,
	NVSW_MISS_ND,
};

/**
 * enum nvsw_explain_verdict - What the switch would do with a frame, in an
 *   explain reply.
 * @NVSW_EXPLAIN_DELIVER: to a port of this host (port-ifindex)
 * @NVSW_EXPLAIN_ENCAP: as NVGRE to the host at pa-ipv4 or pa-ipv6
 * @NVSW_EXPLAIN_FLOOD: to the VSID's broadcast handling (bum-mode)
 * @NVSW_EXPLAIN_DROP: dropped, counted under explain-drop
 */
enum nvsw_explain_verdict {
	NVSW_EXPLAIN_DELIVER,
	NVSW_EXPLAIN_ENCAP,
	NVSW_EXPLAIN_FLOOD,
	NVSW_EXPLAIN_DROP,
};

/**
 * enum nvsw_bum_mode - What a switch does with what a VM sends to a broadcast
 *   or multicast MAC, or to a MAC without a lookup record (BUM), once the ARP
 *   responder had its chance: an ARP request for a CA with a record is always
 *   answered from policy and never flooded.
 * @NVSW_BUM_DROP: default; dropped, counted as broadcast or no-record
 * @NVSW_BUM_REPLICATE: copied to every other local port of the VSID and, as
 *   NVGRE, once to every other PA that records of the VSID point to; at most
 *   bum-rate frames per second (burst: a tenth of a second's worth, at least
 *   10 frames), the rest dropped as bum-limited. What arrives from the
 *   underlay goes to local ports only.
 */
enum nvsw_bum_mode {
	NVSW_BUM_DROP,
	NVSW_BUM_REPLICATE,
};

enum {
	IFLA_NVSW_FLOWID_MODE = 1,
	IFLA_NVSW_MOVE_GRACE_MS,
	IFLA_NVSW_DSCP,
	IFLA_NVSW_MAX_RECORDS,
	IFLA_NVSW_MAX_PORTS,
	IFLA_NVSW_MAX_PAS,
	IFLA_NVSW_MAX_VSUBNETS,
	IFLA_NVSW_MAX_ROUTES,
	IFLA_NVSW_DEFAULT_VSID,

	__IFLA_NVSW_MAX,
	IFLA_NVSW_MAX = (__IFLA_NVSW_MAX - 1)
};

enum {
	IFLA_NVSW_PORT_VSID = 1,
	IFLA_NVSW_PORT_MAC,
	IFLA_NVSW_PORT_PIN,

	__IFLA_NVSW_PORT_MAX,
	IFLA_NVSW_PORT_MAX = (__IFLA_NVSW_PORT_MAX - 1)
};

enum nvsw_attr {
	NVSW_A_PAD = 1,
	NVSW_A_IFINDEX,
	NVSW_A_IFNAME,
	NVSW_A_FLOWID_MODE,
	NVSW_A_VSID,
	NVSW_A_CA_IPV4,
	NVSW_A_MAC,
	NVSW_A_PA_IPV4,
	NVSW_A_PORT_IFINDEX,
	NVSW_A_PORT_IFNAME,
	NVSW_A_PORT_MAC,
	NVSW_A_STATS,
	NVSW_A_PA_COUNT,
	NVSW_A_PORT_COUNT,
	NVSW_A_LOOKUP_COUNT,
	NVSW_A_FLUSHED,
	NVSW_A_MISS_SOURCE,
	NVSW_A_MOVE_GRACE_MS,
	NVSW_A_RDID,
	NVSW_A_PREFIX_IPV4,
	NVSW_A_PREFIX_LEN,
	NVSW_A_GATEWAY_IPV4,
	NVSW_A_NEXTHOP_IPV4,
	NVSW_A_METRIC,
	NVSW_A_PORT_INTERNAL,
	NVSW_A_CA_IPV6,
	NVSW_A_BUM_MODE,
	NVSW_A_BUM_RATE,
	NVSW_A_PA_IPV6,
	NVSW_A_PREFIX_IPV6,
	NVSW_A_GATEWAY_IPV6,
	NVSW_A_NEXTHOP_IPV6,
	NVSW_A_DSCP,
	NVSW_A_MAX_RECORDS,
	NVSW_A_MAX_PORTS,
	NVSW_A_MAX_PAS,
	NVSW_A_MAX_VSUBNETS,
	NVSW_A_MAX_ROUTES,
	NVSW_A_VSUBNET_COUNT,
	NVSW_A_ROUTE_COUNT,
	NVSW_A_EXPLAIN_VERDICT,
	NVSW_A_EXPLAIN_DROP,
	NVSW_A_EXPLAIN_MTU,
	NVSW_A_EXPLAIN_SIZE,
	NVSW_A_EXPLAIN_ROUTED,
	NVSW_A_DEFAULT_VSID,

	__NVSW_A_MAX,
	NVSW_A_MAX = (__NVSW_A_MAX - 1)
};

enum nvsw_stats_attr {
	NVSW_STATS_A_PAD = 1,
	NVSW_STATS_A_TX_PACKETS,
	NVSW_STATS_A_TX_BYTES,
	NVSW_STATS_A_RX_PACKETS,
	NVSW_STATS_A_RX_BYTES,
	NVSW_STATS_A_LOCAL_PACKETS,
	NVSW_STATS_A_LOCAL_BYTES,
	NVSW_STATS_A_ARP_REPLIES,
	NVSW_STATS_A_DROPS,
	NVSW_STATS_A_FORWARDED_PACKETS,
	NVSW_STATS_A_FORWARDED_BYTES,
	NVSW_STATS_A_ANNOUNCES,
	NVSW_STATS_A_ROUTED_PACKETS,
	NVSW_STATS_A_ROUTED_BYTES,
	NVSW_STATS_A_FLOODED_PACKETS,
	NVSW_STATS_A_FLOODED_BYTES,

	__NVSW_STATS_A_MAX,
	NVSW_STATS_A_MAX = (__NVSW_STATS_A_MAX - 1)
};

enum nvsw_drop_attr {
	NVSW_DROP_A_PAD = 1,
	NVSW_DROP_A_NO_RECORD,
	NVSW_DROP_A_UNKNOWN_VSID,
	NVSW_DROP_A_RESERVED_VSID,
	NVSW_DROP_A_VLAN_TAGGED,
	NVSW_DROP_A_BAD_GRE,
	NVSW_DROP_A_MALFORMED,
	NVSW_DROP_A_NOT_LOCAL,
	NVSW_DROP_A_NO_PORT,
	NVSW_DROP_A_PORT_DOWN,
	NVSW_DROP_A_SWITCH_DOWN,
	NVSW_DROP_A_BROADCAST,
	NVSW_DROP_A_NO_PA,
	NVSW_DROP_A_NO_ROUTE,
	NVSW_DROP_A_HOST_TX,
	NVSW_DROP_A_TX_ERROR,
	NVSW_DROP_A_TOO_BIG,
	NVSW_DROP_A_SPOOFED,
	NVSW_DROP_A_NO_CA_ROUTE,
	NVSW_DROP_A_TTL_EXCEEDED,
	NVSW_DROP_A_BUM_LIMITED,

	__NVSW_DROP_A_MAX,
	NVSW_DROP_A_MAX = (__NVSW_DROP_A_MAX - 1)
};

enum nvsw_cmd {
	NVSW_CMD_SWITCH_GET = 1,
	NVSW_CMD_PA_NEW,
	NVSW_CMD_PA_NEW_NTF = 2,
	NVSW_CMD_PA_DEL,
	NVSW_CMD_PA_DEL_NTF = 3,
	NVSW_CMD_PA_GET,
	NVSW_CMD_PORT_NEW,
	NVSW_CMD_PORT_NEW_NTF = 5,
	NVSW_CMD_PORT_DEL,
	NVSW_CMD_PORT_DEL_NTF = 6,
	NVSW_CMD_PORT_GET,
	NVSW_CMD_LOOKUP_NEW,
	NVSW_CMD_LOOKUP_NEW_NTF = 8,
	NVSW_CMD_LOOKUP_DEL,
	NVSW_CMD_LOOKUP_DEL_NTF = 9,
	NVSW_CMD_LOOKUP_GET,
	NVSW_CMD_STATS_GET,
	NVSW_CMD_LOOKUP_FLUSH,
	NVSW_CMD_VSID_GET,
	NVSW_CMD_SWITCH_NEW,
	NVSW_CMD_SWITCH_DEL,
	NVSW_CMD_MISS,
	NVSW_CMD_VSUBNET_NEW,
	NVSW_CMD_VSUBNET_NEW_NTF = 17,
	NVSW_CMD_VSUBNET_DEL,
	NVSW_CMD_VSUBNET_DEL_NTF = 18,
	NVSW_CMD_VSUBNET_GET,
	NVSW_CMD_ROUTE_NEW,
	NVSW_CMD_ROUTE_NEW_NTF = 20,
	NVSW_CMD_ROUTE_DEL,
	NVSW_CMD_ROUTE_DEL_NTF = 21,
	NVSW_CMD_ROUTE_GET,
	NVSW_CMD_VSID_SET,
	NVSW_CMD_VSID_SET_NTF = 23,
	NVSW_CMD_EXPLAIN,

	__NVSW_CMD_MAX,
	NVSW_CMD_MAX = (__NVSW_CMD_MAX - 1)
};

#define NVSW_MCGRP_CONFIG	"config"
#define NVSW_MCGRP_MISS		"miss"

#endif /* _UAPI_LINUX_NVSWITCH_H */
