// SPDX-License-Identifier: GPL-2.0
/*
 * The device IPv6 PAs receive on. ip6_gre, which owns GRE over IPv6, gives
 * the rest of the kernel no way to make its "external" (collect_md)
 * ip6gretap device, so nvswitchctl makes it over rtnetlink, as
 * `ip link add nvsw_gre6 type ip6gretap external` does, before it adds an
 * IPv6 PA; the module attaches to it (kmod/underlay6.c). ip6_gre allows one
 * such device per netns: when the netns has one already, under any name,
 * the kernel answers EEXIST and the module uses that one.
 */
#include <errno.h>
#include <net/if.h>
#include <linux/if_link.h>
#include <linux/if_tunnel.h>
#include <linux/rtnetlink.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>

#include "nvswitchctl.h"

static struct nl_msg *newlink_msg(void)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	struct nlattr *linkinfo, *data;
	struct nl_msg *msg;

	msg = nlmsg_alloc_simple(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
	if (!msg)
		return NULL;
	if (nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0)
		goto nla_put_failure;
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
	return msg;

nla_put_failure:
	nlmsg_free(msg);
	return NULL;
}

int underlay6_ensure(void)
{
	struct nl_sock *sk;
	struct nl_msg *msg;
	int err;

	if (if_nametoindex(UNDERLAY6_IFNAME))
		return EXIT_OK;

	sk = nl_socket_alloc();
	if (!sk) {
		pr_err("out of memory");
		return EXIT_FAIL;
	}
	err = nl_connect(sk, NETLINK_ROUTE);
	if (!err) {
		msg = newlink_msg();
		/* nl_send_sync() frees msg and waits for the kernel's answer. */
		err = msg ? nl_send_sync(sk, msg) : -NLE_NOMEM;
	}
	nl_socket_free(sk);
	if (err && err != -NLE_EXIST) {
		pr_err("cannot create the ip6gretap device \"%s\" that IPv6 PAs receive on: %s",
		       UNDERLAY6_IFNAME, nl_geterror(err));
		return EXIT_FAIL;
	}
	return EXIT_OK;
}
