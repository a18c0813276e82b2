/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Why the datapath drops a packet. Each reason has a name, which ethtool -S
 * and the nvswitch:drop tracepoint print (nvswitchctl's drop_<name>), and
 * the kernel drop reason kfree_skb_reason() is given, which is what
 * dropwatch, skb:kfree_skb and pwru see (drop.c).
 *
 * The order is the uapi's, enum nvsw_drop_attr: netlink exports counter
 * NVSW_DROP_A_NO_RECORD + reason.
 */
#ifndef _NVSW_DROP_H
#define _NVSW_DROP_H

#include <linux/build_bug.h>
#include <linux/skbuff.h>
#include <uapi/linux/nvswitch.h>

enum nvsw_drop {
	NVSW_DROP_NO_RECORD,
	NVSW_DROP_UNKNOWN_VSID,
	NVSW_DROP_RESERVED_VSID,
	NVSW_DROP_VLAN_TAGGED,
	NVSW_DROP_BAD_GRE,
	NVSW_DROP_MALFORMED,
	NVSW_DROP_NOT_LOCAL,
	NVSW_DROP_NO_PORT,
	NVSW_DROP_PORT_DOWN,
	NVSW_DROP_SWITCH_DOWN,
	NVSW_DROP_BROADCAST,
	NVSW_DROP_NO_PA,
	NVSW_DROP_NO_ROUTE,
	NVSW_DROP_HOST_TX,
	NVSW_DROP_TX_ERROR,
	NVSW_DROP_TOO_BIG,
	NVSW_DROP_SPOOFED,
	NVSW_DROP_NO_CA_ROUTE,
	NVSW_DROP_TTL_EXCEEDED,
	NVSW_DROP_BUM_LIMITED,
	NVSW_DROP_DHCP_GUARD,
	NVSW_DROP_ROUTER_GUARD,
	NVSW_DROP_COUNT
};

static_assert(NVSW_DROP_A_NO_RECORD + NVSW_DROP_COUNT == __NVSW_DROP_A_MAX);

/* Room for the longest name and its NUL. */
#define NVSW_DROP_NAME_SIZE	16

struct nvsw_drop_reason {
	const char *name;			/* "no_record", ... */
	enum skb_drop_reason kernel;
};

extern const struct nvsw_drop_reason nvsw_drop_reasons[NVSW_DROP_COUNT];

#endif /* _NVSW_DROP_H */
