// SPDX-License-Identifier: GPL-2.0
/*
 * nvswitchctl save: a switch's whole configuration as the commands that
 * make it, a batch file that "nvswitchctl -b" replays on a host without
 * the switch and "nvswitchctl sync" (sync.c) applies by difference.
 */
#include <stdlib.h>

#include "config.h"
#include "print.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s save [SWITCH]\n"
		"\n"
		"Prints the configuration of every switch of the netns, or of one, as the\n"
		"commands that make it: the switch and its settings, PAs, ports, VSID\n"
		"settings, vsubnets, routes and records, one per line, sorted.\n"
		"\"%s -b FILE\" replays it where the switch does not exist,\n"
		"\"%s sync SWITCH FILE\" applies it by difference where it does.\n",
		PROG_NAME, PROG_NAME, PROG_NAME);
}

static int save_one(const char *name)
{
	struct cfg c = { 0 };
	char buf[512];
	size_t i;
	int ret;

	ret = cfg_read_kernel(name, &c);
	for (i = 0; !ret && i < c.n; i++)
		printf("%s\n", cfg_format(buf, sizeof(buf), &c.obj[i], name, NULL));
	cfg_free(&c);
	return ret;
}

int cmd_save(int argc, char **argv)
{
	struct switch_info *sw = NULL;
	const char *name;
	size_t n = 0, i;
	int ret;

	if (wants_help(argc, argv)) {
		usage(stdout);
		return EXIT_OK;
	}
	if (opt_json)
		return usage_err("save prints commands, not JSON");
	ret = take_optional_switch(argc, argv, &name);
	if (!ret && name)
		return save_one(name);
	if (!ret)
		ret = switch_info_get(NULL, &sw, &n);
	for (i = 0; !ret && i < n; i++)
		ret = save_one(sw[i].name);
	free(sw);
	return ret;
}
