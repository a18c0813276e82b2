// SPDX-License-Identifier: GPL-2.0
/*
 * Provider addresses: the underlay addresses a switch sends NVGRE from and
 * receives it on. A lookup record whose PA is one of its switch's own means
 * "the VM is on this host". A PA belongs to one switch of its netns, which
 * is how received NVGRE finds its switch.
 */
#include <linux/hash.h>
#include <linux/inetdevice.h>

#include "nvswitch.h"

static struct hlist_head *pa_bucket(struct nvsw_net *nn, __be32 addr)
{
	return &nn->pa_hash[hash_32((__force u32)addr, ilog2(ARRAY_SIZE(nn->pa_hash)))];
}

/* Under RCU or RTNL. */
struct nvsw_pa *nvsw_pa_find(struct nvsw_net *nn, __be32 addr)
{
	struct nvsw_pa *pa;

	hlist_for_each_entry_rcu(pa, pa_bucket(nn, addr), hnode,
				 lockdep_rtnl_is_held())
		if (pa->addr == addr)
			return pa;
	return NULL;
}

/* Under RCU. A switch has a handful of PAs: a walk beats a hash here. */
bool nvsw_pa_is_local(struct nvsw_switch *sw, __be32 addr)
{
	struct nvsw_pa *pa;

	list_for_each_entry_rcu(pa, &sw->pas, node)
		if (pa->addr == addr)
			return true;
	return false;
}

int nvsw_pa_add(struct nvsw_switch *sw, __be32 addr,
		struct netlink_ext_ack *extack)
{
	struct nvsw_pa *pa;

	ASSERT_RTNL();
	if (ipv4_is_zeronet(addr) || ipv4_is_multicast(addr) ||
	    ipv4_is_lbcast(addr) || ipv4_is_loopback(addr)) {
		NL_SET_ERR_MSG(extack,
			       "NVSW_A_PA_IPV4 must be a unicast address");
		return -EINVAL;
	}

	pa = nvsw_pa_find(sw->nn, addr);
	if (pa) {
		if (pa->sw == sw)
			NL_SET_ERR_MSG(extack,
				       "NVSW_A_PA_IPV4 is already a provider address of this switch");
		else
			NL_SET_ERR_MSG(extack,
				       "NVSW_A_PA_IPV4 is already a provider address of another switch in this netns");
		return -EEXIST;
	}

	pa = kzalloc(sizeof(*pa), GFP_KERNEL);
	if (!pa)
		return -ENOMEM;
	pa->sw = sw;
	pa->addr = addr;
	hlist_add_head_rcu(&pa->hnode, pa_bucket(sw->nn, addr));
	/* The first PA is the source address of everything sent. */
	list_add_tail_rcu(&pa->node, &sw->pas);
	sw->n_pas++;
	nvsw_remotes_refresh(sw);
	nvsw_notify_pa(sw, pa, NVSW_CMD_PA_NEW);
	return 0;
}

static void pa_unlink(struct nvsw_switch *sw, struct nvsw_pa *pa)
{
	hlist_del_rcu(&pa->hnode);
	list_del_rcu(&pa->node);
	sw->n_pas--;
	kfree_rcu(pa, rcu);
}

int nvsw_pa_del(struct nvsw_switch *sw, __be32 addr,
		struct netlink_ext_ack *extack)
{
	struct nvsw_pa *pa;

	ASSERT_RTNL();
	pa = nvsw_pa_find(sw->nn, addr);
	if (!pa || pa->sw != sw) {
		NL_SET_ERR_MSG(extack,
			       "NVSW_A_PA_IPV4 is not a provider address of this switch");
		return -ENOENT;
	}
	nvsw_notify_pa(sw, pa, NVSW_CMD_PA_DEL);
	pa_unlink(sw, pa);
	nvsw_remotes_refresh(sw);
	return 0;
}

void nvsw_pa_flush(struct nvsw_switch *sw)
{
	struct nvsw_pa *pa, *tmp;

	ASSERT_RTNL();
	list_for_each_entry_safe(pa, tmp, &sw->pas, node)
		pa_unlink(sw, pa);
}
