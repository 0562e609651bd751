// Smooth particle-mesh Ewald on the device: the reciprocal-space Ewald energy of ewald_host.hpp
// computed in O(N log N) with a 3-d FFT instead of a sum over every wave vector and particle.
//
//   1. spread:       Q(m) = sum_j q_j W(u_j - m) on an n^3 periodic mesh, where u_j = n r_j / L
//                    is the particle's position in mesh cells and W is a product of three
//                    cardinal B-splines M_p of order p (3 to 5), one per axis.
//   2. forward FFT:  Q^(h) = sum_m Q(m) exp(-2 pi i h.m / n).
//   3. influence:    Q^(h) *= (4 pi n^3 / V) exp(-sigma^2 k^2 / 2) / k^2 |b(h)|^2, k = 2 pi h / L,
//                    and the h = 0 term is zeroed (a neutralising background).
//   4. inverse FFT:  phi(m) = the mesh potential (the inverse divides by n^3, hence the n^3 above).
//   5. interpolate:  phi_j = sum_m W(u_j - m) phi(m), with the same weights as the spreading.
//   6. energy:       E = 1/2 sum_j q_j phi_j.
//
// Why |b(h)|^2: spreading with B-splines approximates each particle's structure factor
// exp(i k.r_j) by b(h) times the transform of its spread weights (Euler's exponential spline).
// The spline blurs the charge; dividing by the spline's own transform,
// |b(h)|^2 = 1 / |sum_{j=1}^{p-1} M_p(j) exp(2 pi i h j / n)|^2 per axis, undoes the blur, so the
// error falls like (mesh spacing / sigma)^p rather than like the square of the spacing.
//
// Steps 4-6 equal the k-space sum (2 pi / V) sum_h G |b|^2 |Q^|^2 exactly; the potential on the
// particles is what one needs for forces (its gradient) and is how PME codes are organised.
//
// The kernels are clarity::ElementwiseKernel instances with one work-item per particle (spread,
// interpolate) or per mesh point (influence). Their shared preamble defines the B-spline weights
// and a float atomic add, which OpenCL 1.2 lacks and which is built here from atomic_cmpxchg.
#pragma once

#include <complex>
#include <cstddef>
#include <cstdint>
#include <numbers>
#include <stdexcept>
#include <string>

#include <clarity/clarity.hpp>

namespace pme {

// Point charges on the device, one array per coordinate (coalesced reads).
struct device_charges {
    clarity::array<float> x, y, z, q;
};

struct mesh_parameters {
    double box = 0;          // side L of the periodic cube
    std::size_t cells = 32;  // mesh points per axis, n
    int order = 4;           // B-spline order p: 3, 4 or 5
    double sigma = 1.0;      // Ewald Gaussian width
};

namespace detail {

// OpenCL C shared by the kernels; PME_ORDER is defined in front of it.
inline const char* mesh_preamble = R"CLC(
// The p weights of a particle at mesh coordinate u along one axis. Mesh point base - j gets
// M_p(t + j), t = u - floor(u): the cardinal B-spline M_p is nonzero on (0, p), so the stencil
// reaches p - 1 points below the particle's cell. Spreading and interpolation use the same
// stencil, so its offset from the particle cancels in the energy. Returns base, wrapped into
// [0, n) (the mesh is periodic).
int bspline_stencil(float u, int n, float w[PME_ORDER]) {
    const float cell = floor(u), t = u - cell;
    // Order 2 (linear): M_2(t) = t, M_2(t + 1) = 1 - t. Then raise the order with
    // M_k(x) = (x M_{k-1}(x) + (k - x) M_{k-1}(x - 1)) / (k - 1), at x = t + j, from the top
    // down so that w[j - 1] still holds order k - 1.
    w[0] = t;
    w[1] = 1 - t;
    for (int k = 3; k <= PME_ORDER; ++k) {
        const float inv = 1.0f / (k - 1);
        w[k - 1] = (1 - t) * w[k - 2] * inv;
        for (int j = k - 2; j >= 1; --j) w[j] = ((t + j) * w[j] + (k - t - j) * w[j - 1]) * inv;
        w[0] = t * w[0] * inv;
    }
    return ((int)cell % n + n) % n;
}

// The weights of a particle at (x, y, z) along each axis, and the first mesh point of each
// stencil (spreading and interpolation visit the same points).
int3 particle_stencil(float x, float y, float z, float cells_per_length, int n, float wx[PME_ORDER],
                      float wy[PME_ORDER], float wz[PME_ORDER]) {
    return (int3)(bspline_stencil(x * cells_per_length, n, wx), bspline_stencil(y * cells_per_length, n, wy),
                  bspline_stencil(z * cells_per_length, n, wz));
}

// The flat index of mesh point (base - a, base - b, base - c) per axis, periodically wrapped;
// n >= PME_ORDER, so one + n keeps every index non-negative.
int mesh_index(int bx, int by, int bz, int a, int b, int c, int n) {
    return (((bx - a + n) % n) * n + (by - b + n) % n) * n + (bz - c + n) % n;
}

// target += value, atomically. OpenCL 1.2 has atomic add for integers only, so: read the
// float's bits, compute the sum, and publish it with compare-and-swap if nobody wrote in
// between; otherwise retry with the value that the other work-item left.
void atomic_add_float(volatile __global float *target, float value) {
    uint seen = as_uint(*target);
    for (;;) {
        const uint sum = as_uint(as_float(seen) + value);
        const uint before = atomic_cmpxchg((volatile __global uint *)target, seen, sum);
        if (before == seen) return;
        seen = before;
    }
}
)CLC";

// |b(h)|^2 for h = 0 .. n-1 along one axis, from the B-spline's values at the integers (its
// weights at t = 0). For odd p the sum vanishes at h = n / 2; that mode is dropped (zero).
inline const char* modulus_operation = R"CLC(
    float w[PME_ORDER];
    bspline_stencil(0.0f, n, w);   // w[j] = M_p(j)
    float re = 0, im = 0;
    for (int j = 1; j < PME_ORDER; ++j) {
        const float angle = 2 * M_PI_F * (float)((i * j) % n) / n;
        re += w[j] * cos(angle);
        im += w[j] * sin(angle);
    }
    const float power = re * re + im * im;
    modulus[i] = power > 1e-7f ? 1 / power : 0;
)CLC";

// One work-item per particle adds its p^3 weighted charges to the mesh's real parts.
inline const char* spread_operation = R"CLC(
    float wx[PME_ORDER], wy[PME_ORDER], wz[PME_ORDER];
    const int3 base = particle_stencil(x[i], y[i], z[i], cells_per_length, n, wx, wy, wz);
    volatile __global float *mesh_values = (volatile __global float *)mesh;  // re, im, re, im, ...
    for (int a = 0; a < PME_ORDER; ++a)
        for (int b = 0; b < PME_ORDER; ++b) {
            const float qab = q[i] * wx[a] * wy[b];
            for (int c = 0; c < PME_ORDER; ++c)
                atomic_add_float(&mesh_values[2 * mesh_index(base.x, base.y, base.z, a, b, c, n)], qab * wz[c]);
        }
)CLC";

// One work-item per mesh point: multiply by the influence function (4 pi n^3 / V) G(k) |b|^2.
inline const char* influence_operation = R"CLC(
    const int h[3] = {i / (n * n), (i / n) % n, i % n};
    float k2 = 0;
    for (int axis = 0; axis < 3; ++axis) {
        const int signed_h = h[axis] < (n + 1) / 2 ? h[axis] : h[axis] - n;   // FFT order
        const float k = 2 * M_PI_F / box * signed_h;
        k2 += k * k;
    }
    const float influence = i == 0 ? 0 : scale * exp(-0.5f * sigma * sigma * k2) / k2
                                             * modulus[h[0]] * modulus[h[1]] * modulus[h[2]];
    mesh[i] *= influence;
)CLC";

// One work-item per particle gathers the potential from its p^3 mesh points.
inline const char* interpolate_operation = R"CLC(
    float wx[PME_ORDER], wy[PME_ORDER], wz[PME_ORDER];
    const int3 base = particle_stencil(x[i], y[i], z[i], cells_per_length, n, wx, wy, wz);
    float phi = 0;
    for (int a = 0; a < PME_ORDER; ++a)
        for (int b = 0; b < PME_ORDER; ++b) {
            float row = 0;
            for (int c = 0; c < PME_ORDER; ++c) row += wz[c] * mesh[mesh_index(base.x, base.y, base.z, a, b, c, n)].x;
            phi += wx[a] * wy[b] * row;
        }
    potential[i] = phi;
)CLC";

inline clarity::ElementwiseKernel mesh_kernel(const clarity::queue& q, int order, const char* arguments,
                                              const char* operation, const char* name) {
    const std::string preamble = "#define PME_ORDER " + std::to_string(order) + "\n" + mesh_preamble;
    return clarity::ElementwiseKernel(q.context(), arguments, operation, name, {.preamble = preamble});
}

inline const mesh_parameters& validated(const mesh_parameters& p) {
    if (p.order < 3 || p.order > 5) throw std::invalid_argument("smooth_pme: the order must be 3, 4 or 5");
    if (p.cells < std::size_t(p.order)) throw std::invalid_argument("smooth_pme: fewer mesh points than the order");
    return p;
}

}  // namespace detail

// The mesh, its FFT plan and kernels for one box, mesh size and order. Each stage is a method
// that enqueues its work and returns, so a caller can time the stages separately.
class smooth_pme {
public:
    smooth_pme(const clarity::queue& q, const mesh_parameters& p)
        : params_(detail::validated(p)),
          n_(int(p.cells)),
          mesh_(q, {p.cells, p.cells, p.cells}),
          modulus_(q, {p.cells}),
          plan_(q, {p.cells, p.cells, p.cells}),
          spread_(detail::mesh_kernel(q, p.order,
                                      "const float *x, const float *y, const float *z, const float *q, "
                                      "cfloat_t *mesh, int n, float cells_per_length",
                                      detail::spread_operation, "pme_spread")),
          influence_(detail::mesh_kernel(q, p.order, "cfloat_t *mesh, const float *modulus, int n, float box, "
                                                     "float sigma, float scale",
                                         detail::influence_operation, "pme_influence")),
          interpolate_(detail::mesh_kernel(q, p.order,
                                           "const float *x, const float *y, const float *z, "
                                           "const cfloat_t *mesh, float *potential, int n, float cells_per_length",
                                           detail::interpolate_operation, "pme_interpolate")) {
        detail::mesh_kernel(q, p.order, "float *modulus, int n", detail::modulus_operation, "pme_bspline_modulus")(
            modulus_, n_);
    }

    void spread(const device_charges& c) {
        mesh_.fill(std::complex<float>(0));
        spread_.launch({.range = every(c.q)}, c.x, c.y, c.z, c.q, mesh_, n_, cells_per_length());
    }
    void forward_fft() { plan_.forward(mesh_); }
    void apply_influence() {
        const double volume = params_.box * params_.box * params_.box;
        const double scale = 4 * std::numbers::pi * double(mesh_.size()) / volume;
        influence_.launch({.range = every(mesh_)}, mesh_, modulus_, n_, float(params_.box), float(params_.sigma),
                          float(scale));
    }
    void inverse_fft() { plan_.inverse(mesh_); }
    // The potential at each particle (same length as the charges).
    void interpolate(const device_charges& c, clarity::array<float>& potential) {
        interpolate_.launch({.range = every(c.q)}, c.x, c.y, c.z, mesh_, potential, n_, cells_per_length());
    }
    static double energy(const device_charges& c, const clarity::array<float>& potential) {
        return 0.5 * double(clarity::dot(c.q, potential).item());
    }

    // All stages in order.
    double reciprocal_energy(const device_charges& c) {
        clarity::array<float> potential(c.q.get_queue(), c.q.shape());
        spread(c);
        forward_fft();
        apply_influence();
        inverse_fft();
        interpolate(c, potential);
        return energy(c, potential);
    }

private:
    // The kernels mix per-particle and per-mesh-point arrays, so they are launched over an
    // explicit index range: one work-item per element of `a`.
    template <class T>
    static clarity::range every(const clarity::array<T>& a) {
        return {0, std::int64_t(a.size())};
    }
    float cells_per_length() const { return float(double(params_.cells) / params_.box); }

    mesh_parameters params_;
    int n_;
    clarity::array<std::complex<float>> mesh_;
    clarity::array<float> modulus_;  // |b(h)|^2 per axis
    clarity::fft_plan<std::complex<float>> plan_;
    clarity::ElementwiseKernel spread_, influence_, interpolate_;
};

}  // namespace pme
