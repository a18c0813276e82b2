/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the generic netlink handlers (netlink.c, netlink_route.c,
 * explain.c) and the message builders (nlmsg.c) share, and the family
 * (netlink.c) that notifications go out on. Its policy and op table are in
 * netlink-gen.h, generated from the spec.
 */
#ifndef _NVSW_NETLINK_H
#define _NVSW_NETLINK_H

#include <net/genetlink.h>

#include "netlink-gen.h"

struct nvsw_croute;
struct nvsw_port;
struct nvsw_rdom;
struct nvsw_record;
struct nvsw_switch;
struct nvsw_vsid;
struct nvsw_vsubnet;

/* netlink.c: the family, registered at module init. */
extern struct genl_family nvsw_genl_family;
int nvsw_genl_init(void);
void nvsw_genl_exit(void);

/* The switch a request names, resolved by the family's pre_doit. */
static inline struct nvsw_switch *nvsw_nl_switch(const struct genl_info *info)
{
	return info->user_ptr[0];
}

/* netlink.c */
int nvsw_nl_object(struct nlattr **attrs, struct netlink_ext_ack *extack,
		   int type, const struct nla_policy *policy,
		   unsigned int maxtype, struct nlattr **tb, bool required);
/*
 * The object nest a request carries (NVSW_A_PA for pa, ...), parsed into
 * tb[NVSW_<OBJ>_A_MAX + 1] with its own policy: required in a do, a filter
 * in a dump. netlink.c asserts that each policy has that size.
 */
#define NVSW_NL_OBJECT(attrs, extack, OBJ, obj, tb, required)		\
	nvsw_nl_object(attrs, extack, NVSW_A_##OBJ,			\
		       nvswitch_##obj##_nl_policy, NVSW_##OBJ##_A_MAX,	\
		       tb, required)

/*
 * A required attribute of the object nest is missing: true, with what it
 * is in plain words (what, a literal) in the message, and the attribute by
 * type and nest (NLMSGERR_ATTR_MISS_TYPE and _NEST), which clients name in
 * their own words.
 */
#define NVSW_NL_NEED(info, obj, tb, type, what) ({			\
	struct genl_info *__req_info = (info);				\
	bool __missing = NL_REQ_ATTR_CHECK(__req_info->extack,		\
					   __req_info->attrs[NVSW_A_##obj], \
					   tb, type);			\
									\
	if (__missing)							\
		NL_SET_ERR_MSG(__req_info->extack, "Missing " what);	\
	__missing;							\
})

/*
 * The object nest of a do, parsed (required), and its attribute key, which
 * names the object (required too): 0, or -errno with the extack set.
 */
#define NVSW_NL_REQUEST(info, OBJ, obj, tb, key, what) ({		\
	struct genl_info *__nvsw_ri = (info);				\
	struct nlattr **__nvsw_rtb = (tb);				\
	int __nvsw_rerr = nvsw_nl_object(__nvsw_ri->attrs,		\
					 __nvsw_ri->extack,		\
					 NVSW_A_##OBJ,			\
					 nvswitch_##obj##_nl_policy,	\
					 NVSW_##OBJ##_A_MAX,		\
					 __nvsw_rtb, true);		\
									\
	/* Not __tb: NL_REQ_ATTR_CHECK() has its own. */		\
	if (!__nvsw_rerr &&						\
	    NL_REQ_ATTR_CHECK(__nvsw_ri->extack,			\
			      __nvsw_ri->attrs[NVSW_A_##OBJ],		\
			      __nvsw_rtb, key)) {			\
		NL_SET_ERR_MSG(__nvsw_ri->extack, "Missing " what);	\
		__nvsw_rerr = -EINVAL;					\
	}								\
	__nvsw_rerr;							\
})

void nvsw_nl_get_addr(const struct nlattr *attr, struct in6_addr *addr);
int nvsw_nl_reply(struct genl_info *info, u8 cmd,
		  int (*fill)(struct sk_buff *msg, struct genl_info *info,
			      struct nvsw_switch *sw));

/* A dump of one of a switch's short lists, resumed by position. */
struct nvsw_list_dump {
	struct nvsw_switch *sw;		/* held, and RTNL, during a call */
	long idx, skip;
	struct sk_buff *skb;
	struct netlink_callback *cb;
	const void *ctx;		/* what the listed objects belong to */
	struct nlattr **filter;		/* the request's object nest, parsed */
};

int nvsw_list_dump(struct sk_buff *skb, struct netlink_callback *cb,
		   int (*walk)(struct nvsw_list_dump *d));
int nvsw_list_dump_one(struct nvsw_list_dump *d, u8 cmd,
		       int (*fill)(struct sk_buff *skb,
				   const struct nvsw_list_dump *d,
				   const void *obj),
		       const void *obj);
int nvsw_list_dump_each(struct nvsw_list_dump *d, u8 cmd,
			const struct list_head *list, size_t offset,
			int (*fill)(struct sk_buff *skb,
				    const struct nvsw_list_dump *d,
				    const void *obj));

/* nlmsg.c */
#define NVSW_NL_PREFIX4		BIT(0)
#define NVSW_NL_PREFIX6		BIT(1)

void *nvsw_nl_header(struct sk_buff *skb, u32 portid, u32 seq, int flags,
		     u8 cmd, const struct nvsw_switch *sw);
int nvsw_nl_put_addr(struct sk_buff *skb, int type, const struct in6_addr *addr);
int nvsw_nl_put_addr4(struct sk_buff *skb, int type, __be32 addr);
int nvsw_nl_fill_switch(struct sk_buff *skb, const struct nvsw_switch *sw,
			bool stats);
int nvsw_nl_fill_vsid(struct sk_buff *skb, u32 id, const struct nvsw_vsid *vsid);
int nvsw_nl_fill_bum(struct sk_buff *skb, const struct nvsw_vsid *vsid);
int nvsw_nl_fill_port(struct sk_buff *skb, const struct nvsw_port *port,
		      bool stats);
int nvsw_nl_fill_pa(struct sk_buff *skb, const struct in6_addr *pa);
int nvsw_nl_fill_record(struct sk_buff *skb, const struct nvsw_switch *sw,
			const struct nvsw_record *rec);
int nvsw_nl_fill_vsubnet(struct sk_buff *skb, const struct nvsw_vsubnet *vs,
			 unsigned int families);
int nvsw_nl_fill_croute(struct sk_buff *skb, const struct nvsw_rdom *rd,
			const struct nvsw_croute *rt);

#endif /* _NVSW_NETLINK_H */
