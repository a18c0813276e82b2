// SPDX-License-Identifier: GPL-2.0
/*
 * nvswitchctl stats: the counters of a switch and its drops by reason.
 */
#include <net/if.h>

#include "attr_words.h"
#include "netlink.h"
#include "nvswitchctl.h"
#include "objects.h"
#include "parse.h"

static void stats_usage(FILE *f)
{
	fprintf(f,
		"Usage: %s stats show SWITCH [vsid VSID | dev IFNAME]\n"
		"\n"
		"The counters of the whole switch, of one virtual subnet or of one port.\n",
		PROG_NAME);
}

/* The counters of the switch (SWITCH_GET) or of a VSID (VSID_GET). */
struct subnet_pick {
	int attr;		/* the stats nest */
	struct counters *c;
};

static int collect_stats(struct nlattr **tb, void *arg)
{
	struct subnet_pick *p = arg;

	return stats_parse(tb[p->attr], p->c);
}

/* The port of the dump that "stats show ... dev" picks by its device. */
struct port_pick {
	uint32_t ifindex;
	bool found;
	struct counters c;
};

static int pick_port(struct nlattr **tb, void *arg)
{
	struct port_pick *p = arg;

	struct nlattr *ifindex = tb[A_OBJ(NVSW_PORT_A_IFINDEX)];

	if (!ifindex || nla_get_u32(ifindex) != p->ifindex)
		return 0;
	p->found = true;
	return stats_parse(tb[A_OBJ(NVSW_PORT_A_STATS)], &p->c);
}

/* A port's counters come only with the port dump. */
static int port_counters(const char *name, uint32_t ifindex, struct counters *c)
{
	struct port_pick p = { .ifindex = ifindex };
	char ifname[IFNAMSIZ];
	struct nl_msg *msg;

	msg = nvsw_genl_msg(NVSW_CMD_PORT_GET, NLM_F_DUMP, name);
	if (!msg || nvsw_genl_request(msg, pick_port, &p))
		return EXIT_FAIL;
	if (!p.found) {
		pr_err("device \"%s\" is not a port of \"%s\"",
		       if_indextoname(ifindex, ifname) ?: "?", name);
		return EXIT_FAIL;
	}
	*c = p.c;
	return EXIT_OK;
}

/* SWITCH_GET of the switch, or VSID_GET of the subnet keyword @vsid names. */
static int subnet_counters(const char *name, const struct keyword *vsid, struct counters *c)
{
	struct subnet_pick p = {
		.attr = A_OBJ(vsid->seen ? NVSW_VSID_A_STATS : NVSW_SWITCH_A_STATS),
		.c = c,
	};
	const struct kw_request rq = {
		.cmd = vsid->seen ? NVSW_CMD_VSID_GET : NVSW_CMD_SWITCH_GET,
		.nest = NVSW_A_VSID, .reply = collect_stats, .arg = &p,
	};

	return keywords_send(name, &rq, vsid, 1);
}

static int stats_show(int argc, char **argv)
{
	uint32_t vsid, port;
	struct keyword kw[] = {
		ATTR_KEYWORD("vsid", KW_VSID, false, &vsid, A_OBJ(NVSW_VSID_A_ID)),
		KEYWORD("dev", KW_DEV, false, &port),
	};
	struct counters c;
	const char *name;
	int ret;

	ret = take_switch_keywords(argc, argv, &name, kw, sizeof(kw) / sizeof(kw[0]));
	if (ret)
		return ret;
	if (kw[0].seen && kw[1].seen)
		return usage_err("give \"vsid\" or \"dev\", not both");

	ret = kw[1].seen ? port_counters(name, port, &c) : subnet_counters(name, &kw[0], &c);
	if (!ret)
		stats_print(&c);
	return ret;
}

const struct commands stats_commands = COMMANDS(stats_usage,
	COMMAND("show", stats_show));
