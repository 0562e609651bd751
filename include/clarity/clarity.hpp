// Everything in clarity except the plotting layer (clarity/viz.hpp).
#pragma once

#include <clarity/array.hpp>
#include <clarity/device.hpp>
#include <clarity/elementwise.hpp>
#include <clarity/error.hpp>
#include <clarity/layout.hpp>
#include <clarity/program_cache.hpp>
#include <clarity/types.hpp>
