// The on-disk half of the program cache: one file per (device, driver, options, source).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace clarity::detail {

// Everything a stored binary depends on; two keys are equal only if every byte is.
std::string disk_cache_key(const std::string& device_name, const std::string& platform_name,
                           const std::string& device_version, const std::string& driver_version,
                           const std::string& options, const std::string& source);

// The entry's file inside `directory`.
std::filesystem::path disk_cache_file(const std::filesystem::path& directory, const std::string& key);

enum class disk_lookup { missing, found, rejected };

// Reads the binary stored for `key`. An entry that is truncated, fails its checksum or was
// stored for another key is reported as rejected and never returned.
disk_lookup read_cached_binary(const std::filesystem::path& file, const std::string& key,
                               std::vector<unsigned char>& binary);

// Stores atomically (temporary file + rename). Returns false, changing nothing, if it cannot.
bool write_cached_binary(const std::filesystem::path& file, const std::string& key,
                         const std::vector<unsigned char>& binary);

}  // namespace clarity::detail
