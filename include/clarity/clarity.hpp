// Everything in clarity except the plotting layer (clarity/viz.hpp).
#pragma once

#include <clarity/algorithm.hpp>
#include <clarity/array.hpp>
#include <clarity/bitonic_sort.hpp>
#include <clarity/device.hpp>
#include <clarity/elementwise.hpp>
#include <clarity/error.hpp>
#include <clarity/expression.hpp>
#include <clarity/fft.hpp>
#include <clarity/layout.hpp>
#include <clarity/list_of_lists.hpp>
#include <clarity/memory_pool.hpp>
#include <clarity/npy.hpp>
#include <clarity/program_cache.hpp>
#include <clarity/random.hpp>
#include <clarity/reduction.hpp>
#include <clarity/scan.hpp>
#include <clarity/sort.hpp>
#include <clarity/types.hpp>
#include <clarity/windows.hpp>
