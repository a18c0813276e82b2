// SPDX-License-Identifier: GPL-2.0
/*
 * nvswitchctl vsid: the virtual subnets of a switch, with their port count,
 * broadcast/unknown/multicast (BUM) mode and counters, and setting the BUM
 * mode. A subnet is listed while it has ports, or a BUM setting other than
 * the default; there is nothing to add or delete.
 */
#include <errno.h>

#include "attr_words.h"
#include "netlink.h"
#include "nvswitchctl.h"
#include "objects.h"
#include "parse.h"
#include "print.h"

static void vsid_usage(FILE *f)
{
	fprintf(f,
		"Usage: %s vsid show SWITCH [vsid VSID]\n"
		"       %s vsid set SWITCH vsid VSID [bum drop|replicate] [rate PPS]\n"
		"\n"
		"Counters as in \"stats show\": tx is NVGRE sent, rx NVGRE delivered.\n"
		"bum: what a VM sends to broadcast, multicast or a MAC without a record:\n"
		"dropped (default) or replicated to the VSID's other ports and\n"
		"hosts, at most PPS frames per second (1-%u, default %u).\n",
		PROG_NAME, PROG_NAME, NVSWITCH_BUM_RATE_MAX, NVSWITCH_BUM_RATE_DEFAULT);
}

struct vsid_list {
	bool started;
	uint32_t vsid;		/* only this one, or 0 for all */
};

static int print_vsid(struct nlattr **tb, void *arg)
{
	struct vsid_list *l = arg;
	struct counters c;

	if (!obj_complete(&obj_vsid, tb) || stats_parse(tb[A_OBJ(NVSW_VSID_A_STATS)], &c))
		return -EBADMSG;
	if (l->vsid && nla_get_u32(tb[A_OBJ(NVSW_VSID_A_ID)]) != l->vsid)
		return 0;

	list_item(&l->started);
	item_open();
	obj_print(&obj_vsid, tb, 0, NULL);
	stats_put("stats", &c, false);
	item_close();
	return 0;
}

/*
 * Filtered here from the dump rather than asked with a VSID_GET do: only
 * the dump says how many ports a subnet has, and like "record show ... vsid"
 * a subnet that is not there is an empty list, not an error.
 */
static int vsid_show(int argc, char **argv)
{
	struct vsid_list l = { 0 };
	struct keyword kw[] = {
		KEYWORD("vsid", KW_VSID, false, &l.vsid),
	};
	int ret;

	ret = keywords_request(argc, argv, kw, ARRAY_SIZE(kw), &(struct kw_request){
		.cmd = NVSW_CMD_VSID_GET, .flags = NLM_F_DUMP, .reply = print_vsid, .arg = &l });
	list_end(l.started, ret);
	return ret;
}

static const char *bum_or_rate(const struct keyword *kw)
{
	return kw[1].seen || kw[2].seen ? NULL : "vsid set needs bum or rate";
}

static int vsid_set(int argc, char **argv)
{
	uint32_t vsid, rate;
	uint8_t mode;
	struct keyword kw[] = {
		ATTR_KEYWORD("vsid", KW_VSID, true, &vsid, A_OBJ(NVSW_VSID_A_ID)),
		ATTR_KEYWORD("bum", KW_BUM, false, &mode, A_OBJ(NVSW_VSID_A_BUM_MODE)),
		ATTR_KEYWORD("rate", KW_RATE, false, &rate, A_OBJ(NVSW_VSID_A_BUM_RATE)),
	};

	return keywords_request(argc, argv, kw, ARRAY_SIZE(kw), &(struct kw_request){
		.cmd = NVSW_CMD_VSID_SET, .nest = NVSW_A_VSID, .check = bum_or_rate });
}

const struct commands vsid_commands = COMMANDS(vsid_usage,
	COMMAND("show", vsid_show),
	COMMAND("set", vsid_set),
	COMMAND("change", vsid_set));
