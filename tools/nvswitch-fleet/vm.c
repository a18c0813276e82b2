// SPDX-License-Identifier: GPL-2.0
/*
 * VMs: a VSID, one or more customer addresses (CAs), a MAC and the host it
 * runs on. Each VM is one key, so that moving it is one put; the (VSID, CA)
 * and (VSID, MAC) pairs are kept unique by index keys written in the same
 * transactions.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "etcd.h"
#include "fleet.h"
#include "schema.h"

/* Moves retried when the VM changes between the read and the write. */
#define MOVE_TRIES	5

static const struct field vm_fields[] = {
	{ "VM", "name", V_NAME, FL_POS | FL_ID | FL_REQ, NULL },
	{ "vsid", "vsid", V_VSID, FL_REQ, "vsids/" },
	{ "mac", "mac", V_MAC, FL_REQ, NULL },
	{ "ca", "cas", V_ADDR, FL_MULTI | FL_REQ, NULL },
	{ "host", "host", V_NAME, FL_REQ, "hosts/" },
};

static const char vm_usage[] =
	"Usage: " PROG_NAME " vm add VM vsid VSID mac MAC ca ADDR [ca ADDR]... host HOST\n"
	"       " PROG_NAME " vm del VM\n"
	"       " PROG_NAME " vm move VM HOST [if-rev REV]\n"
	"       " PROG_NAME " vm show [VM] [vsid VSID] [host HOST] [ca ADDR] [mac MAC]\n"
	"\n"
	"A VM's records: each CA (IPv4 or IPv6) of virtual subnet VSID is at MAC\n"
	"behind the PAs of HOST. A CA, and a MAC, is unique within its VSID;\n"
	"other VSIDs may reuse them. move changes the host in one transaction\n"
	"guarded by the VM's mod revision: if the VM changes meanwhile, the move\n"
	"is tried again on what it became, or, with if-rev, refused unless the VM\n"
	"is still at revision REV (as vm show -j printed it).\n";

/* The index key of the VM's @kind ("ca" or "mac") @v in its VSID. */
static void index_key(char *buf, size_t len, json_object *vm, const char *kind,
		      json_object *v)
{
	json_object *vsid;
	char w[32];

	json_object_object_get_ex(vm, "vsid", &vsid);
	snprintf(buf, len, "%s%s/%s/%s", KEY_INDEX, kind, json_word(vsid, w, sizeof(w)),
		 json_object_get_string(v));
}

/*
 * The VM's @kind @v free in its VSID, then claimed by @claim in the same
 * transaction; otherwise says which VM holds it.
 */
static int index_claim(struct etcd *e, json_object *txn, json_object *vm, const char *kind,
		       json_object *v, json_object *claim)
{
	json_object *owner, *o;
	char key[512];
	struct kv kv;
	int found;

	index_key(key, sizeof(key), vm, kind, v);
	found = etcd_get(e, key, &kv, NULL);
	if (found < 0) {
		pr_err("%s", etcd_error(e));
		return EXIT_FAIL;
	}
	if (found) {
		o = parse_value(kv.value);
		pr_err("%s %s is already used in its vsid by vm \"%s\"", kind,
		       json_object_get_string(v),
		       o && json_object_object_get_ex(o, "vm", &owner) ?
		       json_object_get_string(owner) : "?");
		json_object_put(o);
		kv_free(&kv);
		return EXIT_FAIL;
	}
	txn_cmp_create(txn, key, "=", 0);
	txn_put(txn, key, json_object_to_json_string_ext(claim, JSON_C_TO_STRING_PLAIN));
	return EXIT_OK;
}

/*
 * Every CA of the VM, and its MAC, free in its VSID, then claimed in the
 * same transaction: two VMs of a VSID with one MAC would take each other's
 * frames on every switch.
 */
static int vm_prepare_add(const struct objtype *ot, json_object *vm, json_object *txn)
{
	struct etcd *e = fleet_etcd();
	json_object *cas, *mac, *name, *claim;
	int ret = EXIT_OK;
	size_t i;

	(void)ot;
	json_object_object_get_ex(vm, "cas", &cas);
	json_object_object_get_ex(vm, "mac", &mac);
	json_object_object_get_ex(vm, "name", &name);
	claim = json_object_new_object();
	json_object_object_add(claim, "vm", json_object_get(name));
	for (i = 0; !ret && i < json_object_array_length(cas); i++)
		ret = index_claim(e, txn, vm, "ca", json_object_array_get_idx(cas, i), claim);
	if (!ret)
		ret = index_claim(e, txn, vm, "mac", mac, claim);
	json_object_put(claim);
	return ret;
}

static void vm_prepare_del(const struct objtype *ot, json_object *vm, json_object *txn)
{
	json_object *cas, *mac;
	char key[512];
	size_t i;

	(void)ot;
	if (json_object_object_get_ex(vm, "mac", &mac)) {
		index_key(key, sizeof(key), vm, "mac", mac);
		txn_del(txn, key);
	}
	if (!json_object_object_get_ex(vm, "cas", &cas) ||
	    !json_object_is_type(cas, json_type_array))
		return;
	for (i = 0; i < json_object_array_length(cas); i++) {
		index_key(key, sizeof(key), vm, "ca", json_object_array_get_idx(cas, i));
		txn_del(txn, key);
	}
}

/*
 * For the tests only: a shell command run once between the read of the VM
 * and the transaction, to change the VM in that window as a concurrent
 * writer would.
 */
static void test_race(void)
{
	const char *cmd = getenv("NVSWITCH_FLEET_TEST_RACE");
	char *copy;

	if (!cmd || !*cmd)
		return;
	copy = strdup(cmd);
	unsetenv("NVSWITCH_FLEET_TEST_RACE");
	if (copy && system(copy) != 0)
		fprintf(stderr, "%s: NVSWITCH_FLEET_TEST_RACE failed\n", PROG_NAME);
	free(copy);
}

static int move_result(const char *vm, const char *from, const char *to, int64_t rev, int tries)
{
	json_object *o;

	if (!opt_json)
		return EXIT_OK;
	o = json_object_new_object();
	json_object_object_add(o, "vm", json_object_new_string(vm));
	json_object_object_add(o, "from", json_object_new_string(from));
	json_object_object_add(o, "to", json_object_new_string(to));
	json_object_object_add(o, "revision", json_object_new_int64(rev));
	json_object_object_add(o, "conflicts", json_object_new_int(tries));
	print_json(o);
	json_object_put(o);
	return EXIT_OK;
}

/* A store revision: a decimal number above 0, as a JSON int64. */
static json_object *parse_revision(const char *s)
{
	char *end;
	long long v;

	if (*s < '0' || *s > '9')
		return NULL;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v <= 0)
		return NULL;
	return json_object_new_int64(v);
}

/* vm move VM HOST [if-rev REV] */
static int vm_move(int argc, char **argv)
{
	json_object *name, *host, *ifrev = NULL;
	char vmkey[512], hostkey[512];
	struct etcd *e;
	int tries, ret = EXIT_USAGE;

	if (argc < 1)
		return usage_err("missing VM");
	if (argc < 2)
		return usage_err("missing HOST");
	name = valid_value(V_NAME, "VM", argv[0]);
	if (!name)
		return usage_err("%s", valid_error());
	host = valid_value(V_NAME, "host", argv[1]);
	if (!host) {
		usage_err("%s", valid_error());
		goto out;
	}
	if (argc > 2) {
		if (strcmp(argv[2], "if-rev")) {
			usage_err("unknown keyword \"%s\"", argv[2]);
			goto out;
		}
		if (argc < 4) {
			usage_err("keyword \"if-rev\" needs a value");
			goto out;
		}
		ifrev = parse_revision(argv[3]);
		if (!ifrev) {
			usage_err("invalid revision \"%s\"", argv[3]);
			goto out;
		}
		if (argc > 4) {
			usage_err("unexpected argument \"%s\"", argv[4]);
			goto out;
		}
	}
	snprintf(vmkey, sizeof(vmkey), "%svms/%s", KEY_DESIRED, json_object_get_string(name));
	snprintf(hostkey, sizeof(hostkey), "%shosts/%s", KEY_DESIRED, json_object_get_string(host));
	e = fleet_etcd();
	ret = EXIT_FAIL;
	for (tries = 0; tries < MOVE_TRIES; tries++) {
		json_object *vm, *from, *txn;
		char fromname[64];
		struct kv kv, hostkv;
		int64_t rev;
		bool ok;
		int found = etcd_get(e, vmkey, &kv, NULL);

		if (found <= 0) {
			if (found < 0)
				pr_err("%s", etcd_error(e));
			else
				pr_err("vm \"%s\" does not exist", json_object_get_string(name));
			goto out;
		}
		if (ifrev && kv.mod_rev != json_object_get_int64(ifrev)) {
			pr_err("vm \"%s\" changed at revision %" PRId64 ", after %" PRId64 ": not moved",
			       json_object_get_string(name), kv.mod_rev, json_object_get_int64(ifrev));
			kv_free(&kv);
			goto out;
		}
		vm = parse_value(kv.value);
		if (!vm || !json_object_object_get_ex(vm, "host", &from)) {
			pr_err("%s: not a VM's JSON value", vmkey);
			json_object_put(vm);
			kv_free(&kv);
			goto out;
		}
		snprintf(fromname, sizeof(fromname), "%s", json_object_get_string(from));
		if (json_object_equal(from, host)) {
			/* Already there: nothing to write, nothing to wait for. */
			ret = move_result(json_object_get_string(name), fromname, fromname,
					  kv.mod_rev, tries);
			json_object_put(vm);
			kv_free(&kv);
			goto out;
		}
		found = etcd_get(e, hostkey, &hostkv, NULL);
		if (found > 0)
			kv_free(&hostkv);
		if (found <= 0) {
			if (found < 0)
				pr_err("%s", etcd_error(e));
			else
				pr_err("host %s is not defined", json_object_get_string(host));
			json_object_put(vm);
			kv_free(&kv);
			goto out;
		}
		json_object_object_add(vm, "host", json_object_get(host));
		txn = txn_new();
		txn_cmp_mod(txn, vmkey, false, "=", kv.mod_rev);
		txn_cmp_create(txn, hostkey, ">", 0);
		txn_put(txn, vmkey, json_object_to_json_string_ext(vm, JSON_C_TO_STRING_PLAIN));
		txn_mark(txn);
		json_object_put(vm);
		kv_free(&kv);
		test_race();
		if (etcd_txn(e, txn, &ok, &rev)) {
			pr_err("%s", etcd_error(e));
			goto out;
		}
		if (ok) {
			ret = move_result(json_object_get_string(name), fromname,
					  json_object_get_string(host), rev, tries);
			goto out;
		}
		fprintf(stderr, "%s: vm \"%s\" changed while moving it (revision conflict): %s\n",
			PROG_NAME, json_object_get_string(name),
			ifrev ? "not moved" : "reading it again");
		if (ifrev)
			goto out;
	}
	pr_err("vm \"%s\" kept changing: not moved, try again", json_object_get_string(name));
out:
	json_object_put(name);
	json_object_put(host);
	json_object_put(ifrev);
	return ret;
}

const struct objtype vm_type = {
	.name = "vm", .dir = "vms/",
	.fields = vm_fields, .n_fields = sizeof(vm_fields) / sizeof(vm_fields[0]),
	.replace = false, .usage = vm_usage, .move = vm_move,
	.prepare_add = vm_prepare_add, .prepare_del = vm_prepare_del,
};
