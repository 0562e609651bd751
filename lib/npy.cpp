// The .npy format (numpy/lib/format.py documents it): the magic "\x93NUMPY", a major and minor
// version byte, the header length (2 bytes little-endian in 1.0, 4 bytes in 2.0 and 3.0), a
// Python dict literal padded with spaces to a multiple of 64 bytes and ended by '\n', then the data.
#include <clarity/npy.hpp>

#include <cctype>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace clarity::detail {

namespace {

constexpr char magic[] = "\x93NUMPY";
constexpr std::size_t magic_size = 6;

std::invalid_argument malformed(const std::filesystem::path& path, const std::string& why) {
    return std::invalid_argument("load_npy: " + path.string() + " " + why);
}

// The value after 'key': in the header dict, up to its end; throws if the key is missing.
std::string value_of(const std::string& header, const std::string& key, const std::filesystem::path& path) {
    const auto at = header.find("'" + key + "':");
    if (at == std::string::npos) throw malformed(path, "has no '" + key + "' in its header");
    auto start = header.find_first_not_of(' ', at + key.size() + 3);
    if (start == std::string::npos) throw malformed(path, "has a truncated header");
    const char first = header[start];
    const auto end = first == '(' ? header.find(')', start) + 1
                     : first == '\'' ? header.find('\'', start + 1) + 1
                                     : header.find_first_of(",}", start);
    if (end == std::string::npos || end == 0 || end <= start) throw malformed(path, "has a malformed '" + key + "'");
    return header.substr(start, end - start);
}

shape_t parse_shape(const std::string& tuple, const std::filesystem::path& path) {
    shape_t shape;
    std::size_t k = 1;  // after '('
    while (k < tuple.size()) {
        while (k < tuple.size() && (tuple[k] == ' ' || tuple[k] == ',')) ++k;
        if (tuple[k] == ')') break;
        if (!std::isdigit(static_cast<unsigned char>(tuple[k]))) throw malformed(path, "has a malformed shape " + tuple);
        std::size_t extent = 0;
        while (std::isdigit(static_cast<unsigned char>(tuple[k]))) extent = extent * 10 + std::size_t(tuple[k++] - '0');
        shape.push_back(extent);
    }
    return shape;
}

std::uint32_t little_endian(const unsigned char* bytes, std::size_t count) {
    std::uint32_t value = 0;
    for (std::size_t k = count; k-- > 0;) value = value << 8 | bytes[k];
    return value;
}

}  // namespace

std::string npy_dtype(const type_info& type) {
    char kind = 0;
    switch (type.kind) {
        case type_kind::signed_integer: kind = 'i'; break;
        case type_kind::unsigned_integer: kind = 'u'; break;
        case type_kind::floating: kind = 'f'; break;
        case type_kind::complex: kind = 'c'; break;
        default:
            throw std::invalid_argument("npy: arrays of " + type.name + " have no NumPy dtype; save numbers or complex numbers");
    }
    return std::string(type.size == 1 ? "|" : "<") + kind + std::to_string(type.size);
}

void write_npy(const std::filesystem::path& path, const std::string& dtype, const shape_t& shape,
               std::span<const unsigned char> data) {
    std::string header = "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': " + to_string(shape) + ", }";
    const bool version1 = header.size() + 11 + 64 < 65536;
    const std::size_t prefix = magic_size + 2 + (version1 ? 2 : 4);
    header.append(63 - (prefix + header.size()) % 64, ' ');
    header += '\n';
    std::string out(magic, magic_size);
    out += char(version1 ? 1 : 2);
    out += char(0);
    for (std::size_t k = 0; k < prefix - magic_size - 2; ++k) out += char((header.size() >> (8 * k)) & 0xff);
    out += header;
    std::ofstream file(path, std::ios::binary);
    file.write(out.data(), std::streamsize(out.size()));
    file.write(reinterpret_cast<const char*>(data.data()), std::streamsize(data.size()));
    if (!file) throw std::runtime_error("save_npy: cannot write " + path.string());
}

std::vector<unsigned char> read_npy(const std::filesystem::path& path, const std::string& dtype, shape_t& shape) {
    std::ifstream file(path, std::ios::binary);
    if (!file) throw std::runtime_error("load_npy: cannot open " + path.string());
    const std::vector<unsigned char> bytes{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
    if (bytes.size() < magic_size + 4 || std::memcmp(bytes.data(), magic, magic_size) != 0)
        throw malformed(path, "is not a .npy file (no \\x93NUMPY magic)");
    const unsigned major = bytes[magic_size];
    if (major < 1 || major > 3) throw malformed(path, "has unknown format version " + std::to_string(major));
    const std::size_t length_bytes = major == 1 ? 2 : 4, header_start = magic_size + 2 + length_bytes;
    if (bytes.size() < header_start) throw malformed(path, "is truncated in its header");
    const std::size_t header_size = little_endian(&bytes[magic_size + 2], length_bytes);
    if (bytes.size() < header_start + header_size) throw malformed(path, "is truncated in its header");
    const std::string header(bytes.begin() + std::ptrdiff_t(header_start),
                             bytes.begin() + std::ptrdiff_t(header_start + header_size));
    if (header.empty() || header.back() != '\n' || header.front() != '{') throw malformed(path, "has a malformed header");

    const auto descr = value_of(header, "descr", path);
    const auto file_dtype = descr.size() > 2 ? descr.substr(1, descr.size() - 2) : descr;
    const bool same = file_dtype == dtype || (dtype[0] == '|' && file_dtype.substr(1) == dtype.substr(1));
    if (!same) throw malformed(path, "holds dtype '" + file_dtype + "', not '" + dtype + "' as requested");
    if (value_of(header, "fortran_order", path) != "False")
        throw malformed(path, "is in Fortran order; save it from numpy in C order (np.ascontiguousarray)");
    const auto shape_text = value_of(header, "shape", path);
    if (shape_text.front() != '(') throw malformed(path, "has a malformed shape " + shape_text);
    shape = parse_shape(shape_text, path);

    const std::size_t element_size = std::stoul(dtype.substr(2));
    const std::size_t expected = layout::contiguous(shape).size() * element_size;
    const std::size_t present = bytes.size() - header_start - header_size;
    if (present != expected)
        throw malformed(path, "holds " + std::to_string(present) + " data bytes, its header promises " +
                                  std::to_string(expected) + (present < expected ? " (truncated)" : ""));
    return {bytes.begin() + std::ptrdiff_t(header_start + header_size), bytes.end()};
}

}  // namespace clarity::detail
