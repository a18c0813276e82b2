// SPDX-License-Identifier: GPL-2.0
/*
 * nvswitchctl pa: the provider addresses a switch sends NVGRE from and
 * accepts it on.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "attr_words.h"
#include "netlink.h"
#include "nvswitchctl.h"
#include "objects.h"
#include "parse.h"
#include "print.h"

static void pa_usage(FILE *f)
{
	fprintf(f,
		"Usage: %s pa add SWITCH ADDR\n"
		"       %s pa del SWITCH ADDR\n"
		"       %s pa get SWITCH ADDR\n"
		"       %s pa show SWITCH\n"
		"\n"
		"ADDR: IPv4 or IPv6. When the netns has no external ip6gretap device to\n"
		"receive NVGRE over IPv6 on, adding an IPv6 PA creates " UNDERLAY6_IFNAME ".\n",
		PROG_NAME, PROG_NAME, PROG_NAME, PROG_NAME);
}

/*
 * add, del and get: a switch and one address. The first IPv6 PA of a netns
 * is refused with ENXIO, and only it, when there is no external ip6gretap
 * device to receive on: add makes one then, and only then, so that a
 * request refused for any other reason leaves the netns as it was.
 */
static int pa_request(int argc, char **argv, uint8_t cmd, nvsw_reply_fn cb, void *arg)
{
	struct ca_addr addr;
	struct keyword kw = ATTR_KEYWORD("ADDR", KW_CA, true, &addr, A_OBJ(NVSW_PA_A_ADDR));
	const struct kw_request rq = {
		.cmd = cmd, .nest = NVSW_A_PA, .reply = cb, .arg = arg,
		.retry_errno = cmd == NVSW_CMD_PA_NEW ? ENXIO : 0,
		.retry_cmd = cmd, .before_retry = underlay6_create,
	};
	const char *name;
	int ret;

	ret = take_switch(&argc, &argv, &name);
	if (ret)
		return ret;
	if (argc < 1)
		return usage_err("missing ADDR");
	if (parse_ca(argv[0], &addr))
		return usage_err("%s", parse_error());
	ret = no_more_args(argc - 1, argv + 1);
	if (ret)
		return ret;
	kw.seen = true;
	return keywords_send(name, &rq, &kw, 1);
}

static int pa_add(int argc, char **argv)
{
	return pa_request(argc, argv, NVSW_CMD_PA_NEW, NULL, NULL);
}

static int pa_del(int argc, char **argv)
{
	return pa_request(argc, argv, NVSW_CMD_PA_DEL, NULL, NULL);
}

static int pa_get(int argc, char **argv)
{
	return pa_request(argc, argv, NVSW_CMD_PA_GET, obj_print_reply, (void *)&obj_pa);
}

static int collect_pa(struct nlattr **tb, void *arg)
{
	struct addr_list *l = arg;
	struct ca_addr pa;

	if (!get_addr(tb, A_OBJ(NVSW_PA_A_ADDR), &pa))
		return -EBADMSG;
	l->a = grow_array(l->a, &l->cap, l->n, sizeof(*l->a));
	if (!l->a)
		return -ENOMEM;
	l->a[l->n++] = pa;
	return 0;
}

static int dump_pas(struct nl_msg *msg, struct addr_list *l)
{
	if (!msg)
		return EXIT_FAIL;
	return nvsw_genl_request(msg, collect_pa, l) ? EXIT_FAIL : EXIT_OK;
}

int pa_list(uint32_t ifindex, struct addr_list *l)
{
	struct nl_msg *msg;

	msg = nvsw_genl_msg(NVSW_CMD_PA_GET, NLM_F_DUMP, NULL);
	if (msg && nla_put_u32(msg, NVSW_A_IFINDEX, ifindex) < 0)
		return nvsw_put_failure(msg);
	return dump_pas(msg, l);
}

static int pa_show(int argc, char **argv)
{
	char buf[INET6_ADDRSTRLEN];
	struct addr_list l = { 0 };
	bool started = false;
	const char *name;
	size_t i;
	int ret;

	ret = take_switch(&argc, &argv, &name);
	if (!ret)
		ret = no_more_args(argc, argv);
	if (ret)
		return ret;

	ret = dump_pas(nvsw_genl_msg(NVSW_CMD_PA_GET, NLM_F_DUMP, name), &l);
	for (i = 0; !ret && i < l.n; i++) {
		list_item(&started);
		print_string(PRINT_ANY, NULL, "%s", format_addr(buf, &l.a[i]));
		print_nl();
	}
	list_end(started, ret);
	free(l.a);
	return ret;
}

const struct commands pa_commands = COMMANDS(pa_usage,
	COMMAND("show", pa_show),
	COMMAND("get", pa_get),
	COMMAND("add", pa_add),
	COMMAND("del", pa_del));
