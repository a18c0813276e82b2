// SPDX-License-Identifier: GPL-2.0
/*
 * Provider addresses: the underlay addresses a switch sends NVGRE from and
 * receives it on. A record whose PA is one of its switch's own means
 * "the VM is on this host". A PA belongs to one switch of its netns, which
 * is how received NVGRE finds its switch. PAs of both families may mix on
 * one switch; IPv4 ones are kept IPv4-mapped (pa.h).
 */
#include <linux/hash.h>
#include <linux/inetdevice.h>
#include <net/ipv6.h>

#include "limit.h"
#include "notify.h"
#include "nvswitch.h"
#include "pa.h"
#include "remote.h"
#include "underlay.h"

static struct hlist_head *pa_bucket(struct nvsw_net *nn,
				    const struct in6_addr *addr)
{
	return &nn->pa_hash[hash_32(ipv6_addr_hash(addr),
				    ilog2(ARRAY_SIZE(nn->pa_hash)))];
}

/*
 * A PA must be a unicast address that names one host on the underlay: no
 * link-local IPv6 either, which would need an interface to mean anything.
 */
bool nvsw_pa_valid(const struct in6_addr *addr)
{
	__be32 v4 = nvsw_pa_ipv4(addr);

	if (nvsw_pa_is_ipv4(addr))
		return !(ipv4_is_zeronet(v4) || ipv4_is_multicast(v4) ||
			 ipv4_is_lbcast(v4) || ipv4_is_loopback(v4));
	/* IPV6_ADDR_ANY is 0: :: is not a bit of ipv6_addr_type(). */
	return !ipv6_addr_any(addr) &&
	       !(ipv6_addr_type(addr) &
		 (IPV6_ADDR_MULTICAST | IPV6_ADDR_LOOPBACK |
		  IPV6_ADDR_LINKLOCAL | IPV6_ADDR_MAPPED));
}

/* Under RCU or RTNL. */
struct nvsw_pa *nvsw_pa_find(struct nvsw_net *nn, const struct in6_addr *addr)
{
	struct nvsw_pa *pa;

	hlist_for_each_entry_rcu(pa, pa_bucket(nn, addr), hnode,
				 lockdep_rtnl_is_held())
		if (ipv6_addr_equal(&pa->addr, addr))
			return pa;
	return NULL;
}

/* Under RCU. A switch has a handful of PAs: a walk beats a hash here. */
bool nvsw_pa_is_local(struct nvsw_switch *sw, const struct in6_addr *addr)
{
	struct nvsw_pa *pa;

	list_for_each_entry_rcu(pa, &sw->pas, node)
		if (ipv6_addr_equal(&pa->addr, addr))
			return true;
	return false;
}

/*
 * Under RCU: the source of what the switch sends to a PA of that family,
 * the first of its PAs of the family; NULL when it has none.
 */
const struct in6_addr *nvsw_pa_source(struct nvsw_switch *sw, bool ipv4)
{
	struct nvsw_pa *pa;

	list_for_each_entry_rcu(pa, &sw->pas, node)
		if (nvsw_pa_is_ipv4(&pa->addr) == ipv4)
			return &pa->addr;
	return NULL;
}

/* The caller checked nvsw_pa_valid(). */
int nvsw_pa_add(struct nvsw_switch *sw, const struct in6_addr *addr,
		struct netlink_ext_ack *extack)
{
	struct nvsw_pa *pa;
	int err;

	ASSERT_RTNL();
	pa = nvsw_pa_find(sw->nn, addr);
	if (pa) {
		if (pa->sw == sw)
			NL_SET_ERR_MSG(extack,
				       "The address is already a provider address of this switch");
		else
			NL_SET_ERR_MSG(extack,
				       "The address is already a provider address of another switch in this netns");
		return -EEXIST;
	}
	pa = nvsw_limit_zalloc(sw, NVSW_LIMIT_PAS, sizeof(*pa), extack);
	if (IS_ERR(pa))
		return PTR_ERR(pa);
	/* IPv6 NVGRE arrives through ip6_gre's device, which IPv6 PAs hold. */
	if (!nvsw_pa_is_ipv4(addr)) {
		err = nvsw_underlay6_get(sw->nn, extack);
		if (err) {
			kfree(pa);
			return err;
		}
	}
	pa->sw = sw;
	pa->addr = *addr;
	hlist_add_head_rcu(&pa->hnode, pa_bucket(sw->nn, addr));
	/* The first PA of a family is the source of what goes to that family. */
	list_add_tail_rcu(&pa->node, &sw->pas);
	nvsw_limit_charge(sw, NVSW_LIMIT_PAS);
	nvsw_remotes_refresh(sw);
	nvsw_notify_pa(sw, pa, NVSW_CMD_PA_NEW_NTF);
	return 0;
}

static void pa_unlink(struct nvsw_switch *sw, struct nvsw_pa *pa)
{
	if (!nvsw_pa_is_ipv4(&pa->addr))
		nvsw_underlay6_put(sw->nn);
	hlist_del_rcu(&pa->hnode);
	list_del_rcu(&pa->node);
	nvsw_limit_uncharge(sw, NVSW_LIMIT_PAS);
	kfree_rcu(pa, rcu);
}

/* Under RTNL: sw's PA addr, or NULL and why. */
struct nvsw_pa *nvsw_pa_of(struct nvsw_switch *sw, const struct in6_addr *addr,
			   struct netlink_ext_ack *extack)
{
	struct nvsw_pa *pa;

	ASSERT_RTNL();
	pa = nvsw_pa_find(sw->nn, addr);
	if (pa && pa->sw == sw)
		return pa;
	NL_SET_ERR_MSG(extack,
		       "The address is not a provider address of this switch");
	return NULL;
}

int nvsw_pa_del(struct nvsw_switch *sw, const struct in6_addr *addr,
		struct netlink_ext_ack *extack)
{
	struct nvsw_pa *pa;

	pa = nvsw_pa_of(sw, addr, extack);
	if (!pa)
		return -ENOENT;
	nvsw_notify_pa(sw, pa, NVSW_CMD_PA_DEL_NTF);
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
