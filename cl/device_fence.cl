// Orders a work-item's global memory accesses for every work-group of the device. OpenCL 1.2's
// mem_fence promises that only within the work-group, and on NVIDIA it is no more than that
// (values read before their status, wrong sums): there (known by its compiler's extension
// macro), a PTX device-scope fence.
#ifdef cl_nv_pragma_unroll
#define CLARITY_DEVICE_FENCE() asm("membar.gl;")
#else
#define CLARITY_DEVICE_FENCE() mem_fence(CLK_GLOBAL_MEM_FENCE)
#endif
