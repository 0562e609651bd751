${prelude}
// dst[view index] = ${value} over an n-d index space of `count` elements. The index k runs in
// row-major order; each dimension's part of k moves both views by their own stride.
__kernel void ${name}(__global ${dst_t} *dst, ${index_t} dst_offset, ${source_parameters}
    ${index_t} count${dimension_parameters})
{
    for (${index_t} k = get_global_id(0); k < count; k += get_global_size(0))
    {
        ${index_t} rest = k, dst_at = dst_offset${source_start};
${dimension_steps}
        dst[dst_at] = ${value};
    }
}
