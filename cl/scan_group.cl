// ---- a work-group's part in a tile scan (GPUs): its ticket, the scan of its work-items'
// partials, and the look-back done by many work-items at once ----
// Every function here holds barriers: all work-items of the group call it.
#define CLARITY_WG ${work_group_size}
// The work-items' partials are scanned by WG / RAKE work-items, RAKE partials each, then one
// work-item scans those totals: two barriers whatever the group size.
#define CLARITY_RAKE (CLARITY_WG < 16 ? CLARITY_WG : 16)
#define CLARITY_RAKERS (CLARITY_WG / CLARITY_RAKE)
#define CLARITY_PARTIAL_SLOT(k) ((k) + (k) / CLARITY_RAKE)
// Predecessor descriptors read at once in the look-back, one per work-item: one coalesced load.
// Each round combines them in slices of WINDOW_SLICE, one work-item per slice, then work-item 0
// combines the slices.
#define CLARITY_GROUP_WINDOW (CLARITY_WG < 64 ? CLARITY_WG : 64)
#define CLARITY_WINDOW_SLICE (CLARITY_GROUP_WINDOW < 8 ? CLARITY_GROUP_WINDOW : 8)
#define CLARITY_WINDOW_SLICES (CLARITY_GROUP_WINDOW / CLARITY_WINDOW_SLICE)

typedef struct
{
    clarity_scan_t partials[CLARITY_PARTIAL_SLOT(CLARITY_WG)];
    uchar partial_starts[CLARITY_WG];
    clarity_scan_t rake_totals[CLARITY_RAKERS];
    uchar rake_starts[CLARITY_RAKERS];
    clarity_scan_t window_values[CLARITY_GROUP_WINDOW];  // nearest tile first
    uint window_status[CLARITY_GROUP_WINDOW];
    clarity_scan_t slice_values[CLARITY_WINDOW_SLICES];
    uchar slice_starts[CLARITY_WINDOW_SLICES];
    clarity_scan_t tile_prefix;  // everything before the tile (tiles after the first)
    uint tile;
    uint window_used;            // look-back: how many window entries this round combines
    uint next;                   // look-back: the nearest tile not combined yet
    int prefix_found;            // look-back: the prefix is complete
} clarity_group_t;

// The group's tile of `tile_elements` among n: its number (from the ticket counter), its first
// index and its size.
uint clarity_group_take_tile(__local clarity_group_t *g, __global uchar *scratch, clarity_index_t n,
                             uint tile_elements, clarity_index_t *start, uint *size)
{
    if (get_local_id(0) == 0)
    {
        g->tile = clarity_take_ticket(CLARITY_TICKET(scratch), (uint)(((ulong)n + tile_elements - 1) / tile_elements));
        g->window_used = CLARITY_GROUP_WINDOW;  // as the look-back's first round expects it
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    *start = (clarity_index_t)g->tile * tile_elements;
    *size = (uint)min((clarity_index_t)tile_elements, n - *start);
    return g->tile;
}

// Inclusive scan of n values and their segment-start flags (which become "a start among
// 0..k") in place; called with a compile-time n on private arrays, it unrolls into registers.
inline void clarity_scan_in_registers(clarity_scan_t *values, bool *starts, uint n)
{
    #pragma unroll
    for (uint k = 1; k < n; ++k)
    {
        values[k] = clarity_scan_op(values[k - 1], values[k], starts[k]);
        starts[k] = starts[k - 1] || starts[k];
    }
}

// Scans the work-items' partials (each the combination of its elements, has_start: whether
// they hold a segment start) into g: inclusive within each rake, and the rake totals
// inclusive across rakes. Partials of work-items past the tile's end are garbage but only
// reach entries past it. The rake totals are visible to work-item 0 alone until the next barrier.
void clarity_group_scan_partials(__local clarity_group_t *g, clarity_scan_t partial, bool has_start)
{
    const uint lid = get_local_id(0);
    g->partials[CLARITY_PARTIAL_SLOT(lid)] = partial;
    g->partial_starts[lid] = has_start;
    barrier(CLK_LOCAL_MEM_FENCE);
    if (lid < CLARITY_RAKERS)
    {
        const uint base = lid * CLARITY_RAKE;
        clarity_scan_t run[CLARITY_RAKE];
        bool run_starts[CLARITY_RAKE];
        #pragma unroll
        for (uint k = 0; k < CLARITY_RAKE; ++k)
        {
            run[k] = g->partials[CLARITY_PARTIAL_SLOT(base + k)];
            run_starts[k] = g->partial_starts[base + k];
        }
        clarity_scan_in_registers(run, run_starts, CLARITY_RAKE);
        #pragma unroll
        for (uint k = 1; k < CLARITY_RAKE; ++k)
        {
            g->partials[CLARITY_PARTIAL_SLOT(base + k)] = run[k];
            g->partial_starts[base + k] = run_starts[k];
        }
        g->rake_totals[lid] = run[CLARITY_RAKE - 1];
        g->rake_starts[lid] = run_starts[CLARITY_RAKE - 1];
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    if (lid == 0)
    {
        clarity_scan_t totals[CLARITY_RAKERS];
        bool totals_starts[CLARITY_RAKERS];
        #pragma unroll
        for (uint k = 0; k < CLARITY_RAKERS; ++k)
        {
            totals[k] = g->rake_totals[k];
            totals_starts[k] = g->rake_starts[k];
        }
        clarity_scan_in_registers(totals, totals_starts, CLARITY_RAKERS);
        #pragma unroll
        for (uint k = 1; k < CLARITY_RAKERS; ++k)
        {
            g->rake_totals[k] = totals[k];
            g->rake_starts[k] = totals_starts[k];
        }
    }
}

// The combination of the partials of work-items 0..last (work-item 0 only).
clarity_scan_t clarity_group_aggregate(__local clarity_group_t *g, uint last, bool *has_start)
{
    clarity_scan_t aggregate = g->partials[CLARITY_PARTIAL_SLOT(last)];
    *has_start = g->partial_starts[last];
    if (last >= CLARITY_RAKE)
    {
        const uint left = last / CLARITY_RAKE - 1;
        aggregate = clarity_scan_op(g->rake_totals[left], aggregate, *has_start);
        *has_start |= g->rake_starts[left];
    }
    return aggregate;
}

// The look-back, in rounds: the first GROUP_WINDOW work-items read the descriptors of the
// nearest tiles not combined yet (nearest first); the entries up to the first inclusive prefix,
// or before the first tile not published yet (it took an earlier ticket, so it is running),
// are combined, in slices, then by work-item 0. Rounds go on until an inclusive prefix (then
// *prefix holds the tile's prefix, in work-item 0). While the nearest tile has not published,
// work-item 0 alone polls it, to keep the traffic of waiting groups low.
void clarity_group_look_back(__local clarity_group_t *g, __global uchar *descriptors, uint tile, uint epoch,
                             clarity_scan_t *prefix)
{
    const uint lid = get_local_id(0);
    bool prefix_starts = false;  // whether the tiles combined so far hold a segment start
    bool have_prefix = false;
    uint next = tile - 1;
    for (;;)
    {
        if (lid < CLARITY_GROUP_WINDOW)
        {
            clarity_scan_t value;
            const uint status = lid <= next ? clarity_probe(descriptors, next - lid, &value) : 0;
            g->window_status[lid] = status;
            g->window_values[lid] = value;
            const uint used = status >> CLARITY_EPOCH_SHIFT != epoch      ? lid
                              : (status & 3) == CLARITY_INCLUSIVE         ? lid + 1
                                                                           : CLARITY_GROUP_WINDOW;
            if (used < CLARITY_GROUP_WINDOW)
                atomic_min(&g->window_used, used);
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        const uint used = g->window_used;
        if (lid < CLARITY_WINDOW_SLICES && lid * CLARITY_WINDOW_SLICE < used)
        {
            const uint first = lid * CLARITY_WINDOW_SLICE;
            clarity_scan_t slice = g->window_values[first];
            bool slice_starts = (g->window_status[first] & CLARITY_HAS_START) != 0;
            #pragma unroll
            for (uint k = 1; k < CLARITY_WINDOW_SLICE; ++k)
            {
                if (first + k < used)
                {
                    slice = clarity_scan_op(g->window_values[first + k], slice, slice_starts);
                    slice_starts |= (g->window_status[first + k] & CLARITY_HAS_START) != 0;
                }
            }
            g->slice_values[lid] = slice;
            g->slice_starts[lid] = slice_starts;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        if (lid == 0)
        {
            #pragma unroll
            for (uint k = 0; k < CLARITY_WINDOW_SLICES; ++k)
            {
                if (k * CLARITY_WINDOW_SLICE < used)
                {
                    const clarity_scan_t slice = g->slice_values[k];
                    *prefix = have_prefix ? clarity_scan_op(slice, *prefix, prefix_starts) : slice;
                    have_prefix = true;
                    prefix_starts |= g->slice_starts[k];
                }
            }
            g->prefix_found = used > 0 && (g->window_status[used - 1] & 3) == CLARITY_INCLUSIVE;
            g->next = next - used;
            g->window_used = CLARITY_GROUP_WINDOW;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        if (g->prefix_found)
            return;
        next = g->next;
        if (used == 0)
        {
            clarity_scan_t ignored;
            if (lid == 0)
                while (clarity_probe(descriptors, next, &ignored) >> CLARITY_EPOCH_SHIFT != epoch)
                    ;
            barrier(CLK_LOCAL_MEM_FENCE);
        }
    }
}

// Chains the tile whose work-items' partials g holds (clarity_group_scan_partials) and whose
// elements end in work-item `last`: publishes its aggregate at once, looks back, publishes its
// inclusive prefix. Afterwards every work-item may read g->tile_prefix (tiles after the first);
// work-item 0 receives the tile's inclusive prefix.
clarity_scan_t clarity_group_chain_tile(__local clarity_group_t *g, __global uchar *descriptors, uint tile,
                                        uint epoch, uint last)
{
    clarity_scan_t aggregate;
    bool has_start;
    if (get_local_id(0) == 0)
    {
        aggregate = clarity_group_aggregate(g, last, &has_start);
        clarity_publish_tile(descriptors, tile, epoch,
                             tile == 0 ? CLARITY_INCLUSIVE
                                       : CLARITY_AGGREGATE | (has_start ? CLARITY_HAS_START : 0u),
                             aggregate);
    }
    if (tile == 0)
    {
        barrier(CLK_LOCAL_MEM_FENCE);
        return aggregate;
    }
    clarity_scan_t prefix;
    clarity_group_look_back(g, descriptors, tile, epoch, &prefix);
    clarity_scan_t inclusive;
    if (get_local_id(0) == 0)
    {
        inclusive = clarity_scan_op(prefix, aggregate, has_start);
        clarity_publish_tile(descriptors, tile, epoch, CLARITY_INCLUSIVE, inclusive);
        g->tile_prefix = prefix;
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    return inclusive;
}

// Work-item lid's exclusive prefix within the scan: the tile's, then the earlier rakes', then
// the earlier partials of its own rake. False when it has none (the very first work-item).
bool clarity_group_prefix(__local clarity_group_t *g, uint tile, clarity_scan_t *carry)
{
    const uint lid = get_local_id(0);
    bool have_carry = tile > 0;
    if (have_carry)
        *carry = g->tile_prefix;
    const uint rake = lid / CLARITY_RAKE;
    if (rake > 0)
    {
        const clarity_scan_t left = g->rake_totals[rake - 1];
        *carry = have_carry ? clarity_scan_op(*carry, left, g->rake_starts[rake - 1]) : left;
        have_carry = true;
    }
    if (lid % CLARITY_RAKE > 0)
    {
        const clarity_scan_t left = g->partials[CLARITY_PARTIAL_SLOT(lid - 1)];
        *carry = have_carry ? clarity_scan_op(*carry, left, g->partial_starts[lid - 1]) : left;
        have_carry = true;
    }
    return have_carry;
}
