// Errors raised by clarity (API.md, "Errors").
//
//   clarity::error         an OpenCL call failed; code() is the CL status, what() names call and status
//   clarity::build_error   a kernel failed to compile; log() and source() hold the details
//   std::invalid_argument  bad shapes, mismatched arguments, out-of-range views, unsupported types
#pragma once

#include <stdexcept>
#include <string>

#include <clarity/detail/opencl.hpp>

namespace clarity {

// The symbolic name of an OpenCL status code ("CL_INVALID_VALUE"), or "CL_UNKNOWN_ERROR".
const char* status_name(cl_int status) noexcept;

class error : public std::runtime_error {
public:
    // A failed OpenCL call: what() reads "<call> failed: <STATUS_NAME> (<code>)".
    error(const std::string& call, cl_int status);
    // A failure with a message of its own (e.g. no platform found) and the status behind it.
    error(cl_int status, const std::string& message);

    cl_int code() const noexcept { return status_; }

private:
    cl_int status_;
};

class build_error : public error {
public:
    build_error(const std::string& kernel_description, std::string log, std::string source);

    const std::string& log() const noexcept { return log_; }
    const std::string& source() const noexcept { return source_; }

private:
    std::string log_;
    std::string source_;
};

namespace detail {
// Throws clarity::error unless status is CL_SUCCESS.
inline void check(cl_int status, const char* call) {
    if (status != CL_SUCCESS) throw error(call, status);
}
}  // namespace detail

}  // namespace clarity
