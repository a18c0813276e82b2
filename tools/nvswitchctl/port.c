// SPDX-License-Identifier: GPL-2.0
/*
 * nvswitchctl port: devices attached to a switch, each in one virtual subnet.
 */
#include <errno.h>
#include <net/if.h>

#include "json.h"
#include "netlink.h"
#include "nvswitchctl.h"
#include "parse.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s port add SWITCH dev IFNAME vsid VSID\n"
		"       %s port del SWITCH dev IFNAME\n"
		"       %s port show SWITCH\n"
		"\n"
		"VSID: %u-%u\n",
		PROG_NAME, PROG_NAME, PROG_NAME, NVSW_VSID_MIN, NVSW_VSID_MAX);
}

static int port_change(int argc, char **argv, uint8_t cmd, int flags)
{
	uint32_t port, vsid;
	struct keyword kw[] = {
		KEYWORD("dev", KW_DEV, true, &port),
		KEYWORD("vsid", KW_VSID, cmd == NVSW_CMD_PORT_NEW, &vsid),
	};
	/* del takes only "dev": leave "vsid" out of its table. */
	size_t nkw = cmd == NVSW_CMD_PORT_NEW ? 2 : 1;
	const char *name;
	struct nl_msg *msg;
	int ret;

	ret = take_switch(&argc, &argv, &name);
	if (!ret)
		ret = take_keywords(argc, argv, kw, nkw);
	if (ret)
		return ret;

	msg = nvsw_genl_msg(cmd, flags, name);
	if (!msg)
		return EXIT_FAIL;
	NLA_PUT_U32(msg, NVSW_A_PORT_IFINDEX, port);
	if (kw[1].seen)
		NLA_PUT_U32(msg, NVSW_A_VSID, vsid);
	return nvsw_genl_request(msg, NULL, NULL) ? EXIT_FAIL : EXIT_OK;

nla_put_failure:
	return nvsw_put_failure(msg);
}

static int port_add(int argc, char **argv)
{
	return port_change(argc, argv, NVSW_CMD_PORT_NEW, NLM_F_CREATE | NLM_F_EXCL);
}

static int port_del(int argc, char **argv)
{
	return port_change(argc, argv, NVSW_CMD_PORT_DEL, 0);
}

static int print_port(struct nlattr **tb, void *arg)
{
	char ifname[IFNAMSIZ], mac[MAC_STRLEN];
	uint32_t ifindex;

	if (!tb[NVSW_A_PORT_IFINDEX] || !tb[NVSW_A_VSID])
		return -EBADMSG;
	ifindex = nla_get_u32(tb[NVSW_A_PORT_IFINDEX]);
	if (tb[NVSW_A_PORT_IFNAME])
		nla_strlcpy(ifname, tb[NVSW_A_PORT_IFNAME], sizeof(ifname));
	else if (!if_indextoname(ifindex, ifname))
		snprintf(ifname, sizeof(ifname), "if%u", ifindex);
	if (tb[NVSW_A_PORT_MAC])
		format_mac(mac, nla_data(tb[NVSW_A_PORT_MAC]));

	list_item(arg);
	if (opt_json) {
		json_open_object(NULL);
		json_string("dev", ifname);
		json_uint("ifindex", ifindex);
		json_uint("vsid", nla_get_u32(tb[NVSW_A_VSID]));
		if (tb[NVSW_A_PORT_MAC])
			json_string("mac", mac);
		json_close_object();
		return 0;
	}
	printf("%s vsid %u", ifname, nla_get_u32(tb[NVSW_A_VSID]));
	if (tb[NVSW_A_PORT_MAC])
		printf(" mac %s", mac);
	putchar('\n');
	return 0;
}

static int port_show(int argc, char **argv)
{
	bool started = false;
	const char *name;
	struct nl_msg *msg;
	int ret;

	ret = take_switch(&argc, &argv, &name);
	if (!ret)
		ret = no_more_args(argc, argv);
	if (ret)
		return ret;

	msg = nvsw_genl_msg(NVSW_CMD_PORT_GET, NLM_F_DUMP, name);
	ret = !msg || nvsw_genl_request(msg, print_port, &started) ? EXIT_FAIL : EXIT_OK;
	list_end(started, ret);
	return ret;
}

static const struct command commands[] = {
	{ "add",    port_add,  "attach a device in a virtual subnet" },
	{ "del",    port_del,  "detach a device" },
	{ "delete", port_del,  "detach a device" },
	{ "show",   port_show, "list the ports" },
	{ "list",   port_show, "list the ports" },
	{ NULL }
};

int cmd_port(int argc, char **argv)
{
	return dispatch(commands, "port", usage, argc, argv);
}
