// SPDX-License-Identifier: GPL-2.0
/*
 * nvswitchctl monitor: configuration changes and lookup misses as the kernel
 * announces them on the "config" and "miss" multicast groups, one line (or
 * with -j one JSON object per line) per event, in the words of "show".
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <string.h>

#include "json.h"
#include "netlink.h"
#include "nvswitchctl.h"
#include "parse.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s monitor [config | miss | all] [count N]\n"
		"\n"
		"config: every change of a switch, provider address, port, lookup record,\n"
		"virtual subnet, route or VSID BUM setting;\n"
		"miss: a destination without a lookup record met by the datapath\n"
		"(rate-limited by the kernel); all: both (default).\n"
		"Runs until killed, or until N events were printed. Lost events are\n"
		"reported as \"[overrun] events were lost\".\n",
		PROG_NAME);
}

static bool pa_complete(struct nlattr **tb)
{
	return tb[NVSW_A_PA_IPV4] || tb[NVSW_A_PA_IPV6];
}

static void pa_put(struct nlattr **tb)
{
	char buf[INET6_ADDRSTRLEN];
	struct ca_addr a;

	get_pa(tb, &a);
	format_addr(buf, &a);
	if (opt_json)
		json_string("pa", buf);
	else
		fputs(buf, stdout);
}

static void port_event_put(struct nlattr **tb)
{
	/* "port show" lines start with the device; an event line says what it is. */
	if (!opt_json)
		fputs("dev ", stdout);
	port_put(tb, false);
}

static const char *const miss_sources[] = {
	[NVSW_MISS_ARP]		= "arp",
	[NVSW_MISS_PORT]	= "port",
	[NVSW_MISS_UNDERLAY]	= "underlay",
	[NVSW_MISS_ND]		= "nd",
};

static bool miss_complete(struct nlattr **tb)
{
	return tb[NVSW_A_MISS_SOURCE] && tb[NVSW_A_VSID];
}

static const char *miss_source(struct nlattr **tb)
{
	unsigned int source = nla_get_u8(tb[NVSW_A_MISS_SOURCE]);

	if (source < sizeof(miss_sources) / sizeof(miss_sources[0]))
		return miss_sources[source];
	return "unknown";
}

/* What was missed (a CA or a MAC) and who sent it (a port or a PA). */
static void miss_put(struct nlattr **tb)
{
	char ca[INET6_ADDRSTRLEN], pa[INET6_ADDRSTRLEN], mac[MAC_STRLEN], port[IFNAMSIZ];
	struct ca_addr a;
	bool has_pa;

	format_ca(ca, tb);
	has_pa = get_pa(tb, &a);
	if (has_pa)
		format_addr(pa, &a);
	if (tb[NVSW_A_MAC])
		format_mac(mac, nla_data(tb[NVSW_A_MAC]));
	if (tb[NVSW_A_PORT_IFINDEX])
		port_name(tb, port, sizeof(port));

	if (opt_json) {
		json_string("source", miss_source(tb));
		json_uint("vsid", nla_get_u32(tb[NVSW_A_VSID]));
	} else {
		printf("%s vsid %u", miss_source(tb), nla_get_u32(tb[NVSW_A_VSID]));
	}
	if (ca[0])
		item_string("ca", ca);
	if (tb[NVSW_A_MAC])
		item_string("mac", mac);
	if (tb[NVSW_A_PORT_IFINDEX])
		item_string("port", port);
	if (has_pa)
		item_string("pa", pa);
}

struct event {
	const char *object;
	const char *action;	/* NULL for misses, which change nothing */
	bool (*complete)(struct nlattr **tb);
	void (*put)(struct nlattr **tb);
};

/* LOOKUP_NEW announces an add and a replace alike: both are "add". */
static const struct event events[NVSW_CMD_MAX + 1] = {
	[NVSW_CMD_SWITCH_NEW]	= { "switch", "add", switch_complete, switch_put },
	[NVSW_CMD_SWITCH_DEL]	= { "switch", "del", switch_complete, switch_put },
	[NVSW_CMD_PA_NEW]	= { "pa", "add", pa_complete, pa_put },
	[NVSW_CMD_PA_DEL]	= { "pa", "del", pa_complete, pa_put },
	[NVSW_CMD_PORT_NEW]	= { "port", "add", port_complete, port_event_put },
	[NVSW_CMD_PORT_DEL]	= { "port", "del", port_complete, port_event_put },
	[NVSW_CMD_LOOKUP_NEW]	= { "lookup", "add", lookup_complete, lookup_put },
	[NVSW_CMD_LOOKUP_DEL]	= { "lookup", "del", lookup_complete, lookup_put },
	[NVSW_CMD_MISS]		= { "miss", NULL, miss_complete, miss_put },
	[NVSW_CMD_VSUBNET_NEW]	= { "vsubnet", "add", vsubnet_complete, vsubnet_put },
	[NVSW_CMD_VSUBNET_DEL]	= { "vsubnet", "del", vsubnet_complete, vsubnet_put },
	[NVSW_CMD_ROUTE_NEW]	= { "route", "add", route_complete, route_put },
	[NVSW_CMD_ROUTE_DEL]	= { "route", "del", route_complete, route_put },
	[NVSW_CMD_VSID_SET]	= { "vsid", "set", vsid_set_complete, vsid_set_put },
};

struct monitor {
	uint32_t count;		/* events still to print, or 0 for no end */
};

static int print_event(uint8_t cmd, struct nlattr **tb, void *arg)
{
	const struct event *e = cmd <= NVSW_CMD_MAX ? &events[cmd] : NULL;
	struct monitor *m = arg;
	char sw[IFNAMSIZ];

	/* Commands of a newer kernel, and messages without what they need, are skipped. */
	if (!e || !e->object || !tb[NVSW_A_IFNAME] || !e->complete(tb))
		return 0;
	nla_strlcpy(sw, tb[NVSW_A_IFNAME], sizeof(sw));

	item_open();
	if (opt_json) {
		json_string("event", e->object);
		if (e->action)
			json_string("action", e->action);
		json_string("switch", sw);
	} else {
		printf("[%s] ", e->object);
		if (e->action)
			printf("%s ", e->action);
		printf("%s ", sw);
	}
	e->put(tb);
	item_close();
	fflush(stdout);
	return m->count && !--m->count;
}

static void print_overrun(void *arg)
{
	(void)arg;
	item_open();
	if (opt_json)
		json_string("event", "overrun");
	else
		fputs("[overrun] events were lost", stdout);
	item_close();
	fflush(stdout);
}

/* The groups a selection joins: a slice of the first entry's list. */
static const char *const groups[] = { NVSW_MCGRP_CONFIG, NVSW_MCGRP_MISS };
static const struct {
	const char *name;
	size_t first, n;
} selections[] = {
	{ "all", 0, 2 },
	{ NVSW_MCGRP_CONFIG, 0, 1 },
	{ NVSW_MCGRP_MISS, 1, 1 },
};

static int monitor(int argc, char **argv)
{
	struct monitor m = { 0 };
	struct keyword kw[] = {
		KEYWORD("count", KW_COUNT, false, &m.count),
	};
	const struct nvsw_listener l = {
		.event = print_event,
		.overrun = print_overrun,
		.arg = &m,
	};
	size_t i = 0;
	int ret;

	if (argc > 0 && strcmp(argv[0], "count")) {
		for (i = 0; i < sizeof(selections) / sizeof(selections[0]); i++)
			if (!strcmp(argv[0], selections[i].name))
				break;
		if (i == sizeof(selections) / sizeof(selections[0]))
			return usage_err("unknown group \"%s\": must be config, miss or all",
					 argv[0]);
		argc--;
		argv++;
	}
	ret = take_keywords(argc, argv, kw, sizeof(kw) / sizeof(kw[0]));
	if (ret)
		return ret;
	return nvsw_genl_listen(&groups[selections[i].first], selections[i].n, &l) ?
		EXIT_FAIL : EXIT_OK;
}

int cmd_monitor(int argc, char **argv)
{
	/* As "ip monitor": the object is the command; "help" still works. */
	if (wants_help(argc, argv)) {
		usage(stdout);
		return EXIT_OK;
	}
	return monitor(argc, argv);
}
