/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Live migration (migrate.c): where a VM was, remembered for a grace
 * period after its records moved to another host. Moves live in
 * sw->moves, written under sw->lock and read under RCU.
 */
#ifndef _NVSW_MIGRATE_H
#define _NVSW_MIGRATE_H

#include <linux/if_ether.h>
#include <linux/in6.h>
#include <linux/rhashtable-types.h>

struct nvsw_ca_key;
struct nvsw_path;
struct nvsw_record;
struct nvsw_remote;
struct nvsw_switch;
struct sk_buff;

/*
 * A VM that moved to another host, remembered for sw->move_grace_ms after
 * its records' PA changed (migrate.c). Keyed by (VSID, MAC): every record
 * of the VM moves with it.
 */
struct nvsw_move_key {
	u32 vsid;
	u8 mac[ETH_ALEN];
	u8 zero[2];				/* keys are compared as bytes */
};

struct nvsw_move {
	struct rhash_head node;
	struct nvsw_move_key key;
	struct in6_addr from;		/* the PA the records left */
	bool left_here;			/* from was one of this switch's PAs */
	unsigned long expires;		/* jiffies */
	struct rcu_head rcu;
};

int nvsw_moves_init(struct nvsw_switch *sw);
void nvsw_moves_destroy(struct nvsw_switch *sw);
void nvsw_moved(struct nvsw_switch *sw, u32 vsid, const u8 *mac,
		const struct nvsw_remote *from, const struct nvsw_remote *to);
const struct nvsw_move *nvsw_move_find(struct nvsw_switch *sw, u32 vsid,
				       const u8 *mac);
bool nvsw_move_forward(const struct nvsw_path *path, struct nvsw_record *rec,
		       struct sk_buff *skb, const struct in6_addr *outer_src);
void nvsw_announce(struct nvsw_switch *sw, const struct nvsw_ca_key *key,
		   const u8 *mac);

#endif /* _NVSW_MIGRATE_H */
