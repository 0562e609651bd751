// Smooth particle-mesh Ewald (PME) on the device: the long-range electrostatic energy of point
// charges in a periodic box, computed by spreading the charges onto a mesh, solving Poisson's
// equation with FFTs and interpolating the potential back to the particles (smooth_pme.hpp).
//
// 1. Accuracy: a distorted 8-ion rocksalt cell, whose reciprocal Ewald energy the host sums
//    directly (ewald_host.hpp); the mesh result converges to it as the mesh is refined, faster
//    for higher B-spline orders.
// 2. Speed: a million random charges, with the time of every stage.
//
// usage: pme [--check-only] [--particles N] [--mesh N] [--order 3|4|5]
// Exits with 1 when the finest mesh misses the reference by more than 1e-4 (relative).
#include "ewald_host.hpp"
#include "smooth_pme.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <vector>

namespace {

struct options {
    bool check_only = false;
    std::size_t particles = 1'000'000;
    std::size_t mesh = 128;
    int order = 4;
};

options parse(int argc, char** argv) {
    const auto usage = [] {
        std::fprintf(stderr, "usage: pme [--check-only] [--particles N] [--mesh N] [--order 3|4|5]\n");
        std::exit(2);
    };
    options o;
    for (int k = 1; k < argc; ++k) {
        const std::string flag = argv[k];
        const bool has_value = k + 1 < argc;
        if (flag == "--check-only") o.check_only = true;
        else if (flag == "--particles" && has_value) o.particles = std::stoul(argv[++k]);
        else if (flag == "--mesh" && has_value) o.mesh = std::stoul(argv[++k]);
        else if (flag == "--order" && has_value) o.order = std::stoi(argv[++k]);
        else usage();
    }
    if (o.order < 3 || o.order > 5 || o.mesh < std::size_t(o.order) || o.particles == 0) usage();
    return o;
}

// Na+ and Cl- alternating on a simple cubic lattice of spacing 3 Angstrom: 8 ions fill a
// 6 Angstrom periodic cube. Every coordinate is then moved by up to 0.3 Angstrom, so that
// no symmetry hides errors (the perfect crystal's S(k) vanishes for most k).
pme::point_charges distorted_rocksalt() {
    pme::point_charges cell{.box = 6.0};
    std::mt19937 generator(2024);
    std::uniform_real_distribution<double> shift(-0.3, 0.3);
    for (int i = 0; i < 2; ++i)
        for (int j = 0; j < 2; ++j)
            for (int k = 0; k < 2; ++k) {
                cell.position.push_back({3.0 * i + shift(generator), 3.0 * j + shift(generator),
                                         3.0 * k + shift(generator)});
                cell.charge.push_back((i + j + k) % 2 == 0 ? 1.0 : -1.0);
            }
    return cell;
}

pme::device_charges to_device(const clarity::queue& q, const pme::point_charges& system) {
    std::vector<float> x, y, z, charge;
    for (std::size_t j = 0; j < system.charge.size(); ++j) {
        x.push_back(float(system.position[j][0]));
        y.push_back(float(system.position[j][1]));
        z.push_back(float(system.position[j][2]));
        charge.push_back(float(system.charge[j]));
    }
    return {clarity::to_device(q, x), clarity::to_device(q, y), clarity::to_device(q, z),
            clarity::to_device(q, charge)};
}

// The error table for meshes 8^3 .. 64^3 (powers of two: clarity's fastest FFTs) and orders
// 3 to 5. Returns whether the finest mesh at order 4 is within 1e-4 of the reference.
bool accuracy_table(const clarity::queue& q) {
    const auto cell = distorted_rocksalt();
    const double sigma = 1.0;  // Angstrom
    const double reference = pme::ewald_reciprocal_energy(cell, sigma);
    const auto charges = to_device(q, cell);
    std::printf("distorted rocksalt cell: 8 ions, L = %.1f A, sigma = %.1f A\n", cell.box, sigma);
    std::printf("direct Ewald sum (host, double): E_rec = %.9f e^2/A (%.6f eV)\n\n", reference,
                reference * 14.399645);
    std::printf("relative error of the mesh energy\n  mesh   spacing/A   order 3     order 4     order 5\n");
    double finest_error = 0;
    for (std::size_t cells : {8, 16, 32, 64}) {
        std::printf("  %3zu^3  %7.4f ", cells, cell.box / double(cells));
        for (int order : {3, 4, 5}) {
            pme::smooth_pme solver(q, {.box = cell.box, .cells = cells, .order = order, .sigma = sigma});
            const double error = std::abs(solver.reciprocal_energy(charges) / reference - 1);
            std::printf("  %10.3e", error);
            if (order == 4) finest_error = error;
        }
        std::printf("\n");
    }
    const bool ok = finest_error < 1e-4;
    std::printf("finest mesh, order 4: %.3e relative error (%s, limit 1e-4)\n\n", finest_error, ok ? "ok" : "FAILED");
    return ok;
}

// Times every stage on `particles` random charges (alternating +1 and -1, so the box is
// neutral) at the ion density of the rocksalt cell, averaged over a few runs after a warm-up
// that compiles the kernels and the FFT plan.
void time_stages(const clarity::queue& q, const options& o) {
    const float box = float(6.0 * std::cbrt(double(o.particles) / 8.0));
    // The mesh spacing is 0.375 sigma, as in the table's 16^3 row (order 4: a few 1e-4).
    const double sigma = box / double(o.mesh) / 0.375;
    const std::size_t n = o.particles;
    pme::device_charges charges{clarity::array<float>(box * clarity::rand<float>(q, {n}, 1)),
                                clarity::array<float>(box * clarity::rand<float>(q, {n}, 2)),
                                clarity::array<float>(box * clarity::rand<float>(q, {n}, 3)),
                                clarity::array<float>(1.0f - 2.0f * (clarity::arange<float>(q, 0, float(n)) % 2.0f))};
    pme::smooth_pme solver(q, {.box = box, .cells = o.mesh, .order = o.order, .sigma = sigma});
    clarity::array<float> potential(q, {n});
    double energy = 0;

    struct stage {
        const char* name;
        std::function<void()> run;
        double total_ms = 0;
    };
    std::vector<stage> stages{
        {"spread (zero mesh + atomic adds)", [&] { solver.spread(charges); }},
        {"forward FFT", [&] { solver.forward_fft(); }},
        {"multiply by influence function", [&] { solver.apply_influence(); }},
        {"inverse FFT", [&] { solver.inverse_fft(); }},
        {"interpolate potential", [&] { solver.interpolate(charges, potential); }},
        {"energy reduction", [&] { energy = solver.energy(charges, potential); }},
    };
    const int warm_ups = 1, runs = 5;
    for (int run = 0; run < warm_ups + runs; ++run)
        for (auto& s : stages) {
            q.finish();
            const auto start = std::chrono::steady_clock::now();
            s.run();
            q.finish();
            const std::chrono::duration<double, std::milli> elapsed = std::chrono::steady_clock::now() - start;
            if (run >= warm_ups) s.total_ms += elapsed.count();
        }

    std::printf("%zu random charges, L = %.1f A, mesh %zu^3, order %d, sigma = %.3f A\n", n, box, o.mesh, o.order,
                sigma);
    std::printf("E_rec = %.6g e^2/A (%.4f e^2/A per particle)\n", energy, energy / double(n));
    std::printf("stage times, mean of %d runs:\n", runs);
    double total = 0;
    for (const auto& s : stages) {
        std::printf("  %-34s %9.3f ms\n", s.name, s.total_ms / runs);
        total += s.total_ms / runs;
    }
    std::printf("  %-34s %9.3f ms\n", "total", total);
}

}  // namespace

int main(int argc, char** argv) {
    const options o = parse(argc, argv);
    auto& q = clarity::default_queue();
    std::printf("device: %s\n\n", q.device().name().c_str());
    const bool accurate = accuracy_table(q);
    if (!o.check_only) time_stages(q, o);
    return accurate ? 0 : 1;
}
