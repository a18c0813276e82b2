// SPDX-License-Identifier: GPL-2.0
/*
 * nvswitchctl vsid: the virtual subnets that have ports on a switch, with
 * their port count and counters. A subnet exists on a switch as long as one
 * of its ports does; there is nothing to add or delete.
 */
#include <errno.h>

#include "json.h"
#include "netlink.h"
#include "nvswitchctl.h"
#include "parse.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s vsid show SWITCH [vsid VSID]\n"
		"\n"
		"Counters as in \"stats show\": tx is NVGRE sent, rx NVGRE delivered.\n",
		PROG_NAME);
}

struct vsid_list {
	bool started;
	uint32_t vsid;		/* only this one, or 0 for all */
};

static int print_vsid(struct nlattr **tb, void *arg)
{
	struct vsid_list *l = arg;
	struct counters c;
	uint32_t vsid, ports;

	if (!tb[NVSW_A_VSID] || !tb[NVSW_A_PORT_COUNT] || stats_parse(tb, &c))
		return -EBADMSG;
	vsid = nla_get_u32(tb[NVSW_A_VSID]);
	ports = nla_get_u32(tb[NVSW_A_PORT_COUNT]);
	if (l->vsid && vsid != l->vsid)
		return 0;

	list_item(&l->started);
	item_open();
	if (opt_json) {
		json_uint("vsid", vsid);
		json_uint("ports", ports);
		stats_put("stats", &c, false);
	} else {
		printf("vsid %u ports %u", vsid, ports);
		stats_put(NULL, &c, false);
	}
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

static const struct command commands[] = {
	{ "show", vsid_show, "list the virtual subnets and their counters" },
	{ "list", vsid_show, "list the virtual subnets and their counters" },
	{ NULL }
};

int cmd_vsid(int argc, char **argv)
{
	return dispatch(commands, "vsid", usage, argc, argv);
}
