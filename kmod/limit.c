// SPDX-License-Identifier: GPL-2.0
/*
 * Per-switch limits: how many records, ports, provider addresses,
 * virtual subnets and customer routes one switch holds at most.
 *
 * What these objects take is charged to the caller's memory cgroup
 * (account.h), but a container with memory to spare could still grow one
 * switch's tables, and every walk over them that runs under RTNL or
 * sw->lock (a PA change refreshing the remotes, a flush, a route lookup
 * over a domain's list), without bound. So each kind has a count limit,
 * an rtnetlink attribute of the switch (IFLA_NVSW_MAX_*).
 *
 * An add site checks its limit before it changes anything and charges the
 * count once the object is in; a replace of an existing object neither
 * checks nor charges. Both happen under the lock of the object's table,
 * so two requests cannot both take the last slot. A limit lowered below
 * its count keeps what is there and refuses only what would be new.
 */
#include <linux/lockdep.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/netlink.h>

#include "account.h"
#include "compat.h"
#include "limit.h"
#include "nvswitch.h"

static const struct {
	u32 def;
	u16 link_attr;		/* the setting, IFLA_NVSW_MAX_* */
	u16 genl_attr;		/* in switch-get replies, NVSW_SWITCH_A_MAX_* */
} limits[NVSW_LIMIT_COUNT] = {
	[NVSW_LIMIT_RECORDS] = { NVSWITCH_MAX_RECORDS_DEFAULT,
				 IFLA_NVSW_MAX_RECORDS,
				 NVSW_SWITCH_A_MAX_RECORDS },
	[NVSW_LIMIT_PORTS] = { NVSWITCH_MAX_PORTS_DEFAULT, IFLA_NVSW_MAX_PORTS,
			       NVSW_SWITCH_A_MAX_PORTS },
	[NVSW_LIMIT_PAS] = { NVSWITCH_MAX_PAS_DEFAULT, IFLA_NVSW_MAX_PAS,
			     NVSW_SWITCH_A_MAX_PAS },
	[NVSW_LIMIT_VSUBNETS] = { NVSWITCH_MAX_VSUBNETS_DEFAULT,
				  IFLA_NVSW_MAX_VSUBNETS,
				  NVSW_SWITCH_A_MAX_VSUBNETS },
	[NVSW_LIMIT_ROUTES] = { NVSWITCH_MAX_ROUTES_DEFAULT,
				IFLA_NVSW_MAX_ROUTES,
				NVSW_SWITCH_A_MAX_ROUTES },
};

/* A count is written under the lock of its table (limit.h). */
static void assert_locked(struct nvsw_switch *sw, enum nvsw_limit limit)
{
	if (limit == NVSW_LIMIT_RECORDS)
		lockdep_assert_held(&sw->lock);
	else
		ASSERT_RTNL();
}

void nvsw_limits_init(struct nvsw_switch *sw)
{
	int i;

	for (i = 0; i < NVSW_LIMIT_COUNT; i++) {
		sw->limits.max[i] = limits[i].def;
		sw->limits.count[i] = 0;
	}
}

/* From a newlink or changelink, under RTNL; the policy keeps each >= 1. */
void nvsw_limits_apply(struct nvsw_switch *sw, struct nlattr *data[])
{
	int i;

	if (!data)
		return;
	for (i = 0; i < NVSW_LIMIT_COUNT; i++)
		if (data[limits[i].link_attr])
			WRITE_ONCE(sw->limits.max[i],
				   nla_get_u32(data[limits[i].link_attr]));
}

size_t nvsw_limits_size(void)
{
	return NVSW_LIMIT_COUNT * nla_total_size(sizeof(u32));
}

static int limits_fill(struct sk_buff *skb, const struct nvsw_switch *sw,
		       bool link)
{
	int i;

	for (i = 0; i < NVSW_LIMIT_COUNT; i++)
		if (nla_put_u32(skb, link ? limits[i].link_attr :
					    limits[i].genl_attr,
				READ_ONCE(sw->limits.max[i])))
			return -EMSGSIZE;
	return 0;
}

/* The limits as link attributes, in the switch's IFLA_INFO_DATA. */
int nvsw_limits_fill(struct sk_buff *skb, const struct nvsw_switch *sw)
{
	return limits_fill(skb, sw, true);
}

/* The same in the nvswitch family's switch messages. */
int nvsw_limits_fill_genl(struct sk_buff *skb, const struct nvsw_switch *sw)
{
	return limits_fill(skb, sw, false);
}

/* Plain words, and the name the CLI sets the limit by. */
static void full_msg(struct netlink_ext_ack *extack, enum nvsw_limit limit,
		     u32 max)
{
	switch (limit) {
	case NVSW_LIMIT_RECORDS:
		nvsw_limit_err_msg(extack, "records (max-records)", max);
		break;
	case NVSW_LIMIT_PORTS:
		nvsw_limit_err_msg(extack, "ports (max-ports)", max);
		break;
	case NVSW_LIMIT_PAS:
		nvsw_limit_err_msg(extack, "provider addresses (max-pas)", max);
		break;
	case NVSW_LIMIT_VSUBNETS:
		nvsw_limit_err_msg(extack, "virtual subnets (max-vsubnets)",
				   max);
		break;
	case NVSW_LIMIT_ROUTES:
		nvsw_limit_err_msg(extack, "customer routes (max-routes)", max);
		break;
	default:
		break;
	}
}

/* Room for one more object of the kind, or ENOSPC and why. */
int nvsw_limit_check(struct nvsw_switch *sw, enum nvsw_limit limit,
		     struct netlink_ext_ack *extack)
{
	/* Set under RTNL, which record adds do not hold. */
	u32 max = READ_ONCE(sw->limits.max[limit]);

	assert_locked(sw, limit);
	if (sw->limits.count[limit] < max)
		return 0;
	full_msg(extack, limit, max);
	return -ENOSPC;
}

/*
 * A new object of the kind: room for one more, or ERR_PTR(-ENOSPC) and
 * why, then size zeroed bytes charged to the caller's memory cgroup
 * (account.h). The count goes up once the object is in
 * (nvsw_limit_charge()).
 */
void *nvsw_limit_zalloc(struct nvsw_switch *sw, enum nvsw_limit limit,
			size_t size, struct netlink_ext_ack *extack)
{
	int err = nvsw_limit_check(sw, limit, extack);
	void *obj;

	if (err)
		return ERR_PTR(err);
	obj = kzalloc(size, NVSW_GFP_CONFIG);
	return obj ?: ERR_PTR(-ENOMEM);
}

void nvsw_limit_charge(struct nvsw_switch *sw, enum nvsw_limit limit)
{
	assert_locked(sw, limit);
	WRITE_ONCE(sw->limits.count[limit], sw->limits.count[limit] + 1);
}

void nvsw_limit_uncharge(struct nvsw_switch *sw, enum nvsw_limit limit)
{
	assert_locked(sw, limit);
	WRITE_ONCE(sw->limits.count[limit], sw->limits.count[limit] - 1);
}

/* For messages: read without the lock, as a snapshot. */
unsigned int nvsw_limit_count(const struct nvsw_switch *sw,
			      enum nvsw_limit limit)
{
	return READ_ONCE(sw->limits.count[limit]);
}
