// SPDX-License-Identifier: GPL-2.0
/*
 * nvswitchctl monitor: configuration changes and misses as the kernel
 * announces them on the "config" and "miss" multicast groups, one line (or
 * with -j one JSON object per line) per event, in the words of "show".
 */
#include <string.h>

#include "netlink.h"
#include "nvswitchctl.h"
#include "objects.h"
#include "parse.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s monitor [config | miss | all] [count N]\n"
		"\n"
		"config: every change of a switch, provider address, port, record, virtual\n"
		"subnet, route or VSID BUM setting;\n"
		"miss: a destination without a record met by the datapath\n"
		"(rate-limited by the kernel); all: both (default).\n"
		"Runs until killed, or until N events were printed. Lost events are\n"
		"reported as \"[overrun] events were lost\".\n",
		PROG_NAME);
}

struct monitor {
	uint32_t count;		/* events still to print, or 0 for no end */
};

static int print_event(uint8_t cmd, struct nlattr **tb, void *arg)
{
	struct monitor *m = arg;
	int n;

	/* Commands of a newer kernel, and messages without what they need, are skipped. */
	n = event_print(cmd, tb);
	if (!n)
		return 0;
	fflush(stdout);
	while (n-- > 0)
		if (m->count && !--m->count)
			return 1;
	return 0;
}

static void print_overrun(void *arg)
{
	(void)arg;
	overrun_print();
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
