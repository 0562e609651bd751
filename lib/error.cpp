#include <clarity/error.hpp>

#include <sstream>

namespace clarity {

const char* status_name(cl_int status) noexcept {
    switch (status) {
#define CLARITY_STATUS(name) \
    case name: return #name;
        CLARITY_STATUS(CL_SUCCESS)
        CLARITY_STATUS(CL_DEVICE_NOT_FOUND)
        CLARITY_STATUS(CL_DEVICE_NOT_AVAILABLE)
        CLARITY_STATUS(CL_COMPILER_NOT_AVAILABLE)
        CLARITY_STATUS(CL_MEM_OBJECT_ALLOCATION_FAILURE)
        CLARITY_STATUS(CL_OUT_OF_RESOURCES)
        CLARITY_STATUS(CL_OUT_OF_HOST_MEMORY)
        CLARITY_STATUS(CL_PROFILING_INFO_NOT_AVAILABLE)
        CLARITY_STATUS(CL_MEM_COPY_OVERLAP)
        CLARITY_STATUS(CL_IMAGE_FORMAT_MISMATCH)
        CLARITY_STATUS(CL_IMAGE_FORMAT_NOT_SUPPORTED)
        CLARITY_STATUS(CL_BUILD_PROGRAM_FAILURE)
        CLARITY_STATUS(CL_MAP_FAILURE)
        CLARITY_STATUS(CL_MISALIGNED_SUB_BUFFER_OFFSET)
        CLARITY_STATUS(CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST)
        CLARITY_STATUS(CL_COMPILE_PROGRAM_FAILURE)
        CLARITY_STATUS(CL_LINKER_NOT_AVAILABLE)
        CLARITY_STATUS(CL_LINK_PROGRAM_FAILURE)
        CLARITY_STATUS(CL_DEVICE_PARTITION_FAILED)
        CLARITY_STATUS(CL_KERNEL_ARG_INFO_NOT_AVAILABLE)
        CLARITY_STATUS(CL_INVALID_VALUE)
        CLARITY_STATUS(CL_INVALID_DEVICE_TYPE)
        CLARITY_STATUS(CL_INVALID_PLATFORM)
        CLARITY_STATUS(CL_INVALID_DEVICE)
        CLARITY_STATUS(CL_INVALID_CONTEXT)
        CLARITY_STATUS(CL_INVALID_QUEUE_PROPERTIES)
        CLARITY_STATUS(CL_INVALID_COMMAND_QUEUE)
        CLARITY_STATUS(CL_INVALID_HOST_PTR)
        CLARITY_STATUS(CL_INVALID_MEM_OBJECT)
        CLARITY_STATUS(CL_INVALID_IMAGE_FORMAT_DESCRIPTOR)
        CLARITY_STATUS(CL_INVALID_IMAGE_SIZE)
        CLARITY_STATUS(CL_INVALID_SAMPLER)
        CLARITY_STATUS(CL_INVALID_BINARY)
        CLARITY_STATUS(CL_INVALID_BUILD_OPTIONS)
        CLARITY_STATUS(CL_INVALID_PROGRAM)
        CLARITY_STATUS(CL_INVALID_PROGRAM_EXECUTABLE)
        CLARITY_STATUS(CL_INVALID_KERNEL_NAME)
        CLARITY_STATUS(CL_INVALID_KERNEL_DEFINITION)
        CLARITY_STATUS(CL_INVALID_KERNEL)
        CLARITY_STATUS(CL_INVALID_ARG_INDEX)
        CLARITY_STATUS(CL_INVALID_ARG_VALUE)
        CLARITY_STATUS(CL_INVALID_ARG_SIZE)
        CLARITY_STATUS(CL_INVALID_KERNEL_ARGS)
        CLARITY_STATUS(CL_INVALID_WORK_DIMENSION)
        CLARITY_STATUS(CL_INVALID_WORK_GROUP_SIZE)
        CLARITY_STATUS(CL_INVALID_WORK_ITEM_SIZE)
        CLARITY_STATUS(CL_INVALID_GLOBAL_OFFSET)
        CLARITY_STATUS(CL_INVALID_EVENT_WAIT_LIST)
        CLARITY_STATUS(CL_INVALID_EVENT)
        CLARITY_STATUS(CL_INVALID_OPERATION)
        CLARITY_STATUS(CL_INVALID_GL_OBJECT)
        CLARITY_STATUS(CL_INVALID_BUFFER_SIZE)
        CLARITY_STATUS(CL_INVALID_MIP_LEVEL)
        CLARITY_STATUS(CL_INVALID_GLOBAL_WORK_SIZE)
        CLARITY_STATUS(CL_INVALID_PROPERTY)
        CLARITY_STATUS(CL_INVALID_IMAGE_DESCRIPTOR)
        CLARITY_STATUS(CL_INVALID_COMPILER_OPTIONS)
        CLARITY_STATUS(CL_INVALID_LINKER_OPTIONS)
        CLARITY_STATUS(CL_INVALID_DEVICE_PARTITION_COUNT)
        CLARITY_STATUS(CL_PLATFORM_NOT_FOUND_KHR)
#undef CLARITY_STATUS
        default: return "CL_UNKNOWN_ERROR";
    }
}

error::error(const std::string& call, cl_int status)
    : std::runtime_error(call + " failed: " + status_name(status) + " (" + std::to_string(status) + ")"),
      status_(status) {}

error::error(cl_int status, const std::string& message) : std::runtime_error(message), status_(status) {}

namespace {
// The first lines of a build log, enough to see the first compiler error in what().
std::string first_lines(const std::string& text, int max_lines) {
    std::istringstream in(text);
    std::string line, out;
    for (int n = 0; n < max_lines && std::getline(in, line); ++n) out += "\n  " + line;
    return out;
}
}  // namespace

build_error::build_error(const std::string& kernel_description, std::string log, std::string source)
    : error(CL_BUILD_PROGRAM_FAILURE,
            "building " + kernel_description + " failed (CL_BUILD_PROGRAM_FAILURE); build log:" +
                first_lines(log, 12) + "\n(build_error::log() has the whole log, build_error::source() the source)"),
      log_(std::move(log)),
      source_(std::move(source)) {}

}  // namespace clarity
