// Boost.Compute, the peer library, as benchmarks include it. clarity's OpenCL header comes first:
// it targets the OpenCL 1.2 host API, so Boost.Compute takes its 1.2 code paths like clarity does,
// and no deprecation warnings or "CL_TARGET_OPENCL_VERSION is not defined" messages arise.
// (With that order no BOOST_COMPUTE_* configuration macro is needed.)
//
// Boost.Compute works on clarity's queue and buffers by wrapping their handles:
//   boost::compute::command_queue bq(q.get()(), true);   // true: retain, so both may release
//   boost::compute::buffer bx(x.buffer()(), true);
#pragma once

#include <clarity/detail/opencl.hpp>

#include <boost/compute/algorithm/transform.hpp>
#include <boost/compute/buffer.hpp>
#include <boost/compute/command_queue.hpp>
#include <boost/compute/iterator/buffer_iterator.hpp>
#include <boost/compute/lambda.hpp>
