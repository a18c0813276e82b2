// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU counters of switches, virtual subnets and ports: written
 * locklessly by the datapath on the CPU that handles the packet, summed only
 * when somebody asks. Every drop is counted by reason on the switch and on
 * the subnet and port the packet was known to belong to.
 */
#include "account.h"
#include "drop.h"
#include "nvswitch.h"
#include "port.h"
#include "stats.h"
#include "trace.h"

struct nvsw_pcpu_stats __percpu *nvsw_stats_alloc(void)
{
	/* Charged to the memcg of whoever creates the switch, vsid or port. */
	return __netdev_alloc_pcpu_stats(struct nvsw_pcpu_stats,
					 NVSW_GFP_CONFIG);
}

static void add(struct nvsw_pcpu_stats __percpu *stats,
		enum nvsw_counter ctr, unsigned int len)
{
	struct nvsw_pcpu_stats *s = this_cpu_ptr(stats);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->packets[ctr]);
	u64_stats_add(&s->bytes[ctr], len);
	u64_stats_update_end(&s->syncp);
}

void nvsw_count(const struct nvsw_path *path, enum nvsw_counter ctr,
		unsigned int len)
{
	add(path->sw->stats, ctr, len);
	if (path->vsid)
		add(path->vsid->stats, ctr, len);
}

void nvsw_count_port(struct nvsw_port *port, enum nvsw_counter ctr,
		     unsigned int len)
{
	add(port->stats, ctr, len);
}

static void add_drop(struct nvsw_pcpu_stats __percpu *stats,
		     enum nvsw_drop reason, bool from_underlay)
{
	struct nvsw_pcpu_stats *s = this_cpu_ptr(stats);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->drops[reason]);
	u64_stats_inc(from_underlay ? &s->rx_dropped : &s->tx_dropped);
	u64_stats_update_end(&s->syncp);
}

void nvsw_count_drop(const struct nvsw_path *path, enum nvsw_drop reason)
{
	trace_drop(path, reason);
	add_drop(path->sw->stats, reason, path->from_underlay);
	if (path->vsid)
		add_drop(path->vsid->stats, reason, path->from_underlay);
	if (path->port)
		add_drop(path->port->stats, reason, path->from_underlay);
}

/*
 * Freed first: then the return address skb:kfree_skb and dropwatch report
 * is in nvsw_drop() whatever the compiler does with the last call, and the
 * nvswitch:drop tracepoint tells the rest.
 */
void nvsw_drop(const struct nvsw_path *path, struct sk_buff *skb,
	       enum nvsw_drop reason)
{
	kfree_skb_reason(skb, nvsw_drop_reasons[reason].kernel);
	nvsw_count_drop(path, reason);
}

void nvsw_stats_read(struct nvsw_pcpu_stats __percpu *stats,
		     struct nvsw_stats *sum)
{
	int cpu, i;

	memset(sum, 0, sizeof(*sum));
	for_each_possible_cpu(cpu) {
		const struct nvsw_pcpu_stats *s = per_cpu_ptr(stats, cpu);
		struct nvsw_stats one;
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			for (i = 0; i < NVSW_CTR_COUNT; i++) {
				one.packets[i] = u64_stats_read(&s->packets[i]);
				one.bytes[i] = u64_stats_read(&s->bytes[i]);
			}
			one.rx_dropped = u64_stats_read(&s->rx_dropped);
			one.tx_dropped = u64_stats_read(&s->tx_dropped);
			for (i = 0; i < NVSW_DROP_COUNT; i++)
				one.drops[i] = u64_stats_read(&s->drops[i]);
		} while (u64_stats_fetch_retry(&s->syncp, start));

		for (i = 0; i < NVSW_CTR_COUNT; i++) {
			sum->packets[i] += one.packets[i];
			sum->bytes[i] += one.bytes[i];
		}
		sum->rx_dropped += one.rx_dropped;
		sum->tx_dropped += one.tx_dropped;
		for (i = 0; i < NVSW_DROP_COUNT; i++)
			sum->drops[i] += one.drops[i];
	}
}
