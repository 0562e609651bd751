${header}
// The sequential reference: one work-item walks every index in order. When the output
// statement uses last_item, a first pass computes the total and a second one writes.
__kernel void ${name}(${parameters}
    clarity_index_t N)
{
${pointer_setup}
    clarity_scan_t last_item;
    for (int clarity_pass = CLARITY_USES_LAST_ITEM ? 0 : 1; clarity_pass < 2; ++clarity_pass)
    {
        clarity_scan_t clarity_carry;
        for (clarity_index_t i = 0; i < N; ++i)
        {
${input_fetches}
            const clarity_scan_t clarity_value = (${input_expr});
            const bool clarity_starts = (${segment_start_expr});
            const clarity_scan_t item = i == 0 ? clarity_value
                                               : clarity_scan_op(clarity_carry, clarity_value, clarity_starts);
            if (clarity_pass == 1)
            {
#if CLARITY_USES_PREV_ITEM
                const clarity_scan_t prev_item = (i == 0 || clarity_starts) ? clarity_neutral() : clarity_carry;
#endif
                ${output_statement};
            }
            clarity_carry = item;
        }
        last_item = clarity_carry;
    }
}
