// The reference answer: the reciprocal-space Ewald energy of point charges in a periodic cube,
// summed directly over wave vectors on the host in double precision.
//
// Units are Gaussian (the Coulomb energy of two charges is q1 q2 / r): with charges in units of
// e and lengths in Angstrom, energies come out in e^2 / Angstrom (times 14.3996 for eV).
//
// Ewald splits 1 / r into a short-ranged erfc part and the smooth erf(r / (sqrt(2) sigma)) / r,
// the potential of a Gaussian charge cloud of width sigma. The smooth part's energy, with
// k = 2 pi n / L over integer vectors n and S(k) = sum_j q_j exp(i k.r_j), is
//
//     E_rec = (2 pi / V) sum_{k != 0} exp(-sigma^2 k^2 / 2) / k^2 |S(k)|^2.
//
// (The k = 0 term is dropped: a neutralising background, which is also what the mesh does.)
#pragma once

#include <array>
#include <cmath>
#include <numbers>
#include <vector>

namespace pme {

// Charges in a periodic cube of side `box`.
struct point_charges {
    double box = 0;
    std::vector<std::array<double, 3>> position;
    std::vector<double> charge;
};

// E_rec summed over every wave vector whose Gaussian factor exceeds 1e-17, far below
// anything a float mesh resolves.
inline double ewald_reciprocal_energy(const point_charges& system, double sigma) {
    const double two_pi = 2 * std::numbers::pi, volume = std::pow(system.box, 3);
    // exp(-sigma^2 k^2 / 2) < 1e-17 beyond k_max.
    const double k_max = std::sqrt(2 * 17 * std::log(10.0)) / sigma;
    const int n_max = int(std::ceil(k_max * system.box / two_pi));
    double energy = 0;
    for (int nx = -n_max; nx <= n_max; ++nx)
        for (int ny = -n_max; ny <= n_max; ++ny)
            for (int nz = -n_max; nz <= n_max; ++nz) {
                if (nx == 0 && ny == 0 && nz == 0) continue;
                const std::array<double, 3> k{two_pi * nx / system.box, two_pi * ny / system.box,
                                              two_pi * nz / system.box};
                const double k2 = k[0] * k[0] + k[1] * k[1] + k[2] * k[2];
                double re = 0, im = 0;  // S(k)
                for (std::size_t j = 0; j < system.charge.size(); ++j) {
                    const auto& r = system.position[j];
                    const double phase = k[0] * r[0] + k[1] * r[1] + k[2] * r[2];
                    re += system.charge[j] * std::cos(phase);
                    im += system.charge[j] * std::sin(phase);
                }
                energy += std::exp(-0.5 * sigma * sigma * k2) / k2 * (re * re + im * im);
            }
    return two_pi / volume * energy;
}

}  // namespace pme
