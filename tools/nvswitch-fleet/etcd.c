// SPDX-License-Identifier: GPL-2.0
/*
 * etcd's v3 JSON gateway over libcurl: failover between endpoints, user and
 * password authentication, TLS client certificates, paged range reads pinned
 * to one revision, and transactions. Nothing here knows the nvswitch schema.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "etcd.h"

/* Keys per range request: big enough to be quick, small enough for etcd. */
#define PAGE_SIZE	500

struct etcd {
	const struct etcd_conf *conf;
	CURL *curl;
	size_t current;		/* the endpoint that answered last */
	char *token;		/* from /v3/auth/authenticate, when a user is set */
	char error[512];
};

struct buf {
	char *data;
	size_t len;
};

static void set_error(struct etcd *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void set_error(struct etcd *e, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(e->error, sizeof(e->error), fmt, ap);
	va_end(ap);
}

const char *etcd_error(const struct etcd *e)
{
	return e->error;
}

struct etcd *etcd_open(const struct etcd_conf *conf)
{
	struct etcd *e;

	if (curl_global_init(CURL_GLOBAL_DEFAULT))
		return NULL;
	e = calloc(1, sizeof(*e));
	if (!e)
		return NULL;
	e->conf = conf;
	e->curl = curl_easy_init();
	if (!e->curl) {
		free(e);
		return NULL;
	}
	return e;
}

void etcd_close(struct etcd *e)
{
	if (!e)
		return;
	curl_easy_cleanup(e->curl);
	free(e->token);
	free(e);
	curl_global_cleanup();
}

static size_t on_data(char *ptr, size_t size, size_t nmemb, void *arg)
{
	struct buf *b = arg;
	size_t n = size * nmemb;
	char *p = realloc(b->data, b->len + n + 1);

	if (!p)
		return 0;
	memcpy(p + b->len, ptr, n);
	b->len += n;
	p[b->len] = '\0';
	b->data = p;
	return n;
}

/*
 * Failures where the request cannot have reached etcd: safe to send again
 * elsewhere. A timeout after sending is not one of them (a transaction may
 * have applied), so it is reported rather than retried.
 */
static bool not_sent(CURLcode rc)
{
	return rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST ||
	       rc == CURLE_COULDNT_RESOLVE_PROXY || rc == CURLE_SSL_CONNECT_ERROR;
}

/* One POST to one endpoint. Returns the curl code; *@http the status. */
static CURLcode post(struct etcd *e, const char *endpoint, const char *path,
		     const char *body, struct buf *out, long *http)
{
	const struct etcd_conf *c = e->conf;
	struct curl_slist *hdrs = NULL;
	char url[1024], auth[1200];
	CURLcode rc;

	snprintf(url, sizeof(url), "%s%s", endpoint, path);
	hdrs = curl_slist_append(hdrs, "Content-Type: application/json");
	if (e->token && strcmp(path, "/v3/auth/authenticate")) {
		snprintf(auth, sizeof(auth), "Authorization: %s", e->token);
		hdrs = curl_slist_append(hdrs, auth);
	}
	curl_easy_reset(e->curl);
	curl_easy_setopt(e->curl, CURLOPT_URL, url);
	curl_easy_setopt(e->curl, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(e->curl, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(e->curl, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(e->curl, CURLOPT_WRITEDATA, out);
	curl_easy_setopt(e->curl, CURLOPT_TIMEOUT_MS, c->timeout_ms);
	curl_easy_setopt(e->curl, CURLOPT_CONNECTTIMEOUT_MS, c->timeout_ms);
	curl_easy_setopt(e->curl, CURLOPT_NOSIGNAL, 1L);
	/* etcd's gateway is never behind a proxy the environment names. */
	curl_easy_setopt(e->curl, CURLOPT_NOPROXY, "*");
	if (c->cacert)
		curl_easy_setopt(e->curl, CURLOPT_CAINFO, c->cacert);
	if (c->cert)
		curl_easy_setopt(e->curl, CURLOPT_SSLCERT, c->cert);
	if (c->key)
		curl_easy_setopt(e->curl, CURLOPT_SSLKEY, c->key);
	rc = curl_easy_perform(e->curl);
	if (rc == CURLE_OK)
		curl_easy_getinfo(e->curl, CURLINFO_RESPONSE_CODE, http);
	curl_slist_free_all(hdrs);
	return rc;
}

/* The endpoints in turn, starting with the one that answered last. */
static int post_any(struct etcd *e, const char *path, const char *body,
		    json_object **resp)
{
	const struct etcd_conf *c = e->conf;
	char tried[400] = "";
	CURLcode rc = CURLE_OK;
	size_t i, at;

	for (i = 0; i < c->n_endpoints; i++) {
		struct buf out = { NULL, 0 };
		long http = 0;
		json_object *msg;

		at = (e->current + i) % c->n_endpoints;
		rc = post(e, c->endpoints[at], path, body, &out, &http);
		if (rc != CURLE_OK) {
			free(out.data);
			snprintf(tried + strlen(tried), sizeof(tried) - strlen(tried),
				 "%s%s", *tried ? ", " : "", c->endpoints[at]);
			if (not_sent(rc))
				continue;
			set_error(e, "etcd at %s: %s", c->endpoints[at], curl_easy_strerror(rc));
			return -1;
		}
		e->current = at;
		*resp = out.data ? json_tokener_parse(out.data) : NULL;
		if (!*resp || !json_object_is_type(*resp, json_type_object)) {
			set_error(e, "etcd at %s: HTTP %ld, not a JSON answer: %.100s",
				  c->endpoints[at], http, out.data ? out.data : "");
			json_object_put(*resp);
			free(out.data);
			return -1;
		}
		free(out.data);
		/* The gateway's errors: {"error": ..., "code": N, "message": ...} */
		if (json_object_object_get_ex(*resp, "error", &msg) ||
		    json_object_object_get_ex(*resp, "message", &msg) || http != 200) {
			set_error(e, "%s", msg ? json_object_get_string(msg) : "HTTP error");
			if (!msg)
				set_error(e, "etcd at %s: HTTP %ld", c->endpoints[at], http);
			json_object_put(*resp);
			*resp = NULL;
			return -1;
		}
		return 0;
	}
	set_error(e, "cannot reach etcd at %s: %s", tried, curl_easy_strerror(rc));
	return -1;
}

static int authenticate(struct etcd *e)
{
	json_object *req = json_object_new_object(), *resp, *tok;
	int ret;

	json_object_object_add(req, "name", json_object_new_string(e->conf->user));
	json_object_object_add(req, "password",
			       json_object_new_string(e->conf->password ? e->conf->password : ""));
	ret = post_any(e, "/v3/auth/authenticate", json_object_to_json_string(req), &resp);
	json_object_put(req);
	if (ret) {
		char why[sizeof(e->error)];

		snprintf(why, sizeof(why), "%s", e->error);
		set_error(e, "cannot log in to etcd as \"%s\": %s", e->conf->user, why);
		return -1;
	}
	free(e->token);
	e->token = NULL;
	if (json_object_object_get_ex(resp, "token", &tok))
		e->token = strdup(json_object_get_string(tok));
	json_object_put(resp);
	if (!e->token) {
		set_error(e, "etcd gave no token for \"%s\"", e->conf->user);
		return -1;
	}
	return 0;
}

int etcd_call(struct etcd *e, const char *path, json_object *req, json_object **resp)
{
	const char *body = json_object_to_json_string(req);
	int ret;

	*resp = NULL;
	if (e->conf->user && !e->token && authenticate(e)) {
		json_object_put(req);
		return -1;
	}
	ret = post_any(e, path, body, resp);
	/* Simple tokens expire after a while idle (--auth-token-ttl): log in again. */
	if (ret && e->token && strstr(e->error, "invalid auth token")) {
		if (!authenticate(e))
			ret = post_any(e, path, body, resp);
	}
	json_object_put(req);
	return ret;
}

/* --- base64, as the gateway carries bytes -------------------------------- */

static const char b64[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

char *b64_encode(const char *s, size_t len)
{
	const unsigned char *in = (const unsigned char *)s;
	char *out = malloc(4 * ((len + 2) / 3) + 1), *p = out;
	size_t i;

	if (!out)
		return NULL;
	for (i = 0; i + 2 < len; i += 3) {
		*p++ = b64[in[i] >> 2];
		*p++ = b64[((in[i] & 3) << 4) | (in[i + 1] >> 4)];
		*p++ = b64[((in[i + 1] & 15) << 2) | (in[i + 2] >> 6)];
		*p++ = b64[in[i + 2] & 63];
	}
	if (i < len) {
		*p++ = b64[in[i] >> 2];
		if (i + 1 < len) {
			*p++ = b64[((in[i] & 3) << 4) | (in[i + 1] >> 4)];
			*p++ = b64[(in[i + 1] & 15) << 2];
		} else {
			*p++ = b64[(in[i] & 3) << 4];
			*p++ = '=';
		}
		*p++ = '=';
	}
	*p = '\0';
	return out;
}

char *b64_decode(const char *s, size_t *len)
{
	size_t n = strlen(s), i, o = 0;
	unsigned int acc = 0, bits = 0;
	char *out = malloc(n / 4 * 3 + 4);

	if (!out)
		return NULL;
	for (i = 0; i < n && s[i] != '='; i++) {
		const char *c = strchr(b64, s[i]);

		if (!c || !s[i]) {
			free(out);
			return NULL;
		}
		acc = (acc << 6) | (unsigned int)(c - b64);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (char)((acc >> bits) & 0xff);
		}
	}
	out[o] = '\0';
	if (len)
		*len = o;
	return out;
}

int64_t json_i64(json_object *obj, const char *field)
{
	json_object *v;

	if (!obj || !json_object_object_get_ex(obj, field, &v))
		return 0;
	return json_object_get_int64(v);	/* parses strings too */
}

static void add_nbytes(json_object *obj, const char *field, const char *s, size_t len)
{
	char *enc = b64_encode(s, len);

	json_object_object_add(obj, field, json_object_new_string(enc ? enc : ""));
	free(enc);
}

static void add_bytes(json_object *obj, const char *field, const char *s)
{
	add_nbytes(obj, field, s, strlen(s));
}

static void add_i64(json_object *obj, const char *field, int64_t v)
{
	char s[24];

	snprintf(s, sizeof(s), "%" PRId64, v);
	json_object_object_add(obj, field, json_object_new_string(s));
}

char *prefix_end(const char *prefix)
{
	char *end = strdup(prefix);
	size_t n = strlen(end);

	/* Schema prefixes end in '/': never 0xff, so one increment does. */
	if (end && n)
		end[n - 1]++;
	return end;
}

/* --- reads ---------------------------------------------------------------- */

static int kv_parse(json_object *j, struct kv *kv)
{
	json_object *k, *v;

	memset(kv, 0, sizeof(*kv));
	if (!json_object_object_get_ex(j, "key", &k))
		return -1;
	kv->key = b64_decode(json_object_get_string(k), NULL);
	/* An empty value is left out of the JSON. */
	kv->value = json_object_object_get_ex(j, "value", &v) ?
		b64_decode(json_object_get_string(v), NULL) : strdup("");
	kv->create_rev = json_i64(j, "create_revision");
	kv->mod_rev = json_i64(j, "mod_revision");
	kv->lease = json_i64(j, "lease");
	if (!kv->key || !kv->value) {
		kv_free(kv);
		return -1;
	}
	return 0;
}

void kv_free(struct kv *kv)
{
	free(kv->key);
	free(kv->value);
	memset(kv, 0, sizeof(*kv));
}

void kvs_free(struct kvs *kvs)
{
	size_t i;

	for (i = 0; i < kvs->n; i++)
		kv_free(&kvs->v[i]);
	free(kvs->v);
	memset(kvs, 0, sizeof(*kvs));
}

int etcd_get(struct etcd *e, const char *key, struct kv *out, int64_t *rev)
{
	json_object *req = json_object_new_object(), *resp, *arr, *hdr;
	int found = 0;

	add_bytes(req, "key", key);
	if (etcd_call(e, "/v3/kv/range", req, &resp))
		return -1;
	if (rev)
		*rev = json_object_object_get_ex(resp, "header", &hdr) ?
			json_i64(hdr, "revision") : 0;
	if (json_object_object_get_ex(resp, "kvs", &arr) &&
	    json_object_array_length(arr) > 0) {
		if (kv_parse(json_object_array_get_idx(arr, 0), out)) {
			set_error(e, "etcd sent a key that is not base64");
			found = -1;
		} else {
			found = 1;
		}
	}
	json_object_put(resp);
	return found;
}

int etcd_get_prefix(struct etcd *e, const char *prefix, int64_t rev, struct kvs *out)
{
	char *end = prefix_end(prefix), *from = strdup(prefix);
	size_t cap = 0, from_len = strlen(prefix);
	bool more = true;
	int ret = 0;

	memset(out, 0, sizeof(*out));
	out->revision = rev;
	while (more && !ret) {
		json_object *req = json_object_new_object(), *resp, *arr, *hdr, *m;
		size_t i, n;

		add_nbytes(req, "key", from, from_len);
		add_bytes(req, "range_end", end);
		add_i64(req, "limit", PAGE_SIZE);
		/* Every page at the first page's revision: one snapshot. */
		if (out->revision)
			add_i64(req, "revision", out->revision);
		if (etcd_call(e, "/v3/kv/range", req, &resp)) {
			ret = -1;
			break;
		}
		if (!out->revision && json_object_object_get_ex(resp, "header", &hdr))
			out->revision = json_i64(hdr, "revision");
		more = json_object_object_get_ex(resp, "more", &m) && json_object_get_boolean(m);
		n = json_object_object_get_ex(resp, "kvs", &arr) ? json_object_array_length(arr) : 0;
		if (out->n + n > cap) {
			struct kv *v;

			cap = (out->n + n) * 2;
			v = realloc(out->v, cap * sizeof(*v));
			if (!v) {
				set_error(e, "out of memory");
				ret = -1;
			} else {
				out->v = v;
			}
		}
		for (i = 0; i < n && !ret; i++) {
			if (kv_parse(json_object_array_get_idx(arr, i), &out->v[out->n])) {
				set_error(e, "etcd sent a key that is not base64");
				ret = -1;
				break;
			}
			out->n++;
		}
		json_object_put(resp);
		if (!ret && more) {
			/* The next page starts just after the last key: key + "\0". */
			size_t len = strlen(out->v[out->n - 1].key);
			char *next = malloc(len + 2);

			free(from);
			from = next;
			if (!next) {
				ret = -1;
				break;
			}
			memcpy(next, out->v[out->n - 1].key, len + 1);
			from_len = len + 1;
		}
	}
	free(from);
	free(end);
	if (ret)
		kvs_free(out);
	return ret;
}

/* --- transactions --------------------------------------------------------- */

json_object *txn_new(void)
{
	json_object *txn = json_object_new_object();

	json_object_object_add(txn, "compare", json_object_new_array());
	json_object_object_add(txn, "success", json_object_new_array());
	return txn;
}

static const char *cmp_result(const char *op)
{
	if (!strcmp(op, "="))
		return "EQUAL";
	if (!strcmp(op, ">"))
		return "GREATER";
	if (!strcmp(op, "<"))
		return "LESS";
	return "NOT_EQUAL";
}

static void add_cmp(json_object *txn, const char *key, bool range, const char *target,
		    const char *field, const char *op, int64_t rev)
{
	json_object *cmp = json_object_new_object(), *arr;

	add_bytes(cmp, "key", key);
	if (range) {
		char *end = prefix_end(key);

		add_bytes(cmp, "range_end", end);
		free(end);
	}
	json_object_object_add(cmp, "target", json_object_new_string(target));
	json_object_object_add(cmp, "result", json_object_new_string(cmp_result(op)));
	add_i64(cmp, field, rev);
	json_object_object_get_ex(txn, "compare", &arr);
	json_object_array_add(arr, cmp);
}

void txn_cmp_create(json_object *txn, const char *key, const char *op, int64_t rev)
{
	add_cmp(txn, key, false, "CREATE", "create_revision", op, rev);
}

void txn_cmp_mod(json_object *txn, const char *key, bool range, const char *op, int64_t rev)
{
	add_cmp(txn, key, range, "MOD", "mod_revision", op, rev);
}

static void add_op(json_object *txn, const char *type, json_object *req)
{
	json_object *op = json_object_new_object(), *arr;

	json_object_object_add(op, type, req);
	json_object_object_get_ex(txn, "success", &arr);
	json_object_array_add(arr, op);
}

void txn_put(json_object *txn, const char *key, const char *value)
{
	json_object *put = json_object_new_object();

	add_bytes(put, "key", key);
	add_bytes(put, "value", value);
	add_op(txn, "request_put", put);
}

void txn_del(json_object *txn, const char *key)
{
	json_object *del = json_object_new_object();

	add_bytes(del, "key", key);
	add_op(txn, "request_delete_range", del);
}

int etcd_txn(struct etcd *e, json_object *txn, bool *ok, int64_t *rev)
{
	json_object *resp, *v;

	if (etcd_call(e, "/v3/kv/txn", txn, &resp))
		return -1;
	/* false is left out of the JSON */
	*ok = json_object_object_get_ex(resp, "succeeded", &v) && json_object_get_boolean(v);
	*rev = json_object_object_get_ex(resp, "header", &v) ? json_i64(v, "revision") : 0;
	json_object_put(resp);
	return 0;
}
