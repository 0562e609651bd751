// Complex arithmetic on ${complex} (${real} real and imaginary parts, the layout of
// std::complex<${real}>). + and - work on the vector type directly; the rest are functions.
typedef ${real}2 ${complex};

inline ${complex} ${prefix}_new(${real} re, ${real} im) { return (${complex})(re, im); }
inline ${complex} ${prefix}_fromreal(${real} re) { return (${complex})(re, (${real})0); }
inline ${real} ${prefix}_real(${complex} z) { return z.x; }
inline ${real} ${prefix}_imag(${complex} z) { return z.y; }
inline ${complex} ${prefix}_add(${complex} a, ${complex} b) { return a + b; }
inline ${complex} ${prefix}_sub(${complex} a, ${complex} b) { return a - b; }
inline ${complex} ${prefix}_neg(${complex} z) { return -z; }
inline ${complex} ${prefix}_conj(${complex} z) { return (${complex})(z.x, -z.y); }
inline ${complex} ${prefix}_mul(${complex} a, ${complex} b) {
    return (${complex})(a.x * b.x - a.y * b.y, a.x * b.y + a.y * b.x);
}
inline ${complex} ${prefix}_rmul(${real} r, ${complex} z) { return (${complex})(r * z.x, r * z.y); }
// Smith's algorithm: no overflow from squaring |b| when b is large.
inline ${complex} ${prefix}_div(${complex} a, ${complex} b) {
    if (fabs(b.x) >= fabs(b.y)) {
        ${real} r = b.y / b.x, d = b.x + r * b.y;
        return (${complex})((a.x + a.y * r) / d, (a.y - a.x * r) / d);
    }
    ${real} r = b.x / b.y, d = b.y + r * b.x;
    return (${complex})((a.x * r + a.y) / d, (a.y * r - a.x) / d);
}
inline ${complex} ${prefix}_rdiv(${complex} z, ${real} r) { return (${complex})(z.x / r, z.y / r); }
inline ${real} ${prefix}_abs(${complex} z) { return hypot(z.x, z.y); }
inline ${real} ${prefix}_abs_squared(${complex} z) { return z.x * z.x + z.y * z.y; }
inline ${real} ${prefix}_arg(${complex} z) { return atan2(z.y, z.x); }
inline ${complex} ${prefix}_polar(${real} r, ${real} theta) { return (${complex})(r * cos(theta), r * sin(theta)); }
inline ${complex} ${prefix}_exp(${complex} z) { return ${prefix}_polar(exp(z.x), z.y); }
inline ${complex} ${prefix}_log(${complex} z) { return (${complex})(log(${prefix}_abs(z)), ${prefix}_arg(z)); }
inline ${complex} ${prefix}_sqrt(${complex} z) {
    ${real} r = ${prefix}_abs(z);
    ${real} re = sqrt((r + z.x) / 2), im = sqrt((r - z.x) / 2);
    return (${complex})(re, z.y < 0 ? -im : im);
}
inline ${complex} ${prefix}_pow(${complex} a, ${complex} b) {
    if (a.x == 0 && a.y == 0) return ${prefix}_new(b.x == 0 && b.y == 0 ? 1 : 0, 0);
    return ${prefix}_exp(${prefix}_mul(b, ${prefix}_log(a)));
}
