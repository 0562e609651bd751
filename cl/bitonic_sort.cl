// ---- clarity bitonic sort: ${description} ----
// Sorts rows of n elements that lie anywhere in memory: row r starts at
//   offset + (r / rows_inner) * outer_stride + (r % rows_inner) * inner_stride
// and steps by axis_stride. Keys are loaded as unsigned integers of their size (their bits),
// so integers and floats of one size share this program; `order` says how to compare them.
//
// The network always puts the lesser element first: stage `size` (2, 4, ... up to the row
// length rounded up to a power of two) first compares element t of every size-long chunk with
// element size-1-t ("flip"), then element t with t+distance for distance = size/4 ... 1. Positions
// past the row's end act as +infinity, which such a network never moves, so every pair that
// reaches past the end is simply skipped: no padding is stored.
typedef ${bits_t} bits_t;  // a key's bits
typedef ${rank_t} rank_t;  // the same bits widened to at least 32, as a number in sort order
typedef ${index_t} index_t;
typedef ${idx_t} idx_t;    // the carried index array's elements
#define CLARITY_HAS_INDEX ${has_index}

${sort_order}

// Whether the element (b, ib) must come before (a, ia): a lower rank, or with an index array
// an equal rank and a lower index.
inline bool clarity_out_of_order(bits_t a, idx_t ia, bits_t b, idx_t ib, int order)
{
    const rank_t ra = clarity_sort_rank(a, order), rb = clarity_sort_rank(b, order);
#if CLARITY_HAS_INDEX
    return rb < ra || (rb == ra && ib < ia);
#else
    return rb < ra;
#endif
}

// The positions i < j that comparator c of a step with distance `distance` compares.
inline void clarity_pair(index_t c, index_t distance, bool flip, index_t *i, index_t *j)
{
    const index_t t = c & (distance - 1), chunk = (c - t) * 2;
    *i = chunk + t;
    *j = flip ? chunk + 2 * distance - 1 - t : *i + distance;
}

inline index_t clarity_row_start(index_t row, index_t rows_inner, index_t offset, index_t outer_stride,
                                 index_t inner_stride)
{
    return offset + (row / rows_inner) * outer_stride + (row % rows_inner) * inner_stride;
}

// Where the rows are (for the keys and the index array), how many and how long, and the order.
#define CLARITY_ROW_PARAMETERS                                                                          \
    __global bits_t *keys, index_t keys_offset, index_t keys_axis, index_t keys_outer, index_t keys_inner, \
    __global idx_t *idx, index_t idx_offset, index_t idx_axis, index_t idx_outer, index_t idx_inner,       \
    index_t rows, index_t rows_inner, index_t n, int order

// Sorts blocks of `block` elements (a power of two) in local memory: a block is a whole row
// when rows are that short, and then each work-group takes `span` / `block` consecutive rows;
// otherwise (span = block) work-group g takes block g % blocks_per_row of row g / blocks_per_row.
// With merging set, the blocks are already bitonic halves of a larger stage whose longer
// distances were done in global memory: only the steps with distance < block remain.
__kernel void clarity_bitonic_local(CLARITY_ROW_PARAMETERS, index_t blocks_per_row, uint block, uint span,
                                    int merging, __local bits_t *local_keys, __local idx_t *local_idx)
{
    const uint lid = get_local_id(0), wg = get_local_size(0);
    const index_t first_unit = (index_t)get_group_id(0) * (span / block);
    const index_t first_row = first_unit / blocks_per_row;
    const index_t block_start = (first_unit % blocks_per_row) * block;
    const index_t count = min((index_t)block, n - block_start);  // elements of each row in the block

    for (uint s = lid; s < span; s += wg)
    {
        const index_t row = first_row + s / block, at = block_start + s % block;
        if (row >= rows || at >= n)
            continue;  // slots never stored back; whatever they hold is compared harmlessly
        local_keys[s] = keys[clarity_row_start(row, rows_inner, keys_offset, keys_outer, keys_inner) + at * keys_axis];
#if CLARITY_HAS_INDEX
        local_idx[s] = idx[clarity_row_start(row, rows_inner, idx_offset, idx_outer, idx_inner) + at * idx_axis];
#endif
    }
    barrier(CLK_LOCAL_MEM_FENCE);

    for (uint size = merging ? block : 2; size <= block; size <<= 1)
    {
        for (uint distance = size / 2; distance > 0; distance >>= 1)
        {
            const bool flip = !merging && distance == size / 2;
            for (uint c = lid; c < span / 2; c += wg)
            {
                index_t i, j;
                clarity_pair(c, distance, flip, &i, &j);
                if ((j & (block - 1)) >= count)
                    continue;
                const bits_t a = local_keys[i], b = local_keys[j];
#if CLARITY_HAS_INDEX
                const idx_t ia = local_idx[i], ib = local_idx[j];
#else
                const idx_t ia = 0, ib = 0;
#endif
                if (clarity_out_of_order(a, ia, b, ib, order))
                {
                    local_keys[i] = b;
                    local_keys[j] = a;
#if CLARITY_HAS_INDEX
                    local_idx[i] = ib;
                    local_idx[j] = ia;
#endif
                }
            }
            barrier(CLK_LOCAL_MEM_FENCE);
        }
    }

    for (uint s = lid; s < span; s += wg)
    {
        const index_t row = first_row + s / block, at = block_start + s % block;
        if (row >= rows || at >= n)
            continue;
        keys[clarity_row_start(row, rows_inner, keys_offset, keys_outer, keys_inner) + at * keys_axis] = local_keys[s];
#if CLARITY_HAS_INDEX
        idx[clarity_row_start(row, rows_inner, idx_offset, idx_outer, idx_inner) + at * idx_axis] = local_idx[s];
#endif
    }
}

// One step of a stage whose distance `distance` spans blocks: comparator c of every row, in global
// memory. `row_pairs` is distance the row length rounded up to a power of two.
__kernel void clarity_bitonic_global(CLARITY_ROW_PARAMETERS, index_t row_pairs, index_t distance, int flip)
{
    const index_t comparators = rows * row_pairs;
    for (index_t g = get_global_id(0); g < comparators; g += get_global_size(0))
    {
        const index_t row = g / row_pairs;
        index_t i, j;
        clarity_pair(g - row * row_pairs, distance, flip, &i, &j);
        if (j >= n)
            continue;
        __global bits_t *key_row = keys + clarity_row_start(row, rows_inner, keys_offset, keys_outer, keys_inner);
        const bits_t a = key_row[i * keys_axis], b = key_row[j * keys_axis];
#if CLARITY_HAS_INDEX
        __global idx_t *idx_row = idx + clarity_row_start(row, rows_inner, idx_offset, idx_outer, idx_inner);
        const idx_t ia = idx_row[i * idx_axis], ib = idx_row[j * idx_axis];
#else
        const idx_t ia = 0, ib = 0;
#endif
        if (clarity_out_of_order(a, ia, b, ib, order))
        {
            key_row[i * keys_axis] = b;
            key_row[j * keys_axis] = a;
#if CLARITY_HAS_INDEX
            idx_row[i * idx_axis] = ib;
            idx_row[j * idx_axis] = ia;
#endif
        }
    }
}
