// SPDX-License-Identifier: GPL-2.0
/*
 * nvswitchctl record: the policy records (VSID, customer address) -> (MAC,
 * provider address) that tell a switch where a customer address lives.
 */
#include <errno.h>

#include "attr_words.h"
#include "netlink.h"
#include "nvswitchctl.h"
#include "objects.h"
#include "parse.h"

static void record_usage(FILE *f)
{
	fprintf(f,
		"Usage: %s record add|replace|change SWITCH vsid VSID ca CA mac MAC pa ADDR\n"
		"       %s record del SWITCH vsid VSID ca CA\n"
		"       %s record get SWITCH vsid VSID ca CA\n"
		"       %s record show SWITCH [vsid VSID] [pa ADDR]\n"
		"       %s record flush SWITCH [vsid VSID] [pa ADDR]\n"
		"\n"
		"add fails if the record exists, change if it does not, replace never.\n"
		"show and flush take the records of that VSID and/or provider address,\n"
		"all of them without a filter.\n"
		"CA: an IPv4 or IPv6 customer address; ADDR: an IPv4 or IPv6 provider address.\n"
		"VSID: %u-%u\n",
		PROG_NAME, PROG_NAME, PROG_NAME, PROG_NAME, PROG_NAME,
		NVSWITCH_VSID_MIN, NVSWITCH_VSID_MAX);
}

enum { KEY_KEYWORDS = 2, ALL_KEYWORDS = 4 };

/*
 * One request carrying a record, with or without a reply to print: its
 * key (vsid, ca) or all of it, as @nkw says; when refused with
 * @retry_errno, sent again as @retry_cmd.
 */
static int record_request(int argc, char **argv, uint8_t cmd, size_t nkw,
			  nvsw_reply_fn fn, void *arg, int retry_errno, uint8_t retry_cmd)
{
	struct ca_addr ca, pa;
	uint8_t mac[MAC_LEN];
	uint32_t vsid;
	struct keyword kw[ALL_KEYWORDS] = {
		ATTR_KEYWORD("vsid", KW_VSID, true, &vsid, A_OBJ(NVSW_RECORD_A_VSID)),
		ATTR_KEYWORD("ca", KW_CA, true, &ca, A_OBJ(NVSW_RECORD_A_CA)),
		ATTR_KEYWORD("mac", KW_MAC, true, mac, A_OBJ(NVSW_RECORD_A_MAC)),
		ATTR_KEYWORD("pa", KW_CA, true, &pa, A_OBJ(NVSW_RECORD_A_PA)),
	};

	return keywords_request(argc, argv, kw, nkw, &(struct kw_request){
		.cmd = cmd, .nest = NVSW_A_RECORD, .reply = fn, .arg = arg,
		.retry_errno = retry_errno, .retry_cmd = retry_cmd });
}

static int record_add(int argc, char **argv)
{
	return record_request(argc, argv, NVSW_CMD_RECORD_NEW, ALL_KEYWORDS, NULL, NULL, 0, 0);
}

/* A record that exists is changed in one step (RECORD_SET), never deleted first. */
static int record_replace(int argc, char **argv)
{
	return record_request(argc, argv, NVSW_CMD_RECORD_NEW, ALL_KEYWORDS, NULL, NULL,
			      EEXIST, NVSW_CMD_RECORD_SET);
}

static int record_change(int argc, char **argv)
{
	return record_request(argc, argv, NVSW_CMD_RECORD_SET, ALL_KEYWORDS, NULL, NULL, 0, 0);
}

static int record_del(int argc, char **argv)
{
	return record_request(argc, argv, NVSW_CMD_RECORD_DEL, KEY_KEYWORDS, NULL, NULL, 0, 0);
}

static int record_get(int argc, char **argv)
{
	return record_request(argc, argv, NVSW_CMD_RECORD_GET, KEY_KEYWORDS,
			      obj_print_reply, (void *)&obj_record, 0, 0);
}

/* show and flush: a switch and the optional filter the kernel applies. */
static int filtered(int argc, char **argv, bool flush)
{
	struct ca_addr pa;
	uint32_t vsid;
	struct keyword kw[] = {
		ATTR_KEYWORD("vsid", KW_VSID, false, &vsid, A_OBJ(NVSW_RECORD_A_VSID)),
		ATTR_KEYWORD("pa", KW_CA, false, &pa, A_OBJ(NVSW_RECORD_A_PA)),
	};

	const struct kw_request flush_rq = {
		.cmd = NVSW_CMD_RECORD_FLUSH, .nest = NVSW_A_RECORD,
		.reply = obj_print_reply, .arg = (void *)&obj_flush,
	}, show_rq = {
		.cmd = NVSW_CMD_RECORD_GET, .flags = NLM_F_DUMP, .nest = NVSW_A_RECORD,
		.list = &obj_record,
	};

	return keywords_request(argc, argv, kw, ARRAY_SIZE(kw), flush ? &flush_rq : &show_rq);
}

static int record_show(int argc, char **argv)
{
	return filtered(argc, argv, false);
}

static int record_flush(int argc, char **argv)
{
	return filtered(argc, argv, true);
}

const struct commands record_commands = COMMANDS(record_usage,
	COMMAND("show", record_show),
	COMMAND("get", record_get),
	COMMAND("add", record_add),
	COMMAND("replace", record_replace),
	COMMAND("change", record_change),
	COMMAND("del", record_del),
	COMMAND("flush", record_flush));
