// SPDX-License-Identifier: GPL-2.0
/*
 * nvswitchctl stats: the counters of a switch and its drops by reason.
 */
#include <errno.h>
#include <net/if.h>
#include <string.h>

#include "json.h"
#include "netlink.h"
#include "nvswitchctl.h"
#include "parse.h"

/* The names are the tests' JSON keys: the lowercase enum suffixes. */
static const char *const stat_names[NVSW_STATS_A_MAX + 1] = {
	[NVSW_STATS_A_TX_PACKETS]	= "tx_packets",
	[NVSW_STATS_A_TX_BYTES]		= "tx_bytes",
	[NVSW_STATS_A_RX_PACKETS]	= "rx_packets",
	[NVSW_STATS_A_RX_BYTES]		= "rx_bytes",
	[NVSW_STATS_A_LOCAL_PACKETS]	= "local_packets",
	[NVSW_STATS_A_LOCAL_BYTES]	= "local_bytes",
	[NVSW_STATS_A_ARP_REPLIES]	= "arp_replies",
	[NVSW_STATS_A_FORWARDED_PACKETS] = "forwarded_packets",
	[NVSW_STATS_A_FORWARDED_BYTES]	= "forwarded_bytes",
	[NVSW_STATS_A_ANNOUNCES]	= "announces",
	[NVSW_STATS_A_ROUTED_PACKETS]	= "routed_packets",
	[NVSW_STATS_A_ROUTED_BYTES]	= "routed_bytes",
	[NVSW_STATS_A_FLOODED_PACKETS]	= "flooded_packets",
	[NVSW_STATS_A_FLOODED_BYTES]	= "flooded_bytes",
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
	[NVSW_DROP_A_TOO_BIG]		= "too_big",
	[NVSW_DROP_A_SPOOFED]		= "spoofed",
	[NVSW_DROP_A_NO_CA_ROUTE]	= "no_ca_route",
	[NVSW_DROP_A_TTL_EXCEEDED]	= "ttl_exceeded",
	[NVSW_DROP_A_BUM_LIMITED]	= "bum_limited",
};

#define MAX_U64_TYPE \
	((int)NVSW_DROP_A_MAX > (int)NVSW_STATS_A_MAX ? (int)NVSW_DROP_A_MAX : (int)NVSW_STATS_A_MAX)

/*
 * The counters of one scope, in the order they are printed. A port has no
 * NVGRE of its own: it counts what it sent to (tx) and took from (rx) its VM.
 */
static const uint8_t subnet_stats[] = {
	NVSW_STATS_A_TX_PACKETS, NVSW_STATS_A_TX_BYTES,
	NVSW_STATS_A_RX_PACKETS, NVSW_STATS_A_RX_BYTES,
	NVSW_STATS_A_LOCAL_PACKETS, NVSW_STATS_A_LOCAL_BYTES,
	NVSW_STATS_A_ARP_REPLIES,
	NVSW_STATS_A_FORWARDED_PACKETS, NVSW_STATS_A_FORWARDED_BYTES,
	NVSW_STATS_A_ANNOUNCES,
	NVSW_STATS_A_ROUTED_PACKETS, NVSW_STATS_A_ROUTED_BYTES,
	NVSW_STATS_A_FLOODED_PACKETS, NVSW_STATS_A_FLOODED_BYTES,
};

static const uint8_t port_stats[] = {
	NVSW_STATS_A_RX_PACKETS, NVSW_STATS_A_RX_BYTES,
	NVSW_STATS_A_TX_PACKETS, NVSW_STATS_A_TX_BYTES,
};

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s stats show SWITCH [vsid VSID | dev IFNAME]\n"
		"\n"
		"The counters of the whole switch, of one virtual subnet or of one port.\n",
		PROG_NAME);
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

int stats_parse(struct nlattr **tb, struct counters *c)
{
	struct nlattr *stats[NVSW_STATS_A_MAX + 1];
	int err;

	memset(c, 0, sizeof(*c));
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

static uint64_t total_drops(const struct counters *c)
{
	uint64_t sum = 0;
	int i;

	for (i = 0; i <= NVSW_DROP_A_MAX; i++)
		sum += c->drop[i];
	return sum;
}

static void put_drops(const struct counters *c)
{
	int i;

	json_open_object("drops");
	for (i = 0; i <= NVSW_DROP_A_MAX; i++)
		if (drop_names[i])
			json_uint(drop_names[i], c->drop[i]);
	json_close_object();
}

void stats_put(const char *key, const struct counters *c, bool port)
{
	const uint8_t *ids = port ? port_stats : subnet_stats;
	size_t i, n = port ? sizeof(port_stats) : sizeof(subnet_stats);

	if (opt_json)
		json_open_object(key);
	for (i = 0; i < n; i++) {
		if (opt_json)
			json_uint(stat_names[ids[i]], c->stat[ids[i]]);
		else
			printf(" %s %llu", stat_names[ids[i]],
			       (unsigned long long)c->stat[ids[i]]);
	}
	if (!opt_json) {
		printf(" drops %llu", (unsigned long long)total_drops(c));
		return;
	}
	put_drops(c);
	json_close_object();
}

static int collect_stats(struct nlattr **tb, void *arg)
{
	return stats_parse(tb, arg);
}

/*
 * Every known counter is printed, zero when the kernel left it out, so the
 * keys stay the same from one kernel to the next.
 */
static void print_stats(const struct counters *c)
{
	int i;

	if (opt_json) {
		stats_put(NULL, c, false);
		return;
	}
	for (i = 0; i <= NVSW_STATS_A_MAX; i++)
		if (stat_names[i])
			printf("%s %llu\n", stat_names[i], (unsigned long long)c->stat[i]);
	for (i = 0; i <= NVSW_DROP_A_MAX; i++)
		if (drop_names[i])
			printf("drop_%s %llu\n", drop_names[i], (unsigned long long)c->drop[i]);
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

static int stats_show(int argc, char **argv)
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
		print_stats(&c);
	return ret;
}

static const struct command commands[] = {
	{ "show", stats_show, "show the counters" },
	{ "list", stats_show, "show the counters" },
	{ "ls",   stats_show, "show the counters" },
	{ NULL }
};

int cmd_stats(int argc, char **argv)
{
	return dispatch(commands, "stats", usage, argc, argv);
}
