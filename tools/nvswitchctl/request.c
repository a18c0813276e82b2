// SPDX-License-Identifier: GPL-2.0
/*
 * Requests made of a command line's keywords: each keyword names the
 * attribute its value goes in, so a command is its keyword table and the
 * request it sends, and every command puts a value the same way: in the
 * nest of the object the command is about, a prefix in a nest of its own.
 */
#include "attr_words.h"
#include "netlink.h"
#include "nvswitchctl.h"
#include "objects.h"
#include "parse.h"

int put_addr(struct nl_msg *msg, int attr, const struct ca_addr *a)
{
	struct in6_addr wire;

	addr_to_wire(a, &wire);
	return nla_put(msg, attr, sizeof(wire), &wire);
}

/* Is @attr of the flat array (attr_words.h) in the prefix nest? */
static bool in_prefix(int attr)
{
	return attr >= A_PFX(0);
}

static int put_keyword(struct nl_msg *msg, const struct keyword *kw, int attr);

/*
 * A prefix nest @attr: its address and length, then the keywords of
 * @kw that go in it (a vsubnet's gateway).
 */
static int put_prefix_nest(struct nl_msg *msg, int attr, const struct prefix *p,
			   const struct keyword *kw, size_t n)
{
	const struct ca_addr a = { .family = p->family, .v6 = p->addr6 };
	struct nlattr *nest = nla_nest_start(msg, attr);
	size_t i;

	if (!nest || put_addr(msg, NVSW_PREFIX_A_ADDR, &a) ||
	    nla_put_u8(msg, NVSW_PREFIX_A_LEN, p->len) < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (kw[i].seen && kw[i].attr && in_prefix(kw[i].attr) &&
		    put_keyword(msg, &kw[i], kw[i].attr - A_PFX(0)) < 0)
			return -1;
	return nla_nest_end(msg, nest);
}

/* The value of @kw as attribute @attr of the nest being filled. */
static int put_keyword(struct nl_msg *msg, const struct keyword *kw, int attr)
{
	const struct destination *dst = kw->val;

	switch (kw->type) {
	case KW_MAC:
		return nla_put(msg, attr, MAC_LEN, kw->val);
	case KW_FLOWID:
	case KW_BUM:
	case KW_DSCP:
	case KW_ONOFF:
		return nla_put_u8(msg, attr, *(const uint8_t *)kw->val);
	case KW_CA:
		return put_addr(msg, attr, kw->val);
	case KW_DEST:
		if (dst->is_mac)
			return nla_put(msg, kw->mac_attr - A_OBJ(0), MAC_LEN, dst->mac);
		return put_addr(msg, attr, &dst->ca);
	case KW_IFNAME:
		/* A device the switch creates: the flag that says so, then its name. */
		if (nla_put_flag(msg, NVSW_PORT_A_INTERNAL) < 0)
			return -1;
		return nla_put_string(msg, attr, *(const char *const *)kw->val);
	default:
		return nla_put_u32(msg, attr, *(const uint32_t *)kw->val);
	}
}

/* The object nest @nest_attr with the keywords given, if any was. */
static int put_keywords(struct nl_msg *msg, int nest_attr, const struct keyword *kw, size_t n)
{
	struct nlattr *nest;
	bool any = false;
	size_t i;
	int err = 0;

	for (i = 0; i < n; i++)
		any |= kw[i].seen && kw[i].attr;
	if (!any || !nest_attr)
		return 0;
	nest = nla_nest_start(msg, nest_attr);
	if (!nest)
		return -1;
	for (i = 0; !err && i < n; i++) {
		if (!kw[i].seen || !kw[i].attr || in_prefix(kw[i].attr))
			continue;
		if (kw[i].type == KW_PREFIX)
			err = put_prefix_nest(msg, kw[i].attr - A_OBJ(0), kw[i].val, kw, n);
		else
			err = put_keyword(msg, &kw[i], kw[i].attr - A_OBJ(0));
	}
	if (err < 0)
		return -1;
	return nla_nest_end(msg, nest);
}

static struct nl_msg *keywords_msg(const char *name, uint8_t cmd, const struct kw_request *rq,
				   const struct keyword *kw, size_t n)
{
	struct nl_msg *msg = nvsw_genl_msg(cmd, rq->flags, name);

	if (msg && put_keywords(msg, rq->nest, kw, n) < 0) {
		nvsw_put_failure(msg);
		return NULL;
	}
	return msg;
}

int keywords_send(const char *name, const struct kw_request *rq,
		  const struct keyword *kw, size_t n)
{
	struct nl_msg *msg = keywords_msg(name, rq->cmd, rq, kw, n);
	int ret;

	if (!msg)
		return EXIT_FAIL;
	if (rq->list)
		return nvsw_genl_print_list(msg, rq->list);
	if (!rq->retry_errno)
		return nvsw_genl_request(msg, rq->reply, rq->arg) ? EXIT_FAIL : EXIT_OK;
	ret = nvsw_genl_request_expecting(msg, rq->reply, rq->arg, rq->retry_errno);
	if (ret != 1)
		return ret ? EXIT_FAIL : EXIT_OK;
	if (rq->before_retry && rq->before_retry())
		return EXIT_FAIL;
	msg = keywords_msg(name, rq->retry_cmd, rq, kw, n);
	return !msg || nvsw_genl_request(msg, rq->reply, rq->arg) ? EXIT_FAIL : EXIT_OK;
}

int keywords_request(int argc, char **argv, struct keyword *kw, size_t n,
		     const struct kw_request *rq)
{
	const char *name, *why;
	int ret;

	ret = take_switch_keywords(argc, argv, &name, kw, n);
	if (ret)
		return ret;
	why = rq->check ? rq->check(kw) : NULL;
	if (why)
		return usage_err("%s", why);
	return keywords_send(name, rq, kw, n);
}
