// SPDX-License-Identifier: GPL-2.0
/*
 * nvswitchctl route: customer routes of a routing domain. A route sends a
 * prefix to a next-hop customer address (a VM acting as a router, an
 * appliance), found in the virtual subnet of the domain that holds it.
 */

#include "attr_words.h"
#include "netlink.h"
#include "nvswitchctl.h"
#include "objects.h"
#include "parse.h"

static void route_usage(FILE *f)
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
		ATTR_KEYWORD("rdid", KW_RDID, true, &rdid, A_OBJ(NVSW_ROUTE_A_RDID)),
		ATTR_KEYWORD("vsid", KW_VSID, false, &vsid, A_OBJ(NVSW_ROUTE_A_VSID)),
		ATTR_KEYWORD("prefix", KW_PREFIX, true, &prefix, A_OBJ(NVSW_ROUTE_A_PREFIX)),
		ATTR_KEYWORD("nexthop", KW_CA, true, &nh, A_OBJ(NVSW_ROUTE_A_NEXTHOP)),
		ATTR_KEYWORD("metric", KW_U32, false, &metric, A_OBJ(NVSW_ROUTE_A_METRIC)),
	};
	bool add = cmd == NVSW_CMD_ROUTE_NEW;

	/* del names a route by everything but its metric. */
	return keywords_request(argc, argv, kw, ARRAY_SIZE(kw) - !add, &(struct kw_request){
		.cmd = cmd, .nest = NVSW_A_ROUTE });
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
int routing_show(int argc, char **argv, uint8_t cmd, const struct object *obj, int rdid_attr)
{
	uint32_t rdid;
	struct keyword kw[] = {
		ATTR_KEYWORD("rdid", KW_RDID, false, &rdid, rdid_attr),
	};

	return keywords_request(argc, argv, kw, ARRAY_SIZE(kw), &(struct kw_request){
		.cmd = cmd, .flags = NLM_F_DUMP, .nest = obj->nest, .list = obj });
}

static int route_show(int argc, char **argv)
{
	return routing_show(argc, argv, NVSW_CMD_ROUTE_GET, &obj_route, A_OBJ(NVSW_ROUTE_A_RDID));
}

const struct commands route_commands = COMMANDS(route_usage,
	COMMAND("show", route_show),
	COMMAND("add", route_add),
	COMMAND("del", route_del));
