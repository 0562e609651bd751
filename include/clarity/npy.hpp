// NumPy's .npy files (API.md, "Arrays"): any built-in numeric or complex element type and any
// shape, little-endian, C order, so arrays round-trip with numpy.save / numpy.load.
//
//   clarity::save_npy("a.npy", a);                       // a strided view saves its elements in order
//   auto b = clarity::load_npy<float>(q, "a.npy");       // the file's dtype must be float32 ('<f4')
//
// save_npy writes a version 1.0 header (2.0 when the header needs more than 64 KiB), byte for
// byte as numpy.save does. load_npy reads versions 1.0, 2.0 and 3.0. A file that is not a .npy
// file, is truncated or longer than its header says, is big-endian or Fortran-ordered, or holds
// another dtype than T throws std::invalid_argument before anything is created on the device;
// a file that cannot be opened or written throws std::runtime_error.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include <clarity/array.hpp>

namespace clarity {

namespace detail {
// NumPy's dtype string for `type` ("<f4", "|u1", "<c16"); std::invalid_argument for vectors and structs.
std::string npy_dtype(const type_info& type);
void write_npy(const std::filesystem::path& path, const std::string& dtype, const shape_t& shape,
               std::span<const unsigned char> data);
// The data of a valid file holding `dtype`; its shape goes to `shape`.
std::vector<unsigned char> read_npy(const std::filesystem::path& path, const std::string& dtype, shape_t& shape);
}  // namespace detail

template <element T>
void save_npy(const std::filesystem::path& path, const array<T>& a) {
    const auto dtype = detail::npy_dtype(type_info_of<T>());
    const std::vector<T> host = a.get();
    detail::write_npy(path, dtype, a.shape(),
                      {reinterpret_cast<const unsigned char*>(host.data()), host.size() * sizeof(T)});
}

template <element T>
array<T> load_npy(const queue& q, const std::filesystem::path& path) {
    shape_t shape;
    const auto data = detail::read_npy(path, detail::npy_dtype(type_info_of<T>()), shape);
    array<T> out(q, std::move(shape));
    if (out.size() > 0) out.set(std::span(reinterpret_cast<const T*>(data.data()), out.size()));
    return out;
}

}  // namespace clarity
