${prelude}
#define CLARITY_ELWISE_CONTINUE continue

// Work-item k handles indices start + k * step, then every global-size-th k after it, until
// k reaches count. ${unroll_note}
__kernel void ${name}(${parameters}
    ${index_t} clarity_start, ${index_t} clarity_step, ${index_t} clarity_count)
{
${pointer_setup}
    const ${index_t} clarity_stride = get_global_size(0);
    ${index_t} clarity_k = get_global_id(0);
${unrolled_loop}
    for (; clarity_k < clarity_count; clarity_k += clarity_stride)
    {
        ${index_t} i = clarity_start + clarity_k * clarity_step;
        ${operation};
    }
}
