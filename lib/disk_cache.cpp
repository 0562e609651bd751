#include "disk_cache.hpp"

#include <atomic>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <random>
#include <thread>

#include <unistd.h>

#include "hash.hpp"

namespace clarity::detail {

namespace {
// Bumped whenever the file layout or the meaning of a key changes.
constexpr std::string_view magic = "clarity program binary v1\n";

void append_u64(std::string& out, std::uint64_t value) {
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

bool read_u64(std::string_view& in, std::uint64_t& value) {
    if (in.size() < 8) return false;
    value = 0;
    for (int i = 0; i < 8; ++i) value |= std::uint64_t(static_cast<unsigned char>(in[i])) << (8 * i);
    in.remove_prefix(8);
    return true;
}

// Unique per process, thread and call, so concurrent writers never share a temporary file.
std::string temporary_suffix() {
    static std::atomic<std::uint64_t> counter{0};
    const auto tid = std::hash<std::thread::id>{}(std::this_thread::get_id());
    return ".tmp-" + std::to_string(::getpid()) + "-" + hex64(tid) + "-" + std::to_string(counter++);
}
}  // namespace

std::string disk_cache_key(const std::string& device_name, const std::string& platform_name,
                           const std::string& device_version, const std::string& driver_version,
                           const std::string& options, const std::string& source) {
    std::string key;
    for (const auto* part : {&device_name, &platform_name, &device_version, &driver_version, &options, &source}) {
        append_u64(key, part->size());
        key += *part;
    }
    return key;
}

std::filesystem::path disk_cache_file(const std::filesystem::path& directory, const std::string& key) {
    return directory / (hex64(fnv1a64(key)) + ".clbin");
}

disk_lookup read_cached_binary(const std::filesystem::path& file, const std::string& key,
                               std::vector<unsigned char>& binary) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return disk_lookup::missing;
    const std::string contents((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string_view rest(contents);
    std::uint64_t key_size = 0, binary_size = 0, checksum = 0;
    if (rest.substr(0, magic.size()) != magic) return disk_lookup::rejected;
    rest.remove_prefix(magic.size());
    if (!read_u64(rest, key_size) || rest.size() < key_size || rest.substr(0, key_size) != key)
        return disk_lookup::rejected;
    rest.remove_prefix(key_size);
    if (!read_u64(rest, binary_size) || rest.size() != binary_size + 8) return disk_lookup::rejected;
    const std::string_view payload = rest.substr(0, binary_size);
    rest.remove_prefix(binary_size);
    const auto checked = std::string_view(contents).substr(0, contents.size() - 8);
    if (!read_u64(rest, checksum) || checksum != fnv1a64(checked) || binary_size == 0) return disk_lookup::rejected;
    binary.assign(payload.begin(), payload.end());
    return disk_lookup::found;
}

bool write_cached_binary(const std::filesystem::path& file, const std::string& key,
                         const std::vector<unsigned char>& binary) {
    std::string contents(magic);
    append_u64(contents, key.size());
    contents += key;
    append_u64(contents, binary.size());
    contents.append(reinterpret_cast<const char*>(binary.data()), binary.size());
    append_u64(contents, fnv1a64(contents));

    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    const auto temporary = file.string() + temporary_suffix();
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out.write(contents.data(), static_cast<std::streamsize>(contents.size())) || !out.flush()) {
            out.close();
            std::filesystem::remove(temporary, ec);
            return false;
        }
    }
    std::filesystem::rename(temporary, file, ec);  // atomic replacement on POSIX file systems
    if (!ec) return true;
    std::filesystem::remove(temporary, ec);
    return false;
}

}  // namespace clarity::detail
