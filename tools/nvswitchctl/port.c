// SPDX-License-Identifier: GPL-2.0
/*
 * nvswitchctl port: devices attached to a switch, each in one virtual subnet.
 */
#include <errno.h>
#include <string.h>

#include "attr_words.h"
#include "netlink.h"
#include "nvswitchctl.h"
#include "objects.h"
#include "parse.h"
#include "print.h"

static void port_usage(FILE *f)
{
	fprintf(f,
		"Usage: %s port add SWITCH dev IFNAME vsid VSID [mac MAC]\n"
		"                [dhcp-guard on|off] [router-guard on|off]\n"
		"       %s port add SWITCH internal NAME vsid VSID [mac MAC]\n"
		"       %s port set SWITCH dev IFNAME [dhcp-guard on|off] [router-guard on|off]\n"
		"       %s port del SWITCH dev IFNAME\n"
		"       %s port get SWITCH dev IFNAME\n"
		"       %s port show SWITCH [stats | -s]\n"
		"\n"
		"dev: the port sends only from MACs that records place on this host;\n"
		"with mac, only from MAC (pinned), and no other port from MAC.\n"
		"internal: the switch creates the device NAME for the host itself (a\n"
		"gateway), with MAC or a random one; port del removes it.\n"
		"dhcp-guard on: DHCP server messages from the port's VM are dropped;\n"
		"router-guard on: its Router Advertisements and ICMP redirects are\n"
		"dropped. Both are off unless turned on (port add, or port set, which\n"
		"changes the guards it names); an internal port has none.\n"
		"get shows one port with its counters; with stats (or the global -s) show\n"
		"adds them to each port: rx are the frames its VM sent, tx the frames\n"
		"delivered to it.\n"
		"VSID: %u-%u\n",
		PROG_NAME, PROG_NAME, PROG_NAME, PROG_NAME, PROG_NAME, PROG_NAME,
		NVSWITCH_VSID_MIN,
		NVSWITCH_VSID_MAX);
}

/* The order of port_change()'s keywords: set takes the first three. */
enum {
	KW_PORT_DEV, KW_PORT_DHCP, KW_PORT_ROUTER,
	KW_PORT_SET_N,
	KW_PORT_INTERNAL = KW_PORT_SET_N,
};

static const char *one_device(const struct keyword *kw)
{
	if (kw[KW_PORT_DEV].seen != kw[KW_PORT_INTERNAL].seen)
		return NULL;
	return "port add takes one of \"dev IFNAME\" or \"internal NAME\"";
}

static const char *a_guard(const struct keyword *kw)
{
	return kw[KW_PORT_DHCP].seen || kw[KW_PORT_ROUTER].seen ? NULL :
	       "port set needs dhcp-guard, router-guard or both";
}

/* port add, and port set: what it leaves out stays as it is. */
static int port_change(int argc, char **argv, uint8_t cmd)
{
	uint8_t mac[MAC_LEN], dhcp, router;
	bool add = cmd == NVSW_CMD_PORT_NEW;
	const char *internal;
	uint32_t port, vsid;
	struct keyword kw[] = {
		[KW_PORT_DEV] = ATTR_KEYWORD("dev", KW_DEV, !add, &port,
					     A_OBJ(NVSW_PORT_A_IFINDEX)),
		[KW_PORT_DHCP] = ATTR_KEYWORD("dhcp-guard", KW_ONOFF, false, &dhcp,
					      A_OBJ(NVSW_PORT_A_DHCP_GUARD)),
		[KW_PORT_ROUTER] = ATTR_KEYWORD("router-guard", KW_ONOFF, false, &router,
						A_OBJ(NVSW_PORT_A_ROUTER_GUARD)),
		[KW_PORT_INTERNAL] = ATTR_KEYWORD("internal", KW_IFNAME, false, &internal,
						  A_OBJ(NVSW_PORT_A_IFNAME)),
		ATTR_KEYWORD("vsid", KW_VSID, true, &vsid, A_OBJ(NVSW_PORT_A_VSID)),
		ATTR_KEYWORD("mac", KW_MAC, false, mac, A_OBJ(NVSW_PORT_A_PIN)),
	};

	return keywords_request(argc, argv, kw, add ? ARRAY_SIZE(kw) : KW_PORT_SET_N,
				&(struct kw_request){ .cmd = cmd, .nest = NVSW_A_PORT,
						      .check = add ? one_device : a_guard });
}

static int port_add(int argc, char **argv)
{
	return port_change(argc, argv, NVSW_CMD_PORT_NEW);
}

static int port_set(int argc, char **argv)
{
	return port_change(argc, argv, NVSW_CMD_PORT_SET);
}

/* port del|get SWITCH dev DEV: one request naming one port. */
static int port_one(int argc, char **argv, uint8_t cmd, nvsw_reply_fn reply_fn)
{
	uint32_t port;
	struct keyword kw[] = {
		ATTR_KEYWORD("dev", KW_DEV, true, &port, A_OBJ(NVSW_PORT_A_IFINDEX)),
	};

	return keywords_request(argc, argv, kw, ARRAY_SIZE(kw), &(struct kw_request){
		.cmd = cmd, .nest = NVSW_A_PORT, .reply = reply_fn });
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

const struct commands port_commands = COMMANDS(port_usage,
	COMMAND("show", port_show),
	COMMAND("get", port_get),
	COMMAND("add", port_add),
	COMMAND("set", port_set),
	COMMAND("del", port_del));
