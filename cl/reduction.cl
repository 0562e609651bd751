${prelude}${preamble}
// ${description}: one launch. The range is a head of clarity_head elements, a body of
// clarity_body items and a tail; work-item g reduces items g, g + grid size, ..., every group
// writes a partial, and the last group to finish (an atomic counter) combines the partials.
// The kernel's own names start with clarity_, so that they never meet the user's.
${common}
${device_fence}
${item}
__kernel __attribute__((reqd_work_group_size(CLARITY_GROUP_SIZE, 1, 1)))
void ${name}_reduce(${parameters}
    ${index_t} clarity_start, ${index_t} clarity_step, ${index_t} clarity_count, ${index_t} clarity_head,
    ${index_t} clarity_body,
    __global clarity_acc_t *clarity_partials, volatile __global uint *clarity_groups_done,
    __global ${result_t} *clarity_result, ${index_t} clarity_result_offset)
{
${pointer_setup}${setup}
    __local clarity_acc_t clarity_scratch[CLARITY_GROUP_SIZE];
    __local int clarity_is_last_group;
    const int clarity_lid = get_local_id(0);

    // Stage 1: ${rounds_count} independent rounds keep that many items' loads in flight per work-item.
    clarity_acc_t ${accumulators};
    const ${index_t} clarity_stride = get_global_size(0);
    ${index_t} clarity_k = get_global_id(0);
    for (; clarity_k + ${last_round} * clarity_stride < clarity_body; clarity_k += ${rounds_count} * clarity_stride) {
${rounds}    }
    for (; clarity_k < clarity_body; clarity_k += clarity_stride)
        CLARITY_ITEM(clarity_acc0, clarity_k);
${edges}${combine}    clarity_acc_t clarity_value = clarity_reduce_group(${total}, clarity_scratch);

    // Stage 2: the last group to finish combines every group's partial.
    const uint groups = get_num_groups(0);
    if (groups > 1) {
        if (clarity_lid == 0) {
            clarity_partials[get_group_id(0)] = clarity_value;
            CLARITY_DEVICE_FENCE();  // the partial is visible to every group before the count says so
            clarity_is_last_group = atomic_inc(clarity_groups_done) == groups - 1;
        }
        barrier(CLK_LOCAL_MEM_FENCE);
        if (!clarity_is_last_group) return;
        volatile __global clarity_acc_t *partials = clarity_partials;  // written by other groups
        clarity_acc_t acc = ${neutral};
        for (uint g = clarity_lid; g < groups; g += CLARITY_GROUP_SIZE) {
            const clarity_acc_t partial = partials[g];
            acc = CLARITY_REDUCE(acc, partial);
        }
        clarity_value = clarity_reduce_group(acc, clarity_scratch);
        if (clarity_lid == 0) *clarity_groups_done = 0;  // ready for the next launch on this queue
    }
    if (clarity_lid == 0) clarity_result[clarity_result_offset] = CLARITY_FINISH(clarity_value);
}
