// The one place where clarity includes the OpenCL C++ bindings, so every translation unit
// (and every user of clarity's headers) sees them configured the same way.
#pragma once

// OpenCL 1.2 host API: present on every current driver (NVIDIA, AMD, Intel, PoCL); newer
// host entry points are not needed, and kernels may still use OpenCL C 2.0/3.0 features.
#ifndef CL_HPP_TARGET_OPENCL_VERSION
#define CL_HPP_TARGET_OPENCL_VERSION 120
#endif
#ifndef CL_HPP_MINIMUM_OPENCL_VERSION
#define CL_HPP_MINIMUM_OPENCL_VERSION 120
#endif
#ifndef CL_TARGET_OPENCL_VERSION
#define CL_TARGET_OPENCL_VERSION 120
#endif
#include <CL/opencl.hpp>
