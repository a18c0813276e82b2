// SPDX-License-Identifier: GPL-2.0
/*
 * etcd users and roles for a fleet (Documentation/fleet.rst, "Access"):
 *   nvswitch-manager      reads and writes the desired state (and the CA
 *                         index), reads every host's status;
 *   nvswitch-host-HOST    reads the desired state, writes only
 *                         KEY_STATUS HOST/;
 *   root                  etcd's own, needed to turn authentication on.
 * Each command can run again: what exists is kept.
 */
#include <stdlib.h>
#include <string.h>

#include "etcd.h"
#include "fleet.h"
#include "schema.h"

#define MANAGER		"nvswitch-manager"
#define HOST_PREFIX	"nvswitch-host-"

static const char rbac_usage[] =
	"Usage: " PROG_NAME " rbac init root-password PW|root-password-file FILE\n"
	"                         manager-password PW|manager-password-file FILE\n"
	"       " PROG_NAME " rbac host HOST password PW|password-file FILE\n"
	"\n"
	"init creates the role and user nvswitch-manager (read-write on the\n"
	"desired state, read-only on the hosts' status) and the user root, then\n"
	"turns etcd's authentication on. host creates the role and user\n"
	"nvswitch-host-HOST for that host's agent: read the desired state, write\n"
	"only its own status. After init, run as root (-u root). A FILE's first\n"
	"line is the password (\"-\": standard input).\n";

/* The first line of @path (or of stdin for "-"), as a new string. */
static char *read_password(const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (!f) {
		pr_err("cannot open \"%s\": %m", path);
		return NULL;
	}
	n = getline(&line, &cap, f);
	if (f != stdin)
		fclose(f);
	if (n <= 0) {
		free(line);
		pr_err("\"%s\": no password in it", path);
		return NULL;
	}
	line[strcspn(line, "\r\n")] = '\0';
	return line;
}

#define NOT_THIS_KEYWORD	(-1)

/*
 * @kw PW or @kw-file FILE at argv[*@i] into *@pw: EXIT_OK, the exit code
 * after saying why, or NOT_THIS_KEYWORD.
 */
static int take_password(int *i, int argc, char **argv, const char *kw, char **pw)
{
	size_t n = strlen(kw);
	bool file;

	if (strncmp(argv[*i], kw, n) || (argv[*i][n] && strcmp(argv[*i] + n, "-file")))
		return NOT_THIS_KEYWORD;
	file = argv[*i][n];
	if (*i + 1 >= argc)
		return usage_err("keyword \"%s\" needs a value", argv[*i]);
	if (*pw)
		return usage_err("keyword \"%s\" given twice", kw);
	(*i)++;
	*pw = file ? read_password(argv[*i]) : strdup(argv[*i]);
	return *pw ? 0 : EXIT_FAIL;
}

/* One /v3/auth call; "already exists" and "already granted" are fine. */
static int auth_call(const char *what, const char *path, json_object *req)
{
	struct etcd *e = fleet_etcd();
	json_object *resp;

	if (!etcd_call(e, path, req, &resp)) {
		json_object_put(resp);
		return 0;
	}
	if (strstr(etcd_error(e), "already exists"))
		return 0;
	pr_err("%s: %s", what, etcd_error(e));
	return -1;
}

static int add_role(const char *role)
{
	json_object *req = json_object_new_object();

	json_object_object_add(req, "name", json_object_new_string(role));
	return auth_call(role, "/v3/auth/role/add", req);
}

static void add_b64(json_object *o, const char *field, const char *s)
{
	char *enc = b64_encode(s, strlen(s));

	json_object_object_add(o, field, json_object_new_string(enc ? enc : ""));
	free(enc);
}

/* @role may @perm ("READ", "WRITE", "READWRITE") every key under @prefix. */
static int grant(const char *role, const char *perm, const char *prefix)
{
	json_object *req = json_object_new_object(), *p = json_object_new_object();
	char *end = prefix_end(prefix);

	json_object_object_add(p, "permType", json_object_new_string(perm));
	add_b64(p, "key", prefix);
	add_b64(p, "range_end", end);
	free(end);
	json_object_object_add(req, "name", json_object_new_string(role));
	json_object_object_add(req, "perm", p);
	return auth_call(role, "/v3/auth/role/grant", req);
}

/* A user with @password and @role; an existing user gets the password. */
static int add_user(const char *user, const char *password, const char *role)
{
	json_object *req = json_object_new_object();

	json_object_object_add(req, "name", json_object_new_string(user));
	json_object_object_add(req, "password", json_object_new_string(password));
	if (auth_call(user, "/v3/auth/user/add", req))
		return -1;
	req = json_object_new_object();
	json_object_object_add(req, "name", json_object_new_string(user));
	json_object_object_add(req, "password", json_object_new_string(password));
	if (auth_call(user, "/v3/auth/user/changepw", req))
		return -1;
	req = json_object_new_object();
	json_object_object_add(req, "user", json_object_new_string(user));
	json_object_object_add(req, "role", json_object_new_string(role));
	return auth_call(user, "/v3/auth/user/grant", req);
}

static int rbac_init(int argc, char **argv)
{
	char *root = NULL, *manager = NULL;
	int i, ret = EXIT_OK;

	for (i = 0; i < argc && !ret; i++) {
		ret = take_password(&i, argc, argv, "root-password", &root);
		if (ret == NOT_THIS_KEYWORD)
			ret = take_password(&i, argc, argv, "manager-password", &manager);
		if (ret == NOT_THIS_KEYWORD)
			ret = usage_err("unknown keyword \"%s\"", argv[i]);
	}
	if (!ret && !root)
		ret = usage_err("missing keyword \"root-password\"");
	if (!ret && !manager)
		ret = usage_err("missing keyword \"manager-password\"");
	if (ret)
		goto out;
	ret = EXIT_FAIL;
	if (add_role(MANAGER) ||
	    grant(MANAGER, "READWRITE", KEY_DESIRED) ||
	    grant(MANAGER, "READWRITE", KEY_INDEX) ||
	    grant(MANAGER, "READ", KEY_STATUS) ||
	    add_user(MANAGER, manager, MANAGER) ||
	    add_role("root") ||
	    add_user("root", root, "root"))
		goto out;
	if (auth_call("auth enable", "/v3/auth/enable", json_object_new_object()))
		goto out;
	ret = EXIT_OK;
out:
	free(root);
	free(manager);
	return ret;
}

static int rbac_host(int argc, char **argv)
{
	char *password = NULL, name[128], status[256];
	json_object *host;
	int i, ret = EXIT_OK;

	if (argc < 1)
		return usage_err("missing HOST");
	host = valid_value(V_NAME, "host", argv[0]);
	if (!host)
		return usage_err("%s", valid_error());
	for (i = 1; i < argc && !ret; i++) {
		ret = take_password(&i, argc, argv, "password", &password);
		if (ret == NOT_THIS_KEYWORD)
			ret = usage_err("unknown keyword \"%s\"", argv[i]);
	}
	if (!ret && !password)
		ret = usage_err("missing keyword \"password\"");
	if (ret)
		goto out;
	snprintf(name, sizeof(name), HOST_PREFIX "%s", json_object_get_string(host));
	snprintf(status, sizeof(status), KEY_STATUS "%s/", json_object_get_string(host));
	ret = EXIT_FAIL;
	if (add_role(name) ||
	    grant(name, "READ", KEY_DESIRED) ||
	    grant(name, "READWRITE", status) ||
	    add_user(name, password, name))
		goto out;
	ret = EXIT_OK;
out:
	json_object_put(host);
	free(password);
	return ret;
}

static const struct command rbac_cmds[] = {
	{ "init", rbac_init, NULL },
	{ "host", rbac_host, NULL },
	{ NULL, NULL, NULL },
};

int do_rbac(int argc, char **argv)
{
	return dispatch(rbac_cmds, "rbac", rbac_usage, argc, argv);
}
