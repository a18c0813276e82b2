// SPDX-License-Identifier: GPL-2.0
/*
 * Where etcd is and how to log in: /etc/nvswitch/fleet.conf (or -c FILE),
 * then the command-line options over it. The file holds "key = value"
 * lines; '#' starts a comment. Keys: endpoints, user, password,
 * password-file, cacert, cert, key, timeout (seconds).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "etcd.h"
#include "fleet.h"

static char *trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && strchr(" \t\r\n", end[-1]))
		*--end = '\0';
	return s;
}

static void set(char **dst, const char *v)
{
	free(*dst);
	*dst = strdup(v);
}

void conf_free(struct etcd_conf *c)
{
	size_t i;

	for (i = 0; i < c->n_endpoints; i++)
		free(c->endpoints[i]);
	c->n_endpoints = 0;
	free(c->user);
	free(c->password);
	free(c->cacert);
	free(c->cert);
	free(c->key);
	c->user = c->password = c->cacert = c->cert = c->key = NULL;
}

int conf_endpoints(struct etcd_conf *c, const char *list)
{
	char *copy = strdup(list), *save = NULL, *tok;
	size_t i;

	for (i = 0; i < c->n_endpoints; i++)
		free(c->endpoints[i]);
	c->n_endpoints = 0;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char url[512];

		tok = trim(tok);
		if (!*tok)
			continue;
		if (c->n_endpoints == ETCD_MAX_ENDPOINTS) {
			free(copy);
			return usage_err("too many endpoints: at most %d", ETCD_MAX_ENDPOINTS);
		}
		/* "host:port" means http, as etcdctl takes it. */
		snprintf(url, sizeof(url), "%s%s", strstr(tok, "://") ? "" : "http://", tok);
		if (strncmp(url, "http://", 7) && strncmp(url, "https://", 8)) {
			usage_err("invalid endpoint \"%s\": expected http(s)://HOST:PORT", tok);
			free(copy);
			return EXIT_USAGE;
		}
		c->endpoints[c->n_endpoints++] = strdup(url);
	}
	free(copy);
	if (!c->n_endpoints)
		return usage_err("invalid endpoints \"%s\": none given", list);
	return EXIT_OK;
}

int conf_password_file(struct etcd_conf *c, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[512];

	if (!f) {
		pr_err("cannot open password file \"%s\": %m", path);
		return EXIT_FAIL;
	}
	if (!fgets(line, sizeof(line), f)) {
		fclose(f);
		pr_err("password file \"%s\" is empty", path);
		return EXIT_FAIL;
	}
	fclose(f);
	line[strcspn(line, "\r\n")] = '\0';
	set(&c->password, line);
	return EXIT_OK;
}

int conf_user(struct etcd_conf *c, const char *arg)
{
	const char *colon = strchr(arg, ':');

	if (!colon) {
		set(&c->user, arg);
		return EXIT_OK;
	}
	free(c->user);
	c->user = strndup(arg, colon - arg);
	set(&c->password, colon + 1);
	return EXIT_OK;
}

int conf_timeout(struct etcd_conf *c, const char *arg)
{
	char *end;
	double s;

	errno = 0;
	s = strtod(arg, &end);
	if (errno || *end || end == arg || !(s > 0) || s > 3600)
		return usage_err("invalid timeout \"%s\": must be 0-3600 seconds", arg);
	c->timeout_ms = (long)(s * 1000);
	return EXIT_OK;
}

int conf_file(struct etcd_conf *c, const char *path, bool must_exist)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	unsigned int n = 0;
	int ret = EXIT_OK;

	if (!f) {
		if (!must_exist && errno == ENOENT)
			return EXIT_OK;
		pr_err("cannot open config file \"%s\": %m", path);
		return EXIT_FAIL;
	}
	while (!ret && fgets(line, sizeof(line), f)) {
		char *k, *v, *eq;

		n++;
		line[strcspn(line, "#")] = '\0';
		k = trim(line);
		if (!*k)
			continue;
		eq = strchr(k, '=');
		if (!eq) {
			ret = usage_err("%s:%u: expected \"key = value\"", path, n);
			break;
		}
		*eq = '\0';
		k = trim(k);
		v = trim(eq + 1);
		if (!strcmp(k, "endpoints"))
			ret = conf_endpoints(c, v);
		else if (!strcmp(k, "user"))
			ret = conf_user(c, v);
		else if (!strcmp(k, "password"))
			set(&c->password, v);
		else if (!strcmp(k, "password-file"))
			ret = conf_password_file(c, v);
		else if (!strcmp(k, "cacert"))
			set(&c->cacert, v);
		else if (!strcmp(k, "cert"))
			set(&c->cert, v);
		else if (!strcmp(k, "key"))
			set(&c->key, v);
		else if (!strcmp(k, "timeout"))
			ret = conf_timeout(c, v);
		else
			ret = usage_err("%s:%u: unknown key \"%s\"", path, n, k);
	}
	fclose(f);
	return ret;
}
