#define CLARITY_GROUP_SIZE ${group_size}
#define CLARITY_REDUCE(a, b) (${reduce})
#define CLARITY_FINISH(v) (${finish})
typedef ${accumulator_t} clarity_acc_t;

// Tree reduction of one value per work-item; every work-item gets the result.
clarity_acc_t clarity_reduce_group(clarity_acc_t value, __local clarity_acc_t *scratch)
{
    const int lid = get_local_id(0);
    scratch[lid] = value;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int width = CLARITY_GROUP_SIZE / 2; width > 0; width /= 2) {
        if (lid < width) scratch[lid] = CLARITY_REDUCE(scratch[lid], scratch[lid + width]);
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    value = scratch[0];
    barrier(CLK_LOCAL_MEM_FENCE);  // scratch may be reused at once
    return value;
}
