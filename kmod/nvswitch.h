/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nvswitch: the switch and its network namespace, which every other object
 * of the module hangs off. Each object has a header of its own (port.h,
 * record.h, routing.h, ...) with its structures, what guards them, and
 * the calls of its .c file.
 *
 * Locking, in the order it must be taken:
 *
 *   RTNL          the per-netns list of switches, the underlay device, ports,
 *                 provider addresses, virtual subnets with a prefix
 *                 (vsubnets), routing domains and customer routes.
 *   sw->lock      the records, remotes, recent moves, and the VSIDs
 *                 in use (struct nvsw_vsid, vsid.h) with their BUM
 *                 settings and flood sets. A change of PAs takes it under
 *                 RTNL to refresh the remotes; a port or vsubnet joining
 *                 or leaving its VSID takes it under RTNL too.
 *
 * Routing objects are read by the datapath under RCU; see struct nvsw_rdom
 * (routing.h).
 *
 * The datapath (port and underlay rx handlers) takes neither: it runs under
 * RCU (rx handlers are called in an RCU read-side section). What it writes:
 * per-CPU counters and route caches, a port's learned MAC (one u64), and
 * the miss rate limiter of its switch (only when a packet misses).
 */
#ifndef _NVSW_NVSWITCH_H
#define _NVSW_NVSWITCH_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/rhashtable-types.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>
#include <uapi/linux/nvswitch.h>

#include "limit.h"

struct nvsw_pcpu_stats;
struct nvsw_port;
struct nvsw_vsid;

/* Per network namespace state (netns.c). */
struct nvsw_net {
	struct net *net;
	struct list_head switches;		/* RTNL */
	/*
	 * The collect_md gretap device of ip_gre through which this netns'
	 * switches receive NVGRE; NULL when none. Counted by switches.
	 */
	struct net_device *underlay;		/* RTNL */
	unsigned int underlay_users;		/* RTNL */
	/*
	 * The same for IPv6: the collect_md ip6gretap device of ip6_gre that
	 * this netns' switches receive NVGRE over IPv6 on (underlay6.c).
	 * Counted by IPv6 PAs.
	 */
	struct net_device *underlay6;		/* RTNL */
	unsigned int underlay6_users;		/* RTNL */
	struct hlist_head pa_hash[16];		/* RTNL writes, RCU reads */
};

/* The switch: netdev_priv() of its device (device.c). */
struct nvsw_switch {
	struct net_device *dev;
	struct nvsw_net *nn;
	struct list_head node;			/* in nn->switches; RTNL */
	u8 flowid_mode;				/* RTNL writes, READ_ONCE */
	u32 move_grace_ms;			/* RTNL writes, READ_ONCE */
	/* The DSCP of NVGRE sent, or NVSWITCH_DSCP_INHERIT. */
	u8 dscp;				/* RTNL writes, READ_ONCE */
	/* The VSID of a port attached by ndo_add_slave; 0: none. */
	u32 default_vsid;			/* RTNL writes, READ_ONCE */

	/* How many of each kind it holds, and may hold (limit.c). */
	struct nvsw_limits limits;

	struct list_head ports;			/* RTNL */
	struct rhashtable vsids;		/* sw->lock writes, RCU reads */
	struct list_head pas;			/* RTNL writes, RCU reads */

	struct mutex lock;			/* records, remotes */
	struct rhashtable remotes;		/* sw->lock writes, RCU reads */
	struct rhashtable records_by_ca;	/* sw->lock writes, RCU reads */
	struct rhltable records_by_mac;		/* sw->lock writes, RCU reads */
	struct rhashtable records_by_ca6;	/* sw->lock writes, RCU reads */
	/*
	 * Every record (both CA families) by an id given at creation: the
	 * order in which a dump lists them, and where it resumes from one
	 * message to the next without holding anything in between.
	 */
	struct xarray records_by_id;		/* sw->lock */
	u32 next_record_id;			/* sw->lock */
	u32 records_gen;			/* sw->lock; bumped on change */
	struct rhashtable moves;		/* sw->lock writes, RCU reads */
	struct delayed_work moves_gc;		/* forgets expired moves */

	struct list_head rdoms;			/* RTNL writes, RCU reads */

	struct nvsw_pcpu_stats __percpu *stats;
	unsigned long miss_window;		/* jiffies; see notify.c */
	atomic_t miss_budget;
};

/*
 * Where a packet is on the datapath: what its counters and drops are
 * charged to besides the switch. vsid and port are NULL until known.
 */
struct nvsw_path {
	struct nvsw_switch *sw;
	struct nvsw_vsid *vsid;
	struct nvsw_port *port;			/* the ingress port */
	bool from_underlay;
};

static inline bool nvsw_vsid_valid(u32 vsid)
{
	return vsid >= NVSWITCH_VSID_MIN && vsid <= NVSWITCH_VSID_MAX;
}

/* device.c, ethtool.c */
extern const struct net_device_ops nvsw_netdev_ops;
extern const struct ethtool_ops nvsw_ethtool_ops;
extern struct rtnl_link_ops nvsw_link_ops;
static inline bool nvsw_is_switch(const struct net_device *dev)
{
	return dev->netdev_ops == &nvsw_netdev_ops;
}

void nvsw_switch_delete(struct nvsw_switch *sw, struct list_head *kill);
int nvsw_table_walk(struct rhashtable *ht, int (*fn)(void *obj, void *arg),
		    void *arg);

/* netns.c */
extern unsigned int nvsw_net_id;
struct nvsw_net *nvsw_net(const struct net *net);
int nvsw_netns_init(void);
void nvsw_netns_exit(void);

#endif /* _NVSW_NVSWITCH_H */
