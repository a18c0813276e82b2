// SPDX-License-Identifier: GPL-2.0
/*
 * Virtual subnets with ports on this switch, found by VSID. A vnet exists
 * while it has ports; NVGRE received for a VSID without one is for a
 * subnet this host does not serve.
 */
#include <linux/rhashtable.h>
#include <linux/rtnetlink.h>

#include "account.h"
#include "nvswitch.h"
#include "stats.h"
#include "vnet.h"

static const struct rhashtable_params vnet_params =
	NVSW_VSID_TABLE_PARAMS(struct nvsw_vnet, node);

static void vnet_free_rcu(struct rcu_head *head)
{
	struct nvsw_vnet *vnet = container_of(head, struct nvsw_vnet, rcu);

	free_percpu(vnet->stats);
	kfree(vnet);
}

int nvsw_vnets_init(struct nvsw_switch *sw)
{
	return rhashtable_init(&sw->vnets, &vnet_params);
}

/* Ports are gone by now, and with them every vnet. */
void nvsw_vnets_destroy(struct nvsw_switch *sw)
{
	rhashtable_destroy(&sw->vnets);
}

/* Under RCU or RTNL. */
struct nvsw_vnet *nvsw_vnet_find(struct nvsw_switch *sw, u32 vsid)
{
	return rhashtable_lookup_fast(&sw->vnets, &vsid, vnet_params);
}

struct nvsw_vnet *nvsw_vnet_get(struct nvsw_switch *sw, u32 vsid)
{
	struct nvsw_vnet *vnet;
	int err;

	ASSERT_RTNL();
	vnet = nvsw_vnet_find(sw, vsid);
	if (vnet)
		goto out;

	vnet = kzalloc(sizeof(*vnet), NVSW_GFP_CONFIG);
	if (!vnet)
		return ERR_PTR(-ENOMEM);
	vnet->stats = nvsw_stats_alloc();
	if (!vnet->stats) {
		err = -ENOMEM;
		goto err_free;
	}
	vnet->vsid = vsid;
	INIT_LIST_HEAD(&vnet->ports);
	spin_lock_init(&vnet->claim_lock);
	err = rhashtable_insert_fast(&sw->vnets, &vnet->node, vnet_params);
	if (err)
		goto err_free;
out:
	vnet->n_ports++;
	return vnet;

err_free:
	free_percpu(vnet->stats);
	kfree(vnet);
	return ERR_PTR(err);
}

void nvsw_vnet_put(struct nvsw_switch *sw, struct nvsw_vnet *vnet)
{
	ASSERT_RTNL();
	if (--vnet->n_ports)
		return;
	rhashtable_remove_fast(&sw->vnets, &vnet->node, vnet_params);
	call_rcu(&vnet->rcu, vnet_free_rcu);
}
