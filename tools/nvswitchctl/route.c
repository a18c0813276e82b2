// SPDX-License-Identifier: GPL-2.0
/*
 * nvswitchctl route: customer routes of a routing domain. A route sends a
 * prefix to a next-hop customer address (a VM acting as a router, an
 * appliance), found in the virtual subnet of the domain that holds it.
 */

#include "netlink.h"
#include "nvswitchctl.h"
#include "objects.h"
#include "parse.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s route add SWITCH rdid RDID [vsid VSID] prefix CIDR nexthop ADDR [metric N]\n"
		"       %s route del SWITCH rdid RDID [vsid VSID] prefix CIDR nexthop ADDR\n"
		"       %s route show SWITCH [rdid RDID]\n"
		"\n"
		"Without vsid a route applies to the whole routing domain, with it only to\n"
		"what that subnet's VMs send. The longest prefix wins, then a subnet's own\n"
		"route, then the lowest metric (default 0). CIDR and ADDR are both IPv4 or\n"
		"both IPv6; ADDR must be in a virtual subnet of the domain.\n",
		PROG_NAME, PROG_NAME, PROG_NAME);
}

static int route_change(int argc, char **argv, uint8_t cmd)
{
	uint32_t rdid, vsid, metric;
	struct prefix prefix;
	struct ca_addr nh;
	struct keyword kw[] = {
		KEYWORD("rdid", KW_RDID, true, &rdid),
		KEYWORD("vsid", KW_VSID, false, &vsid),
		KEYWORD("prefix", KW_PREFIX, true, &prefix),
		KEYWORD("nexthop", KW_CA, true, &nh),
		KEYWORD("metric", KW_U32, false, &metric),
	};
	size_t nkw = sizeof(kw) / sizeof(kw[0]);
	const char *name;
	struct nl_msg *msg;
	int ret;

	/* del names a route by everything but its metric. */
	if (cmd == NVSW_CMD_ROUTE_DEL)
		nkw--;
	ret = take_switch_keywords(argc, argv, &name, kw, nkw);
	if (ret)
		return ret;
	msg = nvsw_genl_msg(cmd, cmd == NVSW_CMD_ROUTE_NEW ?
			    NLM_F_CREATE | NLM_F_EXCL : 0, name);
	if (!msg)
		return EXIT_FAIL;
	NLA_PUT_U32(msg, NVSW_A_RDID, rdid);
	if (kw[1].seen)
		NLA_PUT_U32(msg, NVSW_A_VSID, vsid);
	if (put_prefix(msg, &prefix))
		goto nla_put_failure;
	/* Of the other family: the kernel says which attribute is wrong. */
	if (nh.family == AF_INET6)
		NLA_PUT(msg, NVSW_A_NEXTHOP_IPV6, sizeof(nh.v6), &nh.v6);
	else
		NLA_PUT_U32(msg, NVSW_A_NEXTHOP_IPV4, nh.v4.s_addr);
	if (cmd == NVSW_CMD_ROUTE_NEW && kw[4].seen)
		NLA_PUT_U32(msg, NVSW_A_METRIC, metric);
	return nvsw_genl_request(msg, NULL, NULL) ? EXIT_FAIL : EXIT_OK;

nla_put_failure:
	return nvsw_put_failure(msg);
}

static int route_add(int argc, char **argv)
{
	return route_change(argc, argv, NVSW_CMD_ROUTE_NEW);
}

static int route_del(int argc, char **argv)
{
	return route_change(argc, argv, NVSW_CMD_ROUTE_DEL);
}

/* The dump of vsubnets or routes, of every or one routing domain. */
int routing_show(int argc, char **argv, uint8_t cmd, const struct object *obj)
{
	uint32_t rdid;
	struct keyword kw[] = {
		KEYWORD("rdid", KW_RDID, false, &rdid),
	};
	const char *name;
	struct nl_msg *msg;
	int ret;

	ret = take_switch_keywords(argc, argv, &name, kw, sizeof(kw) / sizeof(kw[0]));
	if (ret)
		return ret;
	msg = nvsw_genl_msg(cmd, NLM_F_DUMP, name);
	if (!msg)
		return EXIT_FAIL;
	if (kw[0].seen)
		NLA_PUT_U32(msg, NVSW_A_RDID, rdid);
	return nvsw_genl_print_list(msg, obj);

nla_put_failure:
	return nvsw_put_failure(msg);
}

static int route_show(int argc, char **argv)
{
	return routing_show(argc, argv, NVSW_CMD_ROUTE_GET, &obj_route);
}

static const struct command commands[] = {
	{ "show",   route_show, "list the customer routes" },
	{ "list",   route_show, "list the customer routes" },
	{ "ls",     route_show, "list the customer routes" },
	{ "add",    route_add,  "add a customer route to a routing domain" },
	{ "del",    route_del,  "remove a customer route" },
	{ "delete", route_del,  "remove a customer route" },
	{ NULL }
};

int cmd_route(int argc, char **argv)
{
	return dispatch(commands, "route", usage, argc, argv);
}
