// SPDX-License-Identifier: GPL-2.0
/*
 * nvswitchctl vsubnet: make a VSID routable by giving it a routing domain
 * (RDID), a prefix and a gateway address. The switch answers ARP for the
 * gateway with its own MAC and routes between the subnets of a domain.
 */
#include <arpa/inet.h>
#include <errno.h>

#include "json.h"
#include "netlink.h"
#include "nvswitchctl.h"
#include "parse.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s vsubnet add SWITCH vsid VSID rdid RDID prefix CIDR [gateway ADDR]\n"
		"       %s vsubnet del SWITCH vsid VSID\n"
		"       %s vsubnet show SWITCH [rdid RDID]\n"
		"\n"
		"CIDR is ADDR/LEN with LEN 1-30; the gateway defaults to the first\n"
		"address of the prefix and is answered with the switch's MAC.\n"
		"VSID: %u-%u  RDID: 1-4294967295\n",
		PROG_NAME, PROG_NAME, PROG_NAME, NVSW_VSID_MIN, NVSW_VSID_MAX);
}

static int vsubnet_add(int argc, char **argv)
{
	uint32_t vsid, rdid;
	struct prefix4 prefix;
	struct in_addr gw;
	struct keyword kw[] = {
		KEYWORD("vsid", KW_VSID, true, &vsid),
		KEYWORD("rdid", KW_RDID, true, &rdid),
		KEYWORD("prefix", KW_PREFIX, true, &prefix),
		KEYWORD("gateway", KW_IPV4, false, &gw),
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
	NLA_PUT_U32(msg, NVSW_A_PREFIX_IPV4, prefix.addr.s_addr);
	NLA_PUT_U8(msg, NVSW_A_PREFIX_LEN, prefix.len);
	if (kw[3].seen)
		NLA_PUT_U32(msg, NVSW_A_GATEWAY_IPV4, gw.s_addr);
	return nvsw_genl_request(msg, NULL, NULL) ? EXIT_FAIL : EXIT_OK;

nla_put_failure:
	return nvsw_put_failure(msg);
}

static int vsubnet_del(int argc, char **argv)
{
	uint32_t vsid;
	struct keyword kw[] = {
		KEYWORD("vsid", KW_VSID, true, &vsid),
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
	return nvsw_genl_request(msg, NULL, NULL) ? EXIT_FAIL : EXIT_OK;

nla_put_failure:
	return nvsw_put_failure(msg);
}

static const char *prefix_str(struct nlattr **tb, char *buf, size_t len)
{
	char addr[INET_ADDRSTRLEN];
	struct in_addr a;

	a.s_addr = nla_get_u32(tb[NVSW_A_PREFIX_IPV4]);
	inet_ntop(AF_INET, &a, addr, sizeof(addr));
	snprintf(buf, len, "%s/%u", addr, nla_get_u8(tb[NVSW_A_PREFIX_LEN]));
	return buf;
}

bool vsubnet_complete(struct nlattr **tb)
{
	return tb[NVSW_A_VSID] && tb[NVSW_A_RDID] && tb[NVSW_A_PREFIX_IPV4] &&
	       tb[NVSW_A_PREFIX_LEN] && tb[NVSW_A_GATEWAY_IPV4];
}

void vsubnet_put(struct nlattr **tb)
{
	char prefix[INET_ADDRSTRLEN + 4], gw[INET_ADDRSTRLEN];
	struct in_addr a;

	prefix_str(tb, prefix, sizeof(prefix));
	a.s_addr = nla_get_u32(tb[NVSW_A_GATEWAY_IPV4]);
	inet_ntop(AF_INET, &a, gw, sizeof(gw));
	if (opt_json) {
		json_uint("vsid", nla_get_u32(tb[NVSW_A_VSID]));
		json_uint("rdid", nla_get_u32(tb[NVSW_A_RDID]));
		json_string("prefix", prefix);
		json_string("gateway", gw);
		return;
	}
	printf("vsid %u rdid %u prefix %s gateway %s", nla_get_u32(tb[NVSW_A_VSID]),
	       nla_get_u32(tb[NVSW_A_RDID]), prefix, gw);
}

static int vsubnet_show(int argc, char **argv)
{
	return routing_show(argc, argv, NVSW_CMD_VSUBNET_GET, vsubnet_complete,
			    vsubnet_put);
}

static const struct command commands[] = {
	{ "add",    vsubnet_add,  "make a VSID routable in a routing domain" },
	{ "del",    vsubnet_del,  "remove a virtual subnet and its own routes" },
	{ "delete", vsubnet_del,  "remove a virtual subnet and its own routes" },
	{ "show",   vsubnet_show, "list the virtual subnets" },
	{ "list",   vsubnet_show, "list the virtual subnets" },
	{ NULL }
};

int cmd_vsubnet(int argc, char **argv)
{
	return dispatch(commands, "vsubnet", usage, argc, argv);
}
