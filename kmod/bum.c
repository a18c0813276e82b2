// SPDX-License-Identifier: GPL-2.0
/*
 * Broadcast, unknown unicast and multicast (BUM), per VSID. By default the
 * switch floods nothing: ARP is answered from policy, everything else that
 * has no single destination is dropped, as in HNV. A VSID in replicate mode
 * copies such frames to its other local ports and, by head-end replication,
 * once to every other PA that hosts the VSID, as NVGRE unicast. What comes
 * from the underlay is delivered to local ports only (split horizon), so a
 * frame crosses the underlay at most once per host.
 *
 * Per VSID, a struct nvsw_flood holds the operator's setting and the set of
 * remotes that the VSID's records point to, counted by record so that it
 * follows every record change without ever walking the records. The set is
 * an array of slots published under RCU: a remote enters the first free
 * slot, or a grown copy of the array, and leaves by its slot going NULL.
 * Entering the first free slot means a remote that leaves and comes back
 * lands at or before where it was, so a reader walking forward does not
 * meet it twice (only several changes racing one frame could cost an extra
 * copy). Each slot holds a reference on its remote, which stays valid for
 * a reader until a grace period after it left. Writers hold sw->lock.
 *
 * The rate limit is a token bucket kept as one virtual clock per VSID,
 * advanced with a compare-and-exchange: lock-free, and exact across CPUs.
 */
#include <linux/rhashtable.h>
#include <linux/slab.h>

#include "account.h"
#include "bum.h"
#include "datapath.h"
#include "drop.h"
#include "notify.h"
#include "nvswitch.h"
#include "port.h"
#include "remote.h"
#include "stats.h"
#include "vnet.h"

static const struct rhashtable_params flood_params =
	NVSW_VSID_TABLE_PARAMS(struct nvsw_flood, node);

/* Slots of the first array; it doubles when full. */
#define FLOOD_PAS_FIRST	4

int nvsw_floods_init(struct nvsw_switch *sw)
{
	return rhashtable_init(&sw->floods, &flood_params);
}

static void flood_free(void *ptr, void *arg)
{
	struct nvsw_flood *fl = ptr;

	kfree(rcu_dereference_raw(fl->pas));
	kfree(fl);
}

static void flood_free_rcu(struct rcu_head *head)
{
	flood_free(container_of(head, struct nvsw_flood, rcu), NULL);
}

/*
 * The switch is unregistered and past a grace period. The remotes go
 * wholesale soon after (nvsw_remotes_destroy()), references or not.
 */
void nvsw_floods_destroy(struct nvsw_switch *sw)
{
	rhashtable_free_and_destroy(&sw->floods, flood_free, NULL);
}

/* Under RCU, or sw->lock. */
struct nvsw_flood *nvsw_flood_find(struct nvsw_switch *sw, u32 vsid)
{
	return rhashtable_lookup_fast(&sw->floods, &vsid, flood_params);
}

static struct nvsw_flood_pas *flood_pas(const struct nvsw_switch *sw,
					const struct nvsw_flood *fl)
{
	return rcu_dereference_protected(fl->pas, lockdep_is_held(&sw->lock));
}

static struct nvsw_remote *slot_remote(const struct nvsw_switch *sw,
				       const struct nvsw_flood_pa *slot)
{
	return rcu_dereference_protected(slot->remote,
					 lockdep_is_held(&sw->lock));
}

static struct nvsw_flood *flood_get(struct nvsw_switch *sw, u32 vsid)
{
	struct nvsw_flood *fl;
	int err;

	lockdep_assert_held(&sw->lock);
	fl = nvsw_flood_find(sw, vsid);
	if (fl)
		return fl;
	fl = kzalloc(sizeof(*fl), NVSW_GFP_CONFIG);
	if (!fl)
		return ERR_PTR(-ENOMEM);
	fl->vsid = vsid;
	fl->mode = NVSW_BUM_DROP;
	fl->rate = NVSWITCH_BUM_RATE_DEFAULT;
	/* 0: a full bucket (see take_token()). */
	atomic64_set(&fl->next_ns, 0);
	err = rhashtable_insert_fast(&sw->floods, &fl->node, flood_params);
	if (err) {
		kfree(fl);
		return ERR_PTR(err);
	}
	return fl;
}

/* A VSID with no remote and the default setting needs no object. */
static void flood_put_if_unused(struct nvsw_switch *sw, struct nvsw_flood *fl)
{
	lockdep_assert_held(&sw->lock);
	if (fl->n_pas || nvsw_flood_is_set(fl))
		return;
	rhashtable_remove_fast(&sw->floods, &fl->node, flood_params);
	call_rcu(&fl->rcu, flood_free_rcu);
}

/* A copy of the slots with twice the room, the new ones free. */
static struct nvsw_flood_pas *flood_pas_grow(struct nvsw_switch *sw,
					     struct nvsw_flood *fl)
{
	struct nvsw_flood_pas *old = flood_pas(sw, fl), *pas;
	unsigned int size = old ? old->size * 2 : FLOOD_PAS_FIRST;
	unsigned int i;

	pas = kzalloc(struct_size(pas, pa, size), NVSW_GFP_CONFIG);
	if (!pas)
		return NULL;
	pas->size = size;
	for (i = 0; old && i < old->size; i++) {
		RCU_INIT_POINTER(pas->pa[i].remote, slot_remote(sw, &old->pa[i]));
		pas->pa[i].records = old->pa[i].records;
	}
	return pas;
}

/* A record of vsid now points to remote. */
int nvsw_flood_pa_add(struct nvsw_switch *sw, u32 vsid,
		      struct nvsw_remote *remote)
{
	struct nvsw_flood_pas *pas, *grown = NULL;
	struct nvsw_flood_pa *free = NULL;
	struct nvsw_flood *fl;
	unsigned int i;

	fl = flood_get(sw, vsid);
	if (IS_ERR(fl))
		return PTR_ERR(fl);
	pas = flood_pas(sw, fl);
	for (i = 0; pas && i < pas->size; i++) {
		struct nvsw_remote *r = slot_remote(sw, &pas->pa[i]);

		if (r == remote) {
			pas->pa[i].records++;
			return 0;
		}
		if (!r && !free)
			free = &pas->pa[i];
	}
	if (!free) {
		grown = flood_pas_grow(sw, fl);
		if (!grown) {
			flood_put_if_unused(sw, fl);
			return -ENOMEM;
		}
		free = &grown->pa[pas ? pas->size : 0];
	}

	nvsw_remote_hold(sw, remote);
	free->records = 1;
	rcu_assign_pointer(free->remote, remote);
	fl->n_pas++;
	if (grown) {
		rcu_assign_pointer(fl->pas, grown);
		if (pas)
			kfree_rcu(pas, rcu);
	}
	return 0;
}

/* A record of vsid no longer points to remote. Never fails. */
void nvsw_flood_pa_del(struct nvsw_switch *sw, u32 vsid,
		       struct nvsw_remote *remote)
{
	struct nvsw_flood *fl = nvsw_flood_find(sw, vsid);
	struct nvsw_flood_pas *pas;
	unsigned int i;

	lockdep_assert_held(&sw->lock);
	if (!fl)
		return;
	pas = flood_pas(sw, fl);
	for (i = 0; pas && i < pas->size; i++) {
		if (slot_remote(sw, &pas->pa[i]) != remote)
			continue;
		if (--pas->pa[i].records)
			return;
		RCU_INIT_POINTER(pas->pa[i].remote, NULL);
		fl->n_pas--;
		/* Readers that found it keep it until a grace period. */
		nvsw_remote_put(sw, remote);
		flood_put_if_unused(sw, fl);
		return;
	}
}

/* mode < 0 or rate 0: leave as it is. */
int nvsw_flood_set(struct nvsw_switch *sw, u32 vsid, int mode, u32 rate)
{
	struct nvsw_flood *fl;
	int err = 0;

	mutex_lock(&sw->lock);
	fl = flood_get(sw, vsid);
	if (IS_ERR(fl)) {
		err = PTR_ERR(fl);
		goto out;
	}
	if (mode >= 0)
		WRITE_ONCE(fl->mode, mode);
	if (rate)
		WRITE_ONCE(fl->rate, rate);
	/* Announced as a whole, as VSID_GET shows it. */
	nvsw_notify_flood(sw, fl);
	flood_put_if_unused(sw, fl);
out:
	mutex_unlock(&sw->lock);
	return err;
}

/*
 * One frame's worth of tokens. next_ns is when the bucket would be empty
 * again had nothing more been taken: each frame moves it one interval on,
 * and it never lags now by more than the burst, which is how a full bucket
 * looks. A tenth of a second's worth of burst lets a VM's DHCP or ARP
 * retries through at any rate while a storm is cut to the rate.
 */
static bool take_token(struct nvsw_flood *fl)
{
	u32 rate = READ_ONCE(fl->rate);
	s64 interval = NSEC_PER_SEC / rate;
	s64 burst = max_t(u32, rate / 10, NVSW_BUM_BURST_MIN) * interval;
	s64 now = ktime_get_mono_fast_ns();
	s64 old = atomic64_read(&fl->next_ns);
	s64 next;

	do {
		next = max(old, now - burst) + interval;
		if (next > now)
			return false;
	} while (!atomic64_try_cmpxchg(&fl->next_ns, &old, next));
	return true;
}

/* Under RCU: vsid's flood state if it replicates, NULL if it drops BUM. */
struct nvsw_flood *nvsw_flood_replicating(struct nvsw_switch *sw, u32 vsid)
{
	struct nvsw_flood *fl = nvsw_flood_find(sw, vsid);

	return fl && READ_ONCE(fl->mode) == NVSW_BUM_REPLICATE ? fl : NULL;
}

/*
 * A frame with no single destination in path->vnet: replicated, or dropped
 * for reason when its VSID does not flood. From a port it goes to the other
 * ports and to every remote host of the VSID; from the underlay (already
 * checked by the guard, see rx.c), to the local ports only. skb->data is
 * past the Ethernet header, as rx handlers get it.
 */
void nvsw_flood(const struct nvsw_path *path, struct sk_buff *skb,
		enum nvsw_drop reason)
{
	struct nvsw_flood *fl = nvsw_flood_replicating(path->sw,
							path->vnet->vsid);

	if (!fl) {
		nvsw_drop(path, skb, reason);
		return;
	}
	nvsw_flood_out(path, fl, skb);
}

/* Under RCU: replicates skb for fl, which nvsw_flood_replicating() gave. */
void nvsw_flood_out(const struct nvsw_path *path, struct nvsw_flood *fl,
		    struct sk_buff *skb)
{
	u32 vsid = path->vnet->vsid;
	struct nvsw_flood_pas *pas;
	struct nvsw_port *port;
	struct sk_buff *copy;
	unsigned int i;

	/* The sending host limits; what it let through is delivered. */
	if (!path->from_underlay && !take_token(fl)) {
		nvsw_drop(path, skb, NVSW_DROP_BUM_LIMITED);
		return;
	}
	nvsw_count(path, NVSW_CTR_FLOODED, skb->len + ETH_HLEN);

	list_for_each_entry_rcu(port, &path->vnet->ports, vnet_node) {
		if (port == path->port)
			continue;
		copy = skb_clone(skb, GFP_ATOMIC);
		if (copy)
			nvsw_port_xmit(path, port, copy);
		else
			nvsw_count_drop(path, NVSW_DROP_TX_ERROR);
	}

	pas = path->from_underlay ? NULL : rcu_dereference(fl->pas);
	for (i = 0; pas && i < pas->size; i++) {
		struct nvsw_remote *remote = rcu_dereference(pas->pa[i].remote);

		/* This host's own PAs are served by the loop above. */
		if (!remote || READ_ONCE(remote->local))
			continue;
		copy = skb_clone(skb, GFP_ATOMIC);
		if (copy)
			nvsw_encap_xmit(path, remote, vsid, copy);
		else
			nvsw_count_drop(path, NVSW_DROP_TX_ERROR);
	}
	consume_skb(skb);
}
