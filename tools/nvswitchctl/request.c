// SPDX-License-Identifier: GPL-2.0
/*
 * Requests made of a command line's keywords: each keyword names the
 * attribute its value goes in, so a command is its keyword table and the
 * request it sends, and every command puts a value the same way.
 */
#include "netlink.h"
#include "nvswitchctl.h"
#include "objects.h"
#include "parse.h"

/* In its own family's attribute: a mismatch is for the kernel to name. */
int put_addr(struct nl_msg *msg, int attr, const struct ca_addr *a)
{
	if (a->family == AF_INET6)
		return nla_put(msg, ipv6_twin(attr), sizeof(a->v6), &a->v6);
	return nla_put_u32(msg, attr, a->v4.s_addr);
}

/* PREFIX_IPV4 or PREFIX_IPV6 with PREFIX_LEN, as a request carries it. */
int put_prefix(struct nl_msg *msg, const struct prefix *p)
{
	const struct ca_addr a = { .family = p->family, .v6 = p->addr6 };

	if (put_addr(msg, NVSW_A_PREFIX_IPV4, &a))
		return -1;
	return nla_put_u8(msg, NVSW_A_PREFIX_LEN, p->len);
}

static int put_keyword(struct nl_msg *msg, const struct keyword *kw)
{
	const struct destination *dst = kw->val;

	switch (kw->type) {
	case KW_MAC:
		return nla_put(msg, kw->attr, MAC_LEN, kw->val);
	case KW_FLOWID:
	case KW_BUM:
	case KW_DSCP:
		return nla_put_u8(msg, kw->attr, *(const uint8_t *)kw->val);
	case KW_PREFIX:
		return put_prefix(msg, kw->val);
	case KW_CA:
		return put_addr(msg, kw->attr, kw->val);
	case KW_DEST:
		if (dst->is_mac)
			return nla_put(msg, NVSW_A_MAC, MAC_LEN, dst->mac);
		return put_addr(msg, kw->attr, &dst->ca);
	case KW_IFNAME:
		/* A device the switch creates: the flag that says so, then its name. */
		if (nla_put_flag(msg, NVSW_A_PORT_INTERNAL) < 0)
			return -1;
		return nla_put_string(msg, kw->attr, *(const char *const *)kw->val);
	default:
		return nla_put_u32(msg, kw->attr, *(const uint32_t *)kw->val);
	}
}

static struct nl_msg *keywords_msg(const char *name, const struct kw_request *rq,
				   const struct keyword *kw, size_t n)
{
	struct nl_msg *msg = nvsw_genl_msg(rq->cmd, rq->flags, name);
	size_t i;

	for (i = 0; msg && i < n; i++) {
		if (kw[i].seen && kw[i].attr && put_keyword(msg, &kw[i]) < 0) {
			nvsw_put_failure(msg);
			return NULL;
		}
	}
	return msg;
}

int keywords_request(int argc, char **argv, struct keyword *kw, size_t n,
		     const struct kw_request *rq)
{
	const char *name, *why;
	struct nl_msg *msg;
	int ret;

	ret = take_switch_keywords(argc, argv, &name, kw, n);
	if (ret)
		return ret;
	why = rq->check ? rq->check(kw) : NULL;
	if (why)
		return usage_err("%s", why);
	msg = keywords_msg(name, rq, kw, n);
	if (msg && rq->list)
		return nvsw_genl_print_list(msg, rq->list);
	return !msg || nvsw_genl_request(msg, rq->reply, rq->arg) ? EXIT_FAIL : EXIT_OK;
}
