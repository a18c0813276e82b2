// SPDX-License-Identifier: GPL-2.0
/*
 * Remotes: the provider addresses that lookup records point to, one object
 * per PA of a switch, shared by every record of that PA. A remote carries
 * what the datapath needs per destination host: whether it is this host,
 * and a per-CPU route cache, so sending costs no route lookup and no
 * shared cache line. A VM moving to another host is its record pointing
 * at another remote: one pointer store.
 *
 * Remotes are created and dropped with records, under sw->lock.
 */
#include <linux/rhashtable.h>

#include "account.h"
#include "guard.h"
#include "nvswitch.h"
#include "pa.h"
#include "remote.h"

/*
 * Remotes walked between two chances for the scheduler: a switch may have
 * tens of thousands, and the walk resets a per-CPU cache in each.
 */
#define REFRESH_BATCH	64

static const struct rhashtable_params remote_params = {
	.key_len = sizeof_field(struct nvsw_remote, pa),
	.key_offset = offsetof(struct nvsw_remote, pa),
	.head_offset = offsetof(struct nvsw_remote, node),
	.automatic_shrinking = true,
};

int nvsw_remotes_init(struct nvsw_switch *sw)
{
	return rhashtable_init(&sw->remotes, &remote_params);
}

static void remote_free(void *ptr, void *arg)
{
	struct nvsw_remote *remote = ptr;

	dst_cache_destroy(&remote->dst_cache);
	kfree(remote);
}

static void remote_free_rcu(struct rcu_head *head)
{
	remote_free(container_of(head, struct nvsw_remote, rcu), NULL);
}

/* After the records: nothing points at a remote any more. */
void nvsw_remotes_destroy(struct nvsw_switch *sw)
{
	rhashtable_free_and_destroy(&sw->remotes, remote_free, NULL);
}

struct nvsw_remote *nvsw_remote_get(struct nvsw_switch *sw,
				    const struct in6_addr *pa)
{
	struct nvsw_remote *remote;
	int err;

	lockdep_assert_held(&sw->lock);
	remote = rhashtable_lookup_fast(&sw->remotes, pa, remote_params);
	if (remote)
		goto out;

	/* Charged, with its per-CPU cache, to whoever adds the record. */
	remote = kzalloc(sizeof(*remote), NVSW_GFP_CONFIG);
	if (!remote)
		return ERR_PTR(-ENOMEM);
	err = dst_cache_init(&remote->dst_cache, NVSW_GFP_CONFIG);
	if (err)
		goto err_free;
	remote->pa = *pa;
	/* A PA added meanwhile refreshes this under sw->lock after us. */
	rcu_read_lock();
	remote->local = nvsw_pa_is_local(sw, pa);
	rcu_read_unlock();
	err = rhashtable_insert_fast(&sw->remotes, &remote->node,
				     remote_params);
	if (err)
		goto err_cache;
out:
	remote->users++;
	return remote;

err_cache:
	dst_cache_destroy(&remote->dst_cache);
err_free:
	kfree(remote);
	return ERR_PTR(err);
}

/* Another reference to a remote the caller already holds one to. */
void nvsw_remote_hold(struct nvsw_switch *sw, struct nvsw_remote *remote)
{
	lockdep_assert_held(&sw->lock);
	remote->users++;
}

void nvsw_remote_put(struct nvsw_switch *sw, struct nvsw_remote *remote)
{
	lockdep_assert_held(&sw->lock);
	if (--remote->users)
		return;
	rhashtable_remove_fast(&sw->remotes, &remote->node, remote_params);
	call_rcu(&remote->rcu, remote_free_rcu);
}

/*
 * The switch's PAs changed: which remotes are this host, and the source
 * address cached with every route, may have changed with them.
 *
 * The walk leaves its RCU section and yields every REFRESH_BATCH remotes,
 * as rhashtable's own users do (rhashtable_walk_stop(), cond_resched(),
 * rhashtable_walk_start()), so that many remotes neither stall RCU nor
 * hold the CPU. sw->lock keeps remotes from coming or going meanwhile; a
 * resize while stopped restarts the walk (-EAGAIN), and seeing a remote
 * twice is harmless.
 */
void nvsw_remotes_refresh(struct nvsw_switch *sw)
{
	struct rhashtable_iter iter;
	struct nvsw_remote *remote;
	unsigned int n = 0;

	ASSERT_RTNL();
	mutex_lock(&sw->lock);
	rhashtable_walk_enter(&sw->remotes, &iter);
	rhashtable_walk_start(&iter);
	while ((remote = rhashtable_walk_next(&iter))) {
		if (IS_ERR(remote))
			continue;	/* -EAGAIN: resized, walking on */
		if (++n % REFRESH_BATCH == 0) {
			rhashtable_walk_stop(&iter);
			cond_resched();
			rhashtable_walk_start(&iter);
		}
		WRITE_ONCE(remote->local, nvsw_pa_is_local(sw, &remote->pa));
		dst_cache_reset(&remote->dst_cache);
	}
	rhashtable_walk_stop(&iter);
	rhashtable_walk_exit(&iter);
	nvsw_claims_recheck(sw, 0);
	mutex_unlock(&sw->lock);
}
