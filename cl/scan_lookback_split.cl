// Tile descriptors for any scanned type: a status word per tile, then the tiles' aggregates,
// then their inclusive prefixes. A value is written before its status (with a fence between),
// and never changes afterwards, so a reader that sees a status may read the value it names.
#define CLARITY_STATUS_BYTES(tiles) (((tiles) * 4 + 127) / 128 * 128)

void clarity_publish(__global uchar *descriptors, uint tiles, uint tile, uint status, clarity_scan_t value)
{
    volatile __global clarity_scan_t *values =
        (volatile __global clarity_scan_t *)(descriptors + CLARITY_STATUS_BYTES(tiles));
    values[(status & 3) == CLARITY_INCLUSIVE ? tiles + tile : tile] = value;
    mem_fence(CLK_GLOBAL_MEM_FENCE);
    atomic_xchg((volatile __global uint *)descriptors + tile, status);
}

uint clarity_probe(__global uchar *descriptors, uint tiles, uint tile, clarity_scan_t *value)
{
    const uint status = ((volatile __global uint *)descriptors)[tile];
    mem_fence(CLK_GLOBAL_MEM_FENCE);
    volatile __global clarity_scan_t *values =
        (volatile __global clarity_scan_t *)(descriptors + CLARITY_STATUS_BYTES(tiles));
    if (status != CLARITY_INVALID)
        *value = values[(status & 3) == CLARITY_INCLUSIVE ? tiles + tile : tile];
    return status;
}
