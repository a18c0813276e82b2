// SPDX-License-Identifier: GPL-2.0
/*
 * The device IPv6 PAs receive on. ip6_gre, which owns GRE over IPv6, gives
 * the rest of the kernel no way to make its "external" (collect_md)
 * ip6gretap device, so nvswitchctl makes it over rtnetlink, as
 * `ip link add nvsw_gre6 type ip6gretap external` does, when the kernel
 * refuses an IPv6 PA for want of it; the module then attaches to it
 * (kmod/underlay6.c).
 */
#include <linux/if_link.h>
#include <linux/if_tunnel.h>
#include <linux/rtnetlink.h>
#include <netlink/msg.h>

#include "netlink.h"
#include "nvswitchctl.h"

int underlay6_create(void)
{
	struct nlattr *linkinfo, *data;
	struct nl_msg *msg;

	msg = nvsw_rtnl_msg(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0);
	if (!msg)
		return EXIT_FAIL;
	NLA_PUT_STRING(msg, IFLA_IFNAME, UNDERLAY6_IFNAME);
	linkinfo = nla_nest_start(msg, IFLA_LINKINFO);
	if (!linkinfo)
		goto nla_put_failure;
	NLA_PUT_STRING(msg, IFLA_INFO_KIND, "ip6gretap");
	data = nla_nest_start(msg, IFLA_INFO_DATA);
	if (!data)
		goto nla_put_failure;
	NLA_PUT_FLAG(msg, IFLA_GRE_COLLECT_METADATA);
	nla_nest_end(msg, data);
	nla_nest_end(msg, linkinfo);
	return nvsw_rtnl_request(msg) ? EXIT_FAIL : EXIT_OK;

nla_put_failure:
	return nvsw_put_failure(msg);
}
