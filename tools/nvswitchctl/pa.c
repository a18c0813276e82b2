// SPDX-License-Identifier: GPL-2.0
/*
 * nvswitchctl pa: the provider addresses a switch sends NVGRE from and
 * accepts it on.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "netlink.h"
#include "nvswitchctl.h"
#include "objects.h"
#include "parse.h"
#include "print.h"

void pa_usage(FILE *f)
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

bool get_pa(struct nlattr **tb, struct ca_addr *pa)
{
	if (tb[NVSW_A_PA_IPV6]) {
		pa->family = AF_INET6;
		memcpy(&pa->v6, nla_data(tb[NVSW_A_PA_IPV6]), sizeof(pa->v6));
		return true;
	}
	if (tb[NVSW_A_PA_IPV4]) {
		pa->family = AF_INET;
		pa->v4.s_addr = nla_get_u32(tb[NVSW_A_PA_IPV4]);
		return true;
	}
	pa->family = AF_UNSPEC;
	return false;
}

static struct nl_msg *pa_msg(uint8_t cmd, int flags, const char *name,
			     const struct ca_addr *addr)
{
	struct nl_msg *msg = nvsw_genl_msg(cmd, flags, name);

	if (msg && put_addr(msg, NVSW_A_PA_IPV4, addr)) {
		nvsw_put_failure(msg);
		return NULL;
	}
	return msg;
}

/* add, del and get: a switch and one address. */
static int pa_request(int argc, char **argv, uint8_t cmd, int flags,
		      nvsw_reply_fn cb, void *arg)
{
	struct ca_addr addr;
	const char *name;
	struct nl_msg *msg;
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

	msg = pa_msg(cmd, flags, name, &addr);
	if (!msg)
		return EXIT_FAIL;
	/*
	 * The device is made only when the kernel asks for it, so that a
	 * request refused for any other reason leaves the netns as it was.
	 */
	ret = nvsw_genl_request_expecting(msg, cb, arg, ENXIO);
	if (ret != 1)
		return ret ? EXIT_FAIL : EXIT_OK;
	if (underlay6_create())
		return EXIT_FAIL;
	msg = pa_msg(cmd, flags, name, &addr);
	return !msg || nvsw_genl_request(msg, cb, arg) ? EXIT_FAIL : EXIT_OK;
}

int pa_add(int argc, char **argv)
{
	return pa_request(argc, argv, NVSW_CMD_PA_NEW, NLM_F_CREATE | NLM_F_EXCL,
			  NULL, NULL);
}

int pa_del(int argc, char **argv)
{
	return pa_request(argc, argv, NVSW_CMD_PA_DEL, 0, NULL, NULL);
}

int pa_get(int argc, char **argv)
{
	return pa_request(argc, argv, NVSW_CMD_PA_GET, 0, obj_print_reply,
			  (void *)&obj_pa);
}

static int collect_pa(struct nlattr **tb, void *arg)
{
	struct addr_list *l = arg;

	struct ca_addr pa;

	if (!get_pa(tb, &pa))
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

int pa_show(int argc, char **argv)
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
