${header}
${lookback}
${group}
${chunked_tile}
// ---- single-pass scan, one tile of WG x ITEMS elements per work-group (GPUs) ----
// Every element goes once from global memory into registers and once back, in chunks
// (cl/chunked_tile.cl), one vector load or store per chunk where the input or output is a
// plain array of a scalar type. Each work-item scans its chunks in registers; local memory
// holds only the chunk totals, which the group scans in tile order.
#define CLARITY_VECTOR_INPUT ${vector_input}
#define CLARITY_VECTOR_OUTPUT ${vector_output}

__kernel __attribute__((reqd_work_group_size(CLARITY_WG, 1, 1)))
void ${name}(${parameters}
    clarity_index_t N, __global uchar *clarity_scratch, uint clarity_epoch, int clarity_total_only)
{
${pointer_setup}
#if CLARITY_CHUNKS > 1
    __local clarity_scan_t clarity_chunk_totals[CLARITY_SLOT(CLARITY_WG * CLARITY_CHUNKS)];
    __local uchar clarity_chunk_starts[CLARITY_WG * CLARITY_CHUNKS];
#endif
    __local clarity_group_t clarity_group;

    const uint clarity_lid = get_local_id(0);
    clarity_index_t clarity_tile_start;
    uint clarity_tile_size;
    const uint clarity_tile = clarity_group_take_tile(&clarity_group, clarity_scratch, N, CLARITY_TILE,
                                                      &clarity_tile_start, &clarity_tile_size);
    const bool clarity_full_tile = clarity_tile_size == CLARITY_TILE;

    // 1. The work-item's elements, chunk by chunk; all loads are issued before any use.
    clarity_scan_t clarity_value[CLARITY_ITEMS];
    bool clarity_start[CLARITY_ITEMS];      // after 2.: a segment start among the chunk's 0..j
#if CLARITY_SEGMENTED
    bool clarity_own_start[CLARITY_ITEMS];  // the element starts a segment
#endif
#if CLARITY_VECTOR_INPUT
    const bool clarity_vector_in = CLARITY_VECTORS_FIT(${vector_input_array});
#else
    const bool clarity_vector_in = false;
#endif
    #pragma unroll
    for (uint clarity_c = 0; clarity_c < CLARITY_CHUNKS; ++clarity_c)
    {
        const uint clarity_at = CLARITY_CHUNK_AT(clarity_c);
#if CLARITY_VECTOR_INPUT
        if (clarity_vector_in)
            CLARITY_LOAD_CHUNK(clarity_value, ${vector_input_array}, clarity_c);
#endif
        #pragma unroll
        for (uint clarity_j = 0; clarity_j < CLARITY_CHUNK; ++clarity_j)
        {
            const uint clarity_k = clarity_c * CLARITY_CHUNK + clarity_j;
            clarity_start[clarity_k] = false;
            if (clarity_at + clarity_j < clarity_tile_size)
            {
                const clarity_index_t i = clarity_tile_start + clarity_at + clarity_j;
${input_fetches}
                if (!clarity_vector_in)
                    clarity_value[clarity_k] = (${input_expr});
                clarity_start[clarity_k] = (${segment_start_expr});
            }
#if CLARITY_SEGMENTED
            clarity_own_start[clarity_k] = clarity_start[clarity_k];
#endif
        }
    }

    // 2. Each chunk scanned in registers; positions past the tile's end repeat the last value,
    //    so that a chunk's last value is its total.
    #pragma unroll
    for (uint clarity_c = 0; clarity_c < CLARITY_CHUNKS; ++clarity_c)
    {
        const uint clarity_at = CLARITY_CHUNK_AT(clarity_c);
        #pragma unroll
        for (uint clarity_j = 1; clarity_j < CLARITY_CHUNK; ++clarity_j)
        {
            const uint clarity_k = clarity_c * CLARITY_CHUNK + clarity_j;
            clarity_value[clarity_k] = clarity_at + clarity_j < clarity_tile_size
                                           ? clarity_scan_op(clarity_value[clarity_k - 1], clarity_value[clarity_k],
                                                             clarity_start[clarity_k])
                                           : clarity_value[clarity_k - 1];
            clarity_start[clarity_k] = clarity_start[clarity_k - 1] || clarity_start[clarity_k];
        }
    }

    // 3. The work-item's partial: the combination of the tile's chunks lid * CHUNKS and up
    //    (consecutive in the tile), scanned in `clarity_run`. The group scans the partials and
    //    chains the tile.
#if CLARITY_CHUNKS > 1
    #pragma unroll
    for (uint clarity_c = 0; clarity_c < CLARITY_CHUNKS; ++clarity_c)
    {
        const uint clarity_q = clarity_c * CLARITY_WG + clarity_lid;
        clarity_chunk_totals[CLARITY_SLOT(clarity_q)] = clarity_value[clarity_c * CLARITY_CHUNK + CLARITY_CHUNK - 1];
        clarity_chunk_starts[clarity_q] = clarity_start[clarity_c * CLARITY_CHUNK + CLARITY_CHUNK - 1];
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    clarity_scan_t clarity_run[CLARITY_CHUNKS];
    bool clarity_run_starts[CLARITY_CHUNKS];
    #pragma unroll
    for (uint clarity_m = 0; clarity_m < CLARITY_CHUNKS; ++clarity_m)
    {
        const uint clarity_q = clarity_lid * CLARITY_CHUNKS + clarity_m;
        clarity_run[clarity_m] = clarity_chunk_totals[CLARITY_SLOT(clarity_q)];
        clarity_run_starts[clarity_m] = clarity_chunk_starts[clarity_q] != 0;
        if (clarity_m > 0)
        {
            const bool clarity_inside = clarity_q * CLARITY_CHUNK < clarity_tile_size;
            clarity_run[clarity_m] = clarity_inside ? clarity_scan_op(clarity_run[clarity_m - 1], clarity_run[clarity_m],
                                                                      clarity_run_starts[clarity_m])
                                                    : clarity_run[clarity_m - 1];
            clarity_run_starts[clarity_m] = clarity_run_starts[clarity_m - 1] || (clarity_inside && clarity_run_starts[clarity_m]);
        }
    }
    clarity_group_scan_partials(&clarity_group, clarity_run[CLARITY_CHUNKS - 1], clarity_run_starts[CLARITY_CHUNKS - 1]);
#else
    clarity_group_scan_partials(&clarity_group, clarity_value[CLARITY_ITEMS - 1], clarity_start[CLARITY_ITEMS - 1]);
#endif
    const clarity_scan_t clarity_inclusive =
        clarity_group_chain_tile(&clarity_group, CLARITY_DESCRIPTORS(clarity_scratch), clarity_tile, clarity_epoch,
                                 (clarity_tile_size - 1) / CLARITY_ITEMS);
    if (clarity_total_only)
    {
        if (clarity_lid == 0 && clarity_tile_start + clarity_tile_size == N)
            *CLARITY_TOTAL(clarity_scratch) = clarity_inclusive;
        return;
    }

    // 4. Each chunk's prefix (everything before it in the scan; none for the very first),
    //    through local memory when the work-item's chunks are not its run. The prefixes turn
    //    the chunks into inclusive scan values.
    clarity_scan_t clarity_carry;
    const bool clarity_have_carry = clarity_group_prefix(&clarity_group, clarity_tile, &clarity_carry);
    clarity_scan_t clarity_chunk_prefix[CLARITY_CHUNKS];
#if CLARITY_CHUNKS > 1
    #pragma unroll
    for (uint clarity_m = 0; clarity_m < CLARITY_CHUNKS; ++clarity_m)
    {
        const uint clarity_q = clarity_lid * CLARITY_CHUNKS + clarity_m;
        if (clarity_m > 0)
            clarity_chunk_totals[CLARITY_SLOT(clarity_q)] =
                clarity_have_carry ? clarity_scan_op(clarity_carry, clarity_run[clarity_m - 1], clarity_run_starts[clarity_m - 1])
                                   : clarity_run[clarity_m - 1];
        else if (clarity_have_carry)
            clarity_chunk_totals[CLARITY_SLOT(clarity_q)] = clarity_carry;
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    #pragma unroll
    for (uint clarity_c = 0; clarity_c < CLARITY_CHUNKS; ++clarity_c)
        clarity_chunk_prefix[clarity_c] = clarity_chunk_totals[CLARITY_SLOT(clarity_c * CLARITY_WG + clarity_lid)];
#else
    clarity_chunk_prefix[0] = clarity_carry;
#endif
    #pragma unroll
    for (uint clarity_c = 0; clarity_c < CLARITY_CHUNKS; ++clarity_c)
    {
        if (clarity_tile > 0 || clarity_c * CLARITY_WG + clarity_lid > 0)
        {
            #pragma unroll
            for (uint clarity_j = 0; clarity_j < CLARITY_CHUNK; ++clarity_j)
            {
                const uint clarity_k = clarity_c * CLARITY_CHUNK + clarity_j;
                clarity_value[clarity_k] = clarity_scan_op(clarity_chunk_prefix[clarity_c], clarity_value[clarity_k],
                                                           clarity_start[clarity_k]);
            }
        }
    }

    // 5. The output statement, chunk by chunk.
#if CLARITY_USES_LAST_ITEM
    const clarity_scan_t last_item = *CLARITY_TOTAL(clarity_scratch);
#endif
#if CLARITY_USES_PREV_ITEM
    // prev_item of element k (j in its chunk c, index i): the scan value before it, or the
    // neutral element at the start of the scan or of a segment.
#if CLARITY_SEGMENTED
#define CLARITY_NEW_SEGMENT(k) clarity_own_start[k]
#else
#define CLARITY_NEW_SEGMENT(k) false
#endif
#define CLARITY_PREV_ITEM(c, j, k, i) \
    ((i) == 0 || CLARITY_NEW_SEGMENT(k) ? clarity_neutral() : (j) > 0 ? clarity_value[(k) - 1] : clarity_chunk_prefix[c])
#endif
#if CLARITY_VECTOR_OUTPUT
    const bool clarity_vector_out = CLARITY_VECTORS_FIT(${vector_output_array});
#endif
    #pragma unroll
    for (uint clarity_c = 0; clarity_c < CLARITY_CHUNKS; ++clarity_c)
    {
        const uint clarity_at = CLARITY_CHUNK_AT(clarity_c);
#if CLARITY_VECTOR_OUTPUT
        if (clarity_vector_out)
        {
            clarity_scan_t clarity_outputs[CLARITY_CHUNK];
            #pragma unroll
            for (uint clarity_j = 0; clarity_j < CLARITY_CHUNK; ++clarity_j)
            {
                const uint clarity_k = clarity_c * CLARITY_CHUNK + clarity_j;
                const clarity_index_t i = clarity_tile_start + clarity_at + clarity_j;
                clarity_outputs[clarity_j] = ${vector_output_value};
            }
            *(__global ${vector_t} *)(${vector_output_array} + clarity_tile_start + clarity_at) = vload${chunk}(0, clarity_outputs);
            continue;
        }
#endif
        #pragma unroll
        for (uint clarity_j = 0; clarity_j < CLARITY_CHUNK; ++clarity_j)
        {
            const uint clarity_k = clarity_c * CLARITY_CHUNK + clarity_j;
            if (clarity_at + clarity_j < clarity_tile_size)
            {
                const clarity_index_t i = clarity_tile_start + clarity_at + clarity_j;
                const clarity_scan_t item = clarity_value[clarity_k];
#if CLARITY_USES_PREV_ITEM
                const clarity_scan_t prev_item = CLARITY_PREV_ITEM(clarity_c, clarity_j, clarity_k, i);
#endif
                ${output_statement};
            }
        }
    }
}
