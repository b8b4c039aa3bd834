// Debian has no separate libcblas: cblas.h comes with libblas-dev and the
// symbols live in libblas.so, which OpenBLAS can replace via alternatives.
#include <cblas.h>
#include <lapacke.h>
