${prelude}${preamble}
// ${description}: one launch. Every group reduces its own contiguous chunk of the range and
// writes a partial; the last group to finish (an atomic counter) combines the partials.
${common}
// acc = reduce(acc, map(i)) for position k of the range start, start + step, ...
#define CLARITY_ACCUMULATE(acc, k) \
    { const ${index_t} i = clarity_start + (k) * clarity_step; acc = CLARITY_REDUCE(acc, (${map})); }

__kernel __attribute__((reqd_work_group_size(CLARITY_GROUP_SIZE, 1, 1)))
void ${name}_reduce(${parameters}
    ${index_t} clarity_start, ${index_t} clarity_step, ${index_t} clarity_count, ${index_t} clarity_chunk,
    __global clarity_acc_t *clarity_partials, volatile __global uint *clarity_groups_done,
    __global ${result_t} *clarity_result, ${index_t} clarity_result_offset)
{
${pointer_setup}
    __local clarity_acc_t clarity_scratch[CLARITY_GROUP_SIZE];
    __local int clarity_is_last_group;
    const int lid = get_local_id(0);

    // Stage 1: four independent accumulators keep four loads in flight per work-item.
    const ${index_t} begin = (${index_t})get_group_id(0) * clarity_chunk;
    const ${index_t} end = min(begin + clarity_chunk, clarity_count);
    clarity_acc_t acc0 = ${neutral}, acc1 = acc0, acc2 = acc0, acc3 = acc0;
    ${index_t} k = begin + lid;
    for (; k + 3 * CLARITY_GROUP_SIZE < end; k += 4 * CLARITY_GROUP_SIZE) {
        CLARITY_ACCUMULATE(acc0, k);
        CLARITY_ACCUMULATE(acc1, k + CLARITY_GROUP_SIZE);
        CLARITY_ACCUMULATE(acc2, k + 2 * CLARITY_GROUP_SIZE);
        CLARITY_ACCUMULATE(acc3, k + 3 * CLARITY_GROUP_SIZE);
    }
    for (; k < end; k += CLARITY_GROUP_SIZE)
        CLARITY_ACCUMULATE(acc0, k);
    clarity_acc_t value = clarity_reduce_group(
        CLARITY_REDUCE(CLARITY_REDUCE(acc0, acc1), CLARITY_REDUCE(acc2, acc3)), clarity_scratch);

    // Stage 2: the last group to finish combines every group's partial.
    const uint groups = get_num_groups(0);
    if (groups > 1) {
        if (lid == 0) {
            clarity_partials[get_group_id(0)] = value;
            mem_fence(CLK_GLOBAL_MEM_FENCE);  // the partial is visible before the count says so
            clarity_is_last_group = atomic_inc(clarity_groups_done) == groups - 1;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        if (!clarity_is_last_group) return;
        volatile __global clarity_acc_t *partials = clarity_partials;  // written by other groups
        acc0 = ${neutral};
        for (uint g = lid; g < groups; g += CLARITY_GROUP_SIZE) {
            const clarity_acc_t partial = partials[g];
            acc0 = CLARITY_REDUCE(acc0, partial);
        }
        value = clarity_reduce_group(acc0, clarity_scratch);
        if (lid == 0) *clarity_groups_done = 0;  // ready for the next launch on this queue
    }
    if (lid == 0) clarity_result[clarity_result_offset] = CLARITY_FINISH(value);
}
