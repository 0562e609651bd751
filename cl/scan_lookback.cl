// ---- what both tile kernels share: tiles in ticket order, the scratch, the look-back ----
// A group takes its tile number from a global ticket counter, so it only ever waits for tiles
// whose groups have already started, whatever order the device runs groups in (OpenCL does
// not promise launch order). Descriptors are never cleared: each launch stamps its own epoch
// into the status word, and a descriptor from an earlier launch reads as not yet published.
// Work-group tiles look back with many work-items at once (cl/scan_group.cl); the look-back
// below, by one work-item, serves the single-work-item tiles of CPU devices.
// Descriptors that one work-item reads at once when looking back.
#define CLARITY_LOOKBACK_WINDOW 8

// Descriptor status: the low two bits, bit 2 says the tile holds a segment start, the epoch above.
#define CLARITY_AGGREGATE 1u
#define CLARITY_INCLUSIVE 2u
#define CLARITY_HAS_START 4u
#define CLARITY_EPOCH_SHIFT 3

${device_fence}
${descriptor_storage}
// Scratch: the total (for last_item), the ticket counter (128 bytes), then the descriptors.
#define CLARITY_TOTAL_BYTES ((sizeof(clarity_scan_t) + 127) / 128 * 128)
#define CLARITY_TOTAL(scratch) ((__global clarity_scan_t *)(scratch))
#define CLARITY_TICKET(scratch) ((__global uint *)((scratch) + CLARITY_TOTAL_BYTES))
#define CLARITY_DESCRIPTORS(scratch) ((scratch) + CLARITY_TOTAL_BYTES + 128)

// Whether tile element k starts a segment (the tile kernels keep the flags in local memory).
#if CLARITY_SEGMENTED
#define CLARITY_STARTS(k) (clarity_segment_starts[k] != 0)
#else
#define CLARITY_STARTS(k) false
#endif

// The next tile number. All groups take exactly one each, so the one that takes the last
// resets the counter for the next launch (launches on a queue run one after another).
uint clarity_take_ticket(volatile __global uint *counter, uint tiles)
{
    const uint ticket = atomic_inc(counter);
    if (ticket == tiles - 1)
        atomic_xchg(counter, 0u);
    return ticket;
}

void clarity_publish_tile(__global uchar *descriptors, uint tile, uint epoch, uint status,
                          clarity_scan_t value)
{
    clarity_publish(descriptors, tile, status | (epoch << CLARITY_EPOCH_SHIFT), value);
}

// The prefix of everything before `tile`: one work-item reads CLARITY_LOOKBACK_WINDOW
// descriptors at once (independent loads into registers) and combines them from the nearest
// backwards, until an inclusive prefix. A tile not yet published is waited for (it took an
// earlier ticket, so it is running), then the window is read again from it.
clarity_scan_t clarity_look_back(__global uchar *descriptors, uint tile, uint epoch)
{
    clarity_scan_t suffix;          // combination of the tiles after `next`, up to tile - 1
    bool suffix_starts = false;     // whether they hold a segment start
    bool have_suffix = false;
    uint next = tile - 1;
    for (;;)
    {
        // Wait for the nearest tile not yet combined by polling its descriptor alone, to keep
        // the traffic of waiting work-items low.
        clarity_scan_t nearest;
        while (clarity_probe(descriptors, next, &nearest) >> CLARITY_EPOCH_SHIFT != epoch)
            ;
        uint status[CLARITY_LOOKBACK_WINDOW];
        clarity_scan_t value[CLARITY_LOOKBACK_WINDOW];
        #pragma unroll
        for (uint k = 0; k < CLARITY_LOOKBACK_WINDOW; ++k)
            status[k] = clarity_probe(descriptors, next >= k ? next - k : 0, &value[k]);
        bool unpublished_seen = false;
        #pragma unroll
        for (uint k = 0; k < CLARITY_LOOKBACK_WINDOW; ++k)
        {
            unpublished_seen |= status[k] >> CLARITY_EPOCH_SHIFT != epoch;
            if (!unpublished_seen)
            {
                suffix = have_suffix ? clarity_scan_op(value[k], suffix, suffix_starts) : value[k];
                have_suffix = true;
                if ((status[k] & 3) == CLARITY_INCLUSIVE)
                    return suffix;
                suffix_starts |= (status[k] & CLARITY_HAS_START) != 0;
                --next;
            }
        }
    }
}

// Publishes a tile's aggregate, learns the prefix of the tiles before it, publishes its
// inclusive prefix and returns it; `*prefix` receives the exclusive prefix (for tile > 0).
clarity_scan_t clarity_chain_tile(__global uchar *descriptors, uint tile, uint epoch,
                                  clarity_scan_t aggregate, bool has_start, clarity_scan_t *prefix)
{
    clarity_scan_t inclusive = aggregate;
    if (tile > 0)
    {
        clarity_publish_tile(descriptors, tile, epoch, CLARITY_AGGREGATE | (has_start ? CLARITY_HAS_START : 0u),
                             aggregate);
        *prefix = clarity_look_back(descriptors, tile, epoch);
        inclusive = clarity_scan_op(*prefix, aggregate, has_start);
    }
    clarity_publish_tile(descriptors, tile, epoch, CLARITY_INCLUSIVE, inclusive);
    return inclusive;
}
