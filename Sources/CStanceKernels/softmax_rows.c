// The softmax objective's row pass with 256-bit AVX registers. Swift compiles for baseline
// x86-64 (SSE2), where a 4-double class vector takes two registers and every load is a
// separate instruction; here one vmulpd/vaddpd with a memory operand does it, which halves the
// instructions per nonzero. It mirrors SoftmaxObjective.accumulate(lanes: SIMD4<Double>)
// operation for operation; FP_CONTRACT OFF keeps the compiler from fusing a multiply and an
// add into one FMA, which would round once instead of twice and change the bits.
#include "CStanceKernels.h"

#include <math.h>

#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

int stance_avx_available(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    const unsigned int osxsave = 1u << 27, avx = 1u << 28;
    if ((ecx & (osxsave | avx)) != (osxsave | avx)) return 0;
    // The OS must save the upper register halves: XCR0 bits 1 (SSE) and 2 (AVX).
    unsigned int xcr0_low, xcr0_high;
    __asm__ volatile("xgetbv" : "=a"(xcr0_low), "=d"(xcr0_high) : "c"(0));
    return (xcr0_low & 6) == 6;
}

// Adds one row's weighted loss to *loss and returns its residual w·(p − onehot(y)), as
// SoftmaxObjective.residual: p = e / Σe with e = exp(s − max s).
__attribute__((target("avx"), always_inline)) static inline __m256d residual(
    __m256d scores, intptr_t K, intptr_t label, double weight, double *loss) {
    double s[4], e[4] = {0, 0, 0, 0};
    _mm256_storeu_pd(s, scores);
    double maximum = s[0];
    for (intptr_t k = 1; k < K; k++)
        if (s[k] > maximum) maximum = s[k];
    double total = 0.0;
    for (intptr_t k = 0; k < K; k++) {
        e[k] = exp(s[k] - maximum);
        total += e[k];
    }
    *loss += weight * (maximum + log(total) - s[label]);
    double r[4];
    _mm256_storeu_pd(r, _mm256_mul_pd(_mm256_loadu_pd(e), _mm256_set1_pd(weight / total)));
    r[label] -= weight;
    return _mm256_loadu_pd(r);
}

// Adds x_e · residual to the gradient class vector of each entry's column. Lanes past K belong
// to the next column (or the biases) and get + x·0, which leaves them unchanged.
__attribute__((target("avx"), always_inline)) static inline void scatter(
    __m256d r, intptr_t start, intptr_t end, const int32_t *columns, const double *values, intptr_t K, double *gradient) {
    for (intptr_t e = start; e < end; e++) {
        double *g = gradient + (intptr_t)columns[e] * K;
        _mm256_storeu_pd(g, _mm256_add_pd(_mm256_loadu_pd(g), _mm256_mul_pd(_mm256_set1_pd(values[e]), r)));
    }
}

// Two rows at a time, each adding its own terms in entry order, as the Swift loop does.
__attribute__((target("avx"), always_inline)) static inline double rows(
    const intptr_t *offsets, const int32_t *columns, const double *values, const double *row_weights, const intptr_t *labels,
    intptr_t row_begin, intptr_t row_end, intptr_t K, intptr_t feature_count, const double *theta, double *gradient) {
    const intptr_t bias_offset = feature_count * K;
    double bias_lanes[4] = {0, 0, 0, 0};
    for (intptr_t k = 0; k < K; k++) bias_lanes[k] = theta[bias_offset + k];
    const __m256d biases = _mm256_loadu_pd(bias_lanes);
    __m256d bias_gradient = _mm256_setzero_pd();
    double loss = 0.0;
    for (intptr_t i = row_begin; i < row_end; i += 2) {
        const int pair = i + 1 < row_end;
        const intptr_t start_a = offsets[i], end_a = offsets[i + 1];
        const intptr_t end_b = pair ? offsets[i + 2] : end_a;
        __m256d scores_a = biases, scores_b = biases;
        const intptr_t length_a = end_a - start_a, length_b = end_b - end_a;
        const intptr_t common = length_a < length_b ? length_a : length_b;
        for (intptr_t t = 0; t < common; t++) {
            const intptr_t a = start_a + t, b = end_a + t;
            scores_a = _mm256_add_pd(scores_a, _mm256_mul_pd(_mm256_set1_pd(values[a]), _mm256_loadu_pd(theta + (intptr_t)columns[a] * K)));
            scores_b = _mm256_add_pd(scores_b, _mm256_mul_pd(_mm256_set1_pd(values[b]), _mm256_loadu_pd(theta + (intptr_t)columns[b] * K)));
        }
        for (intptr_t a = start_a + common; a < end_a; a++)
            scores_a = _mm256_add_pd(scores_a, _mm256_mul_pd(_mm256_set1_pd(values[a]), _mm256_loadu_pd(theta + (intptr_t)columns[a] * K)));
        for (intptr_t b = end_a + common; b < end_b; b++)
            scores_b = _mm256_add_pd(scores_b, _mm256_mul_pd(_mm256_set1_pd(values[b]), _mm256_loadu_pd(theta + (intptr_t)columns[b] * K)));
        const double weight_a = row_weights[i];
        if (weight_a != 0) {
            const __m256d r = residual(scores_a, K, labels[i], weight_a, &loss);
            scatter(r, start_a, end_a, columns, values, K, gradient);
            bias_gradient = _mm256_add_pd(bias_gradient, r);
        }
        const double weight_b = pair ? row_weights[i + 1] : 0;
        if (weight_b != 0) {
            const __m256d r = residual(scores_b, K, labels[i + 1], weight_b, &loss);
            scatter(r, end_a, end_b, columns, values, K, gradient);
            bias_gradient = _mm256_add_pd(bias_gradient, r);
        }
    }
    double bias_terms[4];
    _mm256_storeu_pd(bias_terms, bias_gradient);
    for (intptr_t k = 0; k < K; k++) gradient[bias_offset + k] += bias_terms[k];
    return loss;
}

__attribute__((target("avx"))) double stance_softmax_rows_avx(
    const intptr_t *offsets, const int32_t *columns, const double *values, const double *row_weights, const intptr_t *labels,
    intptr_t row_begin, intptr_t row_end, intptr_t class_count, intptr_t feature_count, const double *theta, double *gradient) {
    // A constant class count turns column × K into an address computation and unrolls the softmax.
    switch (class_count) {
    case 2: return rows(offsets, columns, values, row_weights, labels, row_begin, row_end, 2, feature_count, theta, gradient);
    case 3: return rows(offsets, columns, values, row_weights, labels, row_begin, row_end, 3, feature_count, theta, gradient);
    default: return rows(offsets, columns, values, row_weights, labels, row_begin, row_end, 4, feature_count, theta, gradient);
    }
}

#else

int stance_avx_available(void) { return 0; }

double stance_softmax_rows_avx(
    const intptr_t *offsets, const int32_t *columns, const double *values, const double *row_weights, const intptr_t *labels,
    intptr_t row_begin, intptr_t row_end, intptr_t class_count, intptr_t feature_count, const double *theta, double *gradient) {
    (void)offsets, (void)columns, (void)values, (void)row_weights, (void)labels, (void)row_begin, (void)row_end;
    (void)class_count, (void)feature_count, (void)theta, (void)gradient;
    return 0;
}

#endif
