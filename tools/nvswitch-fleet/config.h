/* SPDX-License-Identifier: GPL-2.0 */
/* The connection settings: config file and options (config.c). */
#ifndef NVSWITCH_FLEET_CONFIG_H
#define NVSWITCH_FLEET_CONFIG_H

#include <stdbool.h>

struct etcd_conf;

#define FLEET_CONF	"/etc/nvswitch/fleet.conf"

/* Each returns EXIT_OK or the exit code, after saying why. */
int conf_file(struct etcd_conf *c, const char *path, bool must_exist);
int conf_endpoints(struct etcd_conf *c, const char *list);
int conf_user(struct etcd_conf *c, const char *arg);
int conf_password_file(struct etcd_conf *c, const char *path);
int conf_timeout(struct etcd_conf *c, const char *arg);
void conf_free(struct etcd_conf *c);

#endif /* NVSWITCH_FLEET_CONFIG_H */
