// SPDX-License-Identifier: GPL-2.0
/*
 * The VSIDs in use on a switch, one object each, found by VSID (vsid.h).
 * The datapath looks a VSID up once, when a frame enters from the
 * underlay (a frame from a port has its port's), and finds its ports,
 * BUM state, virtual subnet and counters in the one object. NVGRE
 * received for a VSID without ports here is for a subnet this host does
 * not serve.
 */
#include <linux/rhashtable.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "account.h"
#include "bum.h"
#include "nvswitch.h"
#include "stats.h"
#include "vsid.h"

static const struct rhashtable_params vsid_params = {
	.key_len = sizeof_field(struct nvsw_vsid, id),
	.key_offset = offsetof(struct nvsw_vsid, id),
	.head_offset = offsetof(struct nvsw_vsid, node),
	.automatic_shrinking = true,
};

/* Its remotes, if it still has any, go with the switch's (remote.c). */
static void vsid_free(void *ptr, void *arg)
{
	struct nvsw_vsid *vsid = ptr;

	kfree(rcu_dereference_raw(vsid->bum.pas));
	free_percpu(vsid->stats);
	kfree(vsid);
}

static void vsid_free_rcu(struct rcu_head *head)
{
	vsid_free(container_of(head, struct nvsw_vsid, rcu), NULL);
}

int nvsw_vsids_init(struct nvsw_switch *sw)
{
	return rhashtable_init(&sw->vsids, &vsid_params);
}

/*
 * The switch is unregistered and past a grace period: ports and virtual
 * subnets are gone, records too, without giving back their flood sets.
 */
void nvsw_vsids_destroy(struct nvsw_switch *sw)
{
	rhashtable_free_and_destroy(&sw->vsids, vsid_free, NULL);
}

/*
 * Under RCU or sw->lock. RTNL alone is not enough: a record change frees
 * a VSID that it was the last use of without RTNL.
 */
struct nvsw_vsid *nvsw_vsid_find(struct nvsw_switch *sw, u32 id)
{
	return rhashtable_lookup_fast(&sw->vsids, &id, vsid_params);
}

/* Under RCU: the VSID if it has ports here, NULL if this host does not serve it. */
struct nvsw_vsid *nvsw_vsid_serving(struct nvsw_switch *sw, u32 id)
{
	struct nvsw_vsid *vsid = nvsw_vsid_find(sw, id);

	return vsid && nvsw_vsid_has_ports(vsid) ? vsid : NULL;
}

/*
 * Under sw->lock: the VSID, created unused if it is not in use yet. The
 * caller gives it a use before it lets go of sw->lock, or puts it.
 */
struct nvsw_vsid *nvsw_vsid_get(struct nvsw_switch *sw, u32 id)
{
	struct nvsw_vsid *vsid;
	int err;

	lockdep_assert_held(&sw->lock);
	vsid = nvsw_vsid_find(sw, id);
	if (vsid)
		return vsid;

	vsid = kzalloc(sizeof(*vsid), NVSW_GFP_CONFIG);
	if (!vsid)
		return ERR_PTR(-ENOMEM);
	vsid->id = id;
	INIT_LIST_HEAD(&vsid->ports);
	spin_lock_init(&vsid->claim_lock);
	nvsw_bum_init(&vsid->bum);
	err = rhashtable_insert_fast(&sw->vsids, &vsid->node, vsid_params);
	if (err) {
		kfree(vsid);
		return ERR_PTR(err);
	}
	return vsid;
}

/* Under sw->lock, after a use went: frees the VSID if it was the last. */
void nvsw_vsid_put(struct nvsw_switch *sw, struct nvsw_vsid *vsid)
{
	lockdep_assert_held(&sw->lock);
	if (vsid->n_ports || rcu_access_pointer(vsid->vsubnet) ||
	    vsid->bum.n_pas || nvsw_bum_is_set(&vsid->bum))
		return;
	rhashtable_remove_fast(&sw->vsids, &vsid->node, vsid_params);
	/* Readers that found it keep it until a grace period. */
	call_rcu(&vsid->rcu, vsid_free_rcu);
}

/*
 * The counters of a VSID getting its first port, from zero. Allocated
 * then, not with the VSID: a switch may hold records of many more VSIDs
 * than it has ports in. Kept until the VSID goes, so that whoever found
 * it through a port can count into them.
 */
static int vsid_counters_start(struct nvsw_vsid *vsid)
{
	struct nvsw_pcpu_stats __percpu *stats = vsid->stats;
	int cpu;

	if (!stats) {
		stats = nvsw_stats_alloc();
		if (!stats)
			return -ENOMEM;
		/* Before the port is on the list (port.c): readers see both. */
		WRITE_ONCE(vsid->stats, stats);
		return 0;
	}
	for_each_possible_cpu(cpu)
		memset(per_cpu_ptr(stats, cpu), 0, sizeof(struct nvsw_pcpu_stats));
	return 0;
}

/* Under RTNL: a port joins VSID id (it links itself to ->ports later). */
struct nvsw_vsid *nvsw_vsid_port_get(struct nvsw_switch *sw, u32 id)
{
	struct nvsw_vsid *vsid;
	int err;

	ASSERT_RTNL();
	mutex_lock(&sw->lock);
	vsid = nvsw_vsid_get(sw, id);
	if (IS_ERR(vsid))
		goto out;
	if (!vsid->n_ports) {
		err = vsid_counters_start(vsid);
		if (err) {
			nvsw_vsid_put(sw, vsid);
			vsid = ERR_PTR(err);
			goto out;
		}
	}
	vsid->n_ports++;
out:
	mutex_unlock(&sw->lock);
	return vsid;
}

/* Under RTNL: a port left vsid (it unlinked itself from ->ports first). */
void nvsw_vsid_port_put(struct nvsw_switch *sw, struct nvsw_vsid *vsid)
{
	ASSERT_RTNL();
	mutex_lock(&sw->lock);
	vsid->n_ports--;
	nvsw_vsid_put(sw, vsid);
	mutex_unlock(&sw->lock);
}
