// SPDX-License-Identifier: GPL-2.0
/*
 * nvswitchctl sync: makes a switch what a file of save's commands says, by
 * difference, as "wg syncconf" does for a WireGuard device. Only what
 * differs is touched, one object at a time, each change atomic in the
 * kernel (a record is replaced, never deleted and added again), so traffic
 * of everything the file leaves as it is never notices. Nothing is flushed.
 *
 * The file is read and checked whole before the first change: a bad line
 * changes nothing.
 */
#include <net/if.h>
#include <string.h>

#include "config.h"
#include "netlink.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s sync SWITCH FILE\n"
		"\n"
		"Makes SWITCH what FILE says (- for stdin): FILE holds the lines that\n"
		"\"%s save SWITCH\" prints. What FILE lacks is removed, what it adds\n"
		"is created, what it changes is changed, the rest is left alone; a\n"
		"changed record is replaced atomically, a port whose guards alone change\n"
		"is changed in place. A missing switch is created from the file's\n"
		"\"switch add\" line; settings that line leaves out stay as they are. A\n"
		"port whose device does not exist (yet) is skipped, with a warning. FILE\n"
		"is checked whole first: a bad line changes nothing.\n",
		PROG_NAME, PROG_NAME);
}

/* The steps, in an order the kernel accepts: what others need exists first. */
enum step {
	STEP_SWITCH,		/* set what differs */
	STEP_PA_ADD,
	STEP_PORT_DEL,		/* ports that go or change */
	STEP_PORT_ADD,
	STEP_PORT_SET,		/* only the guards change: in place */
	STEP_VSID_SET,		/* and reset to the default */
	STEP_ROUTE_DEL,		/* before their next hop's vsubnet goes */
	STEP_VSUBNET_DEL,
	STEP_VSUBNET_ADD,
	STEP_ROUTE_ADD,
	STEP_RECORD_SET,	/* replace: added or changed */
	STEP_RECORD_DEL,
	STEP_PA_DEL,		/* last: records may still point at it */
	STEPS,
};

struct sync {
	const char *sw;
	struct cfg *want, *have;
};

/* One command, as it would be typed; stops the sync when it fails. */
static int run(const char *line)
{
	char buf[512], *argv[32];
	int argc, ret;

	snprintf(buf, sizeof(buf), "%s", line);
	argc = split_words(buf, argv, sizeof(argv) / sizeof(argv[0]));
	if (argc <= 0)
		return EXIT_FAIL;
	ret = run_command(argc, argv);
	if (ret)
		pr_err("sync stopped at \"%s\"", line);
	return ret;
}

/*
 * The file's switch line as a "switch set" of what differs: every setting
 * the line gives, in one request, when any of them differs.
 */
static int sync_switch(struct sync *s, const struct cfg_obj *want,
		       const struct cfg_obj *have)
{
	char line[512];

	if (!want || cfg_same(want, have))
		return EXIT_OK;
	for (size_t i = 0; i < SW_SETTINGS; i++)
		if (want->sw.given[i])
			return run(cfg_format(line, sizeof(line), want, s->sw, "set"));
	return EXIT_OK;
}

/*
 * What a step does with an object only the file has (@want), only the
 * switch has (@have), or both have differently. NULL: nothing.
 */
static const char *verb(enum step step, const struct cfg_obj *want,
			const struct cfg_obj *have)
{
	enum cfg_kind kind = (want ? want : have)->kind;
	/* A port made again would lose its VM's frames meanwhile. */
	bool in_place = want && have && cfg_port_guards_differ(want, have);

	switch (step) {
	case STEP_PA_ADD:
		return kind == CFG_PA && !have ? "add" : NULL;
	case STEP_PA_DEL:
		return kind == CFG_PA && !want ? "del" : NULL;
	case STEP_PORT_DEL:
		return kind == CFG_PORT && have && !in_place ? "del" : NULL;
	case STEP_PORT_ADD:
		return kind == CFG_PORT && want && !in_place ? "add" : NULL;
	case STEP_PORT_SET:
		return in_place ? "set" : NULL;
	case STEP_VSID_SET:
		return kind == CFG_VSID ? "set" : NULL;
	case STEP_ROUTE_DEL:
		return kind == CFG_ROUTE && have ? "del" : NULL;
	case STEP_VSUBNET_DEL:
		return kind == CFG_VSUBNET && have ? "del" : NULL;
	case STEP_VSUBNET_ADD:
		return kind == CFG_VSUBNET && want ? "add" : NULL;
	case STEP_ROUTE_ADD:
		return kind == CFG_ROUTE && want ? "add" : NULL;
	case STEP_RECORD_SET:
		return kind == CFG_RECORD && want ? "replace" : NULL;
	case STEP_RECORD_DEL:
		return kind == CFG_RECORD && !want ? "del" : NULL;
	case STEP_SWITCH:
	case STEPS:
		break;
	}
	return NULL;
}

static int apply(struct sync *s, enum step step, const struct cfg_obj *want,
		 const struct cfg_obj *have)
{
	const char *v = verb(step, want, have);
	struct cfg_obj reset;
	char line[512];

	if (!v)
		return EXIT_OK;
	if (want && want->kind == CFG_PORT && !want->port.internal && !strcmp(v, "add") &&
	    !if_nametoindex(want->port.dev)) {
		/* libvirt's hook attaches it when the VM starts. */
		fprintf(stderr, "%s: sync: port \"%s\" skipped: no such device\n",
			PROG_NAME, want->port.dev);
		return EXIT_OK;
	}
	if (!want && have->kind == CFG_VSID) {
		/* A VSID the file does not name has the defaults. */
		reset = *have;
		reset.vsid.mode = NVSW_BUM_DROP;
		reset.vsid.rate = NVSWITCH_BUM_RATE_DEFAULT;
		want = &reset;
	}
	/* A del names what is there: a changed vsubnet's prefix is the old one. */
	if (!strcmp(v, "del"))
		want = have;
	return run(cfg_format(line, sizeof(line), want, s->sw, v));
}

/*
 * Walks both sorted lists side by side, once per step, and hands each step
 * the objects that differ: only in the file, only in the switch, or in both
 * with other values.
 */
static int sync_step(struct sync *s, enum step step)
{
	const struct cfg_obj *w, *h;
	size_t i = 0, j = 0;
	int d, ret = EXIT_OK;

	while (!ret && (i < s->want->n || j < s->have->n)) {
		w = i < s->want->n ? &s->want->obj[i] : NULL;
		h = j < s->have->n ? &s->have->obj[j] : NULL;
		d = !w ? 1 : !h ? -1 : cfg_cmp(w, h);
		if (d < 0) {
			ret = w->kind == CFG_SWITCH ? EXIT_OK : apply(s, step, w, NULL);
			i++;
		} else if (d > 0) {
			ret = h->kind == CFG_SWITCH ? EXIT_OK : apply(s, step, NULL, h);
			j++;
		} else {
			if (step == STEP_SWITCH && w->kind == CFG_SWITCH)
				ret = sync_switch(s, w, h);
			else if (w->kind != CFG_SWITCH && !cfg_same(w, h))
				ret = apply(s, step, w, h);
			i++;
			j++;
		}
	}
	return ret;
}

/* A switch that does not exist is made from the file's switch line. */
static int create_switch(struct sync *s)
{
	char line[512];
	size_t i;

	for (i = 0; i < s->want->n; i++)
		if (s->want->obj[i].kind == CFG_SWITCH)
			return run(cfg_format(line, sizeof(line), &s->want->obj[i],
						 s->sw, NULL));
	pr_err("no switch \"%s\", and the file has no \"switch add %s\" line", s->sw, s->sw);
	return EXIT_FAIL;
}

int cmd_sync(int argc, char **argv)
{
	struct cfg want = { 0 }, have = { 0 };
	struct sync s = { .want = &want, .have = &have };
	const char *path;
	int ret, step;

	if (wants_help(argc, argv)) {
		usage(stdout);
		return EXIT_OK;
	}
	ret = take_switch(&argc, &argv, &s.sw);
	if (!ret && argc < 1)
		ret = usage_err("missing FILE");
	if (ret)
		return ret;
	path = argv[0];
	ret = no_more_args(argc - 1, argv + 1);
	if (!ret)
		ret = cfg_read_file(path, s.sw, &want);
	if (!ret && !if_nametoindex(s.sw))
		ret = create_switch(&s);
	if (!ret)
		ret = cfg_read_kernel(s.sw, &have);
	for (step = STEP_SWITCH; !ret && step < STEPS; step++)
		ret = sync_step(&s, step);
	cfg_free(&want);
	cfg_free(&have);
	return ret;
}
