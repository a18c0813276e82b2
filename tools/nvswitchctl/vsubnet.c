// SPDX-License-Identifier: GPL-2.0
/*
 * nvswitchctl vsubnet: make a VSID routable by giving it a routing domain
 * (RDID), a prefix and a gateway address, IPv4, IPv6 or one of each (dual
 * stack: two "add"s). The switch answers ARP and Neighbor Solicitations
 * for the gateway with its own MAC and routes between the subnets of a
 * domain.
 */

#include "attr_words.h"
#include "netlink.h"
#include "nvswitchctl.h"
#include "objects.h"
#include "parse.h"

static void vsubnet_usage(FILE *f)
{
	fprintf(f,
		"Usage: %s vsubnet add SWITCH vsid VSID rdid RDID prefix CIDR [gateway ADDR]\n"
		"       %s vsubnet del SWITCH vsid VSID [prefix CIDR]\n"
		"       %s vsubnet show SWITCH [rdid RDID]\n"
		"\n"
		"CIDR is IPv4 ADDR/LEN with LEN 1-%u, or IPv6 ADDR/LEN with LEN 1-%u.\n"
		"A VSID has one prefix per family: add the other family's (same RDID)\n"
		"for dual stack; del with a prefix removes only that family. The\n"
		"gateway, of the prefix's family, defaults to the first address of\n"
		"the prefix and is answered with the switch's MAC.\n"
		"VSID: %u-%u  RDID: 1-4294967295\n",
		PROG_NAME, PROG_NAME, PROG_NAME, NVSWITCH_VSUBNET_LEN4_MAX,
		NVSWITCH_VSUBNET_LEN6_MAX, NVSWITCH_VSID_MIN, NVSWITCH_VSID_MAX);
}

static int vsubnet_add(int argc, char **argv)
{
	uint32_t vsid, rdid;
	struct prefix prefix;
	struct ca_addr gw;
	struct keyword kw[] = {
		ATTR_KEYWORD("vsid", KW_VSID, true, &vsid, A_OBJ(NVSW_VSUBNET_A_VSID)),
		ATTR_KEYWORD("rdid", KW_RDID, true, &rdid, A_OBJ(NVSW_VSUBNET_A_RDID)),
		ATTR_KEYWORD("prefix", KW_PREFIX, true, &prefix, A_OBJ(NVSW_VSUBNET_A_PREFIX)),
		/* In the prefix's nest: each prefix has its gateway. */
		ATTR_KEYWORD("gateway", KW_CA, false, &gw, A_PFX(NVSW_PREFIX_A_GATEWAY)),
	};

	return keywords_request(argc, argv, kw, ARRAY_SIZE(kw), &(struct kw_request){
		.cmd = NVSW_CMD_VSUBNET_NEW, .nest = NVSW_A_VSUBNET });
}

static int vsubnet_del(int argc, char **argv)
{
	struct prefix prefix;
	uint32_t vsid;
	struct keyword kw[] = {
		ATTR_KEYWORD("vsid", KW_VSID, true, &vsid, A_OBJ(NVSW_VSUBNET_A_VSID)),
		ATTR_KEYWORD("prefix", KW_PREFIX, false, &prefix, A_OBJ(NVSW_VSUBNET_A_PREFIX)),
	};

	return keywords_request(argc, argv, kw, ARRAY_SIZE(kw), &(struct kw_request){
		.cmd = NVSW_CMD_VSUBNET_DEL, .nest = NVSW_A_VSUBNET });
}

static int vsubnet_show(int argc, char **argv)
{
	return routing_show(argc, argv, NVSW_CMD_VSUBNET_GET, &obj_vsubnet,
			    A_OBJ(NVSW_VSUBNET_A_RDID));
}

const struct commands vsubnet_commands = COMMANDS(vsubnet_usage,
	COMMAND("show", vsubnet_show),
	COMMAND("add", vsubnet_add),
	COMMAND("del", vsubnet_del));
