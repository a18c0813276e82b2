// SPDX-License-Identifier: GPL-2.0
/*
 * nvswitchctl explain: what the switch would do with a frame a port's VM
 * sends, as "ip route get" tells it for the host's own routing: the
 * verdict, and the record, VSID, port or PA and MTU behind it.
 */

#include "attr_words.h"
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
		"with the VSID the frame ends in, the record (ca, mac, pa), the largest\n"
		"packet that gets through (mtu), and \"routed\" when the switch routes\n"
		"it. Nothing is sent and no counter moves.\n",
		PROG_NAME, NVSWITCH_EXPLAIN_SIZE_MIN, NVSWITCH_EXPLAIN_SIZE_MAX);
}

int cmd_explain(int argc, char **argv)
{
	struct destination dst;
	uint32_t port, size;
	struct keyword kw[] = {
		ATTR_KEYWORD("dev", KW_DEV, true, &port, A_OBJ(NVSW_EXPLAIN_A_PORT_IFINDEX)),
		{ .name = "dst", .type = KW_DEST, .required = true, .val = &dst,
		  .attr = A_OBJ(NVSW_EXPLAIN_A_CA), .mac_attr = A_OBJ(NVSW_EXPLAIN_A_MAC) },
		ATTR_KEYWORD("size", KW_SIZE, false, &size, A_OBJ(NVSW_EXPLAIN_A_SIZE)),
	};

	if (wants_help(argc, argv)) {
		usage(stdout);
		return EXIT_OK;
	}
	return keywords_request(argc, argv, kw, ARRAY_SIZE(kw), &(struct kw_request){
		.cmd = NVSW_CMD_EXPLAIN, .nest = NVSW_A_EXPLAIN, .reply = obj_print_reply,
		.arg = (void *)&obj_explain });
}
