# Turns the OpenCL C files of cl/ into one C++ source, so the library reads no file at run time.
# Invoked as: cmake -DOUTPUT=<file.cpp> -DINPUTS="<a.cl>|<b.cl>" -P embed_sources.cmake
string(REPLACE "|" ";" INPUTS "${INPUTS}")
set(body "")
set(table "")
foreach(input IN LISTS INPUTS)
  get_filename_component(name "${input}" NAME)
  string(MAKE_C_IDENTIFIER "${name}" id)
  file(READ "${input}" text)
  string(APPEND body "const char ${id}[] = R\"clarity_embedded(${text})clarity_embedded\";\n")
  string(APPEND table "    {\"${name}\", ${id}},\n")
endforeach()
file(WRITE "${OUTPUT}.new"
"// Generated from cl/ by cmake/embed_sources.cmake; do not edit.
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

namespace clarity::detail {
namespace {
${body}}  // namespace

std::string_view embedded_source(std::string_view name) {
  static const std::map<std::string_view, std::string_view> files = {
${table}  };
  auto it = files.find(name);
  if (it == files.end()) throw std::logic_error(\"clarity: no embedded OpenCL source named \" + std::string(name));
  return it->second;
}
}  // namespace clarity::detail
")
# Only touch the output when it changed, so editing one .cl file does not rebuild more than needed.
file(COPY_FILE "${OUTPUT}.new" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.new")
