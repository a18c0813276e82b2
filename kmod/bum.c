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
 * Per VSID, a struct nvsw_bum holds the operator's setting and the set of
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
#include "vsid.h"

/* Slots of the first array; it doubles when full. */
#define BUM_PAS_FIRST	4

void nvsw_bum_init(struct nvsw_bum *bum)
{
	bum->mode = NVSW_BUM_DROP;
	bum->rate = NVSWITCH_BUM_RATE_DEFAULT;
	/* 0: a full bucket (see take_token()). */
	atomic64_set(&bum->next_ns, 0);
}

static struct nvsw_bum_pas *bum_pas(const struct nvsw_switch *sw,
				    const struct nvsw_bum *bum)
{
	return rcu_dereference_protected(bum->pas, lockdep_is_held(&sw->lock));
}

static struct nvsw_remote *slot_remote(const struct nvsw_switch *sw,
				       const struct nvsw_bum_pa *slot)
{
	return rcu_dereference_protected(slot->remote,
					 lockdep_is_held(&sw->lock));
}

/* A copy of the slots with twice the room, the new ones free. */
static struct nvsw_bum_pas *bum_pas_grow(struct nvsw_switch *sw,
					 struct nvsw_bum *bum)
{
	struct nvsw_bum_pas *old = bum_pas(sw, bum), *pas;
	unsigned int size = old ? old->size * 2 : BUM_PAS_FIRST;
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

/* Under sw->lock: a record of VSID id now points to remote. */
int nvsw_bum_pa_add(struct nvsw_switch *sw, u32 id, struct nvsw_remote *remote)
{
	struct nvsw_bum_pas *pas, *grown = NULL;
	struct nvsw_bum_pa *free = NULL;
	struct nvsw_vsid *vsid;
	struct nvsw_bum *bum;
	unsigned int i;

	vsid = nvsw_vsid_get(sw, id);
	if (IS_ERR(vsid))
		return PTR_ERR(vsid);
	bum = &vsid->bum;
	pas = bum_pas(sw, bum);
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
		grown = bum_pas_grow(sw, bum);
		if (!grown) {
			nvsw_vsid_put(sw, vsid);
			return -ENOMEM;
		}
		free = &grown->pa[pas ? pas->size : 0];
	}

	nvsw_remote_hold(sw, remote);
	free->records = 1;
	rcu_assign_pointer(free->remote, remote);
	bum->n_pas++;
	if (grown) {
		rcu_assign_pointer(bum->pas, grown);
		if (pas)
			kfree_rcu(pas, rcu);
	}
	return 0;
}

/* Under sw->lock: a record of VSID id no longer points to remote. */
void nvsw_bum_pa_del(struct nvsw_switch *sw, u32 id, struct nvsw_remote *remote)
{
	struct nvsw_vsid *vsid = nvsw_vsid_find(sw, id);
	struct nvsw_bum_pas *pas;
	unsigned int i;

	lockdep_assert_held(&sw->lock);
	if (!vsid)
		return;
	pas = bum_pas(sw, &vsid->bum);
	for (i = 0; pas && i < pas->size; i++) {
		if (slot_remote(sw, &pas->pa[i]) != remote)
			continue;
		if (--pas->pa[i].records)
			return;
		RCU_INIT_POINTER(pas->pa[i].remote, NULL);
		vsid->bum.n_pas--;
		/* Readers that found it keep it until a grace period. */
		nvsw_remote_put(sw, remote);
		nvsw_vsid_put(sw, vsid);
		return;
	}
}

/* mode < 0 or rate 0: leave as it is. */
int nvsw_bum_set(struct nvsw_switch *sw, u32 id, int mode, u32 rate)
{
	struct nvsw_vsid *vsid;
	int err = 0;

	mutex_lock(&sw->lock);
	vsid = nvsw_vsid_get(sw, id);
	if (IS_ERR(vsid)) {
		err = PTR_ERR(vsid);
		goto out;
	}
	if (mode >= 0)
		WRITE_ONCE(vsid->bum.mode, mode);
	if (rate)
		WRITE_ONCE(vsid->bum.rate, rate);
	/* Announced as a whole, as vsid-get shows it. */
	nvsw_notify_bum(sw, vsid);
	nvsw_vsid_put(sw, vsid);
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
static bool take_token(struct nvsw_bum *bum)
{
	u32 rate = READ_ONCE(bum->rate);
	s64 interval = NSEC_PER_SEC / rate;
	s64 burst = max_t(u32, rate / 10, NVSW_BUM_BURST_MIN) * interval;
	s64 now = ktime_get_mono_fast_ns();
	s64 old = atomic64_read(&bum->next_ns);
	s64 next;

	do {
		next = max(old, now - burst) + interval;
		if (next > now)
			return false;
	} while (!atomic64_try_cmpxchg(&bum->next_ns, &old, next));
	return true;
}

/*
 * A frame with no single destination in path->vsid: replicated, or dropped
 * for reason when its VSID does not replicate. From a port it goes to the
 * other ports and to every remote host of the VSID; from the underlay
 * (already checked by the guard, see rx.c), to the local ports only.
 * skb->data is past the Ethernet header, as rx handlers get it.
 */
void nvsw_bum_input(const struct nvsw_path *path, struct sk_buff *skb,
		    enum nvsw_drop reason)
{
	if (!nvsw_bum_replicates(path->vsid)) {
		nvsw_drop(path, skb, reason);
		return;
	}
	nvsw_bum_replicate(path, skb);
}

/* Under RCU: replicates skb in path->vsid, which replicates. */
void nvsw_bum_replicate(const struct nvsw_path *path, struct sk_buff *skb)
{
	struct nvsw_vsid *vsid = path->vsid;
	struct nvsw_bum_pas *pas;
	struct nvsw_port *port;
	struct sk_buff *copy;
	unsigned int i;

	/* The sending host limits; what it let through is delivered. */
	if (!path->from_underlay && !take_token(&vsid->bum)) {
		nvsw_drop(path, skb, NVSW_DROP_BUM_LIMITED);
		return;
	}
	nvsw_count(path, NVSW_CTR_FLOODED, skb->len + ETH_HLEN);

	list_for_each_entry_rcu(port, &vsid->ports, vsid_node) {
		if (port == path->port)
			continue;
		copy = skb_clone(skb, GFP_ATOMIC);
		if (copy)
			nvsw_port_xmit(path, port, copy);
		else
			nvsw_count_drop(path, NVSW_DROP_TX_ERROR);
	}

	pas = path->from_underlay ? NULL : rcu_dereference(vsid->bum.pas);
	for (i = 0; pas && i < pas->size; i++) {
		struct nvsw_remote *remote = rcu_dereference(pas->pa[i].remote);

		/* This host's own PAs are served by the loop above. */
		if (!remote || READ_ONCE(remote->local))
			continue;
		copy = skb_clone(skb, GFP_ATOMIC);
		if (copy)
			nvsw_encap_xmit(path, remote, vsid->id, copy);
		else
			nvsw_count_drop(path, NVSW_DROP_TX_ERROR);
	}
	consume_skb(skb);
}
