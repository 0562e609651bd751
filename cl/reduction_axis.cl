${prelude}${preamble}
// ${description}: one work-group per output element (segment) reduces the clarity_count
// elements that lie `inner` apart; segment s starts at (s / inner) * clarity_count * inner + s % inner.
// Element k of a segment (its place along the axis) is in[i] with i = base + k * inner.
${common}
__kernel __attribute__((reqd_work_group_size(CLARITY_GROUP_SIZE, 1, 1)))
void ${name}(__global const ${in_t} *in, ${index_t} in_offset, ${index_t} segments,
    ${index_t} clarity_count, ${index_t} inner, __global ${result_t} *out, ${index_t} out_offset${segment_arguments})
{
    __local clarity_acc_t clarity_scratch[CLARITY_GROUP_SIZE];
    in += in_offset;
    for (${index_t} segment = get_group_id(0); segment < segments; segment += get_num_groups(0)) {
        const ${index_t} base = (segment / inner) * clarity_count * inner + segment % inner;
${segment_setup}        clarity_acc_t acc = ${neutral};
        for (${index_t} k = get_local_id(0); k < clarity_count; k += CLARITY_GROUP_SIZE) {
            const ${index_t} i = base + k * inner;
            acc = CLARITY_REDUCE(acc, (${map}));
        }
        acc = clarity_reduce_group(acc, clarity_scratch);
        if (get_local_id(0) == 0) out[out_offset + segment] = CLARITY_FINISH(acc);
    }
}
