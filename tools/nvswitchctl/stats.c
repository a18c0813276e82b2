// SPDX-License-Identifier: GPL-2.0
/*
 * nvswitchctl stats: the counters of a switch and its drops by reason.
 */
#include <errno.h>
#include <string.h>

#include "json.h"
#include "netlink.h"
#include "nvswitchctl.h"

/* The names are the tests' JSON keys: the lowercase enum suffixes. */
static const char *const stat_names[NVSW_STATS_A_MAX + 1] = {
	[NVSW_STATS_A_TX_PACKETS]	= "tx_packets",
	[NVSW_STATS_A_TX_BYTES]		= "tx_bytes",
	[NVSW_STATS_A_RX_PACKETS]	= "rx_packets",
	[NVSW_STATS_A_RX_BYTES]		= "rx_bytes",
	[NVSW_STATS_A_LOCAL_PACKETS]	= "local_packets",
	[NVSW_STATS_A_LOCAL_BYTES]	= "local_bytes",
	[NVSW_STATS_A_ARP_REPLIES]	= "arp_replies",
};

static const char *const drop_names[NVSW_DROP_A_MAX + 1] = {
	[NVSW_DROP_A_NO_RECORD]		= "no_record",
	[NVSW_DROP_A_UNKNOWN_VSID]	= "unknown_vsid",
	[NVSW_DROP_A_RESERVED_VSID]	= "reserved_vsid",
	[NVSW_DROP_A_VLAN_TAGGED]	= "vlan_tagged",
	[NVSW_DROP_A_BAD_GRE]		= "bad_gre",
	[NVSW_DROP_A_MALFORMED]		= "malformed",
	[NVSW_DROP_A_NOT_LOCAL]		= "not_local",
	[NVSW_DROP_A_NO_PORT]		= "no_port",
	[NVSW_DROP_A_PORT_DOWN]		= "port_down",
	[NVSW_DROP_A_SWITCH_DOWN]	= "switch_down",
	[NVSW_DROP_A_BROADCAST]		= "broadcast",
	[NVSW_DROP_A_NO_PA]		= "no_pa",
	[NVSW_DROP_A_NO_ROUTE]		= "no_route",
	[NVSW_DROP_A_HOST_TX]		= "host_tx",
	[NVSW_DROP_A_TX_ERROR]		= "tx_error",
};

#define MAX_U64_TYPE \
	(NVSW_DROP_A_MAX > NVSW_STATS_A_MAX ? NVSW_DROP_A_MAX : NVSW_STATS_A_MAX)

struct counters {
	uint64_t stat[NVSW_STATS_A_MAX + 1];
	uint64_t drop[NVSW_DROP_A_MAX + 1];
};

static void usage(FILE *f)
{
	fprintf(f, "Usage: %s stats show SWITCH\n", PROG_NAME);
}

/* Reads the u64 attributes of @nest named in @names into @out. */
static int get_u64s(struct nlattr *nest, const char *const *names, int maxtype,
		    uint64_t *out)
{
	struct nla_policy policy[MAX_U64_TYPE + 1] = { 0 };
	struct nlattr *tb[MAX_U64_TYPE + 1];
	int i;

	for (i = 0; i <= maxtype; i++)
		if (names[i])
			policy[i].type = NLA_U64;
	if (nvsw_nested(tb, maxtype, nest, policy))
		return -EBADMSG;
	for (i = 0; i <= maxtype; i++)
		if (names[i] && tb[i])
			out[i] = nla_get_u64(tb[i]);
	return 0;
}

static int collect_stats(struct nlattr **tb, void *arg)
{
	struct nlattr *stats[NVSW_STATS_A_MAX + 1];
	struct counters *c = arg;
	int err;

	if (!tb[NVSW_A_STATS])
		return -EBADMSG;
	err = get_u64s(tb[NVSW_A_STATS], stat_names, NVSW_STATS_A_MAX, c->stat);
	if (err)
		return err;
	if (nvsw_nested(stats, NVSW_STATS_A_MAX, tb[NVSW_A_STATS], NULL))
		return -EBADMSG;
	if (stats[NVSW_STATS_A_DROPS])
		err = get_u64s(stats[NVSW_STATS_A_DROPS], drop_names, NVSW_DROP_A_MAX, c->drop);
	return err;
}

/*
 * Every known counter is printed, zero when the kernel left it out, so the
 * keys stay the same from one kernel to the next.
 */
static void print_stats(const struct counters *c)
{
	int i;

	if (opt_json)
		json_open_object(NULL);
	for (i = 0; i <= NVSW_STATS_A_MAX; i++) {
		if (!stat_names[i])
			continue;
		if (opt_json)
			json_uint(stat_names[i], c->stat[i]);
		else
			printf("%s %llu\n", stat_names[i], (unsigned long long)c->stat[i]);
	}
	if (opt_json)
		json_open_object("drops");
	for (i = 0; i <= NVSW_DROP_A_MAX; i++) {
		if (!drop_names[i])
			continue;
		if (opt_json)
			json_uint(drop_names[i], c->drop[i]);
		else
			printf("drop_%s %llu\n", drop_names[i], (unsigned long long)c->drop[i]);
	}
	if (opt_json) {
		json_close_object();
		json_close_object();
	}
}

static int stats_show(int argc, char **argv)
{
	struct counters c;
	const char *name;
	struct nl_msg *msg;
	int ret;

	ret = take_switch(&argc, &argv, &name);
	if (!ret)
		ret = no_more_args(argc, argv);
	if (ret)
		return ret;

	memset(&c, 0, sizeof(c));
	msg = nvsw_genl_msg(NVSW_CMD_STATS_GET, 0, name);
	if (!msg || nvsw_genl_request(msg, collect_stats, &c))
		return EXIT_FAIL;
	print_stats(&c);
	return EXIT_OK;
}

static const struct command commands[] = {
	{ "show", stats_show, "show the counters" },
	{ NULL }
};

int cmd_stats(int argc, char **argv)
{
	return dispatch(commands, "stats", usage, argc, argv);
}
