// ---- a work-group tile in chunks (cl/scan.cl, cl/compaction.cl) ----
// A work-item's ITEMS elements are CHUNKS chunks of CHUNK consecutive elements: its chunk c is
// the tile's chunk c * WG + lid, so neighbouring work-items read and write neighbouring chunks
// (coalesced), one vector load or store per chunk where the array allows it.
#define CLARITY_ITEMS ${items_per_work_item}
#define CLARITY_CHUNK ${chunk}
#define CLARITY_CHUNKS (CLARITY_ITEMS / CLARITY_CHUNK)
#define CLARITY_TILE (CLARITY_WG * CLARITY_ITEMS)
// Local-memory slots padded every 32 entries against bank conflicts when work-items read
// CHUNKS consecutive per-chunk values.
#define CLARITY_SLOT(k) ((k) + (k) / 32)
// The tile position of the work-item's chunk c (needs clarity_lid).
#define CLARITY_CHUNK_AT(c) (((c) * CLARITY_WG + clarity_lid) * CLARITY_CHUNK)
// Whether the chunks of array p move as vectors: a full tile (clarity_full_tile), p aligned to a vector.
#define CLARITY_VECTORS_FIT(p) (clarity_full_tile && (size_t)(p) % sizeof(${vector_t}) == 0)
// Chunk c of the tile in array p, as one vector, into the work-item's registers r.
#define CLARITY_LOAD_CHUNK(r, p, c) \
    vstore${chunk}(*(__global const ${vector_t} *)((p) + clarity_tile_start + CLARITY_CHUNK_AT(c)), 0, (r) + (c) * CLARITY_CHUNK)
