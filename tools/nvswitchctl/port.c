// SPDX-License-Identifier: GPL-2.0
/*
 * nvswitchctl port: devices attached to a switch, each in one virtual subnet.
 */
#include <errno.h>
#include <string.h>

#include "netlink.h"
#include "nvswitchctl.h"
#include "objects.h"
#include "parse.h"
#include "print.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s port add SWITCH dev IFNAME vsid VSID [mac MAC]\n"
		"       %s port add SWITCH internal NAME vsid VSID [mac MAC]\n"
		"       %s port del SWITCH dev IFNAME\n"
		"       %s port get SWITCH dev IFNAME\n"
		"       %s port show SWITCH [stats | -s]\n"
		"\n"
		"dev: the port sends only from MACs that lookup records place on this\n"
		"host; with mac, only from MAC (pinned), and no other port from MAC.\n"
		"internal: the switch creates the device NAME for the host itself (a\n"
		"gateway), with MAC or a random one; port del removes it.\n"
		"get shows one port with its counters; with stats (or the global -s) show\n"
		"adds them to each port: rx are the frames its VM sent, tx the frames\n"
		"delivered to it.\n"
		"VSID: %u-%u\n",
		PROG_NAME, PROG_NAME, PROG_NAME, PROG_NAME, PROG_NAME, NVSWITCH_VSID_MIN,
		NVSWITCH_VSID_MAX);
}

static int port_add(int argc, char **argv)
{
	uint8_t mac[MAC_LEN];
	const char *internal;
	uint32_t port, vsid;
	struct keyword kw[] = {
		KEYWORD("dev", KW_DEV, false, &port),
		KEYWORD("internal", KW_IFNAME, false, &internal),
		KEYWORD("vsid", KW_VSID, true, &vsid),
		KEYWORD("mac", KW_MAC, false, mac),
	};
	const char *name;
	struct nl_msg *msg;
	int ret;

	ret = take_switch_keywords(argc, argv, &name, kw, 4);
	if (ret)
		return ret;
	if (kw[0].seen == kw[1].seen)
		return usage_err("port add takes one of \"dev IFNAME\" or \"internal NAME\"");

	msg = nvsw_genl_msg(NVSW_CMD_PORT_NEW, NLM_F_CREATE | NLM_F_EXCL, name);
	if (!msg)
		return EXIT_FAIL;
	if (kw[0].seen)
		NLA_PUT_U32(msg, NVSW_A_PORT_IFINDEX, port);
	if (kw[1].seen) {
		NLA_PUT_FLAG(msg, NVSW_A_PORT_INTERNAL);
		NLA_PUT_STRING(msg, NVSW_A_PORT_IFNAME, internal);
	}
	NLA_PUT_U32(msg, NVSW_A_VSID, vsid);
	if (kw[3].seen)
		NLA_PUT(msg, NVSW_A_MAC, MAC_LEN, mac);
	return nvsw_genl_request(msg, NULL, NULL) ? EXIT_FAIL : EXIT_OK;

nla_put_failure:
	return nvsw_put_failure(msg);
}

/* port del|get SWITCH dev DEV: one request naming one port. */
static int port_one(int argc, char **argv, uint8_t cmd,
		    nvsw_reply_fn reply_fn)
{
	uint32_t port;
	struct keyword kw[] = {
		KEYWORD("dev", KW_DEV, true, &port),
	};
	const char *name;
	struct nl_msg *msg;
	int ret;

	ret = take_switch_keywords(argc, argv, &name, kw, 1);
	if (ret)
		return ret;
	msg = nvsw_genl_msg(cmd, 0, name);
	if (!msg)
		return EXIT_FAIL;
	NLA_PUT_U32(msg, NVSW_A_PORT_IFINDEX, port);
	return nvsw_genl_request(msg, reply_fn, NULL) ? EXIT_FAIL : EXIT_OK;

nla_put_failure:
	return nvsw_put_failure(msg);
}

static int port_del(int argc, char **argv)
{
	return port_one(argc, argv, NVSW_CMD_PORT_DEL, NULL);
}

struct port_list {
	bool started;
	bool stats;
};

static int print_port(struct nlattr **tb, void *arg)
{
	struct port_list *l = arg;

	if (!obj_complete(&obj_port, tb))
		return -EBADMSG;
	list_item(&l->started);
	item_open();
	port_print(tb, l->stats);
	item_close();
	return 0;
}

static int print_one(struct nlattr **tb, void *arg)
{
	(void)arg;
	if (!obj_complete(&obj_port, tb))
		return -EBADMSG;
	item_open();
	port_print(tb, true);
	item_close();
	return 0;
}

static int port_get(int argc, char **argv)
{
	return port_one(argc, argv, NVSW_CMD_PORT_GET, print_one);
}

static int port_show(int argc, char **argv)
{
	/* JSON has room for the counters; a line, as with "ip -s", only when asked. */
	struct port_list l = { .stats = opt_json || opt_stats };
	const char *name;
	struct nl_msg *msg;
	int ret;

	ret = take_switch(&argc, &argv, &name);
	if (ret)
		return ret;
	if (argc > 0 && (!strcmp(argv[0], "stats") || !strcmp(argv[0], "-s"))) {
		l.stats = true;
		argc--;
		argv++;
	}
	ret = no_more_args(argc, argv);
	if (ret)
		return ret;

	msg = nvsw_genl_msg(NVSW_CMD_PORT_GET, NLM_F_DUMP, name);
	ret = !msg || nvsw_genl_request(msg, print_port, &l) ? EXIT_FAIL : EXIT_OK;
	list_end(l.started, ret);
	return ret;
}

static const struct command commands[] = {
	{ "show",   port_show, "list the ports" },
	{ "list",   port_show, "list the ports" },
	{ "ls",     port_show, "list the ports" },
	{ "get",    port_get,  "show one port with its counters" },
	{ "add",    port_add,  "attach a device, or create an internal one, in a virtual subnet" },
	{ "del",    port_del,  "detach a device" },
	{ "delete", port_del,  "detach a device" },
	{ NULL }
};

int cmd_port(int argc, char **argv)
{
	return dispatch(commands, "port", usage, argc, argv);
}
