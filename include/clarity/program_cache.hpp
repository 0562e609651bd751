// Compiling OpenCL programs once: an in-memory cache keyed by (source, options, device) and an
// on-disk cache of program binaries keyed also by the driver version.
//
// Disk cache: $CLARITY_CACHE_DIR, else $XDG_CACHE_HOME/clarity, else ~/.cache/clarity.
// CLARITY_NO_CACHE=1 turns it off; CLARITY_SHOW_KERNELS=1 prints every source built from text.
// Entries are written to a temporary file and renamed, so concurrent processes never see half a
// file; an entry whose header, key or checksum does not match, or whose binary the driver
// refuses, is rebuilt from source and replaced.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include <clarity/device.hpp>

namespace clarity {

// Builds (or finds) the program for `source` with `options` on `dev`. Thread-safe; concurrent
// requests for the same program build it once. Throws build_error with the log and the source.
cl::Program build_program(const context& ctx, const device& dev, const std::string& source,
                          const std::string& options = "", const std::string& description = "program");

struct program_cache_stats {
    std::uint64_t memory_hits = 0;      // found in this process
    std::uint64_t disk_hits = 0;        // loaded from a binary on disk
    std::uint64_t compiled = 0;         // built from source
    std::uint64_t disk_rejected = 0;    // disk entries found corrupt or stale (then rebuilt)
    std::uint64_t disk_writes = 0;      // binaries stored
};

program_cache_stats program_cache_statistics();

// Forgets every program held in memory (objects that already hold kernels keep them); the
// next request goes to the disk cache. Useful in tests and after a driver update.
void clear_program_memory_cache();

// Where binaries are stored, or an empty path when the disk cache is off.
std::filesystem::path program_cache_directory();

}  // namespace clarity
