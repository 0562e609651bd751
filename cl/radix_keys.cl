${prelude}
${preamble}

// ---- clarity RadixSort: the key of every index i, from the sort's arguments ----
__kernel void clarity_radix_keys(${parameters}
    __global ${key_t} *clarity_keys, ${index_t} clarity_n)
{
${pointer_setup}
    for (${index_t} i = get_global_id(0); i < clarity_n; i += get_global_size(0))
        clarity_keys[i] = (${key_t})(${key_expr});
}
