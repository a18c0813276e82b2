// SPDX-License-Identifier: GPL-2.0
/*
 * The family's attribute sets (attr_words.h): the policies replies and
 * notifications are validated against, and each attribute in the words of
 * the command line, so that an error the kernel points at an attribute
 * ("integer out of range" at the record's vsid) says "vsid", the keyword
 * the user typed.
 */
#include <errno.h>
#include <net/if.h>
#include <string.h>

#include "attr_words.h"

#define ADDR	{ .minlen = 16, .maxlen = 16 }	/* IPv6, or IPv4-mapped */
#define MAC	{ .minlen = 6, .maxlen = 6 }
#define U8	{ .type = NLA_U8 }
#define U32	{ .type = NLA_U32 }
#define NEST	{ .type = NLA_NESTED }
#define FLAG	{ .type = NLA_FLAG }
#define NAME	{ .type = NLA_STRING, .maxlen = IFNAMSIZ }

static const struct nla_policy top_policy[NVSW_A_MAX + 1] = {
	[NVSW_A_IFINDEX]	= U32,
	[NVSW_A_IFNAME]		= NAME,
	[NVSW_A_SWITCH]		= NEST,
	[NVSW_A_PA]		= NEST,
	[NVSW_A_PORT]		= NEST,
	[NVSW_A_VSID]		= NEST,
	[NVSW_A_RECORD]		= NEST,
	[NVSW_A_VSUBNET]	= NEST,
	[NVSW_A_ROUTE]		= NEST,
	[NVSW_A_EXPLAIN]	= NEST,
	[NVSW_A_MISS]		= NEST,
	[NVSW_A_FLUSHED]	= U32,
};

static const struct nla_policy switch_policy[NVSW_SWITCH_A_MAX + 1] = {
	[NVSW_SWITCH_A_FLOWID_MODE]	= U8,
	[NVSW_SWITCH_A_MOVE_GRACE_MS]	= U32,
	[NVSW_SWITCH_A_DSCP]		= U8,
	[NVSW_SWITCH_A_DEFAULT_VSID]	= U32,
	[NVSW_SWITCH_A_MAX_RECORDS]	= U32,
	[NVSW_SWITCH_A_MAX_PORTS]	= U32,
	[NVSW_SWITCH_A_MAX_PAS]		= U32,
	[NVSW_SWITCH_A_MAX_VSUBNETS]	= U32,
	[NVSW_SWITCH_A_MAX_ROUTES]	= U32,
	[NVSW_SWITCH_A_PA_COUNT]	= U32,
	[NVSW_SWITCH_A_PORT_COUNT]	= U32,
	[NVSW_SWITCH_A_RECORD_COUNT]	= U32,
	[NVSW_SWITCH_A_VSUBNET_COUNT]	= U32,
	[NVSW_SWITCH_A_ROUTE_COUNT]	= U32,
	[NVSW_SWITCH_A_STATS]		= NEST,
};

static const struct nla_policy pa_policy[NVSW_PA_A_MAX + 1] = {
	[NVSW_PA_A_ADDR]	= ADDR,
};

static const struct nla_policy port_policy[NVSW_PORT_A_MAX + 1] = {
	[NVSW_PORT_A_IFINDEX]	= U32,
	[NVSW_PORT_A_IFNAME]	= NAME,
	[NVSW_PORT_A_VSID]	= U32,
	[NVSW_PORT_A_INTERNAL]	= FLAG,
	[NVSW_PORT_A_PIN]	= MAC,
	[NVSW_PORT_A_MAC]	= MAC,
	[NVSW_PORT_A_STATS]	= NEST,
	[NVSW_PORT_A_DHCP_GUARD]	= U8,
	[NVSW_PORT_A_ROUTER_GUARD]	= U8,
};

static const struct nla_policy vsid_policy[NVSW_VSID_A_MAX + 1] = {
	[NVSW_VSID_A_ID]		= U32,
	[NVSW_VSID_A_BUM_MODE]		= U8,
	[NVSW_VSID_A_BUM_RATE]		= U32,
	[NVSW_VSID_A_PORT_COUNT]	= U32,
	[NVSW_VSID_A_RDID]		= U32,
	[NVSW_VSID_A_STATS]		= NEST,
};

static const struct nla_policy record_policy[NVSW_RECORD_A_MAX + 1] = {
	[NVSW_RECORD_A_VSID]	= U32,
	[NVSW_RECORD_A_CA]	= ADDR,
	[NVSW_RECORD_A_MAC]	= MAC,
	[NVSW_RECORD_A_PA]	= ADDR,
};

static const struct nla_policy vsubnet_policy[NVSW_VSUBNET_A_MAX + 1] = {
	[NVSW_VSUBNET_A_VSID]	= U32,
	[NVSW_VSUBNET_A_RDID]	= U32,
	[NVSW_VSUBNET_A_PREFIX]	= NEST,
};

static const struct nla_policy prefix_policy[NVSW_PREFIX_A_MAX + 1] = {
	[NVSW_PREFIX_A_ADDR]	= ADDR,
	[NVSW_PREFIX_A_LEN]	= U8,
	[NVSW_PREFIX_A_GATEWAY]	= ADDR,
};

static const struct nla_policy route_policy[NVSW_ROUTE_A_MAX + 1] = {
	[NVSW_ROUTE_A_RDID]	= U32,
	[NVSW_ROUTE_A_VSID]	= U32,
	[NVSW_ROUTE_A_PREFIX]	= NEST,
	[NVSW_ROUTE_A_NEXTHOP]	= ADDR,
	[NVSW_ROUTE_A_METRIC]	= U32,
};

static const struct nla_policy explain_policy[NVSW_EXPLAIN_A_MAX + 1] = {
	[NVSW_EXPLAIN_A_PORT_IFINDEX]	= U32,
	[NVSW_EXPLAIN_A_CA]		= ADDR,
	[NVSW_EXPLAIN_A_MAC]		= MAC,
	[NVSW_EXPLAIN_A_SIZE]		= U32,
	[NVSW_EXPLAIN_A_VERDICT]	= U8,
	[NVSW_EXPLAIN_A_DROP]		= { .type = NLA_STRING },
	[NVSW_EXPLAIN_A_ROUTED]		= FLAG,
	[NVSW_EXPLAIN_A_VSID]		= U32,
	[NVSW_EXPLAIN_A_PA]		= ADDR,
	[NVSW_EXPLAIN_A_MTU]		= U32,
};

static const struct nla_policy miss_policy[NVSW_MISS_A_MAX + 1] = {
	[NVSW_MISS_A_SOURCE]		= U8,
	[NVSW_MISS_A_VSID]		= U32,
	[NVSW_MISS_A_CA]		= ADDR,
	[NVSW_MISS_A_MAC]		= MAC,
	[NVSW_MISS_A_PA]		= ADDR,
	[NVSW_MISS_A_PORT_IFINDEX]	= U32,
};

/* The words: what a user typed to set each attribute of a request. */
static const char *const top_words[NVSW_A_MAX + 1] = {
	[NVSW_A_IFINDEX]	= "SWITCH",
	[NVSW_A_IFNAME]		= "SWITCH",
};

static const char *const pa_words[NVSW_PA_A_MAX + 1] = {
	[NVSW_PA_A_ADDR]	= "pa",
};

static const char *const port_words[NVSW_PORT_A_MAX + 1] = {
	[NVSW_PORT_A_IFINDEX]	= "dev",
	[NVSW_PORT_A_IFNAME]	= "internal",
	[NVSW_PORT_A_VSID]	= "vsid",
	[NVSW_PORT_A_INTERNAL]	= "internal",
	[NVSW_PORT_A_PIN]	= "mac",
	[NVSW_PORT_A_DHCP_GUARD]	= "dhcp-guard",
	[NVSW_PORT_A_ROUTER_GUARD]	= "router-guard",
};

static const char *const vsid_words[NVSW_VSID_A_MAX + 1] = {
	[NVSW_VSID_A_ID]	= "vsid",
	[NVSW_VSID_A_BUM_MODE]	= "bum",
	[NVSW_VSID_A_BUM_RATE]	= "rate",
};

static const char *const record_words[NVSW_RECORD_A_MAX + 1] = {
	[NVSW_RECORD_A_VSID]	= "vsid",
	[NVSW_RECORD_A_CA]	= "ca",
	[NVSW_RECORD_A_MAC]	= "mac",
	[NVSW_RECORD_A_PA]	= "pa",
};

static const char *const vsubnet_words[NVSW_VSUBNET_A_MAX + 1] = {
	[NVSW_VSUBNET_A_VSID]	= "vsid",
	[NVSW_VSUBNET_A_RDID]	= "rdid",
	[NVSW_VSUBNET_A_PREFIX]	= "prefix",
};

static const char *const prefix_words[NVSW_PREFIX_A_MAX + 1] = {
	[NVSW_PREFIX_A_ADDR]	= "prefix",
	[NVSW_PREFIX_A_LEN]	= "prefix",
	[NVSW_PREFIX_A_GATEWAY]	= "gateway",
};

static const char *const route_words[NVSW_ROUTE_A_MAX + 1] = {
	[NVSW_ROUTE_A_RDID]	= "rdid",
	[NVSW_ROUTE_A_VSID]	= "vsid",
	[NVSW_ROUTE_A_PREFIX]	= "prefix",
	[NVSW_ROUTE_A_NEXTHOP]	= "nexthop",
	[NVSW_ROUTE_A_METRIC]	= "metric",
};

static const char *const explain_words[NVSW_EXPLAIN_A_MAX + 1] = {
	[NVSW_EXPLAIN_A_PORT_IFINDEX]	= "dev",
	[NVSW_EXPLAIN_A_CA]		= "dst",
	[NVSW_EXPLAIN_A_MAC]		= "dst",
	[NVSW_EXPLAIN_A_SIZE]		= "size",
};

#define SET(max, pol, pfx, base, w)	{ max, pol, pfx, base, w }
#define OBJ_SET(max, pol, pfx, w)	SET(max, pol, pfx, A_OBJ(0), w)

const struct attr_set top_set = SET(NVSW_A_MAX, top_policy, 0, 0, top_words);
const struct attr_set prefix_set =
	SET(NVSW_PREFIX_A_MAX, prefix_policy, 0, A_PFX(0), prefix_words);

static const struct attr_set obj_sets[NVSW_A_MAX + 1] = {
	[NVSW_A_SWITCH]	= OBJ_SET(NVSW_SWITCH_A_MAX, switch_policy, 0, NULL),
	[NVSW_A_PA]	= OBJ_SET(NVSW_PA_A_MAX, pa_policy, 0, pa_words),
	[NVSW_A_PORT]	= OBJ_SET(NVSW_PORT_A_MAX, port_policy, 0, port_words),
	[NVSW_A_VSID]	= OBJ_SET(NVSW_VSID_A_MAX, vsid_policy, 0, vsid_words),
	[NVSW_A_RECORD]	= OBJ_SET(NVSW_RECORD_A_MAX, record_policy, 0, record_words),
	[NVSW_A_VSUBNET] = OBJ_SET(NVSW_VSUBNET_A_MAX, vsubnet_policy,
				   NVSW_VSUBNET_A_PREFIX, vsubnet_words),
	[NVSW_A_ROUTE]	= OBJ_SET(NVSW_ROUTE_A_MAX, route_policy,
				  NVSW_ROUTE_A_PREFIX, route_words),
	[NVSW_A_EXPLAIN] = OBJ_SET(NVSW_EXPLAIN_A_MAX, explain_policy, 0, explain_words),
	[NVSW_A_MISS]	= OBJ_SET(NVSW_MISS_A_MAX, miss_policy, 0, NULL),
};

const struct attr_set *obj_set(int attr)
{
	if (attr <= 0 || attr > NVSW_A_MAX || !obj_sets[attr].policy)
		return NULL;
	return &obj_sets[attr];
}

const char *attr_word(const struct attr_set *set, int type)
{
	if (!set || !set->words || type <= 0 || type > set->maxtype)
		return NULL;
	return set->words[type];
}

int prefix_parse(struct nlattr **tb, struct nlattr *nest)
{
	return nla_parse_nested(tb + prefix_set.base, prefix_set.maxtype, nest,
				prefix_set.policy) < 0 ? -EBADMSG : 0;
}

int attrs_parse(struct nlattr **tb, struct nlattr *head, int len)
{
	const struct attr_set *s;
	int i;

	memset(tb, 0, (MSG_A_MAX + 1) * sizeof(*tb));
	if (nla_parse(tb, top_set.maxtype, head, len, top_set.policy) < 0)
		return -EBADMSG;
	for (i = 1; i <= NVSW_A_MAX; i++) {
		s = obj_set(i);
		if (!s || !tb[i])
			continue;
		if (nla_parse_nested(tb + s->base, s->maxtype, tb[i], s->policy) < 0)
			return -EBADMSG;
		if (s->prefix && tb[s->base + s->prefix])
			return prefix_parse(tb, tb[s->base + s->prefix]);
		break;
	}
	return 0;
}
