// SPDX-License-Identifier: GPL-2.0
/*
 * status and wait: what each host's agent reports under
 * KEY_STATUS/HOST/state, {"applied": REV, "errors": [...]}, written under
 * the agent's lease. A host is live while that key exists with a lease: an
 * agent that dies stops renewing it and etcd deletes the key when it
 * expires. A live host is up to date when it applied the revision of the
 * latest change of the desired state (the mod revision of KEY_REVISION).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "etcd.h"
#include "fleet.h"
#include "schema.h"

/* How often wait reads the hosts' status. */
#define WAIT_POLL_MS	100

struct snapshot {
	int64_t revision;	/* the store's, at which all of this was read */
	int64_t desired;	/* the latest change of the desired state */
	struct kvs hosts;	/* KEY_DESIRED hosts/ */
	struct kvs status;	/* KEY_STATUS */
};

static void snapshot_free(struct snapshot *s)
{
	kvs_free(&s->hosts);
	kvs_free(&s->status);
}

/* Hosts, their status and the desired revision, all at one revision. */
static int snapshot(struct snapshot *s)
{
	struct etcd *e = fleet_etcd();
	struct kvs mark;

	memset(s, 0, sizeof(*s));
	if (etcd_get_prefix(e, KEY_DESIRED "hosts/", 0, &s->hosts))
		goto fail;
	s->revision = s->hosts.revision;
	if (etcd_get_prefix(e, KEY_STATUS, s->revision, &s->status))
		goto fail;
	/* KEY_REVISION as a one-key range, for the same pinned revision. */
	if (etcd_get_prefix(e, KEY_REVISION, s->revision, &mark))
		goto fail;
	if (mark.n && !strcmp(mark.v[0].key, KEY_REVISION))
		s->desired = mark.v[0].mod_rev;
	kvs_free(&mark);
	return 0;
fail:
	pr_err("%s", etcd_error(e));
	snapshot_free(s);
	return -1;
}

/* KEY_STATUS HOST/state -> HOST, or NULL for other keys under a host. */
static const char *status_host(const char *key, char *buf, size_t len)
{
	const char *h = key + strlen(KEY_STATUS), *slash = strchr(h, '/');

	if (!slash || strcmp(slash, "/state") || (size_t)(slash - h) >= len)
		return NULL;
	memcpy(buf, h, slash - h);
	buf[slash - h] = '\0';
	return buf;
}

static const struct kv *find_status(const struct snapshot *s, const char *host)
{
	char buf[128];
	size_t i;

	for (i = 0; i < s->status.n; i++) {
		const char *h = status_host(s->status.v[i].key, buf, sizeof(buf));

		if (h && !strcmp(h, host))
			return &s->status.v[i];
	}
	return NULL;
}

/* One host's row: {"host", "defined", "live", "applied", "lag", "errors"}. */
static json_object *host_row(const struct snapshot *s, const char *host, bool defined)
{
	const struct kv *st = find_status(s, host);
	json_object *row = json_object_new_object(), *val = NULL, *v;
	bool live = st && st->lease;

	json_object_object_add(row, "host", json_object_new_string(host));
	json_object_object_add(row, "defined", json_object_new_boolean(defined));
	json_object_object_add(row, "live", json_object_new_boolean(live));
	if (st)
		val = parse_value(st->value);
	if (val && json_object_object_get_ex(val, "applied", &v)) {
		int64_t applied = json_object_get_int64(v);

		json_object_object_add(row, "applied", json_object_new_int64(applied));
		json_object_object_add(row, "lag", json_object_new_int64(
			applied >= s->desired ? 0 : s->desired - applied));
	}
	if (val && json_object_object_get_ex(val, "errors", &v))
		json_object_object_add(row, "errors", json_object_get(v));
	else if (st)
		json_object_object_add(row, "errors", json_object_new_array());
	json_object_put(val);
	return row;
}

/* Every defined host, then hosts that report but are not defined (any more). */
static json_object *host_rows(const struct snapshot *s)
{
	json_object *rows = json_object_new_array();
	char buf[128];
	size_t i, j;

	for (i = 0; i < s->hosts.n; i++)
		json_object_array_add(rows, host_row(s, s->hosts.v[i].key +
						     strlen(KEY_DESIRED "hosts/"), true));
	for (i = 0; i < s->status.n; i++) {
		const char *h = status_host(s->status.v[i].key, buf, sizeof(buf));
		bool defined = false;

		if (!h)
			continue;
		for (j = 0; j < s->hosts.n; j++)
			if (!strcmp(s->hosts.v[j].key + strlen(KEY_DESIRED "hosts/"), h))
				defined = true;
		if (!defined)
			json_object_array_add(rows, host_row(s, h, false));
	}
	return rows;
}

static int64_t row_i64(json_object *row, const char *k, bool *has)
{
	json_object *v;

	*has = json_object_object_get_ex(row, k, &v);
	return *has ? json_object_get_int64(v) : 0;
}

static bool row_bool(json_object *row, const char *k)
{
	json_object *v;

	return json_object_object_get_ex(row, k, &v) && json_object_get_boolean(v);
}

static const char status_usage[] =
	"Usage: " PROG_NAME " status\n"
	"\n"
	"Each host's agent: live (its status key is held by a lease), the\n"
	"revision it applied, its lag behind the latest change of the desired\n"
	"state, and how many objects it could not apply. Hosts that report but\n"
	"are not defined are listed too.\n";

int do_status(int argc, char **argv)
{
	struct snapshot s;
	json_object *rows;
	size_t i;

	if (wants_help(argc, argv)) {
		fputs(status_usage, stdout);
		return EXIT_OK;
	}
	if (argc > 0)
		return usage_err("unexpected argument \"%s\"", argv[0]);
	if (snapshot(&s))
		return EXIT_FAIL;
	rows = host_rows(&s);
	if (opt_json) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "revision", json_object_new_int64(s.revision));
		json_object_object_add(o, "desired_revision", json_object_new_int64(s.desired));
		json_object_object_add(o, "hosts", json_object_get(rows));
		print_json(o);
		json_object_put(o);
	} else {
		printf("revision %" PRId64 ", desired state changed at %" PRId64 "\n",
		       s.revision, s.desired);
		printf("%-20s %-8s %10s %8s %6s\n", "HOST", "STATE", "APPLIED", "LAG", "ERRORS");
		for (i = 0; i < json_object_array_length(rows); i++) {
			json_object *row = json_object_array_get_idx(rows, i), *h, *errs;
			bool has;
			int64_t applied = row_i64(row, "applied", &has);
			char a[24] = "-", l[24] = "-", n[24] = "-";

			json_object_object_get_ex(row, "host", &h);
			if (has) {
				snprintf(a, sizeof(a), "%" PRId64, applied);
				snprintf(l, sizeof(l), "%" PRId64, row_i64(row, "lag", &has));
			}
			if (json_object_object_get_ex(row, "errors", &errs))
				snprintf(n, sizeof(n), "%zu", json_object_array_length(errs));
			printf("%-20s %-8s %10s %8s %6s\n", json_object_get_string(h),
			       !row_bool(row, "defined") ? "unknown" :
			       row_bool(row, "live") ? "live" : "down", a, l, n);
		}
	}
	json_object_put(rows);
	snapshot_free(&s);
	return EXIT_OK;
}

static const char wait_usage[] =
	"Usage: " PROG_NAME " wait [REV] [timeout SECONDS]\n"
	"\n"
	"Blocks until every live host has applied revision REV (default: the\n"
	"latest change of the desired state), as OVN's --wait=hv. Hosts without\n"
	"a live agent are not waited for; they are named on stderr. Exits 1\n"
	"after SECONDS (default: no limit), naming the hosts behind.\n";

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int do_wait(int argc, char **argv)
{
	int64_t rev = 0;
	double timeout = 0, start = now();
	bool said_down = false;
	int i;

	if (wants_help(argc, argv)) {
		fputs(wait_usage, stdout);
		return EXIT_OK;
	}
	for (i = 0; i < argc; i++) {
		char *end;

		if (!strcmp(argv[i], "timeout") || !strcmp(argv[i], "--timeout")) {
			if (i + 1 >= argc)
				return usage_err("keyword \"timeout\" needs a value");
			errno = 0;
			timeout = strtod(argv[++i], &end);
			if (errno || *end || end == argv[i] || !(timeout > 0) || timeout > 1e7)
				return usage_err("invalid timeout \"%s\": must be a number of seconds above 0",
						 argv[i]);
		} else if (!rev && i == 0) {
			errno = 0;
			rev = strtoll(argv[i], &end, 10);
			if (errno || *end || rev <= 0 || argv[i][0] == '+' || argv[i][0] == ' ')
				return usage_err("invalid revision \"%s\"", argv[i]);
		} else {
			return usage_err("unexpected argument \"%s\"", argv[i]);
		}
	}
	for (;;) {
		char behind[512] = "";
		struct snapshot s;
		json_object *rows;
		size_t k, n_behind = 0;

		if (snapshot(&s))
			return EXIT_FAIL;
		if (!rev)
			rev = s.desired;
		rows = host_rows(&s);
		for (k = 0; k < json_object_array_length(rows); k++) {
			json_object *row = json_object_array_get_idx(rows, k), *h;
			bool has;
			int64_t applied = row_i64(row, "applied", &has);

			json_object_object_get_ex(row, "host", &h);
			if (!row_bool(row, "live")) {
				if (!said_down && row_bool(row, "defined"))
					fprintf(stderr, "%s: host %s has no live agent: not waited for\n",
						PROG_NAME, json_object_get_string(h));
				continue;
			}
			if (applied < rev) {
				size_t len = strlen(behind);

				if (len < sizeof(behind) - 64)
					snprintf(behind + len, sizeof(behind) - len, "%s%s at %" PRId64,
						 n_behind ? ", " : "", json_object_get_string(h),
						 has ? applied : 0);
				n_behind++;
			}
		}
		said_down = true;
		json_object_put(rows);
		snapshot_free(&s);
		if (!n_behind) {
			if (opt_json) {
				json_object *o = json_object_new_object();

				json_object_object_add(o, "revision", json_object_new_int64(rev));
				print_json(o);
				json_object_put(o);
			}
			return EXIT_OK;
		}
		if (timeout && now() - start >= timeout) {
			pr_err("timed out after %g s waiting for revision %" PRId64 ": %s",
			       timeout, rev, behind);
			return EXIT_FAIL;
		}
		nanosleep(&(struct timespec){ 0, WAIT_POLL_MS * 1000000L }, NULL);
	}
}
