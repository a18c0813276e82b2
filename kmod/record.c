// SPDX-License-Identifier: GPL-2.0
/*
 * Records (HNV's lookup records), the policy: (VSID, customer address) ->
 * (customer MAC, provider address). The ARP responder finds them by CA,
 * the switching path by MAC; several CAs of one VM share a MAC, so the MAC
 * index is a list table whose first entry is the newest record. Records
 * point to the remote of their PA (remote.c).
 *
 * IPv6 CAs have a table of their own (struct nvsw_record6) and share the
 * MAC table with IPv4 ones.
 *
 * Writers hold sw->lock; the datapath reads under RCU. A replaced record
 * never leaves a window without one: a new PA is one pointer store into
 * the record, a new MAC swaps in a new record before the old one goes.
 */
#include <linux/etherdevice.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>

#include "account.h"
#include "bum.h"
#include "guard.h"
#include "limit.h"
#include "record.h"
#include "migrate.h"
#include "notify.h"
#include "nvswitch.h"
#include "remote.h"

static struct kmem_cache *record_cache __read_mostly;
static struct kmem_cache *record6_cache __read_mostly;

/* The CA table's key is {ca, vsid}, the MAC table's {vsid, mac}. */
#define CA_KEY_OFFSET	offsetof(struct nvsw_record, key.ca)
#define MAC_KEY_OFFSET	offsetof(struct nvsw_record, key.vsid)

static const struct rhashtable_params ca_params = {
	.key_len = offsetof(struct nvsw_record_key, mac),
	.key_offset = CA_KEY_OFFSET,
	.head_offset = offsetof(struct nvsw_record, ca_node),
	.automatic_shrinking = true,
};

static const struct rhashtable_params mac_params = {
	.key_len = offsetofend(struct nvsw_record_key, mac) -
		   offsetof(struct nvsw_record_key, vsid),
	.key_offset = MAC_KEY_OFFSET,
	.head_offset = offsetof(struct nvsw_record, mac_node),
	.automatic_shrinking = true,
};

static const struct rhashtable_params ca6_params = {
	.key_len = sizeof(struct nvsw_ca6_key),
	.key_offset = offsetof(struct nvsw_record6, key6),
	.head_offset = offsetof(struct nvsw_record6, rec.ca_node),
	.automatic_shrinking = true,
};

int nvsw_lookup_init(void)
{
	record_cache = KMEM_CACHE(nvsw_record, SLAB_ACCOUNT);
	if (!record_cache)
		return -ENOMEM;
	record6_cache = KMEM_CACHE(nvsw_record6, SLAB_ACCOUNT);
	if (!record6_cache) {
		kmem_cache_destroy(record_cache);
		return -ENOMEM;
	}
	return 0;
}

/* After rcu_barrier(): no record is waiting for its grace period. */
void nvsw_lookup_exit(void)
{
	kmem_cache_destroy(record6_cache);
	kmem_cache_destroy(record_cache);
}

int nvsw_records_init(struct nvsw_switch *sw)
{
	int err;

	/* Never 0: a dump reads 0 as "no generation seen yet". */
	sw->records_gen = 1;
	xa_init_flags(&sw->records_by_id, XA_FLAGS_ALLOC1 | XA_FLAGS_ACCOUNT);
	err = rhashtable_init(&sw->records_by_ca, &ca_params);
	if (err)
		return err;
	err = rhltable_init(&sw->records_by_mac, &mac_params);
	if (err)
		goto err_ca;
	err = rhashtable_init(&sw->records_by_ca6, &ca6_params);
	if (err)
		goto err_mac;
	return 0;

err_mac:
	rhltable_destroy(&sw->records_by_mac);
err_ca:
	rhashtable_destroy(&sw->records_by_ca);
	return err;
}

static void record_free_now(struct nvsw_record *rec)
{
	if (nvsw_record_is_ipv6(rec))
		kmem_cache_free(record6_cache, rec);
	else
		kmem_cache_free(record_cache, rec);
}

/* Both CA tables' objects start with the record, so ptr is one. */
static void record_free(void *ptr, void *arg)
{
	record_free_now(ptr);
}

/*
 * call_rcu rather than kfree_rcu: module exit's rcu_barrier() waits for
 * these, so the cache is empty when it is destroyed.
 */
static void record_free_rcu(struct rcu_head *head)
{
	record_free_now(container_of(head, struct nvsw_record, rcu));
}

/* The switch is unregistered and past a grace period: nobody reads. */
void nvsw_records_destroy(struct nvsw_switch *sw)
{
	rhltable_destroy(&sw->records_by_mac);
	rhashtable_free_and_destroy(&sw->records_by_ca, record_free, NULL);
	rhashtable_free_and_destroy(&sw->records_by_ca6, record_free, NULL);
	xa_destroy(&sw->records_by_id);
}

/* A record of the family key names, not in any table yet. */
static struct nvsw_record *record_alloc(const struct nvsw_ca_key *key,
					const u8 *mac,
					struct nvsw_remote *remote)
{
	struct nvsw_record6 *rec6;
	struct nvsw_record *rec;

	if (key->ca) {
		rec = kmem_cache_zalloc(record_cache, NVSW_GFP_CONFIG);
		if (!rec)
			return NULL;
	} else {
		rec6 = kmem_cache_zalloc(record6_cache, NVSW_GFP_CONFIG);
		if (!rec6)
			return NULL;
		rec6->key6.ca = key->ca6;
		rec6->key6.vsid = key->vsid;
		rec = &rec6->rec;
	}
	rec->key.ca = key->ca;
	rec->key.vsid = key->vsid;
	ether_addr_copy(rec->key.mac, mac);
	RCU_INIT_POINTER(rec->remote, remote);
	return rec;
}

/* The key that names rec in requests. */
static void record_ca_key(const struct nvsw_record *rec,
			  struct nvsw_ca_key *key)
{
	key->vsid = rec->key.vsid;
	key->ca = rec->key.ca;
	if (nvsw_record_is_ipv6(rec))
		key->ca6 = *nvsw_record_ca6(rec);
}

/* Under RCU, or sw->lock. */
struct nvsw_record *nvsw_record_by_ca(struct nvsw_switch *sw, u32 vsid,
				      __be32 ca)
{
	struct nvsw_record_key key = { .ca = ca, .vsid = vsid };

	return rhashtable_lookup_fast(&sw->records_by_ca, &key.ca, ca_params);
}

/* Under RCU, or sw->lock. */
struct nvsw_record *nvsw_record_by_ca6(struct nvsw_switch *sw, u32 vsid,
				       const struct in6_addr *ca)
{
	struct nvsw_ca6_key key = { .ca = *ca, .vsid = vsid };
	struct nvsw_record6 *rec6;

	rec6 = rhashtable_lookup_fast(&sw->records_by_ca6, &key, ca6_params);
	return rec6 ? &rec6->rec : NULL;
}

/* Under RCU, or sw->lock: the record a request names, of either family. */
static struct nvsw_record *record_find(struct nvsw_switch *sw,
				       const struct nvsw_ca_key *key)
{
	if (key->ca)
		return nvsw_record_by_ca(sw, key->vsid, key->ca);
	return nvsw_record_by_ca6(sw, key->vsid, &key->ca6);
}

/* Under RCU. */
struct nvsw_record *nvsw_record_by_mac(struct nvsw_switch *sw, u32 vsid,
				       const u8 *mac)
{
	struct nvsw_record_key key;
	struct rhlist_head *list;

	key.vsid = vsid;
	ether_addr_copy(key.mac, mac);
	list = rhltable_lookup(&sw->records_by_mac, &key.vsid, mac_params);
	return list ? container_of(list, struct nvsw_record, mac_node) : NULL;
}

static void record_changed(struct nvsw_switch *sw)
{
	lockdep_assert_held(&sw->lock);
	/* Lets a dump notice it raced with a change (NLM_F_DUMP_INTR). */
	sw->records_gen++;
}

static int ca_table_insert(struct nvsw_switch *sw, struct nvsw_record *rec)
{
	if (nvsw_record_is_ipv6(rec))
		return rhashtable_insert_fast(&sw->records_by_ca6,
					      &rec->ca_node, ca6_params);
	return rhashtable_insert_fast(&sw->records_by_ca, &rec->ca_node,
				      ca_params);
}

static void ca_table_remove(struct nvsw_switch *sw, struct nvsw_record *rec)
{
	if (nvsw_record_is_ipv6(rec))
		rhashtable_remove_fast(&sw->records_by_ca6, &rec->ca_node,
				       ca6_params);
	else
		rhashtable_remove_fast(&sw->records_by_ca, &rec->ca_node,
				       ca_params);
}

static int record_insert(struct nvsw_switch *sw, struct nvsw_record *rec)
{
	int err;

	err = rhltable_insert(&sw->records_by_mac, &rec->mac_node, mac_params);
	if (err)
		return err;
	err = ca_table_insert(sw, rec);
	if (err)
		rhltable_remove(&sw->records_by_mac, &rec->mac_node,
				mac_params);
	return err;
}

static struct nvsw_remote *record_remote(const struct nvsw_switch *sw,
					 const struct nvsw_record *rec)
{
	return rcu_dereference_protected(rec->remote,
					 lockdep_is_held(&sw->lock));
}

/* Gives a record a new MAC by swapping in a copy: readers see one or the other. */
static int record_swap(struct nvsw_switch *sw, struct nvsw_record *old,
		       const u8 *mac, struct nvsw_remote *remote)
{
	struct nvsw_record *rec;
	struct nvsw_ca_key key;
	int err;

	record_ca_key(old, &key);
	rec = record_alloc(&key, mac, remote);
	if (!rec)
		return -ENOMEM;

	err = rhltable_insert(&sw->records_by_mac, &rec->mac_node, mac_params);
	if (err) {
		record_free_now(rec);
		return err;
	}
	if (nvsw_record_is_ipv6(rec))
		err = rhashtable_replace_fast(&sw->records_by_ca6,
					      &old->ca_node, &rec->ca_node,
					      ca6_params);
	else
		err = rhashtable_replace_fast(&sw->records_by_ca,
					      &old->ca_node, &rec->ca_node,
					      ca_params);
	if (WARN_ON_ONCE(err)) {
		rhltable_remove(&sw->records_by_mac, &rec->mac_node,
				mac_params);
		record_free_now(rec);
		return err;
	}
	/* The slot exists: storing over it allocates nothing, cannot fail. */
	rec->id = old->id;
	xa_store(&sw->records_by_id, rec->id, rec, GFP_KERNEL);
	rhltable_remove(&sw->records_by_mac, &old->mac_node, mac_params);
	nvsw_remote_put(sw, record_remote(sw, old));
	call_rcu(&old->rcu, record_free_rcu);
	return 0;
}

/* Takes over the caller's reference on remote, whatever happens. */
static int record_update(struct nvsw_switch *sw, struct nvsw_record *rec,
			 const u8 *mac, struct nvsw_remote *remote)
{
	struct nvsw_remote *old = record_remote(sw, rec);
	int err;

	if (!ether_addr_equal(rec->key.mac, mac)) {
		err = record_swap(sw, rec, mac, remote);
		if (err)
			nvsw_remote_put(sw, remote);
		return err;
	}
	/* Same MAC: moving to another host is this one store. */
	rcu_assign_pointer(rec->remote, remote);
	nvsw_remote_put(sw, old);
	return 0;
}

static int record_create(struct nvsw_switch *sw, const struct nvsw_ca_key *key,
			 const u8 *mac, struct nvsw_remote *remote)
{
	struct nvsw_record *rec;
	int err;

	rec = record_alloc(key, mac, remote);
	if (!rec) {
		err = -ENOMEM;
		goto err_put;
	}
	/* Ids wrap around after 2^32 creations, skipping those still in use. */
	err = xa_alloc_cyclic(&sw->records_by_id, &rec->id, rec, xa_limit_32b,
			      &sw->next_record_id, NVSW_GFP_CONFIG);
	if (err < 0)
		goto err_free;
	err = record_insert(sw, rec);
	if (err)
		goto err_erase;
	nvsw_limit_charge(sw, NVSW_LIMIT_RECORDS);
	return 0;

err_erase:
	xa_erase(&sw->records_by_id, rec->id);
err_free:
	record_free_now(rec);
err_put:
	nvsw_remote_put(sw, remote);
	return err;
}

int nvsw_record_set(struct nvsw_switch *sw, const struct nvsw_ca_key *key,
		    const u8 *mac, const struct in6_addr *pa, u16 nlflags,
		    struct netlink_ext_ack *extack)
{
	struct nvsw_remote *remote, *from = NULL;
	struct nvsw_record *rec;
	int err;

	mutex_lock(&sw->lock);
	rec = record_find(sw, key);
	if (rec && (nlflags & NLM_F_EXCL || !(nlflags & NLM_F_REPLACE))) {
		NL_SET_ERR_MSG(extack, "A record for this VSID and CA exists");
		err = -EEXIST;
		goto out;
	}
	if (!rec && !(nlflags & NLM_F_CREATE)) {
		NL_SET_ERR_MSG(extack, "No record for this VSID and CA");
		err = -ENOENT;
		goto out;
	}
	/* A replace takes no more room. */
	if (!rec) {
		err = nvsw_limit_check(sw, NVSW_LIMIT_RECORDS, extack);
		if (err)
			goto out;
	}

	remote = nvsw_remote_get(sw, pa);
	if (IS_ERR(remote)) {
		err = PTR_ERR(remote);
		goto out;
	}
	/* Before anything changes: the only step here that may fail. */
	err = nvsw_bum_pa_add(sw, key->vsid, remote);
	if (err) {
		nvsw_remote_put(sw, remote);
		goto out;
	}
	if (rec) {
		from = record_remote(sw, rec);
		/* A move keeps its source remote alive past the update. */
		nvsw_remote_hold(sw, from);
		err = record_update(sw, rec, mac, remote);
	} else {
		err = record_create(sw, key, mac, remote);
	}
	if (err) {
		nvsw_bum_pa_del(sw, key->vsid, remote);
		goto out_from;
	}
	if (from)
		nvsw_bum_pa_del(sw, key->vsid, from);

	record_changed(sw);
	if (from)
		nvsw_claims_recheck(sw, key->vsid);
	if (from && from != remote)
		nvsw_moved(sw, key->vsid, mac, from, remote);
	/* A VM moved here: let its new neighbours know. */
	if (from && !from->local && remote->local)
		nvsw_announce(sw, key, mac);
	nvsw_notify_record(sw, record_find(sw, key),
			   rec ? NVSW_CMD_RECORD_SET_NTF : NVSW_CMD_RECORD_NEW_NTF,
			   GFP_KERNEL);
out_from:
	if (from)
		nvsw_remote_put(sw, from);
out:
	mutex_unlock(&sw->lock);
	return err;
}

static void record_unlink(struct nvsw_switch *sw, struct nvsw_record *rec)
{
	xa_erase(&sw->records_by_id, rec->id);
	ca_table_remove(sw, rec);
	rhltable_remove(&sw->records_by_mac, &rec->mac_node, mac_params);
	nvsw_bum_pa_del(sw, rec->key.vsid, record_remote(sw, rec));
	/* Readers that found rec see its remote alive until a grace period. */
	nvsw_remote_put(sw, record_remote(sw, rec));
	call_rcu(&rec->rcu, record_free_rcu);
	nvsw_limit_uncharge(sw, NVSW_LIMIT_RECORDS);
	record_changed(sw);
}

int nvsw_record_del(struct nvsw_switch *sw, const struct nvsw_ca_key *key,
		    struct netlink_ext_ack *extack)
{
	struct nvsw_record *rec;
	int err = 0;

	mutex_lock(&sw->lock);
	rec = record_find(sw, key);
	if (!rec) {
		NL_SET_ERR_MSG(extack, "No record for this VSID and CA");
		err = -ENOENT;
		goto out;
	}
	nvsw_notify_record(sw, rec, NVSW_CMD_RECORD_DEL_NTF, GFP_KERNEL);
	record_unlink(sw, rec);
	nvsw_claims_recheck(sw, key->vsid);
out:
	mutex_unlock(&sw->lock);
	return err;
}

const struct in6_addr *nvsw_record_pa(const struct nvsw_switch *sw,
				      const struct nvsw_record *rec)
{
	return &record_remote(sw, rec)->pa;
}

bool nvsw_record_matches(const struct nvsw_switch *sw,
			 const struct nvsw_record *rec,
			 const struct nvsw_record_filter *filter)
{
	return (!filter->vsid || rec->key.vsid == filter->vsid) &&
	       (ipv6_addr_any(&filter->pa) ||
		ipv6_addr_equal(nvsw_record_pa(sw, rec), &filter->pa));
}

/* Long flushes let go of the CPU every so many records. */
#define FLUSH_BATCH	1024

unsigned int nvsw_records_flush(struct nvsw_switch *sw,
				const struct nvsw_record_filter *filter)
{
	unsigned int n = 0, batch = 0;
	struct nvsw_record *rec;
	unsigned long id;

	mutex_lock(&sw->lock);
	/* Each step of the walk is its own RCU section: it may sleep between. */
	xa_for_each(&sw->records_by_id, id, rec) {
		if (!nvsw_record_matches(sw, rec, filter))
			continue;
		nvsw_notify_record(sw, rec, NVSW_CMD_RECORD_DEL_NTF, GFP_KERNEL);
		record_unlink(sw, rec);
		n++;
		if (++batch == FLUSH_BATCH) {
			batch = 0;
			cond_resched();
		}
	}
	if (n)
		nvsw_claims_recheck(sw, filter->vsid);
	mutex_unlock(&sw->lock);
	return n;
}
