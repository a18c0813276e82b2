/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Broadcast, unknown unicast and multicast (BUM), per VSID (bum.c): its
 * mode and rate, and the remotes it replicates to.
 */
#ifndef _NVSW_BUM_H
#define _NVSW_BUM_H

#include <linux/atomic.h>
#include <linux/compiler.h>
#include <linux/rhashtable-types.h>
#include <uapi/linux/nvswitch.h>

#include "drop.h"

struct nvsw_path;
struct nvsw_remote;
struct nvsw_switch;

/*
 * Broadcast, unknown unicast and multicast of one VSID (bum.c): its mode
 * and rate, set by the operator, and the remotes its records point to,
 * where replicated frames go. It exists while either is there: set before
 * any port, kept when the last port goes. Everything is written under
 * sw->lock; the datapath reads it under RCU.
 */
#define NVSW_BUM_BURST_MIN	10

struct nvsw_flood_pa {
	struct nvsw_remote __rcu *remote;	/* NULL: a free slot */
	unsigned int records;			/* sw->lock */
};

struct nvsw_flood_pas {
	unsigned int size;
	struct rcu_head rcu;
	struct nvsw_flood_pa pa[];
};

struct nvsw_flood {
	struct rhash_head node;			/* in sw->floods */
	u32 vsid;
	u8 mode;				/* enum nvsw_bum_mode; READ_ONCE */
	u32 rate;				/* frames/s; READ_ONCE */
	unsigned int n_pas;			/* slots in use; sw->lock */
	struct nvsw_flood_pas __rcu *pas;
	/* Token bucket as a virtual clock (ns): see bum.c. */
	atomic64_t next_ns;
	struct rcu_head rcu;
};

/* The operator set something other than the default. */
static inline bool nvsw_flood_is_set(const struct nvsw_flood *fl)
{
	return READ_ONCE(fl->mode) != NVSW_BUM_DROP ||
	       READ_ONCE(fl->rate) != NVSWITCH_BUM_RATE_DEFAULT;
}

int nvsw_floods_init(struct nvsw_switch *sw);
void nvsw_floods_destroy(struct nvsw_switch *sw);
struct nvsw_flood *nvsw_flood_find(struct nvsw_switch *sw, u32 vsid);
int nvsw_flood_pa_add(struct nvsw_switch *sw, u32 vsid,
		      struct nvsw_remote *remote);
void nvsw_flood_pa_del(struct nvsw_switch *sw, u32 vsid,
		       struct nvsw_remote *remote);
int nvsw_flood_set(struct nvsw_switch *sw, u32 vsid, int mode, u32 rate);
struct nvsw_flood *nvsw_flood_replicating(struct nvsw_switch *sw, u32 vsid);
void nvsw_flood(const struct nvsw_path *path, struct sk_buff *skb,
		enum nvsw_drop reason);
void nvsw_flood_out(const struct nvsw_path *path, struct nvsw_flood *fl,
		    struct sk_buff *skb);

#endif /* _NVSW_BUM_H */
