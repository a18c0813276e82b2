// SPDX-License-Identifier: GPL-2.0
/*
 * nvswitchctl show: everything at a glance. Each switch as "switch show"
 * prints it (settings, PAs, record count), then its ports, VSIDs,
 * vsubnets and routes as their own show commands print them: the same
 * dumps, nested under the switch with -j, indented lines without.
 */
#include <stddef.h>

#include "netlink.h"
#include "nvswitchctl.h"
#include "objects.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s show [SWITCH]\n"
		"\n"
		"Every switch of the netns, or one: its settings, provider addresses and\n"
		"record count, then a line per port, VSID, vsubnet and route. With -j,\n"
		"the switch objects of \"switch show\" with the arrays \"ports\", \"vsids\",\n"
		"\"vsubnets\" and \"routes\" of the objects their show commands print.\n",
		PROG_NAME);
}

static int details(const char *ifname)
{
	const struct section *s;
	struct nl_msg *msg;
	int ret = EXIT_OK;

	for (s = show_sections; !ret && s < show_sections + N_SHOW_SECTIONS; s++) {
		msg = nvsw_genl_msg(s->cmd, NLM_F_DUMP, ifname);
		ret = msg ? nvsw_genl_print_section(msg, s) : EXIT_FAIL;
	}
	return ret;
}

int cmd_show(int argc, char **argv)
{
	const char *name;
	int ret;

	if (wants_help(argc, argv)) {
		usage(stdout);
		return EXIT_OK;
	}
	ret = take_optional_switch(argc, argv, &name);
	return ret ? ret : switch_list_show(name, details);
}
