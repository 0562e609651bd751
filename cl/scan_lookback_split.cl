// Tile descriptors for any scanned type: per tile a status word, its aggregate and its
// inclusive prefix. A value is written before its status (with a fence between) and never
// changes afterwards in a launch, so a reader that sees a status of its own launch may read
// the value it names.
typedef struct
{
    uint status;
    clarity_scan_t aggregate;
    clarity_scan_t inclusive;
} clarity_descriptor_t;

void clarity_publish(__global uchar *descriptors, uint tile, uint status, clarity_scan_t value)
{
    volatile __global clarity_descriptor_t *d = (volatile __global clarity_descriptor_t *)descriptors + tile;
    if ((status & 3) == CLARITY_INCLUSIVE)
        d->inclusive = value;
    else
        d->aggregate = value;
    CLARITY_DEVICE_FENCE();
    atomic_xchg(&d->status, status);
}

uint clarity_probe(__global uchar *descriptors, uint tile, clarity_scan_t *value)
{
    volatile __global clarity_descriptor_t *d = (volatile __global clarity_descriptor_t *)descriptors + tile;
    const uint status = d->status;
    CLARITY_DEVICE_FENCE();
    *value = (status & 3) == CLARITY_INCLUSIVE ? d->inclusive : d->aggregate;
    return status;
}
