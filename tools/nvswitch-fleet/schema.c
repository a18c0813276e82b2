// SPDX-License-Identifier: GPL-2.0
/*
 * The commands every object shares, driven by its table of fields: parse
 * the words into the JSON value that is stored, build the key from it, and
 * change the store in one transaction whose comparisons make the checks
 * hold at the revision the change lands: what an object names exists, what
 * is deleted is named by nothing, "add" never overwrites.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "etcd.h"
#include "fleet.h"
#include "schema.h"

/* Checks, then a transaction that fails if they no longer hold: a few
 * tries when someone else changes the same objects at the same time. */
#define MAX_TRIES	5

enum mode { M_ADD, M_DEL, M_SHOW };

const char *json_word(json_object *v, char *buf, size_t len)
{
	if (json_object_is_type(v, json_type_int)) {
		snprintf(buf, len, "%" PRId64, json_object_get_int64(v));
		return buf;
	}
	return json_object_get_string(v);
}

json_object *parse_value(const char *value)
{
	json_object *obj = json_tokener_parse(value);

	if (obj && !json_object_is_type(obj, json_type_object)) {
		json_object_put(obj);
		return NULL;
	}
	return obj;
}

static const struct field *find_kw(const struct objtype *ot, const char *word)
{
	size_t i;

	for (i = 0; i < ot->n_fields; i++)
		if (!(ot->fields[i].flags & FL_POS) && !strcmp(ot->fields[i].kw, word))
			return &ot->fields[i];
	return NULL;
}

static const struct field *pos_field(const struct objtype *ot)
{
	size_t i;

	for (i = 0; i < ot->n_fields; i++)
		if (ot->fields[i].flags & FL_POS)
			return &ot->fields[i];
	return NULL;
}

static bool array_has(json_object *arr, json_object *v)
{
	size_t i;

	for (i = 0; i < json_object_array_length(arr); i++)
		if (json_object_equal(json_object_array_get_idx(arr, i), v))
			return true;
	return false;
}

/*
 * The words of a command into the object's JSON value, every word checked
 * before etcd is asked anything. Returns EXIT_OK with *@out, or the exit code.
 */
static int parse_obj(const struct objtype *ot, enum mode mode, int argc, char **argv,
		     json_object **out)
{
	const struct field *pos = pos_field(ot), *f;
	json_object *obj = json_object_new_object(), *v, *arr;
	int i = 0, ret = EXIT_USAGE;
	size_t k;

	if (pos) {
		if (argc > 0 && (mode != M_SHOW || !find_kw(ot, argv[0]))) {
			v = valid_value(pos->type, pos->kw, argv[0]);
			if (!v) {
				usage_err("%s", valid_error());
				goto fail;
			}
			json_object_object_add(obj, pos->json, v);
			i = 1;
		} else if (mode != M_SHOW) {
			usage_err("missing %s", pos->kw);
			goto fail;
		}
	}
	for (; i < argc; i++) {
		f = find_kw(ot, argv[i]);
		if (!f || (mode == M_DEL && !(f->flags & (FL_ID | FL_OPT_ID)))) {
			usage_err("unknown keyword \"%s\"", argv[i]);
			goto fail;
		}
		if (i + 1 >= argc) {
			usage_err("keyword \"%s\" needs a value", f->kw);
			goto fail;
		}
		v = valid_value(f->type, f->kw, argv[++i]);
		if (!v) {
			usage_err("%s", valid_error());
			goto fail;
		}
		if (f->flags & FL_MULTI) {
			if (!json_object_object_get_ex(obj, f->json, &arr)) {
				arr = json_object_new_array();
				json_object_object_add(obj, f->json, arr);
			}
			if (array_has(arr, v)) {
				json_object_put(v);
				usage_err("%s \"%s\" given twice", f->kw, argv[i]);
				goto fail;
			}
			json_object_array_add(arr, v);
		} else if (json_object_object_get_ex(obj, f->json, NULL)) {
			json_object_put(v);
			usage_err("keyword \"%s\" given twice", f->kw);
			goto fail;
		} else {
			json_object_object_add(obj, f->json, v);
		}
	}
	for (k = 0; k < ot->n_fields; k++) {
		f = &ot->fields[k];
		if (f->flags & FL_POS || json_object_object_get_ex(obj, f->json, NULL))
			continue;
		if ((mode == M_ADD && f->flags & FL_REQ) || (mode == M_DEL && f->flags & FL_ID)) {
			usage_err("missing keyword \"%s\"", f->kw);
			goto fail;
		}
	}
	*out = obj;
	return EXIT_OK;
fail:
	json_object_put(obj);
	return ret;
}

char *obj_key(const struct objtype *ot, json_object *obj)
{
	char key[1024], buf[32];
	size_t i, n;
	json_object *v;
	bool first = true;

	n = (size_t)snprintf(key, sizeof(key), "%s%s", KEY_DESIRED, ot->dir);
	for (i = 0; i < ot->n_fields && n < sizeof(key); i++) {
		const struct field *f = &ot->fields[i];

		if (!(f->flags & (FL_ID | FL_OPT_ID)))
			continue;
		n += (size_t)snprintf(key + n, sizeof(key) - n, "%s%s", first ? "" : "/",
				      json_object_object_get_ex(obj, f->json, &v) ?
				      json_word(v, buf, sizeof(buf)) : "all");
		first = false;
	}
	return strdup(key);
}

/* What the object is called in messages: 'vm "web1"', 'vsid 5001'. */
static void obj_name(const struct objtype *ot, json_object *obj, char *buf, size_t len)
{
	char *key = obj_key(ot, obj);

	snprintf(buf, len, "%s \"%s\"", ot->name,
		 key ? key + strlen(KEY_DESIRED) + strlen(ot->dir) : "?");
	free(key);
}

void txn_mark(json_object *txn)
{
	json_object *mark = json_object_new_object();

	json_object_object_add(mark, "command", json_object_new_string(fleet_cmdline));
	txn_put(txn, KEY_REVISION, json_object_to_json_string_ext(mark, JSON_C_TO_STRING_PLAIN));
	json_object_put(mark);
}

void print_change(int64_t revision)
{
	json_object *o;

	if (!opt_json)
		return;
	o = json_object_new_object();
	json_object_object_add(o, "revision", json_object_new_int64(revision));
	print_json(o);
	json_object_put(o);
}

/*
 * Every object @obj names (its VSID, host, routing domain) must exist:
 * checked now for a clear message, and again by the transaction.
 */
static int check_refs(const struct objtype *ot, json_object *obj, json_object *txn)
{
	struct etcd *e = fleet_etcd();
	char key[512], buf[32];
	size_t i;

	for (i = 0; i < ot->n_fields; i++) {
		const struct field *f = &ot->fields[i];
		struct kv kv;
		json_object *v;
		int found;

		if (!f->ref || !json_object_object_get_ex(obj, f->json, &v))
			continue;
		snprintf(key, sizeof(key), "%s%s%s", KEY_DESIRED, f->ref, json_word(v, buf, sizeof(buf)));
		found = etcd_get(e, key, &kv, NULL);
		if (found < 0) {
			pr_err("%s", etcd_error(e));
			return EXIT_FAIL;
		}
		if (!found) {
			pr_err("%s %s is not defined", f->kw, json_word(v, buf, sizeof(buf)));
			return EXIT_FAIL;
		}
		kv_free(&kv);
		txn_cmp_create(txn, key, ">", 0);
	}
	return EXIT_OK;
}

/* A change of one object, tried until the store holds still under it. */
struct change {
	const struct objtype *ot;
	json_object *obj;	/* as the command line gave it */
	char *key;
	char name[300];		/* for messages: 'vm "web1"' */
	bool replace;		/* add: overwrite what exists */
};

/* What a try returns when something it checked changed before its commit. */
#define TRY_AGAIN	(-1)

/*
 * Parses the command line into the object @mode takes, then runs @try_once
 * until it commits or fails, at most MAX_TRIES times: each try reads what
 * it checks and commits only if none of that changed since (etcd's
 * compare-and-swap), so concurrent writers never lose a check.
 */
static int change(const struct objtype *ot, enum mode mode, bool replace,
		  int argc, char **argv, int (*try_once)(struct etcd *e, struct change *c))
{
	struct change c = { .ot = ot, .replace = replace };
	int ret, tries;

	ret = parse_obj(ot, mode, argc, argv, &c.obj);
	if (ret)
		return ret;
	c.key = obj_key(ot, c.obj);
	obj_name(ot, c.obj, c.name, sizeof(c.name));
	for (tries = 0; tries < MAX_TRIES; tries++) {
		ret = try_once(fleet_etcd(), &c);
		if (ret != TRY_AGAIN)
			goto out;
	}
	pr_err("%s: the store kept changing under this command, try again", c.name);
	ret = EXIT_FAIL;
out:
	free(c.key);
	json_object_put(c.obj);
	return ret;
}

/* Commits the transaction: EXIT_OK, EXIT_FAIL, or TRY_AGAIN if a check failed. */
static int commit(struct etcd *e, json_object *txn)
{
	int64_t rev;
	bool ok;

	txn_mark(txn);
	if (etcd_txn(e, txn, &ok, &rev)) {
		pr_err("%s", etcd_error(e));
		return EXIT_FAIL;
	}
	if (!ok)
		return TRY_AGAIN;
	print_change(rev);
	return EXIT_OK;
}

static int add_once(struct etcd *e, struct change *c)
{
	json_object *txn;
	struct kv kv;
	int found = etcd_get(e, c->key, &kv, NULL);
	int ret;

	if (found < 0) {
		pr_err("%s", etcd_error(e));
		return EXIT_FAIL;
	}
	txn = txn_new();
	if (found) {
		int64_t mod = kv.mod_rev;

		kv_free(&kv);
		if (!c->replace) {
			pr_err("%s already exists", c->name);
			json_object_put(txn);
			return EXIT_FAIL;
		}
		txn_cmp_mod(txn, c->key, false, "=", mod);
	} else {
		txn_cmp_create(txn, c->key, "=", 0);
	}
	ret = check_refs(c->ot, c->obj, txn);
	if (!ret && c->ot->prepare_add)
		ret = c->ot->prepare_add(c->ot, c->obj, txn);
	if (ret) {
		json_object_put(txn);
		return ret;
	}
	txn_put(txn, c->key, json_object_to_json_string_ext(c->obj, JSON_C_TO_STRING_PLAIN));
	return commit(e, txn);
}

int obj_add(const struct objtype *ot, int argc, char **argv, bool replace)
{
	return change(ot, M_ADD, replace, argc, argv, add_once);
}

/*
 * The first object, at revision @rev, that still names @obj: for a clear
 * refusal. *@n counts them all.
 */
static int find_users(const struct objtype *ot, json_object *obj, int64_t rev,
		      char *first, size_t len, size_t *n)
{
	const struct field *pos = pos_field(ot);
	struct etcd *e = fleet_etcd();
	json_object *id;
	size_t r, i;

	*n = 0;
	if (!pos || !json_object_object_get_ex(obj, pos->json, &id))
		return 0;
	for (r = 0; r < ot->n_refby; r++) {
		char dir[256];
		struct kvs kvs;

		snprintf(dir, sizeof(dir), "%s%s", KEY_DESIRED, ot->refby[r].dir);
		if (etcd_get_prefix(e, dir, rev, &kvs))
			return -1;
		for (i = 0; i < kvs.n; i++) {
			json_object *o = parse_value(kvs.v[i].value), *v;

			if (o && json_object_object_get_ex(o, ot->refby[r].json, &v) &&
			    json_object_equal(v, id)) {
				if (!(*n)++)
					snprintf(first, len, "%s \"%s\"", ot->refby[r].what,
						 kvs.v[i].key + strlen(dir));
			}
			json_object_put(o);
		}
		kvs_free(&kvs);
	}
	return 0;
}

static int del_once(struct etcd *e, struct change *c)
{
	const struct objtype *ot = c->ot;
	json_object *txn, *stored;
	char user[300];
	struct kv kv;
	int64_t rev;
	size_t users, r;
	int found = etcd_get(e, c->key, &kv, &rev);

	if (found <= 0) {
		if (found < 0)
			pr_err("%s", etcd_error(e));
		else
			pr_err("%s does not exist", c->name);
		return EXIT_FAIL;
	}
	if (find_users(ot, c->obj, rev, user, sizeof(user), &users)) {
		pr_err("%s", etcd_error(e));
		kv_free(&kv);
		return EXIT_FAIL;
	}
	if (users) {
		pr_err("%s is in use by %s%s: delete %s first", c->name, user,
		       users > 1 ? " and others" : "", users > 1 ? "them" : "it");
		kv_free(&kv);
		return EXIT_FAIL;
	}
	txn = txn_new();
	txn_cmp_mod(txn, c->key, false, "=", kv.mod_rev);
	/* Nothing that could name it was added or changed since the check. */
	for (r = 0; r < ot->n_refby; r++) {
		char dir[256];

		snprintf(dir, sizeof(dir), "%s%s", KEY_DESIRED, ot->refby[r].dir);
		txn_cmp_mod(txn, dir, true, "<", rev + 1);
	}
	txn_del(txn, c->key);
	stored = parse_value(kv.value);
	if (ot->prepare_del && stored)
		ot->prepare_del(ot, stored, txn);
	json_object_put(stored);
	kv_free(&kv);
	return commit(e, txn);
}

int obj_del(const struct objtype *ot, int argc, char **argv)
{
	return change(ot, M_DEL, false, argc, argv, del_once);
}

void obj_print_text(const struct objtype *ot, json_object *obj)
{
	char buf[32];
	const char *sep = "";
	size_t i, j;

	for (i = 0; i < ot->n_fields; i++) {
		const struct field *f = &ot->fields[i];
		json_object *v;

		if (!json_object_object_get_ex(obj, f->json, &v))
			continue;
		if (f->flags & FL_POS) {
			printf("%s%s", sep, json_word(v, buf, sizeof(buf)));
		} else if (json_object_is_type(v, json_type_array)) {
			for (j = 0; j < json_object_array_length(v); j++)
				printf("%s%s %s", j ? " " : sep, f->kw,
				       json_word(json_object_array_get_idx(v, j), buf, sizeof(buf)));
		} else {
			printf("%s%s %s", sep, f->kw, json_word(v, buf, sizeof(buf)));
		}
		sep = " ";
	}
	putchar('\n');
}

/* Does @obj have every member @filter gives (array members: contains)? */
static bool matches(json_object *obj, json_object *filter)
{
	json_object_object_foreach(filter, k, want) {
		json_object *have;
		size_t i;

		if (!json_object_object_get_ex(obj, k, &have))
			return false;
		if (json_object_is_type(want, json_type_array)) {
			if (!json_object_is_type(have, json_type_array))
				return false;
			for (i = 0; i < json_object_array_length(want); i++)
				if (!array_has(have, json_object_array_get_idx(want, i)))
					return false;
		} else if (!json_object_equal(have, want)) {
			return false;
		}
	}
	return true;
}

int obj_show(const struct objtype *ot, int argc, char **argv)
{
	const struct field *pos = pos_field(ot);
	json_object *filter, *list;
	struct etcd *e;
	struct kvs kvs;
	char dir[256];
	size_t i;
	int ret;

	ret = parse_obj(ot, M_SHOW, argc, argv, &filter);
	if (ret)
		return ret;
	e = fleet_etcd();
	snprintf(dir, sizeof(dir), "%s%s", KEY_DESIRED, ot->dir);
	if (etcd_get_prefix(e, dir, 0, &kvs)) {
		pr_err("%s", etcd_error(e));
		json_object_put(filter);
		return EXIT_FAIL;
	}
	list = json_object_new_array();
	for (i = 0; i < kvs.n; i++) {
		json_object *obj = parse_value(kvs.v[i].value);

		if (!obj) {
			/* Not ours to fix here: say so, show the rest. */
			fprintf(stderr, "%s: %s: not a JSON object, skipped\n", PROG_NAME,
				kvs.v[i].key);
			continue;
		}
		if (!matches(obj, filter)) {
			json_object_put(obj);
			continue;
		}
		json_object_object_add(obj, "mod_revision", json_object_new_int64(kvs.v[i].mod_rev));
		json_object_array_add(list, obj);
	}
	/* One object asked for by name, and not there: as ip does, an error. */
	if (pos && json_object_object_get_ex(filter, pos->json, NULL) &&
	    !json_object_array_length(list)) {
		char name[300];

		obj_name(ot, filter, name, sizeof(name));
		pr_err("%s does not exist", name);
		ret = EXIT_FAIL;
	} else if (opt_json) {
		print_json(list);
	} else {
		for (i = 0; i < json_object_array_length(list); i++)
			obj_print_text(ot, json_object_array_get_idx(list, i));
	}
	json_object_put(list);
	json_object_put(filter);
	kvs_free(&kvs);
	return ret;
}
