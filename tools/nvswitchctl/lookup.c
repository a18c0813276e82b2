// SPDX-License-Identifier: GPL-2.0
/*
 * nvswitchctl lookup: the policy records (VSID, customer address) -> (MAC,
 * provider address) that tell a switch where a customer address lives.
 */
#include <errno.h>

#include "netlink.h"
#include "nvswitchctl.h"
#include "objects.h"
#include "parse.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s lookup add|replace|change SWITCH vsid VSID ca CA mac MAC pa ADDR\n"
		"       %s lookup del SWITCH vsid VSID ca CA\n"
		"       %s lookup get SWITCH vsid VSID ca CA\n"
		"       %s lookup show SWITCH [vsid VSID] [pa ADDR]\n"
		"       %s lookup flush SWITCH [vsid VSID] [pa ADDR]\n"
		"\n"
		"add fails if the record exists, change if it does not, replace never.\n"
		"show and flush take the records of that VSID and/or provider address,\n"
		"all of them without a filter.\n"
		"CA: an IPv4 or IPv6 customer address; ADDR: an IPv4 or IPv6 provider address.\n"
		"VSID: %u-%u\n",
		PROG_NAME, PROG_NAME, PROG_NAME, PROG_NAME, PROG_NAME,
		NVSWITCH_VSID_MIN, NVSWITCH_VSID_MAX);
}

/* The record's key and value; which keywords a command takes is its table's size. */
struct record {
	uint32_t vsid;
	struct ca_addr ca;
	struct ca_addr pa;
	uint8_t mac[MAC_LEN];
};

enum { KEY_KEYWORDS = 2, ALL_KEYWORDS = 4 };

static int parse_record(int *argc, char ***argv, const char **name,
			struct record *r, struct keyword *kw, size_t nkw)
{
	struct keyword all[ALL_KEYWORDS] = {
		KEYWORD("vsid", KW_VSID, true, &r->vsid),
		KEYWORD("ca", KW_CA, true, &r->ca),
		KEYWORD("mac", KW_MAC, true, r->mac),
		KEYWORD("pa", KW_CA, true, &r->pa),
	};
	size_t i;
	int ret;

	for (i = 0; i < nkw; i++)
		kw[i] = all[i];
	ret = take_switch(argc, argv, name);
	if (ret)
		return ret;
	return take_keywords(*argc, *argv, kw, nkw);
}

static int put_record(struct nl_msg *msg, const struct record *r, size_t nkw)
{
	NLA_PUT_U32(msg, NVSW_A_VSID, r->vsid);
	if (r->ca.family == AF_INET6)
		NLA_PUT(msg, NVSW_A_CA_IPV6, sizeof(r->ca.v6), &r->ca.v6);
	else
		NLA_PUT_U32(msg, NVSW_A_CA_IPV4, r->ca.v4.s_addr);
	if (nkw == ALL_KEYWORDS) {
		NLA_PUT(msg, NVSW_A_MAC, MAC_LEN, r->mac);
		if (put_pa(msg, &r->pa))
			goto nla_put_failure;
	}
	return 0;

nla_put_failure:
	return -EMSGSIZE;
}

/* One request carrying a record, with or without a reply to print. */
static int record_request(int argc, char **argv, uint8_t cmd, int flags, size_t nkw,
			  nvsw_reply_fn fn, void *arg)
{
	struct keyword kw[ALL_KEYWORDS];
	struct record r;
	const char *name;
	struct nl_msg *msg;
	int ret;

	ret = parse_record(&argc, &argv, &name, &r, kw, nkw);
	if (ret)
		return ret;
	msg = nvsw_genl_msg(cmd, flags, name);
	if (!msg)
		return EXIT_FAIL;
	if (put_record(msg, &r, nkw))
		return nvsw_put_failure(msg);
	return nvsw_genl_request(msg, fn, arg) ? EXIT_FAIL : EXIT_OK;
}

static int lookup_add(int argc, char **argv)
{
	return record_request(argc, argv, NVSW_CMD_LOOKUP_NEW, NLM_F_CREATE | NLM_F_EXCL,
			      ALL_KEYWORDS, NULL, NULL);
}

static int lookup_replace(int argc, char **argv)
{
	return record_request(argc, argv, NVSW_CMD_LOOKUP_NEW, NLM_F_CREATE | NLM_F_REPLACE,
			      ALL_KEYWORDS, NULL, NULL);
}

static int lookup_change(int argc, char **argv)
{
	return record_request(argc, argv, NVSW_CMD_LOOKUP_NEW, NLM_F_REPLACE,
			      ALL_KEYWORDS, NULL, NULL);
}

static int lookup_del(int argc, char **argv)
{
	return record_request(argc, argv, NVSW_CMD_LOOKUP_DEL, 0, KEY_KEYWORDS, NULL, NULL);
}

static int lookup_get(int argc, char **argv)
{
	return record_request(argc, argv, NVSW_CMD_LOOKUP_GET, 0, KEY_KEYWORDS,
			      obj_print_reply, (void *)&obj_lookup);
}

/* show and flush: a switch and the optional filter the kernel applies. */
static int filter_request(int argc, char **argv, uint8_t cmd, int flags,
			  struct nl_msg **msgp)
{
	uint32_t vsid;
	struct ca_addr pa;
	struct keyword kw[] = {
		KEYWORD("vsid", KW_VSID, false, &vsid),
		KEYWORD("pa", KW_CA, false, &pa),
	};
	const char *name;
	struct nl_msg *msg;
	int ret;

	ret = take_switch_keywords(argc, argv, &name, kw, sizeof(kw) / sizeof(kw[0]));
	if (ret)
		return ret;
	msg = nvsw_genl_msg(cmd, flags, name);
	if (!msg)
		return EXIT_FAIL;
	if (kw[0].seen)
		NLA_PUT_U32(msg, NVSW_A_VSID, vsid);
	if (kw[1].seen && put_pa(msg, &pa))
		goto nla_put_failure;
	*msgp = msg;
	return EXIT_OK;

nla_put_failure:
	return nvsw_put_failure(msg);
}

static int lookup_show(int argc, char **argv)
{
	struct nl_msg *msg;
	int ret;

	ret = filter_request(argc, argv, NVSW_CMD_LOOKUP_GET, NLM_F_DUMP, &msg);
	if (ret)
		return ret;
	return nvsw_genl_print_list(msg, &obj_lookup);
}

static int lookup_flush(int argc, char **argv)
{
	struct nl_msg *msg;
	int ret;

	ret = filter_request(argc, argv, NVSW_CMD_LOOKUP_FLUSH, 0, &msg);
	if (ret)
		return ret;
	return nvsw_genl_request(msg, obj_print_reply, (void *)&obj_flush) ?
		EXIT_FAIL : EXIT_OK;
}

static const struct command commands[] = {
	{ "show",    lookup_show,    "list the records" },
	{ "list",    lookup_show,    "list the records" },
	{ "ls",      lookup_show,    "list the records" },
	{ "get",     lookup_get,     "show one record" },
	{ "add",     lookup_add,     "add a record; fails if it exists" },
	{ "replace", lookup_replace, "add or overwrite a record" },
	{ "change",  lookup_change,  "overwrite an existing record" },
	{ "del",     lookup_del,     "remove a record" },
	{ "delete",  lookup_del,     "remove a record" },
	{ "flush",   lookup_flush,   "remove all records, or those of a VSID or PA" },
	{ NULL }
};

int cmd_lookup(int argc, char **argv)
{
	return dispatch(commands, "lookup", usage, argc, argv);
}
