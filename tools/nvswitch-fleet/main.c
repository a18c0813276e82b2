// SPDX-License-Identifier: GPL-2.0
/*
 * nvswitch-fleet: the desired state of a fleet of nvswitch hypervisors, in
 * etcd, for their agents to apply (Documentation/fleet.rst).
 *
 * Grammar follows iproute2 and nvswitchctl: nvswitch-fleet [OPTIONS] OBJECT
 * COMMAND [ARGS]. This file holds the options, the connection and the
 * top-level dispatch; each object lives in its own file.
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "etcd.h"
#include "fleet.h"
#include "schema.h"

bool opt_json;
bool opt_pretty;
char fleet_cmdline[256];

static struct etcd_conf conf = { .timeout_ms = 5000 };
static struct etcd *etcd;

const char cli_prog[] = PROG_NAME;

void print_json(json_object *obj)
{
	puts(json_object_to_json_string_ext(obj, opt_pretty ? JSON_C_TO_STRING_PRETTY |
					    JSON_C_TO_STRING_SPACED : JSON_C_TO_STRING_PLAIN));
}

struct etcd *fleet_etcd(void)
{
	if (!etcd) {
		etcd = etcd_open(&conf);
		if (!etcd) {
			pr_err("cannot start libcurl");
			exit(EXIT_FAIL);
		}
	}
	return etcd;
}

static const struct command *find_command(const struct command *table, const char *word)
{
	return cli_find(table, sizeof(*table), word);
}

int dispatch(const struct command *table, const char *object, const char *usage,
	     int argc, char **argv)
{
	const struct command *c;

	if (argc < 1) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	/* Anywhere, as in "vm add help": asking never changes anything. */
	if (wants_help(argc, argv)) {
		fputs(usage, stdout);
		return EXIT_OK;
	}
	c = find_command(table, argv[0]);
	if (c)
		return c->fn(argc - 1, argv + 1);
	return unknown_command(argv[0], object);
}

int unknown_command(const char *word, const char *object)
{
	pr_err("unknown command \"%s\" for \"%s\", try \"%s %s help\"",
	       word, object, PROG_NAME, object);
	return EXIT_USAGE;
}

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s [OPTIONS] OBJECT COMMAND [ARGS]\n"
		"       %s OBJECT help | help | --version\n"
		"where  OBJECT := { host | vsid | rdomain | vsubnet | route | vm |\n"
		"                   status | wait | rbac }\n"
		"       OPTIONS := { -j | -p | -c FILE | -e ENDPOINTS | -u USER[:PASSWORD] |\n"
		"                    --password-file FILE | --cacert FILE | --cert FILE |\n"
		"                    --key FILE | --timeout SECONDS | -h | -V }\n"
		"\n"
		"The desired state of a fleet of nvswitch hosts, in etcd, for each\n"
		"host's agent to apply. Settings come from %s (or -c FILE),\n"
		"then the options. ENDPOINTS: a comma-separated list, tried in turn.\n"
		"Exit status: 0 done, 1 etcd refused or could not be reached, 2 usage.\n"
		"See nvswitch-fleet(8) and Documentation/fleet.rst.\n",
		PROG_NAME, PROG_NAME, FLEET_CONF);
}

static int do_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	usage(stdout);
	return EXIT_OK;
}

/* Read-only objects first, so that prefixes never surprise. */
static const struct command objects[] = {
	{ "status", do_status, NULL },
	{ "host", NULL, &host_type },
	{ "vsid", NULL, &vsid_type },
	{ "rdomain", NULL, &rdomain_type },
	{ "vsubnet", NULL, &vsubnet_type },
	{ "route", NULL, &route_type },
	{ "vm", NULL, &vm_type },
	{ "wait", do_wait, NULL },
	{ "rbac", do_rbac, NULL },
	{ "help", do_help, NULL },
	{ NULL, NULL, NULL },
};

enum { OPT_PASSWORD_FILE = 256, OPT_CACERT, OPT_CERT, OPT_KEY, OPT_TIMEOUT };

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "pretty", no_argument, NULL, 'p' },
		{ "config", required_argument, NULL, 'c' },
		{ "endpoints", required_argument, NULL, 'e' },
		{ "user", required_argument, NULL, 'u' },
		{ "password-file", required_argument, NULL, OPT_PASSWORD_FILE },
		{ "cacert", required_argument, NULL, OPT_CACERT },
		{ "cert", required_argument, NULL, OPT_CERT },
		{ "key", required_argument, NULL, OPT_KEY },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *config = NULL, *endpoints = NULL, *user = NULL, *pwfile = NULL;
	const char *cacert = NULL, *cert = NULL, *key = NULL, *timeout = NULL;
	const struct command *c;
	int opt, ret, i;
	size_t n = 0;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+jpc:e:u:hV", longopts, NULL)) != -1) {
		switch (opt) {
		case 'j': opt_json = true; break;
		case 'p': opt_pretty = true; break;
		case 'c': config = optarg; break;
		case 'e': endpoints = optarg; break;
		case 'u': user = optarg; break;
		case OPT_PASSWORD_FILE: pwfile = optarg; break;
		case OPT_CACERT: cacert = optarg; break;
		case OPT_CERT: cert = optarg; break;
		case OPT_KEY: key = optarg; break;
		case OPT_TIMEOUT: timeout = optarg; break;
		case 'h': usage(stdout); return EXIT_OK;
		case 'V': printf("%s %s\n", PROG_NAME, PROG_VERSION); return EXIT_OK;
		default:
			/* opterr is off: say it as the rest of the tool does. */
			if (optopt && optopt < 256 && strchr("ceu", optopt))
				return usage_err("option \"-%c\" needs an argument", optopt);
			if (optopt >= 256)
				return usage_err("option \"%s\" needs an argument", argv[optind - 1]);
			if (optopt)
				return usage_err("unknown option \"-%c\"", optopt);
			return usage_err("unknown option \"%s\"", argv[optind - 1]);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1) {
		usage(stderr);
		return EXIT_USAGE;
	}
	for (i = 0; i < argc && n < sizeof(fleet_cmdline) - 1; i++)
		n += (size_t)snprintf(fleet_cmdline + n, sizeof(fleet_cmdline) - n, "%s%s",
				      i ? " " : "", argv[i]);
	c = find_command(objects, argv[0]);
	if (!c) {
		pr_err("unknown object \"%s\", try \"%s help\"", argv[0], PROG_NAME);
		return EXIT_USAGE;
	}

	/* The file first, the options over it. */
	ret = conf_endpoints(&conf, "http://127.0.0.1:2379");
	if (!ret)
		ret = conf_file(&conf, config ? config : FLEET_CONF, config != NULL);
	if (!ret && endpoints)
		ret = conf_endpoints(&conf, endpoints);
	if (!ret && user)
		ret = conf_user(&conf, user);
	if (!ret && pwfile)
		ret = conf_password_file(&conf, pwfile);
	if (!ret && timeout)
		ret = conf_timeout(&conf, timeout);
	if (!ret && cacert) {
		free(conf.cacert);
		conf.cacert = strdup(cacert);
	}
	if (!ret && cert) {
		free(conf.cert);
		conf.cert = strdup(cert);
	}
	if (!ret && key) {
		free(conf.key);
		conf.key = strdup(key);
	}
	if (!ret)
		ret = c->ot ? obj_run(c->ot, argc - 1, argv + 1) : c->fn(argc - 1, argv + 1);
	etcd_close(etcd);
	conf_free(&conf);
	return ret;
}
