/// A read-only hash table from token text to a value, for the per-token lookups of
/// mention detection.
///
/// `Dictionary<String, _>` hashes with SipHash through the generic `Hasher`, which costs
/// more than everything else done per token. Token texts are short, so a multiplicative
/// hash over their UTF-8 bytes, eight at a time, with open addressing is several times
/// faster. Each slot keeps its key's full hash, so a probe that meets another key
/// rejects it without reading that key's bytes; most text tokens miss, and a miss then
/// touches nothing but the slot array.
struct TokenTable<Value: Sendable>: Sendable {
    /// One slot: the key's hash and its entry index (-1 for an empty slot).
    private struct Slot: Sendable {
        var hash: UInt64
        var entry: Int32
    }

    private var keyBytes: [UInt8] = []
    /// Start of each key in `keyBytes`; one extra element marks the end of the last key.
    private var keyStarts: [Int] = [0]
    private var values: [Value] = []
    private var slots: [Slot]
    private let mask: Int

    /// Builds the table from a dictionary.
    init(_ dictionary: [String: Value]) {
        var capacity = 16
        while capacity < dictionary.count * 2 { capacity *= 2 }
        mask = capacity - 1
        slots = [Slot](repeating: Slot(hash: 0, entry: -1), count: capacity)
        // Insertion order only changes which slot a key lands in, never what a lookup returns,
        // so the dictionary's own order serves (sorting it took longer than building the table).
        for (key, value) in dictionary {
            let bytes = Array(key.utf8)
            let hash = bytes.withUnsafeBytes { Self.hash($0) }
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot].entry >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Slot(hash: hash, entry: Int32(values.count))
            keyBytes.append(contentsOf: bytes)
            keyStarts.append(keyBytes.count)
            values.append(value)
        }
    }

    /// The value stored for `text`, if any.
    @inline(__always)
    func value(for text: String) -> Value? {
        var text = text
        return text.withUTF8 { bytes in lookup(UnsafeRawBufferPointer(bytes)) }
    }

    private func lookup(_ bytes: UnsafeRawBufferPointer) -> Value? {
        let hash = Self.hash(bytes)
        return slots.withUnsafeBufferPointer { slots -> Value? in
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let probe = slots[slot]
                if probe.entry < 0 { return nil }
                if probe.hash == hash {
                    let entry = Int(probe.entry)
                    let start = keyStarts[entry]
                    let end = keyStarts[entry + 1]
                    if end - start == bytes.count {
                        let equal = keyBytes.withUnsafeBufferPointer { keys in
                            bytes.isEmpty || memoryEqual(keys.baseAddress! + start, bytes, count: bytes.count)  // safe: count > 0
                        }
                        if equal { return values[entry] }
                    }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    @inline(__always)
    private func memoryEqual(_ key: UnsafePointer<UInt8>, _ bytes: UnsafeRawBufferPointer, count: Int) -> Bool {
        var offset = 0
        while offset < count {
            if key[offset] != bytes[offset] { return false }
            offset += 1
        }
        return true
    }

    /// A 64-bit multiplicative hash over eight bytes at a time, folded so the low bits used
    /// as a slot mix in the high ones; the length is mixed in so short keys cannot collide
    /// by padding. A tail shorter than eight bytes is read with two overlapping loads, not
    /// byte by byte: most token texts are that short.
    @inline(__always)
    private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let prime: UInt64 = 0x9E37_79B9_7F4A_7C15
        let count = bytes.count
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(count)
        @inline(__always) func mix(_ word: UInt64) {
            hash = (hash ^ word) &* prime
            hash ^= hash >> 32
        }
        var offset = 0
        while offset + 8 <= count {
            mix(bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        let rest = count - offset
        if rest > 0 {
            if count >= 8 {
                // The last eight bytes, overlapping the previous word.
                mix(bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
            } else if rest >= 4 {
                let low = UInt64(bytes.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
                let high = UInt64(bytes.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
                mix(low | high << 32)
            } else {
                var word = UInt64(bytes[0])
                if rest > 1 { word |= UInt64(bytes[1]) << 8 }
                if rest > 2 { word |= UInt64(bytes[2]) << 16 }
                mix(word)
            }
        }
        return hash ^ (hash >> 29)
    }
}
