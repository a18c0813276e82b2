/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The underlay devices a netns' switches receive NVGRE on: ip_gre's
 * collect_md gretap nvsw_gre (underlay.c) and ip6_gre's external
 * ip6gretap (underlay6.c), held in struct nvsw_net under RTNL.
 */
#ifndef _NVSW_UNDERLAY_H
#define _NVSW_UNDERLAY_H

struct list_head;
struct net_device;
struct netlink_ext_ack;
struct nvsw_net;

#define NVSW_UNDERLAY_IFNAME	"nvsw_gre"

/* underlay.c */
int nvsw_underlay_init(void);
void nvsw_underlay_exit(void);
int nvsw_underlay_get(struct nvsw_net *nn, struct netlink_ext_ack *extack);
void nvsw_underlay_put(struct nvsw_net *nn, struct list_head *kill);
void nvsw_underlay_gone(struct nvsw_net *nn, struct net_device *dev);

/* underlay6.c */
int nvsw_underlay6_get(struct nvsw_net *nn, struct netlink_ext_ack *extack);
void nvsw_underlay6_put(struct nvsw_net *nn);
void nvsw_underlay6_gone(struct nvsw_net *nn, struct net_device *dev);

#endif /* _NVSW_UNDERLAY_H */
