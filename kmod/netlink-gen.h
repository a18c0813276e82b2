/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/nvswitch.yaml */
/* YNL-GEN kernel header */

#ifndef _LINUX_NVSWITCH_GEN_H
#define _LINUX_NVSWITCH_GEN_H

#include <net/netlink.h>
#include <net/genetlink.h>

#include <uapi/linux/nvswitch.h>

/* Common nested types */
extern const struct nla_policy nvswitch_drops_nl_policy[NVSW_DROP_A_ROUTER_GUARD + 1];
extern const struct nla_policy nvswitch_explain_nl_policy[NVSW_EXPLAIN_A_MTU + 1];
extern const struct nla_policy nvswitch_pa_nl_policy[NVSW_PA_A_ADDR + 1];
extern const struct nla_policy nvswitch_port_nl_policy[NVSW_PORT_A_ROUTER_GUARD + 1];
extern const struct nla_policy nvswitch_prefix_nl_policy[NVSW_PREFIX_A_GATEWAY + 1];
extern const struct nla_policy nvswitch_record_nl_policy[NVSW_RECORD_A_PA + 1];
extern const struct nla_policy nvswitch_route_nl_policy[NVSW_ROUTE_A_METRIC + 1];
extern const struct nla_policy nvswitch_stats_nl_policy[NVSW_STATS_A_FLOODED_BYTES + 1];
extern const struct nla_policy nvswitch_vsid_nl_policy[NVSW_VSID_A_STATS + 1];
extern const struct nla_policy nvswitch_vsubnet_nl_policy[NVSW_VSUBNET_A_PREFIX + 1];

/* Global operation policy for nvswitch */
extern const struct nla_policy nvswitch_nvsw_nl_policy[NVSW_A_EXPLAIN + 1];

/* Ops table for nvswitch */
extern const struct genl_small_ops nvswitch_nl_ops[22];

int nvswitch_nl_switch_get_doit(struct sk_buff *skb, struct genl_info *info);
int nvswitch_nl_switch_get_dumpit(struct sk_buff *skb,
				  struct netlink_callback *cb);
int nvswitch_nl_pa_new_doit(struct sk_buff *skb, struct genl_info *info);
int nvswitch_nl_pa_del_doit(struct sk_buff *skb, struct genl_info *info);
int nvswitch_nl_pa_get_doit(struct sk_buff *skb, struct genl_info *info);
int nvswitch_nl_pa_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int nvswitch_nl_port_new_doit(struct sk_buff *skb, struct genl_info *info);
int nvswitch_nl_port_del_doit(struct sk_buff *skb, struct genl_info *info);
int nvswitch_nl_port_get_doit(struct sk_buff *skb, struct genl_info *info);
int nvswitch_nl_port_get_dumpit(struct sk_buff *skb,
				struct netlink_callback *cb);
int nvswitch_nl_vsid_set_doit(struct sk_buff *skb, struct genl_info *info);
int nvswitch_nl_vsid_get_doit(struct sk_buff *skb, struct genl_info *info);
int nvswitch_nl_vsid_get_dumpit(struct sk_buff *skb,
				struct netlink_callback *cb);
int nvswitch_nl_record_new_doit(struct sk_buff *skb, struct genl_info *info);
int nvswitch_nl_record_set_doit(struct sk_buff *skb, struct genl_info *info);
int nvswitch_nl_record_del_doit(struct sk_buff *skb, struct genl_info *info);
int nvswitch_nl_record_get_doit(struct sk_buff *skb, struct genl_info *info);
int nvswitch_nl_record_get_dumpit(struct sk_buff *skb,
				  struct netlink_callback *cb);
int nvswitch_nl_record_flush_doit(struct sk_buff *skb, struct genl_info *info);
int nvswitch_nl_vsubnet_new_doit(struct sk_buff *skb, struct genl_info *info);
int nvswitch_nl_vsubnet_del_doit(struct sk_buff *skb, struct genl_info *info);
int nvswitch_nl_vsubnet_get_doit(struct sk_buff *skb, struct genl_info *info);
int nvswitch_nl_vsubnet_get_dumpit(struct sk_buff *skb,
				   struct netlink_callback *cb);
int nvswitch_nl_route_new_doit(struct sk_buff *skb, struct genl_info *info);
int nvswitch_nl_route_del_doit(struct sk_buff *skb, struct genl_info *info);
int nvswitch_nl_route_get_dumpit(struct sk_buff *skb,
				 struct netlink_callback *cb);
int nvswitch_nl_explain_doit(struct sk_buff *skb, struct genl_info *info);
int nvswitch_nl_port_set_doit(struct sk_buff *skb, struct genl_info *info);

enum {
	NVSWITCH_NLGRP_CONFIG,
	NVSWITCH_NLGRP_MISS,
};

#endif /* _LINUX_NVSWITCH_GEN_H */
