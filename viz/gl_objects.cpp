#include "gl_objects.hpp"

#include <stdexcept>
#include <string>

#include "embedded_shaders.hpp"

namespace clarity::viz::detail {

void delete_buffer(GLuint id) { glDeleteBuffers(1, &id); }
void delete_texture(GLuint id) { glDeleteTextures(1, &id); }
void delete_vertex_array(GLuint id) { glDeleteVertexArrays(1, &id); }
void delete_framebuffer(GLuint id) { glDeleteFramebuffers(1, &id); }
void delete_program(GLuint id) { glDeleteProgram(id); }

gl_buffer make_buffer(GLsizeiptr bytes, GLenum usage) {
    GLuint id = 0;
    glGenBuffers(1, &id);
    glBindBuffer(GL_COPY_WRITE_BUFFER, id);
    glBufferData(GL_COPY_WRITE_BUFFER, bytes, nullptr, usage);
    return gl_buffer(id);
}

gl_texture make_texture() {
    GLuint id = 0;
    glGenTextures(1, &id);
    return gl_texture(id);
}

gl_vertex_array make_vertex_array() {
    GLuint id = 0;
    glGenVertexArrays(1, &id);
    return gl_vertex_array(id);
}

gl_texture make_buffer_texture(GLuint buffer, GLenum format) {
    auto texture = make_texture();
    glBindTexture(GL_TEXTURE_BUFFER, texture.get());
    glTexBuffer(GL_TEXTURE_BUFFER, format, buffer);
    return texture;
}

namespace {
GLuint compile(GLenum stage, std::string_view name) {
    const std::string_view text = embedded_shader(name);
    const GLchar* source = text.data();
    const GLint length = static_cast<GLint>(text.size());
    const GLuint shader = glCreateShader(stage);
    glShaderSource(shader, 1, &source, &length);
    glCompileShader(shader);
    GLint ok = 0;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[2048] = {};
        glGetShaderInfoLog(shader, sizeof log, nullptr, log);
        glDeleteShader(shader);
        throw std::runtime_error("viz: shader " + std::string(name) + " does not compile:\n" + log);
    }
    return shader;
}
}  // namespace

gl_program make_program(std::string_view vertex, std::string_view fragment) {
    gl_program program(glCreateProgram());
    const GLuint vs = compile(GL_VERTEX_SHADER, vertex), fs = compile(GL_FRAGMENT_SHADER, fragment);
    glAttachShader(program.get(), vs);
    glAttachShader(program.get(), fs);
    glLinkProgram(program.get());
    glDeleteShader(vs);  // flagged; freed with the program
    glDeleteShader(fs);
    GLint ok = 0;
    glGetProgramiv(program.get(), GL_LINK_STATUS, &ok);
    if (!ok) {
        char log[2048] = {};
        glGetProgramInfoLog(program.get(), sizeof log, nullptr, log);
        throw std::runtime_error("viz: shaders " + std::string(vertex) + " + " + std::string(fragment) +
                                 " do not link:\n" + log);
    }
    return program;
}

GLint uniform(const gl_program& program, const char* name) { return glGetUniformLocation(program.get(), name); }

}  // namespace clarity::viz::detail
