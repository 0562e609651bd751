// ---- clarity: carrying an array along a sorting permutation ----
${element_typedef}
typedef ${index_t} index_t;
typedef ${permutation_t} permutation_t;

// out[i] = in[permutation[i]]
__kernel void clarity_radix_gather(__global const element_t *in_base, index_t in_offset, __global element_t *out,
                                   __global const permutation_t *permutation, index_t n)
{
    __global const element_t *in = in_base + in_offset;
    for (index_t i = get_global_id(0); i < n; i += get_global_size(0))
        out[i] = in[permutation[i]];
}
