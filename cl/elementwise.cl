${prelude}
#define CLARITY_ELWISE_CONTINUE continue

// Each work-item handles indices start + k * step for k = its global id, then every
// global-size-th k after it, until k reaches count.
__kernel void ${name}(${parameters}
    ${index_t} clarity_start, ${index_t} clarity_step, ${index_t} clarity_count)
{
${pointer_setup}
    for (${index_t} clarity_k = get_global_id(0); clarity_k < clarity_count; clarity_k += get_global_size(0))
    {
        ${index_t} i = clarity_start + clarity_k * clarity_step;
        ${operation};
    }
}
