/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Notifications (notify.c): configuration changes on the "config"
 * multicast group, datapath misses on the "miss" group.
 */
#ifndef _NVSW_NOTIFY_H
#define _NVSW_NOTIFY_H

#include <linux/gfp.h>
#include <linux/types.h>
#include <uapi/linux/nvswitch.h>

struct in6_addr;
struct nvsw_croute;
struct nvsw_pa;
struct nvsw_path;
struct nvsw_port;
struct nvsw_rdom;
struct nvsw_record;
struct nvsw_switch;
struct nvsw_vsid;
struct nvsw_vsubnet;

void nvsw_notify_switch(const struct nvsw_switch *sw, u8 cmd);
void nvsw_notify_pa(const struct nvsw_switch *sw, const struct nvsw_pa *pa,
		    u8 cmd);
void nvsw_notify_port(const struct nvsw_port *port, u8 cmd);
void nvsw_notify_record(const struct nvsw_switch *sw,
			const struct nvsw_record *rec, u8 cmd, gfp_t gfp);
void nvsw_notify_bum(const struct nvsw_switch *sw, const struct nvsw_vsid *vsid);
void nvsw_notify_vsubnet(const struct nvsw_switch *sw,
			 const struct nvsw_vsubnet *vs, bool ipv6, u8 cmd);
void nvsw_notify_croute(const struct nvsw_switch *sw,
			const struct nvsw_rdom *rd,
			const struct nvsw_croute *rt, u8 cmd);
void nvsw_miss(const struct nvsw_path *path, enum nvsw_miss_source source,
	       __be32 ca, const u8 *mac, const struct in6_addr *pa);
void nvsw_miss_ca6(const struct nvsw_path *path, const struct in6_addr *ca);

#endif /* _NVSW_NOTIFY_H */
