// SPDX-License-Identifier: GPL-2.0
/*
 * nvswitchctl stats: the counters of a switch and its drops by reason.
 */
#include <net/if.h>

#include "netlink.h"
#include "nvswitchctl.h"
#include "objects.h"
#include "parse.h"

void stats_usage(FILE *f)
{
	fprintf(f,
		"Usage: %s stats show SWITCH [vsid VSID | dev IFNAME]\n"
		"\n"
		"The counters of the whole switch, of one virtual subnet or of one port.\n",
		PROG_NAME);
}

static int collect_stats(struct nlattr **tb, void *arg)
{
	return stats_parse(tb, arg);
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

	if (!tb[NVSW_A_PORT_IFINDEX] || nla_get_u32(tb[NVSW_A_PORT_IFINDEX]) != p->ifindex)
		return 0;
	p->found = true;
	return stats_parse(tb, &p->c);
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

/* STATS_GET of the switch, or VSID_GET of one of its subnets when @vsid. */
static int subnet_counters(const char *name, uint32_t vsid, struct counters *c)
{
	struct nl_msg *msg;

	msg = nvsw_genl_msg(vsid ? NVSW_CMD_VSID_GET : NVSW_CMD_STATS_GET, 0, name);
	if (msg && vsid && nla_put_u32(msg, NVSW_A_VSID, vsid) < 0)
		return nvsw_put_failure(msg);
	if (!msg || nvsw_genl_request(msg, collect_stats, c))
		return EXIT_FAIL;
	return EXIT_OK;
}

int stats_show(int argc, char **argv)
{
	uint32_t vsid = 0, port;
	struct keyword kw[] = {
		KEYWORD("vsid", KW_VSID, false, &vsid),
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

	ret = kw[1].seen ? port_counters(name, port, &c) : subnet_counters(name, vsid, &c);
	if (!ret)
		stats_print(&c);
	return ret;
}
