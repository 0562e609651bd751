// Owning handles for OpenGL objects, and shader programs built from the embedded shaders/.
// The figure's context must be current whenever one is made, used or destroyed.
#pragma once

#include <string_view>
#include <utility>

#include <glad/gl.h>

namespace clarity::viz::detail {

// Deletes a GL name with `Delete` when it goes out of scope; movable, not copyable.
template <void (*Delete)(GLuint)>
class gl_name {
public:
    gl_name() = default;
    explicit gl_name(GLuint id) : id_(id) {}
    gl_name(gl_name&& other) noexcept : id_(std::exchange(other.id_, 0)) {}
    gl_name& operator=(gl_name&& other) noexcept {
        std::swap(id_, other.id_);
        return *this;
    }
    ~gl_name() {
        if (id_) Delete(id_);
    }
    GLuint get() const { return id_; }

private:
    GLuint id_ = 0;
};

void delete_buffer(GLuint id);
void delete_texture(GLuint id);
void delete_vertex_array(GLuint id);
void delete_framebuffer(GLuint id);
void delete_program(GLuint id);

using gl_buffer = gl_name<delete_buffer>;
using gl_texture = gl_name<delete_texture>;
using gl_vertex_array = gl_name<delete_vertex_array>;
using gl_framebuffer = gl_name<delete_framebuffer>;
using gl_program = gl_name<delete_program>;

gl_buffer make_buffer(GLsizeiptr bytes, GLenum usage = GL_DYNAMIC_DRAW);
gl_texture make_texture();
gl_vertex_array make_vertex_array();

// A buffer texture (texelFetch from a samplerBuffer) viewing `buffer` with `format`.
gl_texture make_buffer_texture(GLuint buffer, GLenum format);

// Links shaders/<vertex> and shaders/<fragment>; throws std::runtime_error with the GL log.
gl_program make_program(std::string_view vertex, std::string_view fragment);
GLint uniform(const gl_program& program, const char* name);

}  // namespace clarity::viz::detail
