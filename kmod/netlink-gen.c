// SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/nvswitch.yaml */
/* YNL-GEN kernel source */

#include <net/netlink.h>
#include <net/genetlink.h>

#include "netlink-gen.h"

#include <uapi/linux/nvswitch.h>

/* Integer value ranges */
static const struct netlink_range_validation nvsw_port_a_vsid_range = {
	.min	= NVSWITCH_VSID_MIN,
	.max	= NVSWITCH_VSID_MAX,
};

static const struct netlink_range_validation nvsw_vsid_a_id_range = {
	.min	= NVSWITCH_VSID_MIN,
	.max	= NVSWITCH_VSID_MAX,
};

static const struct netlink_range_validation nvsw_vsid_a_bum_rate_range = {
	.min	= 1ULL,
	.max	= NVSWITCH_BUM_RATE_MAX,
};

static const struct netlink_range_validation nvsw_record_a_vsid_range = {
	.min	= NVSWITCH_VSID_MIN,
	.max	= NVSWITCH_VSID_MAX,
};

static const struct netlink_range_validation nvsw_vsubnet_a_vsid_range = {
	.min	= NVSWITCH_VSID_MIN,
	.max	= NVSWITCH_VSID_MAX,
};

static const struct netlink_range_validation nvsw_route_a_vsid_range = {
	.min	= NVSWITCH_VSID_MIN,
	.max	= NVSWITCH_VSID_MAX,
};

static const struct netlink_range_validation nvsw_explain_a_size_range = {
	.min	= NVSWITCH_EXPLAIN_SIZE_MIN,
	.max	= NVSWITCH_EXPLAIN_SIZE_MAX,
};

/* Common nested types */
const struct nla_policy nvswitch_drops_nl_policy[NVSW_DROP_A_ROUTER_GUARD + 1] = {
	[NVSW_DROP_A_NO_RECORD] = { .type = NLA_U64, },
	[NVSW_DROP_A_UNKNOWN_VSID] = { .type = NLA_U64, },
	[NVSW_DROP_A_RESERVED_VSID] = { .type = NLA_U64, },
	[NVSW_DROP_A_VLAN_TAGGED] = { .type = NLA_U64, },
	[NVSW_DROP_A_BAD_GRE] = { .type = NLA_U64, },
	[NVSW_DROP_A_MALFORMED] = { .type = NLA_U64, },
	[NVSW_DROP_A_NOT_LOCAL] = { .type = NLA_U64, },
	[NVSW_DROP_A_NO_PORT] = { .type = NLA_U64, },
	[NVSW_DROP_A_PORT_DOWN] = { .type = NLA_U64, },
	[NVSW_DROP_A_SWITCH_DOWN] = { .type = NLA_U64, },
	[NVSW_DROP_A_BROADCAST] = { .type = NLA_U64, },
	[NVSW_DROP_A_NO_PA] = { .type = NLA_U64, },
	[NVSW_DROP_A_NO_ROUTE] = { .type = NLA_U64, },
	[NVSW_DROP_A_HOST_TX] = { .type = NLA_U64, },
	[NVSW_DROP_A_TX_ERROR] = { .type = NLA_U64, },
	[NVSW_DROP_A_TOO_BIG] = { .type = NLA_U64, },
	[NVSW_DROP_A_SPOOFED] = { .type = NLA_U64, },
	[NVSW_DROP_A_NO_CA_ROUTE] = { .type = NLA_U64, },
	[NVSW_DROP_A_TTL_EXCEEDED] = { .type = NLA_U64, },
	[NVSW_DROP_A_BUM_LIMITED] = { .type = NLA_U64, },
	[NVSW_DROP_A_DHCP_GUARD] = { .type = NLA_U64, },
	[NVSW_DROP_A_ROUTER_GUARD] = { .type = NLA_U64, },
};

const struct nla_policy nvswitch_explain_nl_policy[NVSW_EXPLAIN_A_MTU + 1] = {
	[NVSW_EXPLAIN_A_PORT_IFINDEX] = { .type = NLA_U32, },
	[NVSW_EXPLAIN_A_CA] = NLA_POLICY_EXACT_LEN(16),
	[NVSW_EXPLAIN_A_MAC] = NLA_POLICY_EXACT_LEN(6),
	[NVSW_EXPLAIN_A_SIZE] = NLA_POLICY_FULL_RANGE(NLA_U32, &nvsw_explain_a_size_range),
	[NVSW_EXPLAIN_A_VERDICT] = NLA_POLICY_MAX(NLA_U8, 3),
	[NVSW_EXPLAIN_A_DROP] = { .type = NLA_NUL_STRING, },
	[NVSW_EXPLAIN_A_ROUTED] = { .type = NLA_FLAG, },
	[NVSW_EXPLAIN_A_VSID] = { .type = NLA_U32, },
	[NVSW_EXPLAIN_A_PA] = NLA_POLICY_EXACT_LEN(16),
	[NVSW_EXPLAIN_A_MTU] = { .type = NLA_U32, },
};

const struct nla_policy nvswitch_pa_nl_policy[NVSW_PA_A_ADDR + 1] = {
	[NVSW_PA_A_ADDR] = NLA_POLICY_EXACT_LEN(16),
};

const struct nla_policy nvswitch_port_nl_policy[NVSW_PORT_A_ROUTER_GUARD + 1] = {
	[NVSW_PORT_A_IFINDEX] = { .type = NLA_U32, },
	[NVSW_PORT_A_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[NVSW_PORT_A_VSID] = NLA_POLICY_FULL_RANGE(NLA_U32, &nvsw_port_a_vsid_range),
	[NVSW_PORT_A_INTERNAL] = { .type = NLA_FLAG, },
	[NVSW_PORT_A_PIN] = NLA_POLICY_EXACT_LEN(6),
	[NVSW_PORT_A_MAC] = NLA_POLICY_EXACT_LEN(6),
	[NVSW_PORT_A_STATS] = NLA_POLICY_NESTED(nvswitch_stats_nl_policy),
	[NVSW_PORT_A_DHCP_GUARD] = NLA_POLICY_MAX(NLA_U8, 1),
	[NVSW_PORT_A_ROUTER_GUARD] = NLA_POLICY_MAX(NLA_U8, 1),
};

const struct nla_policy nvswitch_prefix_nl_policy[NVSW_PREFIX_A_GATEWAY + 1] = {
	[NVSW_PREFIX_A_ADDR] = NLA_POLICY_EXACT_LEN(16),
	[NVSW_PREFIX_A_LEN] = NLA_POLICY_MAX(NLA_U8, 128),
	[NVSW_PREFIX_A_GATEWAY] = NLA_POLICY_EXACT_LEN(16),
};

const struct nla_policy nvswitch_record_nl_policy[NVSW_RECORD_A_PA + 1] = {
	[NVSW_RECORD_A_VSID] = NLA_POLICY_FULL_RANGE(NLA_U32, &nvsw_record_a_vsid_range),
	[NVSW_RECORD_A_CA] = NLA_POLICY_EXACT_LEN(16),
	[NVSW_RECORD_A_MAC] = NLA_POLICY_EXACT_LEN(6),
	[NVSW_RECORD_A_PA] = NLA_POLICY_EXACT_LEN(16),
};

const struct nla_policy nvswitch_route_nl_policy[NVSW_ROUTE_A_METRIC + 1] = {
	[NVSW_ROUTE_A_RDID] = NLA_POLICY_MIN(NLA_U32, 1),
	[NVSW_ROUTE_A_VSID] = NLA_POLICY_FULL_RANGE(NLA_U32, &nvsw_route_a_vsid_range),
	[NVSW_ROUTE_A_PREFIX] = NLA_POLICY_NESTED(nvswitch_prefix_nl_policy),
	[NVSW_ROUTE_A_NEXTHOP] = NLA_POLICY_EXACT_LEN(16),
	[NVSW_ROUTE_A_METRIC] = { .type = NLA_U32, },
};

const struct nla_policy nvswitch_stats_nl_policy[NVSW_STATS_A_FLOODED_BYTES + 1] = {
	[NVSW_STATS_A_TX_PACKETS] = { .type = NLA_U64, },
	[NVSW_STATS_A_TX_BYTES] = { .type = NLA_U64, },
	[NVSW_STATS_A_RX_PACKETS] = { .type = NLA_U64, },
	[NVSW_STATS_A_RX_BYTES] = { .type = NLA_U64, },
	[NVSW_STATS_A_LOCAL_PACKETS] = { .type = NLA_U64, },
	[NVSW_STATS_A_LOCAL_BYTES] = { .type = NLA_U64, },
	[NVSW_STATS_A_ARP_REPLIES] = { .type = NLA_U64, },
	[NVSW_STATS_A_DROPS] = NLA_POLICY_NESTED(nvswitch_drops_nl_policy),
	[NVSW_STATS_A_FORWARDED_PACKETS] = { .type = NLA_U64, },
	[NVSW_STATS_A_FORWARDED_BYTES] = { .type = NLA_U64, },
	[NVSW_STATS_A_ANNOUNCES] = { .type = NLA_U64, },
	[NVSW_STATS_A_ROUTED_PACKETS] = { .type = NLA_U64, },
	[NVSW_STATS_A_ROUTED_BYTES] = { .type = NLA_U64, },
	[NVSW_STATS_A_FLOODED_PACKETS] = { .type = NLA_U64, },
	[NVSW_STATS_A_FLOODED_BYTES] = { .type = NLA_U64, },
};

const struct nla_policy nvswitch_vsid_nl_policy[NVSW_VSID_A_STATS + 1] = {
	[NVSW_VSID_A_ID] = NLA_POLICY_FULL_RANGE(NLA_U32, &nvsw_vsid_a_id_range),
	[NVSW_VSID_A_BUM_MODE] = NLA_POLICY_MAX(NLA_U8, 1),
	[NVSW_VSID_A_BUM_RATE] = NLA_POLICY_FULL_RANGE(NLA_U32, &nvsw_vsid_a_bum_rate_range),
	[NVSW_VSID_A_PORT_COUNT] = { .type = NLA_U32, },
	[NVSW_VSID_A_RDID] = { .type = NLA_U32, },
	[NVSW_VSID_A_STATS] = NLA_POLICY_NESTED(nvswitch_stats_nl_policy),
};

const struct nla_policy nvswitch_vsubnet_nl_policy[NVSW_VSUBNET_A_PREFIX + 1] = {
	[NVSW_VSUBNET_A_VSID] = NLA_POLICY_FULL_RANGE(NLA_U32, &nvsw_vsubnet_a_vsid_range),
	[NVSW_VSUBNET_A_RDID] = NLA_POLICY_MIN(NLA_U32, 1),
	[NVSW_VSUBNET_A_PREFIX] = NLA_POLICY_NESTED(nvswitch_prefix_nl_policy),
};

/* Global operation policy for nvswitch */
const struct nla_policy nvswitch_nvsw_nl_policy[NVSW_A_EXPLAIN + 1] = {
	[NVSW_A_IFINDEX] = { .type = NLA_U32, },
	[NVSW_A_IFNAME] = { .type = NLA_NUL_STRING, .len = 15, },
	[NVSW_A_PA] = NLA_POLICY_NESTED(nvswitch_pa_nl_policy),
	[NVSW_A_PORT] = NLA_POLICY_NESTED(nvswitch_port_nl_policy),
	[NVSW_A_VSID] = NLA_POLICY_NESTED(nvswitch_vsid_nl_policy),
	[NVSW_A_RECORD] = NLA_POLICY_NESTED(nvswitch_record_nl_policy),
	[NVSW_A_VSUBNET] = NLA_POLICY_NESTED(nvswitch_vsubnet_nl_policy),
	[NVSW_A_ROUTE] = NLA_POLICY_NESTED(nvswitch_route_nl_policy),
	[NVSW_A_EXPLAIN] = NLA_POLICY_NESTED(nvswitch_explain_nl_policy),
};

/* Ops table for nvswitch */
const struct genl_small_ops nvswitch_nl_ops[22] = {
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
		.cmd	= NVSW_CMD_VSID_SET,
		.doit	= nvswitch_nl_vsid_set_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= NVSW_CMD_VSID_GET,
		.doit	= nvswitch_nl_vsid_get_doit,
		.dumpit	= nvswitch_nl_vsid_get_dumpit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= NVSW_CMD_RECORD_NEW,
		.doit	= nvswitch_nl_record_new_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= NVSW_CMD_RECORD_SET,
		.doit	= nvswitch_nl_record_set_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= NVSW_CMD_RECORD_DEL,
		.doit	= nvswitch_nl_record_del_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= NVSW_CMD_RECORD_GET,
		.doit	= nvswitch_nl_record_get_doit,
		.dumpit	= nvswitch_nl_record_get_dumpit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= NVSW_CMD_RECORD_FLUSH,
		.doit	= nvswitch_nl_record_flush_doit,
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
		.cmd	= NVSW_CMD_EXPLAIN,
		.doit	= nvswitch_nl_explain_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= NVSW_CMD_PORT_SET,
		.doit	= nvswitch_nl_port_set_doit,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
};

static const struct genl_multicast_group nvswitch_nl_mcgrps[] = {
	[NVSWITCH_NLGRP_CONFIG] = { "config", },
	[NVSWITCH_NLGRP_MISS] = { "miss", },
};
