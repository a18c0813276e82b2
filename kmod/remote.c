// SPDX-License-Identifier: GPL-2.0
/*
 * Remotes: the provider addresses that records point to, one object
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

static int remote_refresh(void *obj, void *sw)
{
	struct nvsw_remote *remote = obj;

	WRITE_ONCE(remote->local, nvsw_pa_is_local(sw, &remote->pa));
	dst_cache_reset(&remote->dst_cache);
	return 0;
}

/*
 * The switch's PAs changed: which remotes are this host, and the source
 * address cached with every route, may have changed with them. A walk
 * that yields (nvsw_table_walk()) under sw->lock, which keeps remotes
 * from coming or going meanwhile.
 */
void nvsw_remotes_refresh(struct nvsw_switch *sw)
{
	ASSERT_RTNL();
	mutex_lock(&sw->lock);
	nvsw_table_walk(&sw->remotes, remote_refresh, sw);
	nvsw_claims_recheck(sw, 0);
	mutex_unlock(&sw->lock);
}
