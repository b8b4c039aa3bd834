import CStanceKernels
import Foundation

/// SHA-256 (FIPS 180-4), to fingerprint training data without a crypto dependency: the CPU's
/// SHA instructions when it has them (a 660 MB LIBSVM file hashes in about 0.4 s instead of
/// 2.5 s), else the portable Swift rounds below, which stay the reference the tests compare to.
package struct SHA256: Sendable {
    /// Whether this CPU has the x86 SHA extensions; asked once per process.
    package static let hardwareAvailable = stance_sha256_hardware_available() != 0

    /// The round constants, from the C target that the hardware version reads them from.
    private static let roundConstants: [UInt32] = withUnsafeBytes(of: stance_sha256_round_constants) {
        Array($0.bindMemory(to: UInt32.self))
    }

    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
        (0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19)
    private var pending: [UInt8] = []
    private var byteCount: UInt64 = 0
    /// Whether `compress` uses the SHA instructions.
    private let usesHardware: Bool

    /// Starts an empty digest; `portable` forces the Swift rounds (for tests that compare the two).
    package init(portable: Bool = false) {
        usesHardware = !portable && Self.hardwareAvailable
        pending.reserveCapacity(64)
    }

    /// Feeds more bytes.
    package mutating func update(_ bytes: UnsafeRawBufferPointer) {
        byteCount &+= UInt64(bytes.count)
        var position = 0
        if !pending.isEmpty {
            let take = min(64 - pending.count, bytes.count)
            pending.append(contentsOf: bytes[0..<take])
            position = take
            if pending.count == 64 {
                pending.withUnsafeBytes { compress($0.baseAddress!, count: 1) }  // safe: 64 bytes
                pending.removeAll(keepingCapacity: true)
            }
        }
        let blocks = (bytes.count - position) / 64
        if blocks > 0 {
            compress(bytes.baseAddress! + position, count: blocks)  // safe: at least 64 bytes remain
            position += 64 * blocks
        }
        if position < bytes.count { pending.append(contentsOf: bytes[position...]) }
    }

    /// Feeds the bytes of `data`.
    package mutating func update(_ data: Data) { data.withUnsafeBytes { update($0) } }

    /// Finishes and returns the digest as 64 lowercase hex digits.
    package mutating func finalizeHex() -> String {
        let bitCount = byteCount &* 8
        var tail: [UInt8] = [0x80]
        while (pending.count + tail.count) % 64 != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitCount >> UInt64(shift))) }
        let savedCount = byteCount
        tail.withUnsafeBytes { update($0) }
        byteCount = savedCount
        let words = [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7]
        return words.map { word in
            let hex = String(word, radix: 16)
            return String(repeating: "0", count: 8 - hex.count) + hex
        }.joined()
    }

    /// Digest of `data` as lowercase hex.
    package static func hex(of data: Data) -> String {
        var digest = SHA256()
        digest.update(data)
        return digest.finalizeHex()
    }

    /// Hashes `count` whole 64-byte blocks from `blocks`.
    ///
    /// The message schedule lives in a 16-word ring computed as the rounds need it, and the
    /// rounds are unrolled by eight with the working variables renamed instead of shifted,
    /// so no round spends instructions moving `a … h` along (about a third faster than one
    /// round per loop step; this hash bounds how fast a LIBSVM file is read).
    private mutating func compress(_ blocks: UnsafeRawPointer, count: Int) {
        if usesHardware {
            withUnsafeMutableBytes(of: &state) { words in
                // safe: the tuple holds eight contiguous UInt32, a non-empty buffer.
                stance_sha256_compress_hardware(
                    words.baseAddress!.assumingMemoryBound(to: UInt32.self), blocks.assumingMemoryBound(to: UInt8.self), count)
            }
            return
        }
        Self.roundConstants.withUnsafeBufferPointer { constants in
            let k = constants.baseAddress!  // safe: 64 constants
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 16) { ring in
                let w = ring.baseAddress!  // safe: capacity 16
                for block in 0..<count {
                    let bytes = blocks + 64 * block
                    for i in 0..<16 { w[i] = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)) }
                    var (a, b, c, d, e, f, g, h) = state
                    for i in stride(from: 0, to: 64, by: 8) {
                        Self.round(a, b, c, &d, e, f, g, &h, k[i] &+ Self.word(w, i))
                        Self.round(h, a, b, &c, d, e, f, &g, k[i + 1] &+ Self.word(w, i + 1))
                        Self.round(g, h, a, &b, c, d, e, &f, k[i + 2] &+ Self.word(w, i + 2))
                        Self.round(f, g, h, &a, b, c, d, &e, k[i + 3] &+ Self.word(w, i + 3))
                        Self.round(e, f, g, &h, a, b, c, &d, k[i + 4] &+ Self.word(w, i + 4))
                        Self.round(d, e, f, &g, h, a, b, &c, k[i + 5] &+ Self.word(w, i + 5))
                        Self.round(c, d, e, &f, g, h, a, &b, k[i + 6] &+ Self.word(w, i + 6))
                        Self.round(b, c, d, &e, f, g, h, &a, k[i + 7] &+ Self.word(w, i + 7))
                    }
                    state = (
                        state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e, state.5 &+ f, state.6 &+ g, state.7 &+ h
                    )
                }
            }
        }
    }

    /// Message word `i` (0 ..< 64), kept in the ring `w[i mod 16]`: words past 15 are made on first use.
    @inline(__always)
    private static func word(_ w: UnsafeMutablePointer<UInt32>, _ i: Int) -> UInt32 {
        if i < 16 { return w[i] }
        let x15 = w[(i &- 15) & 15], x2 = w[(i &- 2) & 15]
        let s0 = x15.rotatedRight(7) ^ x15.rotatedRight(18) ^ (x15 >> 3)
        let s1 = x2.rotatedRight(17) ^ x2.rotatedRight(19) ^ (x2 >> 10)
        let value = w[i & 15] &+ s0 &+ w[(i &- 7) & 15] &+ s1
        w[i & 15] = value
        return value
    }

    /// One round; the caller renames the variables, so only `d` and `h` change.
    @inline(__always)
    private static func round(
        _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32, _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32,
        _ constantPlusWord: UInt32
    ) {
        let s1 = e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)
        let choice = g ^ (e & (f ^ g))
        let t1 = h &+ s1 &+ choice &+ constantPlusWord
        let s0 = a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)
        let majority = (a & b) | (c & (a | b))
        d = d &+ t1
        h = t1 &+ s0 &+ majority
    }
}

extension UInt32 {
    fileprivate func rotatedRight(_ count: UInt32) -> UInt32 { (self >> count) | (self << (32 - count)) }
}
