/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-CPU counters of switches, virtual subnets and ports (stats.c), and
 * the drop accounting of the datapath: every drop is counted by reason on
 * the switch and on the subnet and port the packet was known to belong to.
 */
#ifndef _NVSW_STATS_H
#define _NVSW_STATS_H

#include <linux/types.h>
#include <linux/u64_stats_sync.h>

#include "drop.h"

struct nvsw_path;
struct nvsw_port;

/* What a switch, a virtual subnet or a port counts besides drops. */
enum nvsw_counter {
	NVSW_CTR_TX,		/* switch, vsid: NVGRE sent; port: to the VM */
	NVSW_CTR_RX,		/* switch, vsid: NVGRE delivered; port: from the VM */
	NVSW_CTR_LOCAL,		/* switched from port to port */
	NVSW_CTR_ARP,		/* ARP requests answered from policy */
	NVSW_CTR_FORWARDED,	/* NVGRE for a VM that moved, sent on */
	NVSW_CTR_ANNOUNCE,	/* gratuitous ARPs for a VM that arrived */
	NVSW_CTR_ROUTED,	/* switch, source vsid: routed between subnets */
	NVSW_CTR_FLOODED,	/* broadcast/unknown/multicast replicated */
	NVSW_CTR_COUNT
};

/* Per-CPU counters; written only by the CPU that owns them. */
struct nvsw_pcpu_stats {
	u64_stats_t packets[NVSW_CTR_COUNT];
	u64_stats_t bytes[NVSW_CTR_COUNT];
	u64_stats_t rx_dropped;		/* came from the underlay */
	u64_stats_t tx_dropped;		/* came from a port or the host */
	u64_stats_t drops[NVSW_DROP_COUNT];
	struct u64_stats_sync syncp;
};

/* The sum over all CPUs, for netlink and ndo_get_stats64. */
struct nvsw_stats {
	u64 packets[NVSW_CTR_COUNT];
	u64 bytes[NVSW_CTR_COUNT];
	u64 rx_dropped;
	u64 tx_dropped;
	u64 drops[NVSW_DROP_COUNT];
};

struct nvsw_pcpu_stats __percpu *nvsw_stats_alloc(void);
void nvsw_stats_read(struct nvsw_pcpu_stats __percpu *stats,
		     struct nvsw_stats *sum);
void nvsw_count(const struct nvsw_path *path, enum nvsw_counter ctr,
		unsigned int len);
void nvsw_count_port(struct nvsw_port *port, enum nvsw_counter ctr,
		     unsigned int len);
void nvsw_count_drop(const struct nvsw_path *path, enum nvsw_drop reason);
void nvsw_drop(const struct nvsw_path *path, struct sk_buff *skb,
	       enum nvsw_drop reason);

#endif /* _NVSW_STATS_H */
