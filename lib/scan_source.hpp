// Generating the OpenCL C of a scan (cl/scan_header.cl with cl/scan.cl or cl/scan_debug.cl)
// and the device-dependent choices it bakes in: tile shape and descriptor layout.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <clarity/scan.hpp>

#include "arg_list.hpp"

namespace clarity::detail {

// A validated scan: the user's options with their arguments parsed.
struct scan_definition {
    scan_options options;
    const type_info* scan_type = nullptr;
    std::vector<declared_argument> arguments;
    std::string description;  // "GenericScanKernel 'name'", for messages
    bool segmented = false;
    bool uses_prev_item = false;
    bool uses_last_item = false;
    compaction_body compaction;  // GPU tiles run cl/compaction.cl when compaction.item is set
};

// Throws std::invalid_argument for anything wrong in the options.
scan_definition define_scan(const type_info& scan_type, const scan_options& options, bool sequential);

// A tile is work_group_size * items_per_work_item consecutive elements, scanned by one group.
struct scan_geometry {
    std::size_t work_group_size = 1;
    std::size_t items_per_work_item = 1;
    std::size_t chunk = 1;            // consecutive elements a work-item loads and stores together
    bool packed_descriptors = false;  // status and value in one 64-bit word
    bool sequential_tiles = false;    // one work-item walks its tile (cl/scan_sequential_tiles.cl)

    std::uint64_t tile() const { return std::uint64_t(work_group_size) * items_per_work_item; }
    // Scratch of a launch over `tiles` tiles: the total, the ticket counter, the descriptors.
    // Launches reuse it without clearing it (cl/scan_lookback.cl), as long as its layout
    // (scratch_layout) is the same.
    std::size_t scratch_bytes(std::uint64_t tiles) const;
    std::size_t scratch_layout() const;

    const type_info* scan_type = nullptr;
};

// GPUs: 256 work-items with 128 bytes of input each in 16-byte chunks (cl/scan.cl),
// compactions 128 with 256 bytes each in 32-byte chunks (cl/compaction.cl); CPUs: single
// work-item groups walking 16 KiB of input each (cl/scan_sequential_tiles.cl).
// scan_source.cpp has the measurements.
// CLARITY_SCAN_TILES=work_group or =sequential overrides the choice by device type (the test
// suite runs the GPU algorithm on PoCL that way).
bool sequential_tiles_for(const device& dev);
// `staged`: the entry type a compaction gathers in local memory, else null.
scan_geometry scan_geometry_for(const device& dev, const type_info& scan_type, const type_info* staged,
                                std::size_t work_group_limit);

std::string parallel_scan_source(const scan_definition& scan, const device& dev, bool wide,
                                 const scan_geometry& geometry);
std::string sequential_scan_source(const scan_definition& scan, const device& dev, bool wide);

// True when `word` occurs in `text` as a whole identifier.
bool mentions_identifier(const std::string& text, const std::string& word);

}  // namespace clarity::detail
