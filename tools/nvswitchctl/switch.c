// SPDX-License-Identifier: GPL-2.0
/*
 * nvswitchctl switch: the switch is a netdevice, so it is created, changed
 * and deleted over rtnetlink like any link; it is shown over generic netlink,
 * which knows its provider addresses and table sizes.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>

#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "attr_words.h"
#include "netlink.h"
#include "nvswitchctl.h"
#include "objects.h"
#include "parse.h"
#include "print.h"

#define LINK_KIND	"nvswitch"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s switch add NAME [OPTION]...\n"
		"       %s switch set NAME OPTION...\n"
		"       %s switch del NAME\n"
		"       %s switch show [NAME]\n"
		"\n"
		"OPTION := address MAC | flowid hash|zero | move-grace MS | dscp DSCP|inherit |\n"
		"          default-vsid VSID|none | max-records N | max-ports N | max-pas N | max-vsubnets N |\n"
		"          max-routes N\n"
		"\n"
		"address: the switch's MAC, which VMs see as their gateway's (as \"ip link\n"
		"set NAME address MAC\"; random by default).\n"
		"flowid: how the 8-bit FlowID of the GRE key is chosen: a hash of the\n"
		"inner flow (default) or always zero.\n"
		"move-grace: for how long, in milliseconds, a VM's old host forwards what\n"
		"still reaches it after the VM moved (default %u, 0 = never, at most %u).\n"
		"dscp: the DSCP of the NVGRE the switch sends, 0-63 (default 0), or\n"
		"inherit: the tenant frame's. ECN is always copied.\n"
		"default-vsid: the VSID of a device attached with \"ip link set DEV\n"
		"master NAME\" (default none: such an attach fails).\n"
		"max-*: the most records (default %u), ports (%u),\n"
		"provider addresses (%u), virtual subnets (%u) and customer routes\n"
		"(%u) the switch holds; one more fails with ENOSPC. A limit lowered\n"
		"below the count keeps what is there and refuses more.\n",
		PROG_NAME, PROG_NAME, PROG_NAME, PROG_NAME,
		NVSWITCH_MOVE_GRACE_MS_DEFAULT, NVSWITCH_MOVE_GRACE_MS_MAX,
		NVSWITCH_MAX_RECORDS_DEFAULT, NVSWITCH_MAX_PORTS_DEFAULT,
		NVSWITCH_MAX_PAS_DEFAULT, NVSWITCH_MAX_VSUBNETS_DEFAULT,
		NVSWITCH_MAX_ROUTES_DEFAULT);
}

static void parse_switch(struct nlattr **tb, struct switch_info *sw)
{
	size_t i;

	memset(sw, 0, sizeof(*sw));
	nla_strlcpy(sw->name, tb[NVSW_A_IFNAME], sizeof(sw->name));
	sw->ifindex = nla_get_u32(tb[NVSW_A_IFINDEX]);
	sw->flowid = attr_uint(tb[A_OBJ(NVSW_SWITCH_A_FLOWID_MODE)]);
	sw->move_grace_ms = attr_uint(tb[A_OBJ(NVSW_SWITCH_A_MOVE_GRACE_MS)]);
	sw->dscp = attr_uint(tb[A_OBJ(NVSW_SWITCH_A_DSCP)]);
	sw->default_vsid = attr_uint(tb[A_OBJ(NVSW_SWITCH_A_DEFAULT_VSID)]);
	for (i = 0; i < N_SWITCH_LIMITS; i++)
		sw->max[i] = attr_uint(tb[switch_limits[i].max_attr]);
}

/* The switches SWITCH_GET told, as it told them. */
struct switch_list {
	struct nlattr ***tb;
	size_t n, cap;
};

static int keep_switch(struct nlattr **tb, void *arg)
{
	struct switch_list *l = arg;

	if (!obj_complete(&obj_switch, tb))
		return -EBADMSG;
	l->tb = grow_array(l->tb, &l->cap, l->n, sizeof(*l->tb));
	if (!l->tb)
		return -ENOMEM;
	l->tb[l->n] = attrs_dup(tb, MSG_A_MAX);
	return l->tb[l->n++] ? 0 : -ENOMEM;
}

static void free_switches(struct switch_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->tb[i]);
	free(l->tb);
}

/* SWITCH_GET of one switch, or of all of them when @name is NULL. */
static int get_switches(const char *name, struct switch_list *l)
{
	struct nl_msg *msg;

	msg = nvsw_genl_msg(NVSW_CMD_SWITCH_GET, name ? 0 : NLM_F_DUMP, name);
	if (!msg)
		return EXIT_FAIL;
	return nvsw_genl_request(msg, keep_switch, l) ? EXIT_FAIL : EXIT_OK;
}

int switch_info_get(const char *name, struct switch_info **sw, size_t *n)
{
	struct switch_list l = { 0 };
	size_t i;
	int ret;

	*sw = NULL;
	ret = get_switches(name, &l);
	if (!ret && l.n) {
		*sw = calloc(l.n, sizeof(**sw));
		ret = *sw ? EXIT_OK : EXIT_FAIL;
	}
	for (i = 0; !ret && i < l.n; i++)
		parse_switch(l.tb[i], &(*sw)[i]);
	*n = ret ? 0 : l.n;
	free_switches(&l);
	return ret;
}

/*
 * The ifindex of nvswitch @name. rtnetlink changes and deletes any kind of
 * device, and for a kind mismatch says only EOPNOTSUPP: asking the nvswitch
 * family first makes "switch del eth0" fail, with the kernel's reason.
 */
static int switch_ifindex(const char *name, int *ifindex)
{
	struct switch_list l = { 0 };
	int ret;

	ret = get_switches(name, &l);
	if (!ret && l.n != 1) {
		pr_err("\"%s\" is not an nvswitch", name);
		ret = EXIT_FAIL;
	}
	if (!ret)
		*ifindex = nla_get_u32(l.tb[0][NVSW_A_IFINDEX]);
	free_switches(&l);
	return ret;
}

/* add and set differ only in flags: both send the same IFLA_LINKINFO. */
static int newlink(int argc, char **argv, bool create)
{
	int ifindex = 0;
	uint32_t move_grace, default_vsid, max[N_SWITCH_LIMITS];
	uint8_t flowid, dscp, address[MAC_LEN];
	/*
	 * set needs one of them: kw[] has no "one of" rule, see below. The
	 * limits follow the first five, made from switch_limits[].
	 */
	struct keyword kw[5 + N_SWITCH_LIMITS] = {
		KEYWORD("flowid", KW_FLOWID, false, &flowid),
		KEYWORD("move-grace", KW_MSECS, false, &move_grace),
		KEYWORD("dscp", KW_DSCP, false, &dscp),
		KEYWORD("default-vsid", KW_VSID_NONE, false, &default_vsid),
		KEYWORD("address", KW_MAC, false, address),
	};
	const size_t nkw = sizeof(kw) / sizeof(kw[0]);
	struct nlattr *linkinfo, *data;
	bool any = false;
	const char *name;
	struct nl_msg *msg;
	size_t i;
	int ret;

	for (i = 0; i < N_SWITCH_LIMITS; i++)
		kw[5 + i] = (struct keyword)KEYWORD(switch_limits[i].name, KW_COUNT,
						    false, &max[i]);
	if (create) {
		if (argc < 1)
			return usage_err("missing switch NAME");
		name = argv[0];
		argc--;
		argv++;
		if (parse_new_ifname(name))
			return usage_err("%s", parse_error());
	} else {
		ret = take_switch(&argc, &argv, &name);
		if (ret)
			return ret;
	}
	ret = take_keywords(argc, argv, kw, nkw);
	for (i = 0; i < nkw; i++)
		any |= kw[i].seen;
	if (!ret && !create && !any)
		ret = usage_err("switch set needs address, flowid, move-grace, dscp, default-vsid or a max-* limit");
	if (!ret && !create)
		ret = switch_ifindex(name, &ifindex);
	if (ret)
		return ret;

	msg = nvsw_rtnl_msg(RTM_NEWLINK, create ? NLM_F_CREATE | NLM_F_EXCL : 0, ifindex);
	if (!msg)
		return EXIT_FAIL;
	/* On a change, IFLA_IFNAME next to an ifindex would mean a rename. */
	if (create)
		NLA_PUT_STRING(msg, IFLA_IFNAME, name);
	if (kw[4].seen)
		NLA_PUT(msg, IFLA_ADDRESS, MAC_LEN, address);
	/* Naming the kind also makes the kernel refuse to change a non-nvswitch. */
	linkinfo = nla_nest_start(msg, IFLA_LINKINFO);
	if (!linkinfo)
		goto nla_put_failure;
	NLA_PUT_STRING(msg, IFLA_INFO_KIND, LINK_KIND);
	any = false;
	for (i = 0; i < nkw; i++)
		any |= kw[i].seen && i != 4;
	if (any) {
		data = nla_nest_start(msg, IFLA_INFO_DATA);
		if (!data)
			goto nla_put_failure;
		if (kw[0].seen)
			NLA_PUT_U8(msg, IFLA_NVSW_FLOWID_MODE, flowid);
		if (kw[1].seen)
			NLA_PUT_U32(msg, IFLA_NVSW_MOVE_GRACE_MS, move_grace);
		if (kw[2].seen)
			NLA_PUT_U8(msg, IFLA_NVSW_DSCP, dscp);
		if (kw[3].seen)
			NLA_PUT_U32(msg, IFLA_NVSW_DEFAULT_VSID, default_vsid);
		for (i = 0; i < N_SWITCH_LIMITS; i++)
			if (kw[5 + i].seen)
				NLA_PUT_U32(msg, switch_limits[i].link_attr, max[i]);
		nla_nest_end(msg, data);
	}
	nla_nest_end(msg, linkinfo);
	return nvsw_rtnl_request(msg) ? EXIT_FAIL : EXIT_OK;

nla_put_failure:
	return nvsw_put_failure(msg);
}

static int switch_add(int argc, char **argv)
{
	return newlink(argc, argv, true);
}

static int switch_set(int argc, char **argv)
{
	return newlink(argc, argv, false);
}

static int switch_del(int argc, char **argv)
{
	const char *name;
	struct nl_msg *msg;
	int ifindex, ret;

	ret = take_switch(&argc, &argv, &name);
	if (!ret)
		ret = no_more_args(argc, argv);
	if (!ret)
		ret = switch_ifindex(name, &ifindex);
	if (ret)
		return ret;
	/* By ifindex: the device that was checked is the one deleted. */
	msg = nvsw_rtnl_msg(RTM_DELLINK, 0, ifindex);
	return !msg || nvsw_rtnl_request(msg) ? EXIT_FAIL : EXIT_OK;
}

/*
 * With @details (the overview of "nvswitchctl show"), what it prints of the
 * switch follows the switch's own line or members; with -j its arrays
 * (ports, vsubnets, routes) then stand for the counts of the same names.
 */
static int print_switch(struct nlattr **tb, struct addr_list *pas, switch_details_fn details)
{
	const struct obj_extra extra = { .print = pa_list_print, .arg = pas };
	char name[IFNAMSIZ];
	int ret = EXIT_OK;

	nla_strlcpy(name, tb[NVSW_A_IFNAME], sizeof(name));
	open_json_object(NULL);
	obj_print(&obj_switch, tb, details ? F_COUNT : 0, &extra);
	print_nl();
	if (details)
		ret = details(name);
	close_json_object();
	return ret;
}

int switch_list_show(const char *name, switch_details_fn details)
{
	struct switch_list l = { 0 };
	struct addr_list pas = { 0 };
	bool started = false;
	size_t i;
	int ret;

	ret = get_switches(name, &l);
	/* The PAs come from their own dump, which cannot nest in the switch dump. */
	for (i = 0; !ret && i < l.n; i++) {
		pas.n = 0;
		ret = pa_list(nla_get_u32(l.tb[i][NVSW_A_IFINDEX]), &pas);
		if (ret)
			break;
		list_item(&started);
		ret = print_switch(l.tb[i], &pas, details);
	}
	list_end(started, ret);
	free_switches(&l);
	free(pas.a);
	return ret;
}

/* [SWITCH]: one switch, or every switch of the netns. */
int take_optional_switch(int argc, char **argv, const char **name)
{
	int ret;

	*name = NULL;
	if (argc == 0)
		return EXIT_OK;
	ret = take_switch(&argc, &argv, name);
	return ret ? ret : no_more_args(argc, argv);
}

static int switch_show(int argc, char **argv)
{
	const char *name;
	int ret;

	ret = take_optional_switch(argc, argv, &name);
	return ret ? ret : switch_list_show(name, NULL);
}

int cmd_switch(int argc, char **argv)
{
	/* As "ip link": the bare object shows. */
	if (argc == 0)
		return switch_show(0, argv);
	return dispatch("switch", &switch_commands, argc, argv);
}

const struct commands switch_commands = COMMANDS(usage,
	COMMAND("show", switch_show),
	COMMAND("add", switch_add),
	COMMAND("set", switch_set),
	COMMAND("change", switch_set),
	COMMAND("del", switch_del));
