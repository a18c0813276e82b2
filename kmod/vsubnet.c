// SPDX-License-Identifier: GPL-2.0
/*
 * Virtual subnets with a prefix and their routing domains: what makes a
 * VSID routable. A vsubnet names the routing domain (RDID) its VSID belongs
 * to, its IPv4 prefix and the gateway address VMs send off-subnet traffic
 * to. A routing domain is created by its first vsubnet and goes with its
 * last one, customer routes included.
 *
 * Everything here is written under RTNL and read by the datapath under
 * RCU (router.c); a vsubnet does not need the VSID to have ports here, so
 * a host can route to subnets it has no VM of.
 */
#include <linux/slab.h>

#include "nvswitch.h"

static const struct rhashtable_params vsubnet_params = {
	.key_len = sizeof_field(struct nvsw_vsubnet, vsid),
	.key_offset = offsetof(struct nvsw_vsubnet, vsid),
	.head_offset = offsetof(struct nvsw_vsubnet, node),
	.automatic_shrinking = true,
};

int nvsw_vsubnets_init(struct nvsw_switch *sw)
{
	INIT_LIST_HEAD(&sw->rdoms);
	return rhashtable_init(&sw->vsubnets, &vsubnet_params);
}

/* nvsw_routing_flush() ran at uninit: the table is empty. */
void nvsw_vsubnets_destroy(struct nvsw_switch *sw)
{
	rhashtable_destroy(&sw->vsubnets);
}

/* Under RCU or RTNL. */
struct nvsw_vsubnet *nvsw_vsubnet_find(struct nvsw_switch *sw, u32 vsid)
{
	return rhashtable_lookup_fast(&sw->vsubnets, &vsid, vsubnet_params);
}

/* Under RTNL. */
struct nvsw_rdom *nvsw_rdom_find(struct nvsw_switch *sw, u32 rdid)
{
	struct nvsw_rdom *rd;

	ASSERT_RTNL();
	list_for_each_entry(rd, &sw->rdoms, node)
		if (rd->rdid == rdid)
			return rd;
	return NULL;
}

static struct nvsw_rdom *rdom_get(struct nvsw_switch *sw, u32 rdid)
{
	struct nvsw_rdom *rd = nvsw_rdom_find(sw, rdid);

	if (rd)
		return rd;
	rd = kzalloc(sizeof(*rd), GFP_KERNEL);
	if (!rd)
		return NULL;
	rd->rdid = rdid;
	INIT_LIST_HEAD(&rd->vsubnets);
	INIT_LIST_HEAD(&rd->routes);
	list_add_tail_rcu(&rd->node, &sw->rdoms);
	return rd;
}

/* The domain's last vsubnet is gone: so go its routes and itself. */
static void rdom_put(struct nvsw_switch *sw, struct nvsw_rdom *rd)
{
	ASSERT_RTNL();
	if (rd->n_vsubnets)
		return;
	nvsw_croutes_flush(sw, rd, 0);
	list_del_rcu(&rd->node);
	kfree_rcu(rd, rcu);
}

/* Two vsubnets of one domain whose prefixes overlap make routing ambiguous. */
static struct nvsw_vsubnet *overlapping(const struct nvsw_rdom *rd,
					const struct nvsw_prefix *p)
{
	struct nvsw_vsubnet *vs;

	list_for_each_entry(vs, &rd->vsubnets, rd_node) {
		u8 len = min(vs->prefix.len, p->len);

		if (!((vs->prefix.addr ^ p->addr) & inet_make_mask(len)))
			return vs;
	}
	return NULL;
}

int nvsw_vsubnet_add(struct nvsw_switch *sw, u32 vsid, u32 rdid,
		     const struct nvsw_prefix *prefix, __be32 gateway,
		     struct netlink_ext_ack *extack)
{
	struct nvsw_vsubnet *vs;
	struct nvsw_rdom *rd;
	int err;

	ASSERT_RTNL();
	if (nvsw_vsubnet_find(sw, vsid)) {
		NL_SET_ERR_MSG(extack,
			       "NVSW_A_VSID already has a virtual subnet on this switch");
		return -EEXIST;
	}
	rd = nvsw_rdom_find(sw, rdid);
	if (rd && overlapping(rd, prefix)) {
		NL_SET_ERR_MSG(extack,
			       "NVSW_A_PREFIX_IPV4 overlaps a virtual subnet of this NVSW_A_RDID");
		return -EEXIST;
	}

	vs = kzalloc(sizeof(*vs), GFP_KERNEL);
	if (!vs)
		return -ENOMEM;
	rd = rdom_get(sw, rdid);
	if (!rd) {
		err = -ENOMEM;
		goto err_free;
	}
	vs->vsid = vsid;
	vs->rd = rd;
	vs->prefix = *prefix;
	vs->gateway = gateway;
	err = rhashtable_insert_fast(&sw->vsubnets, &vs->node, vsubnet_params);
	if (err)
		goto err_rd;
	list_add_tail_rcu(&vs->rd_node, &rd->vsubnets);
	rd->n_vsubnets++;
	nvsw_notify_vsubnet(sw, vs, NVSW_CMD_VSUBNET_NEW);
	return 0;

err_rd:
	rdom_put(sw, rd);
err_free:
	kfree(vs);
	return err;
}

static void vsubnet_unlink(struct nvsw_switch *sw, struct nvsw_vsubnet *vs)
{
	struct nvsw_rdom *rd = vs->rd;

	/* Routes that only this subnet's VMs used have no user left. */
	nvsw_croutes_flush(sw, rd, vs->vsid);
	nvsw_notify_vsubnet(sw, vs, NVSW_CMD_VSUBNET_DEL);
	rhashtable_remove_fast(&sw->vsubnets, &vs->node, vsubnet_params);
	list_del_rcu(&vs->rd_node);
	rd->n_vsubnets--;
	kfree_rcu(vs, rcu);
	rdom_put(sw, rd);
}

int nvsw_vsubnet_del(struct nvsw_switch *sw, u32 vsid,
		     struct netlink_ext_ack *extack)
{
	struct nvsw_vsubnet *vs;

	ASSERT_RTNL();
	vs = nvsw_vsubnet_find(sw, vsid);
	if (!vs) {
		NL_SET_ERR_MSG(extack,
			       "NVSW_A_VSID has no virtual subnet on this switch");
		return -ENOENT;
	}
	vsubnet_unlink(sw, vs);
	return 0;
}

/* The switch is going (ndo_uninit): everything, unannounced. */
void nvsw_routing_flush(struct nvsw_switch *sw)
{
	struct nvsw_rdom *rd, *next_rd;
	struct nvsw_vsubnet *vs, *next;

	ASSERT_RTNL();
	/* The last vsubnet of a domain frees the domain. */
	list_for_each_entry_safe(rd, next_rd, &sw->rdoms, node)
		list_for_each_entry_safe(vs, next, &rd->vsubnets, rd_node)
			vsubnet_unlink(sw, vs);
}
