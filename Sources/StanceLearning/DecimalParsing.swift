import Foundation

/// Correctly rounded decimal-to-double conversion for the package's hand-written number
/// readers: the Eisel–Lemire method for up to 19 significant digits, `strtod` otherwise.
///
/// A model file holds hundreds of thousands of weights in their shortest round-trip form
/// (mostly 16–17 digits), too many digits for Clinger's exact fast path; `strtod` per
/// weight made number parsing the largest single cost of loading a model. Eisel–Lemire
/// (Lemire, "Number Parsing at a Gigabyte per Second", 2021) multiplies the digits by a
/// 128-bit approximation of the power of ten and rounds once. This is the variant Go's
/// `strconv` uses (`eiselLemire64`): whenever the truncated product cannot decide the
/// rounding (its low bits could carry, or it sits exactly halfway), it returns nil and the
/// caller asks `strtod`, so every result is the correctly rounded double (ties to even),
/// bit for bit what `Double(String)` gives.
package enum DecimalParsing {
    /// `significand × 10^exponent` (negated when `negative`) as the nearest double, or nil
    /// when the fast method cannot decide (then use `strtod`): a zero significand, an
    /// exponent outside the table, an ambiguous product, or a subnormal or infinite result.
    ///
    /// The table's significands are rounded down, so the true product lies in
    /// `[product, product + significand)`; the two checks below fall back exactly when
    /// that uncertainty could change the 54 bits kept, as in Go's `eiselLemire64`.
    @inline(__always)
    package static func eiselLemire(significand: UInt64, exponent: Int, negative: Bool) -> Double? {
        guard significand != 0, exponent >= smallestPowerOfTen, exponent <= largestPowerOfTen else { return nil }
        let row = 2 * (exponent - smallestPowerOfTen)
        let leadingZeros = significand.leadingZeroBitCount
        let normalized = significand << UInt64(leadingZeros)
        // 217706 / 2^16 approximates log2(10): floor(exponent × log2 10) for every table row.
        var binaryExponent = ((217_706 &* exponent) >> 16) + 64 + 1023 - leadingZeros
        var (high, low) = powersOfTen.withUnsafeBufferPointer { table in normalized.multipliedFullWidth(by: table[row]) }
        // The kept bits and a rounding bit are the top 54 (or 55) of `high`; when its low 9
        // bits are all ones a carry from the neglected part could reach them: widen.
        if high & 0x1FF == 0x1FF && low &+ normalized < normalized {
            let (nextHigh, nextLow) = powersOfTen.withUnsafeBufferPointer { table in
                normalized.multipliedFullWidth(by: table[row + 1])
            }
            var mergedHigh = high
            let mergedLow = low &+ nextHigh
            if mergedLow < low { mergedHigh &+= 1 }
            if mergedHigh & 0x1FF == 0x1FF && mergedLow == .max && nextLow &+ normalized < normalized { return nil }
            (high, low) = (mergedHigh, mergedLow)
        }
        let topBit = high >> 63
        var mantissa = high >> (topBit + 9)
        binaryExponent -= Int(1 ^ topBit)
        // Exactly halfway between two doubles (as far as the product tells): ties-to-even
        // needs the exact value, which only `strtod` has.
        if low == 0 && high & 0x1FF == 0 && mantissa & 3 == 1 { return nil }
        mantissa += mantissa & 1
        mantissa >>= 1
        if mantissa >> 53 > 0 {
            mantissa >>= 1
            binaryExponent += 1
        }
        // Subnormal (exponent 0 or below) and infinite (0x7FF) results go to `strtod`.
        guard binaryExponent > 0, binaryExponent < 0x7FF else { return nil }
        let sign: UInt64 = negative ? 1 << 63 : 0
        return Double(bitPattern: sign | UInt64(binaryExponent) << 52 | mantissa & 0x000F_FFFF_FFFF_FFFF)
    }

    /// True when all eight bytes of `chunk` (little-endian, first byte lowest) are ASCII digits.
    @inline(__always)
    package static func isEightDigits(_ chunk: UInt64) -> Bool {
        // A byte below '0' borrows into its top bit when 0x30 is subtracted; one above '9'
        // sets its top bit when 0x46 is added. Neither happens only for '0'...'9'.
        ((chunk &+ 0x4646_4646_4646_4646) | (chunk &- 0x3030_3030_3030_3030)) & 0x8080_8080_8080_8080 == 0
    }

    /// The value of eight ASCII digits (little-endian, first digit in the lowest byte), by
    /// three multiplications that combine digit pairs, then pairs of pairs (as in simdjson).
    @inline(__always)
    package static func eightDigitsValue(_ chunk: UInt64) -> UInt64 {
        let pairMask: UInt64 = 0x0000_00FF_0000_00FF
        var value = chunk &- 0x3030_3030_3030_3030
        value = value &* 10 &+ (value >> 8)
        let high: UInt64 = 0x000F_4240_0000_0064  // 100 and 1,000,000 << 32
        let low: UInt64 = 0x0000_2710_0000_0001  // 1 and 10,000 << 32
        return ((value & pairMask) &* high &+ ((value >> 16) & pairMask) &* low) >> 32
    }

    /// The C library's correctly rounded `strtod` over exactly `text`; nil when it does not
    /// read all of it.
    package static func strtodValue(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: text.count + 1) { buffer -> Double? in
            for offset in 0..<text.count { buffer[offset] = CChar(bitPattern: text[offset]) }
            buffer[text.count] = 0
            guard let base = buffer.baseAddress else { return nil }
            var end: UnsafeMutablePointer<CChar>? = nil
            let value = strtod(base, &end)
            return end == base + text.count ? value : nil
        }
    }

    /// The JSON number at `index` (moved past it): its value, and its integer value when it
    /// is an integer literal; nil when the bytes there are not a JSON number.
    ///
    /// Digits are read eight at a time where they can be; the value comes from
    /// `DecimalParsing` (Eisel–Lemire, else `strtod`), so it is the correctly rounded double.
    package static func jsonNumber(_ bytes: UnsafeBufferPointer<UInt8>, at index: inout Int) -> (value: Double, integer: Int?)? {
        guard let base = bytes.baseAddress else { return nil }
        let start = index
        let negative = index < bytes.count && base[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        let integerStart = index
        var significand: UInt64 = 0
        let integerDigits = digitRun(base, count: bytes.count, at: &index, into: &significand)
        // JSON forbids leading zeros ("01") and a missing integer part.
        guard integerDigits > 0, !(integerDigits > 1 && base[integerStart] == 0x30) else { return nil }
        // Significant digits: an integer part "0" has none, nor do the zeros after it.
        var digits = base[integerStart] == 0x30 ? 0 : integerDigits
        var isInteger = true
        var exponent = 0
        if index < bytes.count, base[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            let fractionStart = index
            if digits == 0 {
                while index < bytes.count, base[index] == 0x30 { index += 1 }
            }
            digits += digitRun(base, count: bytes.count, at: &index, into: &significand)
            guard index > fractionStart else { return nil }
            exponent = fractionStart - index
        }
        if index < bytes.count, base[index] == UInt8(ascii: "e") || base[index] == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            var exponentNegative = false
            if index < bytes.count, base[index] == UInt8(ascii: "+") || base[index] == UInt8(ascii: "-") {
                exponentNegative = base[index] == UInt8(ascii: "-")
                index += 1
            }
            var written = 0
            let exponentStart = index
            while index < bytes.count, base[index] &- 0x30 < 10 {
                if written < 100_000 { written = written * 10 + Int(base[index] &- 0x30) }
                index += 1
            }
            guard index > exponentStart else { return nil }
            exponent += exponentNegative ? -written : written
        }
        // Up to 19 digits the significand is exact (10^19 < 2^64); longer numbers (never
        // written by the encoder, whose shortest forms have at most 17) go to `strtod`.
        let value: Double?
        if digits > 19 {
            value = strtodValue(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        } else if significand == 0 {
            value = negative ? -0.0 : 0.0
        } else {
            value =
                eiselLemire(significand: significand, exponent: exponent, negative: negative)
                ?? strtodValue(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        }
        guard let value, value.isFinite else { return nil }
        var integer: Int? = nil
        if isInteger && digits <= 18 {
            integer = negative ? -Int(significand) : Int(significand)
        }
        return (value, integer)
    }

    /// Reads the digits at `index` onward into `significand` (wrapping: the caller uses it
    /// only when it counted at most 19 digits) and returns how many there were.
    @inline(__always)
    private static func digitRun(_ base: UnsafePointer<UInt8>, count: Int, at index: inout Int, into significand: inout UInt64) -> Int {
        let runStart = index
        while count - index >= 8 {
            let chunk = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            guard isEightDigits(chunk) else { break }
            significand = significand &* 100_000_000 &+ eightDigitsValue(chunk)
            index += 8
        }
        while index < count, base[index] &- 0x30 < 10 {
            significand = significand &* 10 &+ UInt64(base[index] &- 0x30)
            index += 1
        }
        return index - runStart
    }
}
