// SPDX-License-Identifier: GPL-2.0
/*
 * nvswitchctl vsid: the virtual subnets of a switch, with their port count,
 * broadcast/unknown/multicast (BUM) mode and counters, and setting the BUM
 * mode. A subnet is listed while it has ports, or a BUM setting other than
 * the default; there is nothing to add or delete.
 */
#include <errno.h>

#include "netlink.h"
#include "nvswitchctl.h"
#include "objects.h"
#include "parse.h"
#include "print.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s vsid show SWITCH [vsid VSID]\n"
		"       %s vsid set SWITCH vsid VSID [bum drop|replicate] [rate PPS]\n"
		"\n"
		"Counters as in \"stats show\": tx is NVGRE sent, rx NVGRE delivered.\n"
		"bum: what a VM sends to broadcast, multicast or a MAC without a lookup\n"
		"record: dropped (default) or replicated to the VSID's other ports and\n"
		"hosts, at most PPS frames per second (1-%u, default 1000).\n",
		PROG_NAME, PROG_NAME, NVSWITCH_BUM_RATE_MAX);
}

struct vsid_list {
	bool started;
	uint32_t vsid;		/* only this one, or 0 for all */
};

static int print_vsid(struct nlattr **tb, void *arg)
{
	struct vsid_list *l = arg;
	struct counters c;

	if (!obj_complete(&obj_vsid, tb) || stats_parse(tb, &c))
		return -EBADMSG;
	if (l->vsid && nla_get_u32(tb[NVSW_A_VSID]) != l->vsid)
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
 * the dump says how many ports a subnet has, and like "lookup show ... vsid"
 * a subnet that is not there is an empty list, not an error.
 */
static int vsid_show(int argc, char **argv)
{
	struct vsid_list l = { 0 };
	struct keyword kw[] = {
		KEYWORD("vsid", KW_VSID, false, &l.vsid),
	};
	const char *name;
	struct nl_msg *msg;
	int ret;

	ret = take_switch_keywords(argc, argv, &name, kw, sizeof(kw) / sizeof(kw[0]));
	if (ret)
		return ret;

	msg = nvsw_genl_msg(NVSW_CMD_VSID_GET, NLM_F_DUMP, name);
	ret = !msg || nvsw_genl_request(msg, print_vsid, &l) ? EXIT_FAIL : EXIT_OK;
	list_end(l.started, ret);
	return ret;
}

static int vsid_set(int argc, char **argv)
{
	uint32_t vsid, rate;
	uint8_t mode;
	struct keyword kw[] = {
		KEYWORD("vsid", KW_VSID, true, &vsid),
		KEYWORD("bum", KW_BUM, false, &mode),
		KEYWORD("rate", KW_RATE, false, &rate),
	};
	const char *name;
	struct nl_msg *msg;
	int ret;

	ret = take_switch_keywords(argc, argv, &name, kw, sizeof(kw) / sizeof(kw[0]));
	if (ret)
		return ret;
	if (!kw[1].seen && !kw[2].seen)
		return usage_err("vsid set needs bum or rate");

	msg = nvsw_genl_msg(NVSW_CMD_VSID_SET, 0, name);
	if (!msg)
		return EXIT_FAIL;
	NLA_PUT_U32(msg, NVSW_A_VSID, vsid);
	if (kw[1].seen)
		NLA_PUT_U8(msg, NVSW_A_BUM_MODE, mode);
	if (kw[2].seen)
		NLA_PUT_U32(msg, NVSW_A_BUM_RATE, rate);
	return nvsw_genl_request(msg, NULL, NULL) ? EXIT_FAIL : EXIT_OK;

nla_put_failure:
	return nvsw_put_failure(msg);
}

static const struct command commands[] = {
	{ "show", vsid_show, "list the virtual subnets and their counters" },
	{ "list", vsid_show, "list the virtual subnets and their counters" },
	{ "ls", vsid_show, "list the virtual subnets and their counters" },
	{ "set", vsid_set, "set a virtual subnet's broadcast/unknown/multicast mode" },
	{ "change", vsid_set, "set a virtual subnet's broadcast/unknown/multicast mode" },
	{ NULL }
};

int cmd_vsid(int argc, char **argv)
{
	return dispatch(commands, "vsid", usage, argc, argv);
}
