/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Records (record.c), HNV's policy: (VSID, CA) -> (MAC, PA), in
 * tables by CA (one per family) and by MAC. Written under sw->lock, read
 * by the datapath under RCU.
 */
#ifndef _NVSW_RECORD_H
#define _NVSW_RECORD_H

#include <linux/build_bug.h>
#include <linux/if_ether.h>
#include <linux/in6.h>
#include <linux/rcupdate.h>
#include <linux/rhashtable-types.h>
#include <linux/stddef.h>

struct netlink_ext_ack;
struct nvsw_remote;
struct nvsw_switch;

/* What names a record in requests: (VSID, CA); ca 0: ca6 is the CA. */
struct nvsw_ca_key {
	u32 vsid;
	__be32 ca;
	struct in6_addr ca6;
};

/*
 * The keys of a record's two tables, overlapping so that the VSID is kept
 * once: the CA table's key is the bytes {ca, vsid}, the MAC table's
 * {vsid, mac}. Keys are compared as bytes: nothing pads between the fields.
 */
struct nvsw_record_key {
	__be32 ca;
	u32 vsid;
	u8 mac[ETH_ALEN];
};

static_assert(offsetof(struct nvsw_record_key, vsid) == sizeof(__be32));
static_assert(offsetof(struct nvsw_record_key, mac) == 2 * sizeof(u32));

/* 64 bytes: a million records take 61 MiB of slab, plus the two tables. */
struct nvsw_record {
	struct rhash_head ca_node;
	struct rhlist_head mac_node;
	struct nvsw_record_key key;		/* never changes */
	u32 id;					/* in sw->records_by_id */
	struct nvsw_remote __rcu *remote;	/* sw->lock writes */
	struct rcu_head rcu;
};

/* The key of the IPv6 CA table, compared as bytes: nothing pads. */
struct nvsw_ca6_key {
	struct in6_addr ca;
	u32 vsid;
};

static_assert(sizeof(struct nvsw_ca6_key) == sizeof(struct in6_addr) + sizeof(u32));

/*
 * A record whose CA is IPv6: the layout of an IPv4 record, whose key.ca is
 * 0 (never an IPv4 CA: netlink refuses 0.0.0.0), followed by the key of
 * its CA table. It sits in records_by_mac with the IPv4 records, so
 * forwarding, anti-spoofing and migration, which go by (VSID, MAC), see
 * a VM's records of both families alike; rec.ca_node links it into
 * sw->records_by_ca6 instead of sw->records_by_ca. Keeping IPv6 apart
 * leaves IPv4 records at 72 bytes; an IPv6 one takes 96.
 */
struct nvsw_record6 {
	struct nvsw_record rec;			/* first: a cast converts */
	struct nvsw_ca6_key key6;		/* never changes */
};

static inline u32 nvsw_record_vsid(const struct nvsw_record *rec)
{
	return rec->key.vsid;
}

static inline __be32 nvsw_record_ca(const struct nvsw_record *rec)
{
	return rec->key.ca;
}

static inline bool nvsw_record_is_ipv6(const struct nvsw_record *rec)
{
	return !rec->key.ca;
}

/* Only for a record that nvsw_record_is_ipv6(). */
static inline const struct in6_addr *nvsw_record_ca6(const struct nvsw_record *rec)
{
	return &((const struct nvsw_record6 *)rec)->key6.ca;
}

static inline const u8 *nvsw_record_mac(const struct nvsw_record *rec)
{
	return rec->key.mac;
}

/* Under RCU: the remote a record points to now. */
static inline struct nvsw_remote *nvsw_record_remote(const struct nvsw_record *rec)
{
	return rcu_dereference(rec->remote);
}

/* Selects records for dumps and flushes; zero fields match anything. */
struct nvsw_record_filter {
	u32 vsid;
	struct in6_addr pa;
};

int nvsw_lookup_init(void);
void nvsw_lookup_exit(void);
int nvsw_records_init(struct nvsw_switch *sw);
void nvsw_records_destroy(struct nvsw_switch *sw);
int nvsw_record_set(struct nvsw_switch *sw, const struct nvsw_ca_key *key,
		    const u8 *mac, const struct in6_addr *pa, u16 nlflags,
		    struct netlink_ext_ack *extack);
int nvsw_record_del(struct nvsw_switch *sw, const struct nvsw_ca_key *key,
		    struct netlink_ext_ack *extack);
bool nvsw_record_matches(const struct nvsw_switch *sw,
			 const struct nvsw_record *rec,
			 const struct nvsw_record_filter *filter);
const struct in6_addr *nvsw_record_pa(const struct nvsw_switch *sw,
				      const struct nvsw_record *rec);
unsigned int nvsw_records_flush(struct nvsw_switch *sw,
				const struct nvsw_record_filter *filter);
struct nvsw_record *nvsw_record_by_ca(struct nvsw_switch *sw, u32 vsid,
				      __be32 ca);
struct nvsw_record *nvsw_record_by_ca6(struct nvsw_switch *sw, u32 vsid,
				       const struct in6_addr *ca);
struct nvsw_record *nvsw_record_by_mac(struct nvsw_switch *sw, u32 vsid,
				       const u8 *mac);

#endif /* _NVSW_RECORD_H */
