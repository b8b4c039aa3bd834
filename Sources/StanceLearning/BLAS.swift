import CStanceBLAS

/// Thin wrappers over the level-1 CBLAS routines the solvers use, so no C type leaks out
/// and every call site reads as math. Vectors are whole Swift arrays of equal length.
enum BLAS {
    /// `x · y`.
    static func dot(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count)
        return x.withUnsafeBufferPointer { xp in
            y.withUnsafeBufferPointer { yp in
                cblas_ddot(Int32(x.count), xp.baseAddress, 1, yp.baseAddress, 1)
            }
        }
    }

    /// `y ← αx + y`.
    static func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
        precondition(x.count == y.count)
        let count = Int32(x.count)
        x.withUnsafeBufferPointer { xp in
            y.withUnsafeMutableBufferPointer { yp in
                cblas_daxpy(count, alpha, xp.baseAddress, 1, yp.baseAddress, 1)
            }
        }
    }

    /// `y ← αx + y` on the first `count` entries given by pointers (for sub-vectors).
    static func axpy(_ count: Int, _ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>) {
        cblas_daxpy(Int32(count), alpha, x, 1, y, 1)
    }

    /// `x · y` on the first `count` entries given by pointers.
    static func dot(_ count: Int, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>) -> Double {
        cblas_ddot(Int32(count), x, 1, y, 1)
    }

    /// `x ← αx`.
    static func scal(_ alpha: Double, _ x: inout [Double]) {
        let count = Int32(x.count)
        x.withUnsafeMutableBufferPointer { xp in cblas_dscal(count, alpha, xp.baseAddress, 1) }
    }

    /// `‖x‖₂`.
    static func nrm2(_ x: [Double]) -> Double {
        x.withUnsafeBufferPointer { xp in cblas_dnrm2(Int32(x.count), xp.baseAddress, 1) }
    }

    /// `y ← x`.
    static func copy(_ x: [Double], _ y: inout [Double]) {
        precondition(x.count == y.count)
        let count = Int32(x.count)
        x.withUnsafeBufferPointer { xp in
            y.withUnsafeMutableBufferPointer { yp in cblas_dcopy(count, xp.baseAddress, 1, yp.baseAddress, 1) }
        }
    }
}
