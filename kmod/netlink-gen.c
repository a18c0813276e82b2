// SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/nvswitch.yaml */
/* YNL-GEN kernel source */

#include <net/netlink.h>
#include <net/genetlink.h>

#include "netlink-gen.h"

#include <uapi/linux/nvswitch.h>

/* Integer value ranges */
static const struct netlink_range_validation nvsw_a_vsid_range = {
	.min	= NVSWITCH_VSID_MIN,
	.max	= NVSWITCH_VSID_MAX,
};

static const struct netlink_range_validation nvsw_a_bum_rate_range = {
	.min	= 1ULL,
	.max	= NVSWITCH_BUM_RATE_MAX,
};

static const struct netlink_range_validation nvsw_a_explain_size_range = {
	.min	= NVSWITCH_EXPLAIN_SIZE_MIN,
	.max	= NVSWITCH_EXPLAIN_SIZE_MAX,
};

/* Global operation policy for nvswitch */
const struct nla_policy nvswitch_nvsw_nl_policy[NVSW_A_EXPLAIN_SIZE + 1] = {
	[NVSW_A_IFINDEX] = { .type = NLA_U32, },
	[NVSW_A_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[NVSW_A_VSID] = NLA_POLICY_FULL_RANGE(NLA_U32, &nvsw_a_vsid_range),
	[NVSW_A_CA_IPV4] = { .type = NLA_U32, },
	[NVSW_A_MAC] = NLA_POLICY_EXACT_LEN(6),
	[NVSW_A_PA_IPV4] = { .type = NLA_U32, },
	[NVSW_A_PORT_IFINDEX] = { .type = NLA_U32, },
	[NVSW_A_PORT_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[NVSW_A_RDID] = NLA_POLICY_MIN(NLA_U32, 1),
	[NVSW_A_PREFIX_IPV4] = { .type = NLA_U32, },
	[NVSW_A_PREFIX_LEN] = NLA_POLICY_MAX(NLA_U8, 128),
	[NVSW_A_GATEWAY_IPV4] = { .type = NLA_U32, },
	[NVSW_A_NEXTHOP_IPV4] = { .type = NLA_U32, },
	[NVSW_A_METRIC] = { .type = NLA_U32, },
	[NVSW_A_PORT_INTERNAL] = { .type = NLA_FLAG, },
	[NVSW_A_CA_IPV6] = NLA_POLICY_EXACT_LEN(16),
	[NVSW_A_BUM_MODE] = NLA_POLICY_MAX(NLA_U8, 1),
	[NVSW_A_BUM_RATE] = NLA_POLICY_FULL_RANGE(NLA_U32, &nvsw_a_bum_rate_range),
	[NVSW_A_PA_IPV6] = NLA_POLICY_EXACT_LEN(16),
	[NVSW_A_PREFIX_IPV6] = NLA_POLICY_EXACT_LEN(16),
	[NVSW_A_GATEWAY_IPV6] = NLA_POLICY_EXACT_LEN(16),
	[NVSW_A_NEXTHOP_IPV6] = NLA_POLICY_EXACT_LEN(16),
	[NVSW_A_EXPLAIN_SIZE] = NLA_POLICY_FULL_RANGE(NLA_U32, &nvsw_a_explain_size_range),
};

/* Ops table for nvswitch */
const struct genl_small_ops nvswitch_nl_ops[21] = {
	{
		.cmd	= NVSW_CMD_SWITCH_GET,
		.doit	= nvswitch_nl_switch_get_doit,
		.dumpit	= nvswitch_nl_switch_get_dumpit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= NVSW_CMD_PA_NEW,
		.doit	= nvswitch_nl_pa_new_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= NVSW_CMD_PA_DEL,
		.doit	= nvswitch_nl_pa_del_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= NVSW_CMD_PA_GET,
		.doit	= nvswitch_nl_pa_get_doit,
		.dumpit	= nvswitch_nl_pa_get_dumpit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= NVSW_CMD_PORT_NEW,
		.doit	= nvswitch_nl_port_new_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= NVSW_CMD_PORT_DEL,
		.doit	= nvswitch_nl_port_del_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= NVSW_CMD_PORT_GET,
		.doit	= nvswitch_nl_port_get_doit,
		.dumpit	= nvswitch_nl_port_get_dumpit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= NVSW_CMD_LOOKUP_NEW,
		.doit	= nvswitch_nl_lookup_new_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= NVSW_CMD_LOOKUP_DEL,
		.doit	= nvswitch_nl_lookup_del_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= NVSW_CMD_LOOKUP_GET,
		.doit	= nvswitch_nl_lookup_get_doit,
		.dumpit	= nvswitch_nl_lookup_get_dumpit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= NVSW_CMD_STATS_GET,
		.doit	= nvswitch_nl_stats_get_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= NVSW_CMD_LOOKUP_FLUSH,
		.doit	= nvswitch_nl_lookup_flush_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= NVSW_CMD_VSID_GET,
		.doit	= nvswitch_nl_vsid_get_doit,
		.dumpit	= nvswitch_nl_vsid_get_dumpit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= NVSW_CMD_VSUBNET_NEW,
		.doit	= nvswitch_nl_vsubnet_new_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= NVSW_CMD_VSUBNET_DEL,
		.doit	= nvswitch_nl_vsubnet_del_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= NVSW_CMD_VSUBNET_GET,
		.doit	= nvswitch_nl_vsubnet_get_doit,
		.dumpit	= nvswitch_nl_vsubnet_get_dumpit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= NVSW_CMD_ROUTE_NEW,
		.doit	= nvswitch_nl_route_new_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= NVSW_CMD_ROUTE_DEL,
		.doit	= nvswitch_nl_route_del_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= NVSW_CMD_ROUTE_GET,
		.dumpit	= nvswitch_nl_route_get_dumpit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= NVSW_CMD_VSID_SET,
		.doit	= nvswitch_nl_vsid_set_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= NVSW_CMD_EXPLAIN,
		.doit	= nvswitch_nl_explain_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
};

static const struct genl_multicast_group nvswitch_nl_mcgrps[] = {
	[NVSWITCH_NLGRP_CONFIG] = { "config", },
	[NVSWITCH_NLGRP_MISS] = { "miss", },
};
