${prelude}${philox}
// Element e is value e % ${per_block} made from the 128 bits of Philox block e / ${per_block}:
// counter = (block, 0, 0), key = seed, so the numbers depend on seed and index only.
__kernel void ${name}(__global ${value_t} *out, ulong count, uint2 key${parameters})
{
    for (ulong block = get_global_id(0); block * ${per_block} < count; block += get_global_size(0)) {
        const uint4 bits = clarity_philox4x32_10((uint4)((uint)block, (uint)(block >> 32), 0, 0), key);
        const uint w[4] = {bits.x, bits.y, bits.z, bits.w};
        ${value_t} v[${per_block}];
${generate}
        const ulong first = block * ${per_block};
        for (int j = 0; j < ${per_block} && first + j < count; ++j) out[first + j] = v[j];
    }
}
