/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Virtual subnets with ports on a switch (vnet.c), found by VSID in
 * sw->vnets: a vnet exists while it has ports.
 */
#ifndef _NVSW_VNET_H
#define _NVSW_VNET_H

#include <linux/list.h>
#include <linux/rhashtable-types.h>
#include <linux/spinlock.h>

struct nvsw_pcpu_stats;
struct nvsw_switch;

/* A virtual subnet with ports on this switch. */
struct nvsw_vnet {
	struct rhash_head node;			/* in sw->vnets */
	u32 vsid;
	struct list_head ports;			/* RTNL writes, RCU reads */
	unsigned int n_ports;			/* RTNL */
	/* Serializes ports claiming a MAC (port->mac); see guard.c. */
	spinlock_t claim_lock;
	struct nvsw_pcpu_stats __percpu *stats;
	struct rcu_head rcu;
};

int nvsw_vnets_init(struct nvsw_switch *sw);
void nvsw_vnets_destroy(struct nvsw_switch *sw);
struct nvsw_vnet *nvsw_vnet_find(struct nvsw_switch *sw, u32 vsid);
struct nvsw_vnet *nvsw_vnet_get(struct nvsw_switch *sw, u32 vsid);
void nvsw_vnet_put(struct nvsw_switch *sw, struct nvsw_vnet *vnet);

#endif /* _NVSW_VNET_H */
