import CStanceKernels
import Foundation

/// SHA-256 (FIPS 180-4), to fingerprint training data without a crypto dependency: the CPU's
/// SHA instructions when it has them (a 660 MB LIBSVM file hashes in about 0.4 s instead of
/// 2.5 s), else the portable Swift rounds below, which stay the reference the tests compare to.
package struct SHA256: Sendable {
    /// Whether this CPU has the x86 SHA extensions; asked once per process.
    package static let hardwareAvailable = stance_sha256_hardware_available() != 0

    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

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
