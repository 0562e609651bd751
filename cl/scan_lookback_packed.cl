// Tile descriptors, one 64-bit word each: status in the high half, the value (at most 4 bytes)
// in the low half. One atomic exchange publishes both, so no fence is needed between them.
#pragma OPENCL EXTENSION cl_khr_int64_base_atomics : enable

typedef union { clarity_scan_t value; uint bits; } clarity_packed_t;

void clarity_publish(__global uchar *descriptors, uint tile, uint status, clarity_scan_t value)
{
    clarity_packed_t packed;
    packed.bits = 0;
    packed.value = value;
    atom_xchg((volatile __global ulong *)descriptors + tile, ((ulong)status << 32) | packed.bits);
}

uint clarity_probe(__global uchar *descriptors, uint tile, clarity_scan_t *value)
{
    const ulong word = ((volatile __global ulong *)descriptors)[tile];
    clarity_packed_t packed;
    packed.bits = (uint)word;
    *value = packed.value;
    return (uint)(word >> 32);
}
