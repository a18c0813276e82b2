// SPDX-License-Identifier: GPL-2.0
/*
 * Longest-prefix match for the router (route.c, vsubnet.c): a binary trie
 * of prefixes, path-compressed so that a node stands for a whole run of
 * bits, as kernel/bpf/lpm_trie.c and net/ipv4/fib_trie.c do. A lookup
 * walks one path from the root, at most one node per bit of the key
 * whatever the number of prefixes, and remembers the last node with a
 * value on the way: the longest prefix that holds the key.
 *
 * A node with a value stands for one prefix; a node without one only
 * parts two subtrees (a branch point) and always has both children. The
 * caller's values are opaque pointers; what they point to is the
 * caller's to free, after a grace period.
 *
 * Writers (RTNL) never change a node that readers may be in other than
 * its value and its child pointers, each published with
 * rcu_assign_pointer() once what it points to is complete; a node taken
 * out of the trie is freed after a grace period, so a reader that is in
 * it finishes its walk through the children it had. Readers take no lock
 * and allocate nothing.
 */
#include <linux/bitops.h>
#include <linux/overflow.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "account.h"
#include "lpm.h"

struct nvsw_lpm_node {
	struct nvsw_lpm_node __rcu *child[2];	/* by the bit after len */
	void __rcu *value;			/* NULL: a branch point */
	struct rcu_head rcu;
	u8 len;					/* the prefix's bits */
	u8 key[];				/* bits past len are zero */
};

static unsigned int key_bytes(const struct nvsw_lpm *lpm)
{
	return DIV_ROUND_UP(lpm->bits, BITS_PER_BYTE);
}

/* Bit i of key, counted from the most significant bit of key[0]. */
static unsigned int bit_at(const u8 *key, unsigned int i)
{
	return (key[i / BITS_PER_BYTE] >> (7 - i % BITS_PER_BYTE)) & 1;
}

/*
 * How many leading bits a and b share, up to max. The bytes before the
 * one that holds bit from are known to be equal (a parent's prefix) and
 * are not compared again.
 */
static unsigned int common_bits(const u8 *a, const u8 *b, unsigned int from,
				unsigned int max)
{
	unsigned int i;
	u8 diff;

	for (i = from / BITS_PER_BYTE; i * BITS_PER_BYTE < max; i++) {
		diff = a[i] ^ b[i];
		if (diff)
			return min(max, i * BITS_PER_BYTE + BITS_PER_BYTE - fls(diff));
	}
	return max;
}

void nvsw_lpm_init(struct nvsw_lpm *lpm, unsigned int bits)
{
	WARN_ON_ONCE(bits > NVSW_LPM_MAX_BITS);
	RCU_INIT_POINTER(lpm->root, NULL);
	lpm->bits = bits;
}

/* Its owner checks this before freeing it: nothing frees nodes left over. */
bool nvsw_lpm_empty(const struct nvsw_lpm *lpm)
{
	return !rcu_access_pointer(lpm->root);
}

static struct nvsw_lpm_node *node_new(const struct nvsw_lpm *lpm,
				      const u8 *key, unsigned int len,
				      void *value)
{
	struct nvsw_lpm_node *node;

	node = kzalloc(struct_size(node, key, key_bytes(lpm)), NVSW_GFP_CONFIG);
	if (!node)
		return NULL;
	node->len = len;
	memcpy(node->key, key, DIV_ROUND_UP(len, BITS_PER_BYTE));
	if (len % BITS_PER_BYTE)
		node->key[len / BITS_PER_BYTE] &= 0xff << (8 - len % BITS_PER_BYTE);
	RCU_INIT_POINTER(node->value, value);
	return node;
}

/* Where a walk to the node of one prefix ends: its slot and its parent's. */
struct lpm_walk {
	struct nvsw_lpm_node __rcu **slot;
	struct nvsw_lpm_node __rcu **parent_slot;
	struct nvsw_lpm_node *parent;
};

/* Under RTNL: the node of exactly key/len, with or without a value. */
static struct nvsw_lpm_node *walk_to(struct nvsw_lpm *lpm, const u8 *key,
				     unsigned int len, struct lpm_walk *w)
{
	struct nvsw_lpm_node *node;
	unsigned int matched = 0;

	w->slot = &lpm->root;
	w->parent_slot = NULL;
	w->parent = NULL;
	while ((node = rtnl_dereference(*w->slot))) {
		matched = common_bits(node->key, key, matched,
				      min_t(unsigned int, node->len, len));
		if (matched < node->len)
			return NULL;
		if (node->len == len)
			return node;
		w->parent_slot = w->slot;
		w->parent = node;
		w->slot = &node->child[bit_at(key, node->len)];
	}
	return NULL;
}

/*
 * Under RTNL: value for the prefix of len bits of key (only the bytes
 * that hold them are read), -EEXIST if the prefix has one. It costs at
 * most two nodes, allocated before anything changes: on -ENOMEM the trie
 * is as it was.
 */
int nvsw_lpm_insert(struct nvsw_lpm *lpm, const void *key, unsigned int len,
		    void *value)
{
	struct nvsw_lpm_node __rcu **slot = &lpm->root;
	struct nvsw_lpm_node *node, *new, *branch;
	unsigned int matched = 0;

	ASSERT_RTNL();
	if (WARN_ON_ONCE(len > lpm->bits || !value))
		return -EINVAL;
	while ((node = rtnl_dereference(*slot))) {
		matched = common_bits(node->key, key, matched,
				      min_t(unsigned int, node->len, len));
		if (matched < node->len || node->len == len)
			break;
		slot = &node->child[bit_at(key, node->len)];
	}
	if (node && node->len == len && matched == len) {
		if (rtnl_dereference(node->value))
			return -EEXIST;
		/* A branch point becomes the prefix's node. */
		rcu_assign_pointer(node->value, value);
		return 0;
	}

	new = node_new(lpm, key, len, value);
	if (!new)
		return -ENOMEM;
	if (!node) {
		rcu_assign_pointer(*slot, new);
		return 0;
	}
	if (matched == len) {
		/* The new prefix holds node's: it goes above it. */
		RCU_INIT_POINTER(new->child[bit_at(node->key, len)], node);
		rcu_assign_pointer(*slot, new);
		return 0;
	}
	/* They part after matched bits: a branch point there holds both. */
	branch = node_new(lpm, key, matched, NULL);
	if (!branch) {
		kfree(new);
		return -ENOMEM;
	}
	RCU_INIT_POINTER(branch->child[bit_at(key, matched)], new);
	RCU_INIT_POINTER(branch->child[bit_at(node->key, matched)], node);
	rcu_assign_pointer(*slot, branch);
	return 0;
}

/* Under RTNL: the value of exactly this prefix, or NULL. */
void *nvsw_lpm_find(struct nvsw_lpm *lpm, const void *key, unsigned int len)
{
	struct nvsw_lpm_node *node;
	struct lpm_walk w;

	ASSERT_RTNL();
	node = walk_to(lpm, key, len, &w);
	return node ? rtnl_dereference(node->value) : NULL;
}

/* Under RTNL: another value for a prefix that has one; the old one back. */
void *nvsw_lpm_replace(struct nvsw_lpm *lpm, const void *key,
		       unsigned int len, void *value)
{
	struct nvsw_lpm_node *node;
	struct lpm_walk w;
	void *old;

	ASSERT_RTNL();
	node = walk_to(lpm, key, len, &w);
	old = node ? rtnl_dereference(node->value) : NULL;
	if (WARN_ON_ONCE(!old || !value))
		return NULL;
	rcu_assign_pointer(node->value, value);
	return old;
}

/*
 * Under RTNL: the prefix goes; its value back (NULL if it had none). The
 * node goes with it unless it still parts two subtrees, and so does a
 * branch point above it that is left with one child.
 */
void *nvsw_lpm_delete(struct nvsw_lpm *lpm, const void *key, unsigned int len)
{
	struct nvsw_lpm_node *node, *child, *sibling;
	struct lpm_walk w;
	unsigned int side;
	void *value;

	ASSERT_RTNL();
	node = walk_to(lpm, key, len, &w);
	value = node ? rtnl_dereference(node->value) : NULL;
	if (!value)
		return NULL;
	if (rtnl_dereference(node->child[0]) && rtnl_dereference(node->child[1])) {
		RCU_INIT_POINTER(node->value, NULL);
		return value;
	}
	child = rtnl_dereference(node->child[0]) ?: rtnl_dereference(node->child[1]);
	if (!child && w.parent && !rtnl_dereference(w.parent->value)) {
		/* The parent parted node from sibling: sibling takes its place. */
		side = rtnl_dereference(w.parent->child[0]) == node;
		sibling = rtnl_dereference(w.parent->child[side]);
		rcu_assign_pointer(*w.parent_slot, sibling);
		kfree_rcu(w.parent, rcu);
	} else {
		rcu_assign_pointer(*w.slot, child);
	}
	kfree_rcu(node, rcu);
	return value;
}

/*
 * Under RCU (or RTNL): the value of the longest prefix that holds key,
 * which has all lpm->bits bits; NULL if none does. No lock, no
 * allocation, at most lpm->bits + 1 nodes visited.
 */
void *nvsw_lpm_lookup(const struct nvsw_lpm *lpm, const void *key)
{
	const struct nvsw_lpm_node *node;
	unsigned int matched = 0;
	void *found = NULL, *value;

	for (node = rcu_dereference_rtnl(lpm->root); node;) {
		if (common_bits(node->key, key, matched, node->len) < node->len)
			break;
		matched = node->len;
		value = rcu_dereference_rtnl(node->value);
		if (value)
			found = value;
		if (matched == lpm->bits)
			break;
		node = rcu_dereference_rtnl(node->child[bit_at(key, matched)]);
	}
	return found;
}
