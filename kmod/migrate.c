// SPDX-License-Identifier: GPL-2.0
/*
 * Live migration, make-before-break. Moving a VM is a policy update: its
 * records get the new host's PA on every host. Until every peer has
 * its update, some still send to the old host, so for a grace period
 * (IFLA_NVSW_MOVE_GRACE_MS) each switch remembers where the VM was:
 *
 *  - the host it left forwards the NVGRE that still arrives for it to the
 *    new PA, instead of dropping it as not local;
 *  - the host it went to accepts those frames, although their outer source
 *    is the old host rather than the sender's PA (guard.c);
 *  - every host still accepts the VM's own frames from its old PA: until
 *    the VM really runs on the new host, that is where they come from;
 *  - the host it went to announces it with a gratuitous ARP, generated from
 *    policy, on the ports of its virtual subnet.
 *
 * Moves live in sw->moves, keyed by (VSID, MAC), written under sw->lock
 * and read under RCU. A delayed work forgets them once expired.
 */
#include <linux/if_arp.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>
#include <net/arp.h>

#include "account.h"
#include "datapath.h"
#include "drop.h"
#include "guard.h"
#include "record.h"
#include "migrate.h"
#include "nvswitch.h"
#include "port.h"
#include "remote.h"
#include "stats.h"
#include "vsid.h"

static const struct rhashtable_params move_params = {
	.key_len = sizeof(struct nvsw_move_key),
	.key_offset = offsetof(struct nvsw_move, key),
	.head_offset = offsetof(struct nvsw_move, node),
	.automatic_shrinking = true,
};

static void move_free(void *ptr, void *arg)
{
	kfree(ptr);
}

struct gc_walk {
	struct nvsw_switch *sw;
	bool left;		/* a move is still within its grace period */
};

static int move_expire(void *obj, void *arg)
{
	struct nvsw_move *move = obj;
	struct gc_walk *gc = arg;

	if (time_before(jiffies, move->expires)) {
		gc->left = true;
		return 0;
	}
	rhashtable_remove_fast(&gc->sw->moves, &move->node, move_params);
	kfree_rcu(move, rcu);
	return 0;
}

/*
 * Forgets expired moves, in a walk that yields (nvsw_table_walk());
 * sw->lock, held throughout, keeps moves from being added, replaced or
 * freed by others meanwhile, so the move in hand stays valid across the
 * pause.
 */
static void moves_gc(struct work_struct *work)
{
	struct gc_walk gc = {
		.sw = container_of(to_delayed_work(work), struct nvsw_switch,
				   moves_gc),
	};

	mutex_lock(&gc.sw->lock);
	nvsw_table_walk(&gc.sw->moves, move_expire, &gc);
	if (gc.left)
		schedule_delayed_work(&gc.sw->moves_gc, HZ);
	mutex_unlock(&gc.sw->lock);
}

int nvsw_moves_init(struct nvsw_switch *sw)
{
	INIT_DELAYED_WORK(&sw->moves_gc, moves_gc);
	return rhashtable_init(&sw->moves, &move_params);
}

/* The switch is unregistered and past a grace period: nobody moves. */
void nvsw_moves_destroy(struct nvsw_switch *sw)
{
	cancel_delayed_work_sync(&sw->moves_gc);
	rhashtable_free_and_destroy(&sw->moves, move_free, NULL);
}

/* Under RCU: a move of (vsid, mac) still within its grace period. */
const struct nvsw_move *nvsw_move_find(struct nvsw_switch *sw, u32 vsid,
				       const u8 *mac)
{
	struct nvsw_move_key key = { .vsid = vsid };
	struct nvsw_move *move;

	ether_addr_copy(key.mac, mac);
	move = rhashtable_lookup(&sw->moves, &key, move_params);
	if (move && time_before(jiffies, READ_ONCE(move->expires)))
		return move;
	return NULL;
}

/*
 * A record of (vsid, mac) went from one remote to another (sw->lock held).
 * An allocation failure only costs the grace.
 */
void nvsw_moved(struct nvsw_switch *sw, u32 vsid, const u8 *mac,
		const struct nvsw_remote *from, const struct nvsw_remote *to)
{
	unsigned long grace = msecs_to_jiffies(READ_ONCE(sw->move_grace_ms));
	struct nvsw_move_key key = { .vsid = vsid };
	struct nvsw_move *move, *old;

	lockdep_assert_held(&sw->lock);
	if (!grace || from == to)
		return;

	ether_addr_copy(key.mac, mac);
	/* Charged to whoever changes the record, as the record is. */
	move = kzalloc(sizeof(*move), NVSW_GFP_CONFIG);
	if (!move)
		return;
	move->key = key;
	move->from = from->pa;
	move->left_here = from->local;
	move->expires = jiffies + grace;

	old = rhashtable_lookup_get_insert_fast(&sw->moves, &move->node,
						move_params);
	if (IS_ERR(old)) {
		kfree(move);
		return;
	}
	if (old) {
		/* Moved again: the newest move is the one that counts. */
		if (rhashtable_replace_fast(&sw->moves, &old->node,
					    &move->node, move_params)) {
			kfree(move);
			return;
		}
		kfree_rcu(old, rcu);
	}
	schedule_delayed_work(&sw->moves_gc, grace + HZ);
}

/*
 * NVGRE for a VM that left this host within the grace period: on to the
 * host it went to, once its source passed the anti-spoofing check. rec is
 * the record of the frame's destination MAC, which the caller looked up.
 * skb->data is past the inner Ethernet header. Under RCU.
 */
bool nvsw_move_forward(const struct nvsw_path *path, struct nvsw_record *rec,
		       struct sk_buff *skb, const struct in6_addr *outer_src)
{
	u32 vsid = nvsw_record_vsid(rec);
	struct nvsw_switch *sw = path->sw;
	const struct nvsw_move *move;
	struct nvsw_remote *remote;

	move = nvsw_move_find(sw, vsid, nvsw_record_mac(rec));
	if (!move || !move->left_here)
		return false;
	remote = nvsw_record_remote(rec);
	/* Never back where it came from: that would be a loop. */
	if (READ_ONCE(remote->local) || ipv6_addr_equal(&remote->pa, outer_src))
		return false;

	/*
	 * Only what comes straight from the sender's host: a frame another
	 * host already forwarded (its outer source is that host's, not the
	 * sender's) goes no further, counted not_local, so that stale
	 * records on several hosts cannot pass it around until the grace
	 * ends. One that no host may send is spoofed.
	 */
	if (!nvsw_underlay_source_ok(sw, vsid, skb, outer_src, false)) {
		if (!nvsw_underlay_source_ok(sw, vsid, skb, outer_src, true))
			nvsw_drop(path, skb, NVSW_DROP_SPOOFED);
		else
			nvsw_drop(path, skb, NVSW_DROP_NOT_LOCAL);
		return true;
	}
	/* The tunnel metadata of the way in must not steer the way out. */
	nvsw_tunnel_dst_drop(skb);
	nvsw_count(path, NVSW_CTR_FORWARDED, skb->len + ETH_HLEN);
	nvsw_encap_xmit(path, remote, vsid, skb);
	return true;
}

/* An announcement of key's CA at mac, from dev, past its Ethernet header. */
static struct sk_buff *announcement(struct net_device *dev,
				    const struct nvsw_ca_key *key, const u8 *mac)
{
	struct sk_buff *skb;

	if (!key->ca)
		return nvsw_ndisc_unsolicited(dev, &key->ca6, mac);
	skb = arp_create(ARPOP_REQUEST, ETH_P_ARP, key->ca, dev, key->ca,
			 NULL, mac, NULL);
	if (skb) {
		skb_reset_mac_header(skb);
		__skb_pull(skb, ETH_HLEN);
	}
	return skb;
}

/*
 * A VM arrived (its record now points here): tell the VMs of its subnet on
 * this host, made from policy, the way the VM's own stack would after a
 * move: a gratuitous ARP request for an IPv4 CA, an unsolicited Neighbor
 * Advertisement for an IPv6 one. Process context, sw->lock held.
 */
void nvsw_announce(struct nvsw_switch *sw, const struct nvsw_ca_key *key,
		   const u8 *mac)
{
	u64 owner = ether_addr_to_u64(mac);
	struct nvsw_path path = { .sw = sw };
	struct nvsw_port *port;
	struct sk_buff *skb;

	lockdep_assert_held(&sw->lock);
	rcu_read_lock();
	path.vsid = nvsw_vsid_serving(sw, key->vsid);
	if (!path.vsid)
		goto out;
	list_for_each_entry_rcu(port, &path.vsid->ports, vsid_node) {
		/* The VM itself needs no news of its own address. */
		if (READ_ONCE(port->mac) == owner)
			continue;
		skb = announcement(port->dev, key, mac);
		if (!skb)
			break;
		/* As on the datapath: per-CPU counters, softirq-safe xmit. */
		local_bh_disable();
		nvsw_count(&path, NVSW_CTR_ANNOUNCE, skb->len + ETH_HLEN);
		nvsw_port_xmit(&path, port, skb);
		local_bh_enable();
	}
out:
	rcu_read_unlock();
}
