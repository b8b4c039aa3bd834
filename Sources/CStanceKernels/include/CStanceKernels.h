// Hot loops of StanceLearning that use x86 instruction-set extensions, each chosen at run time
// after a CPUID check, with a portable Swift version as the fallback and the reference.
#ifndef CSTANCEKERNELS_H
#define CSTANCEKERNELS_H

#include <stddef.h>
#include <stdint.h>

/// SHA-256's 64 round constants, shared by the hardware and the portable version.
extern const uint32_t stance_sha256_round_constants[64];

/// 1 when this CPU has the SHA extensions (and the SSSE3/SSE4.1 they are used with), else 0.
int stance_sha256_hardware_available(void);

/// Hashes `blocks` whole 64-byte blocks from `data` into `state` (a, b, …, h).
/// Call only when `stance_sha256_hardware_available()` returned 1.
void stance_sha256_compress_hardware(uint32_t state[8], const uint8_t *data, size_t blocks);

/// 1 when this CPU and OS support AVX (256-bit registers), else 0.
int stance_avx_available(void);

/// The row pass of StanceLearning's SoftmaxObjective for 2–4 classes, one SIMD register per
/// class vector: adds each row's weighted loss (returned) and writes its gradient terms into
/// `gradient`, which the caller has zeroed. Every floating-point operation is the one the
/// Swift loop does, in the same order (no fused multiply-add), so the result is bit-identical.
/// `offsets`, `labels` are the CSR row starts and the class of each row; rows `row_begin ..< row_end`.
/// Call only when `stance_avx_available()` returned 1 and 2 ≤ `class_count` ≤ 4.
double stance_softmax_rows_avx(
    const intptr_t *offsets, const int32_t *columns, const double *values, const double *row_weights, const intptr_t *labels,
    intptr_t row_begin, intptr_t row_end, intptr_t class_count, intptr_t feature_count, const double *theta, double *gradient);

#endif
