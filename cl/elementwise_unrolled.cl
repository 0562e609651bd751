    // Rounds of ${unroll} elements per work-item, spaced a grid apart: their loads can all be
    // in flight at once (the arrays are distinct buffers, so the pointers are restrict).
    for (; clarity_k < clarity_count - ${last_offset} * clarity_stride; clarity_k += ${unroll} * clarity_stride)
    {
        #pragma unroll
        for (int clarity_u = 0; clarity_u < ${unroll}; ++clarity_u)
        {
            ${index_t} i = clarity_start + (clarity_k + clarity_u * clarity_stride) * clarity_step;
            ${operation};
        }
    }
