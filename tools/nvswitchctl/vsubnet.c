// SPDX-License-Identifier: GPL-2.0
/*
 * nvswitchctl vsubnet: make a VSID routable by giving it a routing domain
 * (RDID), a prefix and a gateway address, IPv4, IPv6 or one of each (dual
 * stack: two "add"s). The switch answers ARP and Neighbor Solicitations
 * for the gateway with its own MAC and routes between the subnets of a
 * domain.
 */

#include "netlink.h"
#include "nvswitchctl.h"
#include "objects.h"
#include "parse.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s vsubnet add SWITCH vsid VSID rdid RDID prefix CIDR [gateway ADDR]\n"
		"       %s vsubnet del SWITCH vsid VSID [prefix CIDR]\n"
		"       %s vsubnet show SWITCH [rdid RDID]\n"
		"\n"
		"CIDR is IPv4 ADDR/LEN with LEN 1-30, or IPv6 ADDR/LEN with LEN 1-127.\n"
		"A VSID has one prefix per family: add the other family's (same RDID)\n"
		"for dual stack; del with a prefix removes only that family. The\n"
		"gateway, of the prefix's family, defaults to the first address of\n"
		"the prefix and is answered with the switch's MAC.\n"
		"VSID: %u-%u  RDID: 1-4294967295\n",
		PROG_NAME, PROG_NAME, PROG_NAME, NVSWITCH_VSID_MIN, NVSWITCH_VSID_MAX);
}

static int vsubnet_add(int argc, char **argv)
{
	uint32_t vsid, rdid;
	struct prefix prefix;
	struct ca_addr gw;
	struct keyword kw[] = {
		KEYWORD("vsid", KW_VSID, true, &vsid),
		KEYWORD("rdid", KW_RDID, true, &rdid),
		KEYWORD("prefix", KW_PREFIX, true, &prefix),
		KEYWORD("gateway", KW_CA, false, &gw),
	};
	const char *name;
	struct nl_msg *msg;
	int ret;

	ret = take_switch_keywords(argc, argv, &name, kw, sizeof(kw) / sizeof(kw[0]));
	if (ret)
		return ret;
	msg = nvsw_genl_msg(NVSW_CMD_VSUBNET_NEW, NLM_F_CREATE | NLM_F_EXCL, name);
	if (!msg)
		return EXIT_FAIL;
	NLA_PUT_U32(msg, NVSW_A_VSID, vsid);
	NLA_PUT_U32(msg, NVSW_A_RDID, rdid);
	if (put_prefix(msg, &prefix))
		goto nla_put_failure;
	/* Of the other family: the kernel says which attribute is wrong. */
	if (kw[3].seen && gw.family == AF_INET6)
		NLA_PUT(msg, NVSW_A_GATEWAY_IPV6, sizeof(gw.v6), &gw.v6);
	else if (kw[3].seen)
		NLA_PUT_U32(msg, NVSW_A_GATEWAY_IPV4, gw.v4.s_addr);
	return nvsw_genl_request(msg, NULL, NULL) ? EXIT_FAIL : EXIT_OK;

nla_put_failure:
	return nvsw_put_failure(msg);
}

static int vsubnet_del(int argc, char **argv)
{
	struct prefix prefix;
	uint32_t vsid;
	struct keyword kw[] = {
		KEYWORD("vsid", KW_VSID, true, &vsid),
		KEYWORD("prefix", KW_PREFIX, false, &prefix),
	};
	const char *name;
	struct nl_msg *msg;
	int ret;

	ret = take_switch_keywords(argc, argv, &name, kw, sizeof(kw) / sizeof(kw[0]));
	if (ret)
		return ret;
	msg = nvsw_genl_msg(NVSW_CMD_VSUBNET_DEL, 0, name);
	if (!msg)
		return EXIT_FAIL;
	NLA_PUT_U32(msg, NVSW_A_VSID, vsid);
	if (kw[1].seen && put_prefix(msg, &prefix))
		goto nla_put_failure;
	return nvsw_genl_request(msg, NULL, NULL) ? EXIT_FAIL : EXIT_OK;

nla_put_failure:
	return nvsw_put_failure(msg);
}

/* PREFIX_IPV4 or PREFIX_IPV6 with PREFIX_LEN, as a request carries it. */
int put_prefix(struct nl_msg *msg, const struct prefix *p)
{
	if (p->family == AF_INET6)
		NLA_PUT(msg, NVSW_A_PREFIX_IPV6, sizeof(p->addr6), &p->addr6);
	else
		NLA_PUT_U32(msg, NVSW_A_PREFIX_IPV4, p->addr.s_addr);
	NLA_PUT_U8(msg, NVSW_A_PREFIX_LEN, p->len);
	return 0;

nla_put_failure:
	return -1;
}

static int vsubnet_show(int argc, char **argv)
{
	return routing_show(argc, argv, NVSW_CMD_VSUBNET_GET, &obj_vsubnet);
}

static const struct command commands[] = {
	{ "show",   vsubnet_show, "list the virtual subnets" },
	{ "list",   vsubnet_show, "list the virtual subnets" },
	{ "ls",     vsubnet_show, "list the virtual subnets" },
	{ "add",    vsubnet_add,  "make a VSID routable in a routing domain" },
	{ "del",    vsubnet_del,  "remove a virtual subnet (or one family) and its own routes" },
	{ "delete", vsubnet_del,  "remove a virtual subnet (or one family) and its own routes" },
	{ NULL }
};

int cmd_vsubnet(int argc, char **argv)
{
	return dispatch(commands, "vsubnet", usage, argc, argv);
}
