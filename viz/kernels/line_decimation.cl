// M4 decimation of line strips (Jugel et al., "M4: A Visualization-Oriented Time Series Data
// Aggregation", VLDB 2014). Of the points of a line that fall in one pixel column, keep the
// first, the lowest, the highest and the last, in the order they come. Drawn as a strip, these
// four light the same pixels as all the points: inside the column the strip covers the span
// from the lowest to the highest point, as the full strip does, and the segments from one
// column to the next join the same two points as before.
//
// One work-item per (line, bin); bin j of a line is the j-th pixel column from the one holding
// its first point. Columns are clamped to [-1, width]: column -1 gathers every point left of
// the plot area and column `width` every point right of it, so off-screen points cost one bin.
// x grows with the drawing index k, so each bin finds its points by bisection.

typedef struct {
    uint lines, points;   // the data is lines x points, row after row
    uint first;           // ring buffer: drawing index k reads data column (k + first) % points
    uint grid_cols;       // > 0: line l fills unit cell (l / grid_cols, l % grid_cols), as line.vert
    uint bins;            // bins (pixel columns) kept per line
    int has_x;            // x from the shared array `x`, else the drawing index
    float view_x0;        // data x at the plot area's left edge
    float pixels_per_unit;
    int width;            // plot area width in pixels
} line_layout;

// Drawing x of point k of `line`, in data coordinates (as line.vert places it).
float point_x(__global const float *x, const line_layout *layout, uint line, uint k)
{
    if (layout->grid_cols > 0)
        return (float)(line % layout->grid_cols) + 0.02f + 0.96f * (float)k / (float)max(layout->points - 1, 1u);
    return layout->has_x ? x[(k + layout->first) % layout->points] : (float)k;
}

float2 point_position(__global const float *y, __global const float *x, const line_layout *layout, uint line,
                      uint k)
{
    float py = y[(size_t)line * layout->points + (k + layout->first) % layout->points];
    if (layout->grid_cols > 0) py = (float)(line / layout->grid_cols) + 0.5f + 0.45f * py;
    return (float2)(point_x(x, layout, line, k), py);
}

int pixel_column(float data_x, const line_layout *layout)
{
    const float p = (data_x - layout->view_x0) * layout->pixels_per_unit;
    return p < 0 ? -1 : p >= layout->width ? layout->width : (int)p;
}

int column_of_point(__global const float *x, const line_layout *layout, uint line, uint k)
{
    return pixel_column(point_x(x, layout, line, k), layout);
}

// The first point of `line` in pixel column `c` or right of it (layout->points if none).
uint first_point_from_column(__global const float *x, const line_layout *layout, uint line, int c)
{
    uint lo = 0, hi = layout->points;
    while (lo < hi) {
        const uint mid = lo + (hi - lo) / 2;
        if (column_of_point(x, layout, line, mid) < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

// out: lines x bins x 4 positions (x, y in data coordinates), ready to draw as one strip per line.
__kernel void clarity_line_m4(__global float2 *out, __global const float *y_base, ulong y_offset,
                              __global const float *x_base, ulong x_offset, line_layout layout)
{
    __global const float *y = y_base + y_offset;
    __global const float *x = x_base + x_offset;
    const size_t item = get_global_id(0);
    if (item >= (size_t)layout.lines * layout.bins) return;
    const uint line = item / layout.bins, bin = item % layout.bins;
    __global float2 *kept = out + item * 4;

    const int first_column = column_of_point(x, &layout, line, 0);
    const int last_column = column_of_point(x, &layout, line, layout.points - 1);
    const int c = first_column + (int)bin;
    if (c > last_column) {  // past the line's end: repeat its last point (zero-length segments)
        const float2 end = point_position(y, x, &layout, line, layout.points - 1);
        kept[0] = kept[1] = kept[2] = kept[3] = end;
        return;
    }
    const uint begin = bin == 0 ? 0 : first_point_from_column(x, &layout, line, c);
    const bool last_bin = bin == layout.bins - 1 || c == last_column;
    const uint end = last_bin ? layout.points : first_point_from_column(x, &layout, line, c + 1);
    if (begin == end) {  // no point in this column: repeat the one before (begin > 0 here)
        const float2 before = point_position(y, x, &layout, line, begin - 1);
        kept[0] = kept[1] = kept[2] = kept[3] = before;
        return;
    }

    // Lowest and highest value of the bin, walking the ring buffer's columns in drawing order.
    __global const float *row = y + (size_t)line * layout.points;
    uint column = (begin + layout.first) % layout.points, lowest = begin, highest = begin;
    float low = row[column], high = low;
    for (uint k = begin + 1; k < end; ++k) {
        if (++column == layout.points) column = 0;
        const float v = row[column];
        if (v < low) {
            low = v;
            lowest = k;
        }
        if (v > high) {
            high = v;
            highest = k;
        }
    }
    kept[0] = point_position(y, x, &layout, line, begin);
    kept[1] = point_position(y, x, &layout, line, min(lowest, highest));
    kept[2] = point_position(y, x, &layout, line, max(lowest, highest));
    kept[3] = point_position(y, x, &layout, line, end - 1);
}
