/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How many objects of each kind a switch holds at most (limit.c). Memory
 * is charged to the caller's cgroup (account.h), but a cgroup with room
 * to spare must not be able to grow one switch's tables, and the walks
 * over them under RTNL or sw->lock, without bound: each kind has a count
 * limit, set per switch over rtnetlink (IFLA_NVSW_MAX_*).
 */
#ifndef _NVSW_LIMIT_H
#define _NVSW_LIMIT_H

#include <linux/types.h>

struct netlink_ext_ack;
struct nlattr;
struct sk_buff;
struct nvsw_switch;

/* Each kind's count is written under the lock of its table. */
enum nvsw_limit {
	NVSW_LIMIT_RECORDS,	/* records; sw->lock */
	NVSW_LIMIT_PORTS,	/* ports, internal ones too; RTNL */
	NVSW_LIMIT_PAS,		/* provider addresses; RTNL */
	NVSW_LIMIT_VSUBNETS,	/* virtual subnets with a prefix; RTNL */
	NVSW_LIMIT_ROUTES,	/* customer routes of every domain; RTNL */
	NVSW_LIMIT_COUNT
};

struct nvsw_limits {
	u32 max[NVSW_LIMIT_COUNT];		/* RTNL writes, READ_ONCE */
	unsigned int count[NVSW_LIMIT_COUNT];	/* see above; READ_ONCE */
};

void nvsw_limits_init(struct nvsw_switch *sw);
void nvsw_limits_apply(struct nvsw_switch *sw, struct nlattr *data[]);
size_t nvsw_limits_size(void);
int nvsw_limits_fill(struct sk_buff *skb, const struct nvsw_switch *sw);
int nvsw_limits_fill_genl(struct sk_buff *skb, const struct nvsw_switch *sw);

int nvsw_limit_check(struct nvsw_switch *sw, enum nvsw_limit limit,
		     struct netlink_ext_ack *extack);
void *nvsw_limit_zalloc(struct nvsw_switch *sw, enum nvsw_limit limit,
			size_t size, struct netlink_ext_ack *extack);
void nvsw_limit_charge(struct nvsw_switch *sw, enum nvsw_limit limit);
void nvsw_limit_uncharge(struct nvsw_switch *sw, enum nvsw_limit limit);
unsigned int nvsw_limit_count(const struct nvsw_switch *sw,
			      enum nvsw_limit limit);

#endif /* _NVSW_LIMIT_H */
