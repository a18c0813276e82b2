// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU counters of a switch: written locklessly by the datapath on the
 * CPU that handles the packet, summed only when somebody asks.
 */
#include "nvswitch.h"

static void count(struct nvsw_pcpu_stats *s, u64_stats_t *packets,
		  u64_stats_t *bytes, unsigned int len)
{
	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(packets);
	if (bytes)
		u64_stats_add(bytes, len);
	u64_stats_update_end(&s->syncp);
}

void nvsw_count_tx(struct nvsw_switch *sw, unsigned int len)
{
	struct nvsw_pcpu_stats *s = this_cpu_ptr(sw->stats);

	count(s, &s->tx_packets, &s->tx_bytes, len);
}

void nvsw_count_rx(struct nvsw_switch *sw, unsigned int len)
{
	struct nvsw_pcpu_stats *s = this_cpu_ptr(sw->stats);

	count(s, &s->rx_packets, &s->rx_bytes, len);
}

void nvsw_count_local(struct nvsw_switch *sw, unsigned int len)
{
	struct nvsw_pcpu_stats *s = this_cpu_ptr(sw->stats);

	count(s, &s->local_packets, &s->local_bytes, len);
}

void nvsw_count_arp_reply(struct nvsw_switch *sw)
{
	struct nvsw_pcpu_stats *s = this_cpu_ptr(sw->stats);

	count(s, &s->arp_replies, NULL, 0);
}

void nvsw_count_drop(struct nvsw_switch *sw, enum nvsw_drop reason, bool rx)
{
	struct nvsw_pcpu_stats *s = this_cpu_ptr(sw->stats);

	u64_stats_update_begin(&s->syncp);
	u64_stats_inc(&s->drops[reason]);
	u64_stats_inc(rx ? &s->rx_dropped : &s->tx_dropped);
	u64_stats_update_end(&s->syncp);
}

void nvsw_stats_read(struct nvsw_switch *sw, struct nvsw_stats *sum)
{
	int cpu, i;

	memset(sum, 0, sizeof(*sum));
	for_each_possible_cpu(cpu) {
		const struct nvsw_pcpu_stats *s = per_cpu_ptr(sw->stats, cpu);
		struct nvsw_stats one;
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			one.tx_packets = u64_stats_read(&s->tx_packets);
			one.tx_bytes = u64_stats_read(&s->tx_bytes);
			one.rx_packets = u64_stats_read(&s->rx_packets);
			one.rx_bytes = u64_stats_read(&s->rx_bytes);
			one.local_packets = u64_stats_read(&s->local_packets);
			one.local_bytes = u64_stats_read(&s->local_bytes);
			one.arp_replies = u64_stats_read(&s->arp_replies);
			one.rx_dropped = u64_stats_read(&s->rx_dropped);
			one.tx_dropped = u64_stats_read(&s->tx_dropped);
			for (i = 0; i < NVSW_DROP_COUNT; i++)
				one.drops[i] = u64_stats_read(&s->drops[i]);
		} while (u64_stats_fetch_retry(&s->syncp, start));

		sum->tx_packets += one.tx_packets;
		sum->tx_bytes += one.tx_bytes;
		sum->rx_packets += one.rx_packets;
		sum->rx_bytes += one.rx_bytes;
		sum->local_packets += one.local_packets;
		sum->local_bytes += one.local_bytes;
		sum->arp_replies += one.arp_replies;
		sum->rx_dropped += one.rx_dropped;
		sum->tx_dropped += one.tx_dropped;
		for (i = 0; i < NVSW_DROP_COUNT; i++)
			sum->drops[i] += one.drops[i];
	}
}
