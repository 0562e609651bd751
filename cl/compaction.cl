${header}
${lookback}
${group}
${chunked_tile}
// ---- copy_if, remove_if, partition and unique in one pass, one tile per work-group (GPUs) ----
// The scan counts kept entries (input_expr is the keep flag). A work-item holds its entries in
// chunks (cl/chunked_tile.cl), one vector load per chunk where ary is an aligned array of a
// scalar type, and counts its chunks' kept entries; local memory scans the chunk counts in tile
// order, the tiles' counts chain by decoupled look-back, and each kept entry goes to its place
// in local memory (for partition the rejected ones after them), from where the group writes the
// tile's output contiguously: every global access is coalesced. The last tile writes the total to *clarity_count.
// lib/algorithm.cpp names the arguments: ary, clarity_out, clarity_rejected (partition) and
// clarity_count.
#define CLARITY_VECTOR_INPUT ${vector_input}
#define CLARITY_PARTITION ${partition}
#define CLARITY_READS_ENTRY_BEFORE ${reads_entry_before}
// The entry before the work-item's entry k (for the very first entry, itself): unique's
// neighbour, held by the work-item except before the first entry of a chunk.
#define CLARITY_ENTRY_BEFORE(k) \
    ((k) % CLARITY_CHUNK > 0 ? clarity_entry[(k) - 1] : clarity_chunk_before[(k) / CLARITY_CHUNK])
typedef ${item_t} clarity_item_t;

__kernel __attribute__((reqd_work_group_size(CLARITY_WG, 1, 1)))
void ${name}(${parameters}
    clarity_index_t N, __global uchar *clarity_scratch, uint clarity_epoch, int clarity_total_only)
{
${pointer_setup}
    __local uint clarity_chunk_counts[CLARITY_SLOT(CLARITY_WG * CLARITY_CHUNKS)];  // then their places
    __local clarity_item_t clarity_gathered[CLARITY_TILE];
    __local clarity_group_t clarity_group;

    const uint clarity_lid = get_local_id(0);
    clarity_index_t clarity_tile_start;
    uint clarity_tile_size;
    const uint clarity_tile = clarity_group_take_tile(&clarity_group, clarity_scratch, N, CLARITY_TILE,
                                                      &clarity_tile_start, &clarity_tile_size);
    const bool clarity_full_tile = clarity_tile_size == CLARITY_TILE;

    // 1. The entries, then their keep flags (the predicate reads ary[i] from clarity_entry);
    //    entries past the tile's end are not kept.
    clarity_item_t clarity_entry[CLARITY_ITEMS];
    bool clarity_keep[CLARITY_ITEMS];
#if CLARITY_READS_ENTRY_BEFORE
    clarity_item_t clarity_chunk_before[CLARITY_CHUNKS];
    #pragma unroll
    for (uint clarity_c = 0; clarity_c < CLARITY_CHUNKS; ++clarity_c)
    {
        const clarity_index_t clarity_first = clarity_tile_start + CLARITY_CHUNK_AT(clarity_c);
        if (CLARITY_CHUNK_AT(clarity_c) < clarity_tile_size)
            clarity_chunk_before[clarity_c] = ary[clarity_first > 0 ? clarity_first - 1 : 0];
    }
#endif
#if CLARITY_VECTOR_INPUT
    if (CLARITY_VECTORS_FIT(ary))
    {
        #pragma unroll
        for (uint clarity_c = 0; clarity_c < CLARITY_CHUNKS; ++clarity_c)
            CLARITY_LOAD_CHUNK(clarity_entry, ary, clarity_c);
    }
    else
#endif
    {
        #pragma unroll
        for (uint clarity_k = 0; clarity_k < CLARITY_ITEMS; ++clarity_k)
        {
            const uint clarity_at = CLARITY_CHUNK_AT(clarity_k / CLARITY_CHUNK) + clarity_k % CLARITY_CHUNK;
            if (clarity_at < clarity_tile_size)
                clarity_entry[clarity_k] = ary[clarity_tile_start + clarity_at];
        }
    }
    #pragma unroll
    for (uint clarity_k = 0; clarity_k < CLARITY_ITEMS; ++clarity_k)
    {
        const uint clarity_at = CLARITY_CHUNK_AT(clarity_k / CLARITY_CHUNK) + clarity_k % CLARITY_CHUNK;
        clarity_keep[clarity_k] = false;
        if (clarity_at < clarity_tile_size)
        {
            const clarity_index_t i = clarity_tile_start + clarity_at;
${input_fetches}
            clarity_keep[clarity_k] = (${keep_expr}) != 0;
        }
    }

    // 2. The chunk counts, scanned in tile order: the work-item's run is the tile's chunks
    //    lid * CHUNKS and up. The group scans the runs' totals and chains the tile.
    #pragma unroll
    for (uint clarity_c = 0; clarity_c < CLARITY_CHUNKS; ++clarity_c)
    {
        uint clarity_count_here = 0;
        #pragma unroll
        for (uint clarity_j = 0; clarity_j < CLARITY_CHUNK; ++clarity_j)
            clarity_count_here += clarity_keep[clarity_c * CLARITY_CHUNK + clarity_j];
        clarity_chunk_counts[CLARITY_SLOT(clarity_c * CLARITY_WG + clarity_lid)] = clarity_count_here;
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    uint clarity_run[CLARITY_CHUNKS];  // inclusive
    #pragma unroll
    for (uint clarity_m = 0; clarity_m < CLARITY_CHUNKS; ++clarity_m)
        clarity_run[clarity_m] = (clarity_m > 0 ? clarity_run[clarity_m - 1] : 0) +
                                 clarity_chunk_counts[CLARITY_SLOT(clarity_lid * CLARITY_CHUNKS + clarity_m)];
    clarity_group_scan_partials(&clarity_group, (clarity_scan_t)clarity_run[CLARITY_CHUNKS - 1], false);
    const clarity_scan_t clarity_kept_through_tile =
        clarity_group_chain_tile(&clarity_group, CLARITY_DESCRIPTORS(clarity_scratch), clarity_tile, clarity_epoch,
                                 CLARITY_WG - 1);
    const clarity_scan_t clarity_kept_before_tile = clarity_tile > 0 ? clarity_group.tile_prefix : 0;
    bool clarity_unused;
    const uint clarity_kept = (uint)clarity_group_aggregate(&clarity_group, CLARITY_WG - 1, &clarity_unused);
    if (clarity_lid == 0 && clarity_tile_start + clarity_tile_size == N)
        *clarity_count = clarity_kept_through_tile;

    // 3. Each chunk's place in the tile: the kept entries before it.
    clarity_scan_t clarity_carry = 0;
    clarity_group_prefix(&clarity_group, clarity_tile, &clarity_carry);
    const uint clarity_before_run = (uint)(clarity_carry - clarity_kept_before_tile);
    #pragma unroll
    for (uint clarity_m = 0; clarity_m < CLARITY_CHUNKS; ++clarity_m)
        clarity_chunk_counts[CLARITY_SLOT(clarity_lid * CLARITY_CHUNKS + clarity_m)] =
            clarity_before_run + (clarity_m > 0 ? clarity_run[clarity_m - 1] : 0);
    barrier(CLK_LOCAL_MEM_FENCE);

    // 4. Kept entries to their places in local memory, in order; for partition the rejected
    //    ones after them, in order.
    #pragma unroll
    for (uint clarity_c = 0; clarity_c < CLARITY_CHUNKS; ++clarity_c)
    {
        uint clarity_place = clarity_chunk_counts[CLARITY_SLOT(clarity_c * CLARITY_WG + clarity_lid)];
        #pragma unroll
        for (uint clarity_j = 0; clarity_j < CLARITY_CHUNK; ++clarity_j)
        {
            const uint clarity_k = clarity_c * CLARITY_CHUNK + clarity_j;
            if (clarity_keep[clarity_k])
                clarity_gathered[clarity_place++] = clarity_entry[clarity_k];
#if CLARITY_PARTITION
            else if (CLARITY_CHUNK_AT(clarity_c) + clarity_j < clarity_tile_size)
                clarity_gathered[clarity_kept + CLARITY_CHUNK_AT(clarity_c) + clarity_j - clarity_place] =
                    clarity_entry[clarity_k];
#endif
        }
    }
    barrier(CLK_LOCAL_MEM_FENCE);

    // 5. The tile's output, contiguous.
    #pragma unroll
    for (uint clarity_k = 0; clarity_k < CLARITY_ITEMS; ++clarity_k)
    {
        const uint clarity_at = clarity_k * CLARITY_WG + clarity_lid;
        if (clarity_at < clarity_kept)
            clarity_out[clarity_kept_before_tile + clarity_at] = clarity_gathered[clarity_at];
#if CLARITY_PARTITION
        else if (clarity_at < clarity_tile_size)
            clarity_rejected[clarity_tile_start - clarity_kept_before_tile + (clarity_at - clarity_kept)] =
                clarity_gathered[clarity_at];
#endif
    }
}
