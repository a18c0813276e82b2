/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Broadcast, unknown unicast and multicast (BUM), per VSID (bum.c): its
 * mode and rate, and the remotes it replicates to, kept in the VSID's
 * struct nvsw_bum (vsid.h).
 */
#ifndef _NVSW_BUM_H
#define _NVSW_BUM_H

#include <linux/compiler.h>
#include <uapi/linux/nvswitch.h>

#include "drop.h"
#include "vsid.h"

struct nvsw_path;
struct nvsw_remote;
struct nvsw_switch;

#define NVSW_BUM_BURST_MIN	10

/* The operator set something other than the default. */
static inline bool nvsw_bum_is_set(const struct nvsw_bum *bum)
{
	return READ_ONCE(bum->mode) != NVSW_BUM_DROP ||
	       READ_ONCE(bum->rate) != NVSWITCH_BUM_RATE_DEFAULT;
}

/* Under RCU: the VSID replicates BUM (else it drops it). */
static inline bool nvsw_bum_replicates(const struct nvsw_vsid *vsid)
{
	return READ_ONCE(vsid->bum.mode) == NVSW_BUM_REPLICATE;
}

void nvsw_bum_init(struct nvsw_bum *bum);
int nvsw_bum_pa_add(struct nvsw_switch *sw, u32 vsid,
		    struct nvsw_remote *remote);
void nvsw_bum_pa_del(struct nvsw_switch *sw, u32 vsid,
		     struct nvsw_remote *remote);
int nvsw_bum_set(struct nvsw_switch *sw, u32 vsid, int mode, u32 rate);
void nvsw_bum_input(const struct nvsw_path *path, struct sk_buff *skb,
		    enum nvsw_drop reason);
void nvsw_bum_replicate(const struct nvsw_path *path, struct sk_buff *skb);

#endif /* _NVSW_BUM_H */
