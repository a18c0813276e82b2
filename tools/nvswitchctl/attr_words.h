/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The attribute sets of the nvswitch family (API v2) as the CLI reads and
 * names them. A message names its switch at the top (NVSW_A_*) and carries
 * one object in a nest of that object's own set (NVSW_RECORD_A_*), which
 * may hold a prefix nest (NVSW_PREFIX_A_*). The CLI reads a message into
 * one flat array: the top-level attributes, then at A_OBJ() those of its
 * object nest, then at A_PFX() those of the object's prefix; descriptor
 * tables (objects.c) and keyword tables (request.c) index that array.
 */
#ifndef NVSWITCHCTL_ATTR_WORDS_H
#define NVSWITCHCTL_ATTR_WORDS_H

#include <stdbool.h>
#include <stddef.h>

#include <netlink/attr.h>

#include <linux/nvswitch.h>

#define MAX_OF(a, b)	((int)(a) > (int)(b) ? (int)(a) : (int)(b))
/* The largest attribute number of any object set. */
#define OBJ_A_MAX \
	MAX_OF(MAX_OF(MAX_OF(NVSW_SWITCH_A_MAX, NVSW_PA_A_MAX), \
		      MAX_OF(NVSW_PORT_A_MAX, NVSW_VSID_A_MAX)), \
	       MAX_OF(MAX_OF(NVSW_RECORD_A_MAX, NVSW_VSUBNET_A_MAX), \
		      MAX_OF(MAX_OF(NVSW_ROUTE_A_MAX, NVSW_EXPLAIN_A_MAX), NVSW_MISS_A_MAX)))

/* Where attribute @a of the object nest, or of its prefix nest, is read to. */
#define A_OBJ(a)	(NVSW_A_MAX + 1 + (a))
#define A_PFX(a)	(A_OBJ(OBJ_A_MAX) + 1 + (a))
#define MSG_A_MAX	A_PFX(NVSW_PREFIX_A_MAX)

/* One attribute set: how replies are validated and what its errors are called. */
struct attr_set {
	int maxtype;
	const struct nla_policy *policy;
	int prefix;		/* the attribute of its prefix nest, or 0 */
	int base;		/* where its attributes go in the flat array */
	/* The keyword that sets each attribute, for the errors that point at one. */
	const char *const *words;
};

extern const struct attr_set top_set, prefix_set;

/* The set of top-level nest @attr (NVSW_A_RECORD...), or NULL for none. */
const struct attr_set *obj_set(int attr);

/*
 * The attributes @head (@len bytes) of a reply or notification into @tb,
 * MSG_A_MAX + 1 entries: the top level, the one object nest it carries
 * and that object's (first) prefix nest, each validated by its policy.
 * Returns 0 or -EBADMSG.
 */
int attrs_parse(struct nlattr **tb, struct nlattr *head, int len);
/* Prefix nest @nest into A_PFX() of @tb: a vsubnet's other prefix. */
int prefix_parse(struct nlattr **tb, struct nlattr *nest);

/* The keyword that gives attribute @type of @set its value, or NULL. */
const char *attr_word(const struct attr_set *set, int type);

#endif /* NVSWITCHCTL_ATTR_WORDS_H */
