/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Memory that users make the module allocate: every object a netlink or
 * rtnetlink request creates (records, remotes with their per-CPU route
 * cache, moves, BUM objects, PAs, ports, vnets, vsubnets, routing domains,
 * routes, counters) is charged to the memory cgroup of the task that sends
 * the request, so a container's memory.max bounds what it can pin in the
 * kernel, with the GRE-level state of a whole host at stake.
 *
 * __GFP_RETRY_MAYFAIL: a full cgroup fails the request with ENOMEM, as
 * alloc_netdev() does for the same reason, rather than waking the cgroup's
 * OOM killer, which would kill whatever process of the container is the
 * largest (the controller itself, or a workload) and log a stack dump.
 */
#ifndef _NVSW_ACCOUNT_H
#define _NVSW_ACCOUNT_H

#include <linux/gfp.h>

#define NVSW_GFP_CONFIG	(GFP_KERNEL_ACCOUNT | __GFP_RETRY_MAYFAIL)

#endif /* _NVSW_ACCOUNT_H */
