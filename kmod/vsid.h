/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A VSID as this switch holds it (vsid.c): everything the switch knows of
 * one virtual subnet, in one object found with one lookup in sw->vsids:
 * its ports, its BUM setting and flood set (bum.c), its prefixes and
 * routing domain when it is routed (vsubnet.c), and its counters.
 */
#ifndef _NVSW_VSID_H
#define _NVSW_VSID_H

#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/rcupdate.h>
#include <linux/rhashtable-types.h>
#include <linux/spinlock.h>

struct nvsw_pcpu_stats;
struct nvsw_remote;
struct nvsw_switch;
struct nvsw_vsubnet;

/* A remote that records of the VSID point to, and how many do. */
struct nvsw_bum_pa {
	struct nvsw_remote __rcu *remote;	/* NULL: a free slot */
	unsigned int records;			/* sw->lock */
};

struct nvsw_bum_pas {
	unsigned int size;
	struct rcu_head rcu;
	struct nvsw_bum_pa pa[];
};

/*
 * Broadcast, unknown unicast and multicast of the VSID (bum.c): the
 * operator's mode and rate, and the remotes its records point to, where
 * replicated frames go. Written under sw->lock, read under RCU.
 */
struct nvsw_bum {
	u8 mode;				/* enum nvsw_bum_mode; READ_ONCE */
	u32 rate;				/* frames/s; READ_ONCE */
	unsigned int n_pas;			/* slots in use; sw->lock */
	struct nvsw_bum_pas __rcu *pas;
	/* Token bucket as a virtual clock (ns): see bum.c. */
	atomic64_t next_ns;
};

/*
 * A VSID in use on this switch: it has ports, records (its flood set), a
 * BUM setting other than the default, or a virtual subnet. It is created
 * by its first use and freed with its last, both under sw->lock; a use
 * that RTNL guards (ports, the virtual subnet) changes under sw->lock
 * too, so that whoever holds sw->lock sees whether it is still in use.
 * Its counters exist from its first port on, and start from zero each
 * time it gets a first port again; the datapath counts only into a VSID
 * that it found with ports (a port's, or nvsw_vsid_serving()).
 */
struct nvsw_vsid {
	struct rhash_head node;			/* in sw->vsids */
	u32 id;
	struct list_head ports;			/* RTNL writes, RCU reads */
	unsigned int n_ports;			/* RTNL and sw->lock write */
	/* Serializes ports claiming a MAC (port->mac); see guard.c. */
	spinlock_t claim_lock;
	struct nvsw_bum bum;
	struct nvsw_vsubnet __rcu *vsubnet;	/* RTNL and sw->lock write */
	struct nvsw_pcpu_stats __percpu *stats;	/* NULL until a first port */
	struct rcu_head rcu;
};

/* Under RCU: the VSID has a port here, and so serves traffic. */
static inline bool nvsw_vsid_has_ports(const struct nvsw_vsid *vsid)
{
	return !list_empty(&vsid->ports);
}

int nvsw_vsids_init(struct nvsw_switch *sw);
void nvsw_vsids_destroy(struct nvsw_switch *sw);
struct nvsw_vsid *nvsw_vsid_find(struct nvsw_switch *sw, u32 id);
struct nvsw_vsid *nvsw_vsid_serving(struct nvsw_switch *sw, u32 id);
struct nvsw_vsid *nvsw_vsid_get(struct nvsw_switch *sw, u32 id);
struct nvsw_vsid *nvsw_vsid_port_get(struct nvsw_switch *sw, u32 id);
void nvsw_vsid_port_put(struct nvsw_switch *sw, struct nvsw_vsid *vsid);
void nvsw_vsid_put(struct nvsw_switch *sw, struct nvsw_vsid *vsid);

#endif /* _NVSW_VSID_H */
