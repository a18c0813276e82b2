// SPDX-License-Identifier: GPL-2.0
/*
 * Virtual subnets with a prefix and their routing domains: what makes a
 * VSID routable. A vsubnet names the routing domain (RDID) its VSID belongs
 * to, its IPv4 prefix, its IPv6 prefix or both (dual stack), each with
 * the gateway address VMs send off-subnet traffic to. A routing domain is
 * created by its first vsubnet and goes with its last one, customer routes
 * included.
 *
 * Everything here is written under RTNL and read by the datapath under
 * RCU (router.c); a vsubnet does not need the VSID to have ports here, so
 * a host can route to subnets it has no VM of. The datapath finds the
 * subnet of an address in its domain's trie of the family (lpm.h), kept
 * here in step with the vsubnets: a walk as long as the address has
 * bits, however many subnets the domain has. Prefixes of a domain never
 * overlap, so the longest that holds an address is the only one.
 */
#include <linux/slab.h>

#include "account.h"
#include "limit.h"
#include "lpm.h"
#include "notify.h"
#include "nvswitch.h"
#include "routing.h"
#include "vsid.h"

/* nvsw_routing_flush() at uninit leaves no domain to tear down. */
int nvsw_routing_init(struct nvsw_switch *sw)
{
	INIT_LIST_HEAD(&sw->rdoms);
	return 0;
}

/*
 * Under RCU, or RTNL (which every vsubnet change holds): VSID id's
 * vsubnet. The datapath, which has the VSID already, reads
 * vsid->vsubnet.
 */
struct nvsw_vsubnet *nvsw_vsubnet_find(struct nvsw_switch *sw, u32 id)
{
	struct nvsw_vsubnet *vs = NULL;
	struct nvsw_vsid *vsid;

	rcu_read_lock();
	vsid = nvsw_vsid_find(sw, id);
	if (vsid)
		vs = rcu_dereference(vsid->vsubnet);
	rcu_read_unlock();
	return vs;
}

/*
 * Under RTNL: vs becomes VSID id's vsubnet, or with vs NULL it has none
 * any more. The VSID is in use while it has one: only the first can fail.
 */
static int vsubnet_publish(struct nvsw_switch *sw, u32 id,
			   struct nvsw_vsubnet *vs)
{
	struct nvsw_vsid *vsid;
	int err = 0;

	ASSERT_RTNL();
	mutex_lock(&sw->lock);
	vsid = nvsw_vsid_get(sw, id);
	if (IS_ERR(vsid)) {
		err = PTR_ERR(vsid);
	} else {
		rcu_assign_pointer(vsid->vsubnet, vs);
		nvsw_vsid_put(sw, vsid);
	}
	mutex_unlock(&sw->lock);
	return err;
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
	rd = kzalloc(sizeof(*rd), NVSW_GFP_CONFIG);
	if (!rd)
		return NULL;
	rd->rdid = rdid;
	INIT_LIST_HEAD(&rd->vsubnets);
	INIT_LIST_HEAD(&rd->routes);
	nvsw_lpm_init(&rd->subnets4, 32);
	nvsw_lpm_init(&rd->subnets6, 128);
	nvsw_croutes_init(rd);
	list_add_tail_rcu(&rd->node, &sw->rdoms);
	return rd;
}

/* The domain's last vsubnet is gone: so go its routes and itself. */
static void rdom_put(struct nvsw_switch *sw, struct nvsw_rdom *rd)
{
	ASSERT_RTNL();
	if (rd->n_vsubnets)
		return;
	nvsw_croutes_flush(sw, rd, 0, NVSW_FAMILY_ANY);
	WARN_ON_ONCE(!nvsw_lpm_empty(&rd->subnets4) ||
		     !nvsw_lpm_empty(&rd->subnets6) ||
		     !nvsw_lpm_empty(&rd->routes4) ||
		     !nvsw_lpm_empty(&rd->routes6));
	list_del_rcu(&rd->node);
	kfree_rcu(rd, rcu);
}

static struct nvsw_lpm *subnet_lpm(struct nvsw_rdom *rd, bool ipv6)
{
	return ipv6 ? &rd->subnets6 : &rd->subnets4;
}

static bool vsubnet_has(const struct nvsw_vsubnet *vs, bool ipv6)
{
	return ipv6 ? nvsw_vsubnet_has6(vs) : nvsw_vsubnet_has4(vs);
}

/* vs's prefix of a family as a trie key: the address as it is. */
static const void *subnet_key(const struct nvsw_vsubnet *vs, bool ipv6,
			      unsigned int *len)
{
	if (ipv6) {
		*len = vs->prefix6.len;
		return &vs->prefix6.addr;
	}
	*len = vs->prefix.len;
	return &vs->prefix.addr;
}

/* Readers see vs from here on: freeing it takes a grace period. */
static int subnet_insert(struct nvsw_vsubnet *vs, bool ipv6)
{
	const void *key;
	unsigned int len;

	key = subnet_key(vs, ipv6, &len);
	return nvsw_lpm_insert(subnet_lpm(vs->rd, ipv6), key, len, vs);
}

static void subnet_remove(struct nvsw_vsubnet *vs, bool ipv6)
{
	const void *key;
	unsigned int len;

	key = subnet_key(vs, ipv6, &len);
	nvsw_lpm_delete(subnet_lpm(vs->rd, ipv6), key, len);
}

/*
 * vs takes old's place in the trie of a family: where old had the
 * family, vs has it too (the same prefix) or lost it.
 */
static void subnet_move(struct nvsw_vsubnet *old, struct nvsw_vsubnet *vs,
			bool ipv6)
{
	const void *key;
	unsigned int len;

	if (vsubnet_has(vs, ipv6)) {
		key = subnet_key(vs, ipv6, &len);
		nvsw_lpm_replace(subnet_lpm(vs->rd, ipv6), key, len, vs);
	} else if (vsubnet_has(old, ipv6)) {
		subnet_remove(old, ipv6);
	}
}

/*
 * Under RCU or RTNL: the subnet of rd whose prefix holds addr, a be32 or
 * an in6_addr as ipv6 says.
 */
struct nvsw_vsubnet *nvsw_vsubnet_lpm(const struct nvsw_rdom *rd, bool ipv6,
				      const void *addr)
{
	return nvsw_lpm_lookup(ipv6 ? &rd->subnets6 : &rd->subnets4, addr);
}

/*
 * Two vsubnets of one domain whose prefixes of the family want has
 * overlap make routing ambiguous.
 */
static struct nvsw_vsubnet *overlapping(const struct nvsw_rdom *rd,
					const struct nvsw_vsubnet *want)
{
	struct nvsw_vsubnet *vs;
	u8 len;

	list_for_each_entry(vs, &rd->vsubnets, rd_node) {
		if (nvsw_vsubnet_has6(want)) {
			if (!nvsw_vsubnet_has6(vs))
				continue;
			len = min(vs->prefix6.len, want->prefix6.len);
			if (ipv6_prefix_equal(&vs->prefix6.addr,
					      &want->prefix6.addr, len))
				return vs;
			continue;
		}
		if (!nvsw_vsubnet_has4(vs))
			continue;
		len = min(vs->prefix.len, want->prefix.len);
		if (!((vs->prefix.addr ^ want->prefix.addr) & inet_make_mask(len)))
			return vs;
	}
	return NULL;
}

/*
 * A vsubnet never changes once readers may see it: a new family, or one
 * less, is a new copy put in the old one's place in its VSID, its
 * domain's list and its domain's tries, before old goes. A family that
 * vs adds is in its trie already (subnet_insert()).
 */
static void vsubnet_replace(struct nvsw_switch *sw, struct nvsw_vsubnet *old,
			    struct nvsw_vsubnet *vs)
{
	ASSERT_RTNL();
	/* Cannot fail: the VSID is in use, by old. */
	vsubnet_publish(sw, vs->vsid, vs);
	list_replace(&old->rd_node, &vs->rd_node);
	subnet_move(old, vs, false);
	subnet_move(old, vs, true);
	kfree_rcu(old, rcu);
}

/* A family that the VSID's vsubnet already has, or another domain. */
static int vsubnet_merge_check(const struct nvsw_vsubnet *old, u32 rdid,
			       const struct nvsw_vsubnet *want,
			       struct netlink_ext_ack *extack)
{
	if (old->rd->rdid != rdid) {
		NL_SET_ERR_MSG(extack,
			       "The VSID already has a virtual subnet on this switch, in another routing domain");
		return -EEXIST;
	}
	if (nvsw_vsubnet_has6(want) ? nvsw_vsubnet_has6(old) :
				      nvsw_vsubnet_has4(old)) {
		if (nvsw_vsubnet_has6(want))
			NL_SET_ERR_MSG(extack,
				       "The VSID already has a virtual subnet with an IPv6 prefix on this switch");
		else
			NL_SET_ERR_MSG(extack,
				       "The VSID already has a virtual subnet with an IPv4 prefix on this switch");
		return -EEXIST;
	}
	return 0;
}

/*
 * want names one family: its prefix and gateway. A VSID without a vsubnet
 * gets one; a VSID whose vsubnet has the other family, in the same domain,
 * becomes dual-stack.
 */
int nvsw_vsubnet_add(struct nvsw_switch *sw, u32 rdid,
		     const struct nvsw_vsubnet *want,
		     struct netlink_ext_ack *extack)
{
	bool ipv6 = nvsw_vsubnet_has6(want);
	struct nvsw_vsubnet *old, *vs;
	struct nvsw_rdom *rd;
	int err;

	ASSERT_RTNL();
	old = nvsw_vsubnet_find(sw, want->vsid);
	if (old) {
		err = vsubnet_merge_check(old, rdid, want, extack);
		if (err)
			return err;
	}
	rd = nvsw_rdom_find(sw, rdid);
	if (rd && overlapping(rd, want)) {
		NL_SET_ERR_MSG(extack,
			       "The prefix overlaps a virtual subnet of this routing domain");
		return -EEXIST;
	}
	/* A second family replaces the VSID's vsubnet: no more room. */
	if (!old) {
		err = nvsw_limit_check(sw, NVSW_LIMIT_VSUBNETS, extack);
		if (err)
			return err;
	}

	vs = kmalloc(sizeof(*vs), NVSW_GFP_CONFIG);
	if (!vs)
		return -ENOMEM;
	if (old) {
		*vs = *old;
		if (ipv6) {
			vs->prefix6 = want->prefix6;
			vs->gateway6 = want->gateway6;
		} else {
			vs->prefix = want->prefix;
			vs->gateway = want->gateway;
		}
		err = subnet_insert(vs, ipv6);
		if (err)
			goto err_free;
		vsubnet_replace(sw, old, vs);
		nvsw_notify_vsubnet(sw, vs, ipv6, NVSW_CMD_VSUBNET_NEW_NTF);
		return 0;
	}

	*vs = *want;
	rd = rdom_get(sw, rdid);
	if (!rd) {
		err = -ENOMEM;
		goto err_free;
	}
	vs->rd = rd;
	err = subnet_insert(vs, ipv6);
	if (err)
		goto err_rd;
	err = vsubnet_publish(sw, vs->vsid, vs);
	if (err)
		goto err_unpublish;
	list_add_tail(&vs->rd_node, &rd->vsubnets);
	rd->n_vsubnets++;
	nvsw_limit_charge(sw, NVSW_LIMIT_VSUBNETS);
	nvsw_notify_vsubnet(sw, vs, ipv6, NVSW_CMD_VSUBNET_NEW_NTF);
	return 0;

err_unpublish:
	/* The trie showed vs to the datapath: it goes after a grace period. */
	subnet_remove(vs, ipv6);
	rdom_put(sw, rd);
	kfree_rcu(vs, rcu);
	return err;
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
	nvsw_croutes_flush(sw, rd, vs->vsid, NVSW_FAMILY_ANY);
	if (nvsw_vsubnet_has4(vs))
		nvsw_notify_vsubnet(sw, vs, false, NVSW_CMD_VSUBNET_DEL_NTF);
	if (nvsw_vsubnet_has6(vs))
		nvsw_notify_vsubnet(sw, vs, true, NVSW_CMD_VSUBNET_DEL_NTF);
	vsubnet_publish(sw, vs->vsid, NULL);
	list_del(&vs->rd_node);
	if (nvsw_vsubnet_has4(vs))
		subnet_remove(vs, false);
	if (nvsw_vsubnet_has6(vs))
		subnet_remove(vs, true);
	rd->n_vsubnets--;
	nvsw_limit_uncharge(sw, NVSW_LIMIT_VSUBNETS);
	kfree_rcu(vs, rcu);
	rdom_put(sw, rd);
}

/* One family of a dual-stack vsubnet goes, with the routes scoped to it. */
static int vsubnet_drop_family(struct nvsw_switch *sw, struct nvsw_vsubnet *old,
			       bool ipv6)
{
	struct nvsw_vsubnet *vs;

	vs = kmalloc(sizeof(*vs), NVSW_GFP_CONFIG);
	if (!vs)
		return -ENOMEM;
	*vs = *old;
	if (ipv6) {
		memset(&vs->prefix6, 0, sizeof(vs->prefix6));
		memset(&vs->gateway6, 0, sizeof(vs->gateway6));
	} else {
		memset(&vs->prefix, 0, sizeof(vs->prefix));
		vs->gateway = 0;
	}
	nvsw_croutes_flush(sw, old->rd, old->vsid,
			   ipv6 ? NVSW_FAMILY_IPV6 : NVSW_FAMILY_IPV4);
	nvsw_notify_vsubnet(sw, old, ipv6, NVSW_CMD_VSUBNET_DEL_NTF);
	vsubnet_replace(sw, old, vs);
	return 0;
}

/*
 * which names the VSID and, optionally, one family by its prefix: only
 * that family goes. Without a prefix, the whole vsubnet goes.
 */
int nvsw_vsubnet_del(struct nvsw_switch *sw, const struct nvsw_vsubnet *which,
		     struct netlink_ext_ack *extack)
{
	bool ipv6 = nvsw_vsubnet_has6(which);
	struct nvsw_vsubnet *vs;

	ASSERT_RTNL();
	vs = nvsw_vsubnet_find(sw, which->vsid);
	if (!vs) {
		NL_SET_ERR_MSG(extack,
			       "The VSID has no virtual subnet on this switch");
		return -ENOENT;
	}
	if (ipv6 && (vs->prefix6.len != which->prefix6.len ||
		     !ipv6_addr_equal(&vs->prefix6.addr, &which->prefix6.addr))) {
		NL_SET_ERR_MSG(extack,
			       "The prefix is not the IPv6 prefix of the VSID's virtual subnet");
		return -ENOENT;
	}
	if (nvsw_vsubnet_has4(which) &&
	    (vs->prefix.len != which->prefix.len ||
	     vs->prefix.addr != which->prefix.addr)) {
		NL_SET_ERR_MSG(extack,
			       "The prefix is not the IPv4 prefix of the VSID's virtual subnet");
		return -ENOENT;
	}
	/* A family named, and the other one stays. */
	if (ipv6 && nvsw_vsubnet_has4(vs))
		return vsubnet_drop_family(sw, vs, true);
	if (nvsw_vsubnet_has4(which) && nvsw_vsubnet_has6(vs))
		return vsubnet_drop_family(sw, vs, false);
	vsubnet_unlink(sw, vs);
	return 0;
}

/* The switch is going (ndo_uninit): everything. */
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
