// SPDX-License-Identifier: GPL-2.0
/*
 * nvswitchctl explain: what the switch would do with a frame a port's VM
 * sends, as "ip route get" tells it for the host's own routing: the
 * verdict, and the lookup record, VSID, port or PA and MTU behind it.
 */

#include "netlink.h"
#include "nvswitchctl.h"
#include "objects.h"
#include "parse.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s explain SWITCH dev IFNAME dst ADDR|MAC [size BYTES]\n"
		"\n"
		"What the switch would do, now, with a unicast IP packet of BYTES (%u-%u)\n"
		"that the VM of port IFNAME sends to ADDR, reached as its stack reaches\n"
		"it (the CA's MAC in its subnet, else the gateway), or to MAC:\n"
		"  deliver  to a port of this host (dev)\n"
		"  encap    as NVGRE to the host at pa\n"
		"  flood    to the VSID's broadcast handling (vsid set ... bum)\n"
		"  drop     dropped; the drop counter it would move follows\n"
		"with the VSID the frame ends in, the lookup record (ca, mac, pa), the\n"
		"largest packet that gets through (mtu), and \"routed\" when the switch\n"
		"routes it. Nothing is sent and no counter moves.\n",
		PROG_NAME, NVSWITCH_EXPLAIN_SIZE_MIN, NVSWITCH_EXPLAIN_SIZE_MAX);
}

int cmd_explain(int argc, char **argv)
{
	struct destination dst;
	uint32_t port, size;
	struct keyword kw[] = {
		KEYWORD("dev", KW_DEV, true, &port),
		KEYWORD("dst", KW_DEST, true, &dst),
		KEYWORD("size", KW_SIZE, false, &size),
	};
	const char *name;
	struct nl_msg *msg;
	int ret;

	if (wants_help(argc, argv)) {
		usage(stdout);
		return EXIT_OK;
	}
	ret = take_switch_keywords(argc, argv, &name, kw, sizeof(kw) / sizeof(kw[0]));
	if (ret)
		return ret;

	msg = nvsw_genl_msg(NVSW_CMD_EXPLAIN, 0, name);
	if (!msg)
		return EXIT_FAIL;
	NLA_PUT_U32(msg, NVSW_A_PORT_IFINDEX, port);
	if (dst.is_mac)
		NLA_PUT(msg, NVSW_A_MAC, MAC_LEN, dst.mac);
	else if (dst.ca.family == AF_INET6)
		NLA_PUT(msg, NVSW_A_CA_IPV6, sizeof(dst.ca.v6), &dst.ca.v6);
	else
		NLA_PUT_U32(msg, NVSW_A_CA_IPV4, dst.ca.v4.s_addr);
	if (kw[2].seen)
		NLA_PUT_U32(msg, NVSW_A_EXPLAIN_SIZE, size);
	return nvsw_genl_request(msg, obj_print_reply, (void *)&obj_explain) ?
		EXIT_FAIL : EXIT_OK;

nla_put_failure:
	return nvsw_put_failure(msg);
}
