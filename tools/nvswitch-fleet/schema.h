/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The key schema (Documentation/fleet.rst): where each object lives in etcd
 * and what its JSON value holds, and the add, replace, del and show commands
 * every object shares. Objects are described by tables, so each behaves the
 * same: the words of "add" are the fields of the JSON value.
 */
#ifndef NVSWITCH_FLEET_SCHEMA_H
#define NVSWITCH_FLEET_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <json-c/json.h>

#include "valid.h"

/* Every key of the fleet, versioned: a v2 can live beside it during an upgrade. */
#define KEY_ROOT	"/nvswitch/v1/"
/* What the management plane wants: agents read and watch this, and only this. */
#define KEY_DESIRED	KEY_ROOT "desired/"
/* Touched by every change of the desired state: its mod revision is the
 * revision of the latest change, which status and wait compare with. */
#define KEY_REVISION	KEY_DESIRED "revision"
/* Per host, written by that host's agent under its lease; nobody watches it
 * but the management plane. */
#define KEY_STATUS	KEY_ROOT "status/"
/* Uniqueness of (VSID, CA) across VMs, kept by the CLI in the same
 * transactions; not part of what agents read. */
#define KEY_INDEX	KEY_ROOT "index/"

enum {
	FL_REQ	= 1 << 0,	/* add needs it */
	FL_MULTI = 1 << 1,	/* may be given several times: a JSON array */
	FL_ID	= 1 << 2,	/* part of the key */
	FL_POS	= 1 << 3,	/* given as the first word, without a keyword */
	FL_OPT_ID = 1 << 4,	/* part of the key, "all" when not given */
};

struct field {
	const char *kw;		/* the command-line keyword */
	const char *json;	/* the JSON member */
	enum vtype type;
	unsigned int flags;
	const char *ref;	/* the directory under KEY_DESIRED it must exist in */
};

/* Objects of @dir whose member @json holds this object's identity. */
struct refby {
	const char *dir;
	const char *json;
	const char *what;
};

struct objtype {
	const char *name;	/* the command-line object: "vm" */
	const char *dir;	/* under KEY_DESIRED: "vms/" */
	const struct field *fields;
	size_t n_fields;
	const struct refby *refby;
	size_t n_refby;
	bool replace;		/* "replace" overwrites; otherwise add/del only */
	/* "move": VMs only, to another host. */
	int (*move)(int argc, char **argv);
	const char *usage;		/* help text: "Usage: ..." */
	/* Extra checks and transaction members for add (the VM's CA index). */
	int (*prepare_add)(const struct objtype *ot, json_object *obj, json_object *txn);
	/* Extra deletions when the object goes (its index keys). */
	void (*prepare_del)(const struct objtype *ot, json_object *obj, json_object *txn);
};

/* Runs COMMAND [ARGS] of @ot: show, add, del, and replace or move if it has them. */
int obj_run(const struct objtype *ot, int argc, char **argv);

int obj_add(const struct objtype *ot, int argc, char **argv, bool replace);
int obj_del(const struct objtype *ot, int argc, char **argv);
int obj_show(const struct objtype *ot, int argc, char **argv);

/* KEY_DESIRED + dir + the ID fields' values joined by '/'; the caller frees. */
char *obj_key(const struct objtype *ot, json_object *obj);
/* A JSON scalar as its key component or text: "5001", "hv1". */
const char *json_word(json_object *v, char *buf, size_t len);

/* Adds the put of KEY_REVISION, saying what changed, to @txn. */
void txn_mark(json_object *txn);
/* Prints what a change did: with -j, {"revision": N}; nothing otherwise. */
void print_change(int64_t revision);

/* Every object in text: the words "add" would take to make it. */
void obj_print_text(const struct objtype *ot, json_object *obj);
/* The value stored at @kv->value as a JSON object, or NULL. */
json_object *parse_value(const char *value);

/* The objects: objects.c, and vm.c for VMs. */
extern const struct objtype host_type, vsid_type, rdomain_type, vsubnet_type,
	route_type, vm_type;

#endif /* NVSWITCH_FLEET_SCHEMA_H */
