${prelude}
// A fused expression: out = value, element by element over `count` elements in row-major order.
// Each array operand aN is read at its own position aN_at (a broadcast dimension has stride 0);
// sN are the scalars.
__kernel void clarity_expression(__global ${out_t} *out, ${index_t} out_offset,${operand_parameters}
    ${index_t} count${walk_parameters})
{
    for (${index_t} k = get_global_id(0); k < count; k += get_global_size(0))
    {
${positions}
        out[out_at] = ${value};
    }
}
