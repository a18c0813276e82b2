/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small client of etcd's v3 JSON gateway (etcd 3.4: POST /v3/kv/range,
 * /v3/kv/txn, /v3/auth/...), over libcurl. Keys and values are base64 on
 * the wire and plain C strings here; 64-bit numbers are JSON strings there.
 */
#ifndef NVSWITCH_FLEET_ETCD_H
#define NVSWITCH_FLEET_ETCD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

#define ETCD_MAX_ENDPOINTS	16

struct etcd_conf {
	char *endpoints[ETCD_MAX_ENDPOINTS];	/* "http(s)://host:port" */
	size_t n_endpoints;
	char *user;
	char *password;
	char *cacert;		/* PEM file of the CA that signed etcd's certificate */
	char *cert;		/* this client's certificate and key, PEM */
	char *key;
	long timeout_ms;	/* per request */
};

struct kv {
	char *key;
	char *value;		/* NUL-terminated */
	int64_t create_rev;
	int64_t mod_rev;
	int64_t lease;
};

struct kvs {
	struct kv *v;
	size_t n;
	int64_t revision;	/* the store's revision the read was pinned to */
};

struct etcd;

struct etcd *etcd_open(const struct etcd_conf *conf);
void etcd_close(struct etcd *e);
/* Why the last call failed, e.g. "etcdserver: permission denied". */
const char *etcd_error(const struct etcd *e);

/*
 * POSTs @req (consumed) to @path and returns the response in *@resp.
 * Connection failures move on to the next endpoint (nothing was sent, so
 * nothing can apply twice); etcd's own errors are returned as they are.
 */
int etcd_call(struct etcd *e, const char *path, json_object *req, json_object **resp);

/* One key: 1 found, 0 not there, -1 error. *@rev gets the store's revision. */
int etcd_get(struct etcd *e, const char *key, struct kv *out, int64_t *rev);
/*
 * Every key under @prefix at revision @rev (0: the current one), read in
 * pages all pinned to the same revision, so the result is one snapshot.
 */
int etcd_get_prefix(struct etcd *e, const char *prefix, int64_t rev, struct kvs *out);
void kv_free(struct kv *kv);
void kvs_free(struct kvs *kvs);

/* The end of the range of keys starting with @prefix (its last byte + 1). */
char *prefix_end(const char *prefix);

/* Transactions: build with these, then etcd_txn(). */
json_object *txn_new(void);
/* @key's create revision compared (@op "=", ">" or "<") with @rev. */
void txn_cmp_create(json_object *txn, const char *key, const char *op, int64_t rev);
/* @key's (or, with @range, every key under @key's) mod revision against @rev. */
void txn_cmp_mod(json_object *txn, const char *key, bool range, const char *op, int64_t rev);
void txn_put(json_object *txn, const char *key, const char *value);
void txn_del(json_object *txn, const char *key);
/* Runs @txn (consumed): 0 with *@ok and the new *@rev, or -1. */
int etcd_txn(struct etcd *e, json_object *txn, bool *ok, int64_t *rev);

/* base64 of @len bytes; the caller frees. */
char *b64_encode(const char *s, size_t len);
/* Decoded, NUL-terminated; NULL on bad input. */
char *b64_decode(const char *s, size_t *len);

/* A JSON int64 that the gateway may give as a string, or 0 when absent. */
int64_t json_i64(json_object *obj, const char *field);

#endif /* NVSWITCH_FLEET_ETCD_H */
