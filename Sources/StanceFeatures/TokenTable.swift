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
    private var mask: Int

    /// Number of keys.
    var count: Int { values.count }

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

    /// The entry index of `text` (entries are numbered 0, 1, … in insertion order), nil when absent.
    func entryIndex(of text: String) -> Int? {
        var text = text
        let found = text.withUTF8 { utf8 in probe(UnsafeRawBufferPointer(utf8)) }
        return found.entry >= 0 ? found.entry : nil
    }

    /// The entry index of the UTF-8 text `bytes`, nil when absent: lets a caller that holds
    /// bytes look a word up without making a `String` of it.
    func entryIndex(ofBytes bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let found = probe(UnsafeRawBufferPointer(bytes))
        return found.entry >= 0 ? found.entry : nil
    }

    /// Adds `text`, which must be absent, with `value`; returns its entry index. Lets a word
    /// table be built here directly rather than in a `Dictionary` that is then copied.
    mutating func insert(_ text: String, _ value: Value) -> Int {
        var text = text
        let found = text.withUTF8 { utf8 in probe(UnsafeRawBufferPointer(utf8)) }
        guard found.entry < 0 else {
            values[found.entry] = value
            return found.entry
        }
        let entry = values.count
        slots[found.slot] = Slot(hash: found.hash, entry: Int32(entry))
        keyBytes.append(contentsOf: text.utf8)
        keyStarts.append(keyBytes.count)
        values.append(value)
        if values.count * 2 > slots.count { grow() }
        return entry
    }

    /// Where `bytes` is: its hash, its entry (-1 when absent) and its slot (the empty slot
    /// it would take when absent).
    private func probe(_ bytes: UnsafeRawBufferPointer) -> (hash: UInt64, entry: Int, slot: Int) {
        let hash = Self.hash(bytes)
        return slots.withUnsafeBufferPointer { slots in
            keyStarts.withUnsafeBufferPointer { keyStarts in
                keyBytes.withUnsafeBufferPointer { keys in
                    var slot = Int(truncatingIfNeeded: hash) & mask
                    while true {
                        let found = slots[slot]
                        if found.entry < 0 { return (hash, -1, slot) }
                        if found.hash == hash {
                            let entry = Int(found.entry)
                            let start = keyStarts[entry]
                            if keyStarts[entry + 1] - start == bytes.count
                                && (bytes.isEmpty || memoryEqual(keys.baseAddress! + start, bytes, count: bytes.count))  // safe: count > 0
                            {
                                return (hash, entry, slot)
                            }
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }

    /// The value of entry `entry` (an index `insert` or `entryIndex(of:)` returned).
    subscript(entry entry: Int) -> Value {
        get { values[entry] }
        set { values[entry] = newValue }
    }

    /// Doubles the slot array, placing every entry again by its stored hash.
    private mutating func grow() {
        let capacity = slots.count * 2
        mask = capacity - 1
        var grown = [Slot](repeating: Slot(hash: 0, entry: -1), count: capacity)
        for old in slots where old.entry >= 0 {
            var slot = Int(truncatingIfNeeded: old.hash) & mask
            while grown[slot].entry >= 0 { slot = (slot + 1) & mask }
            grown[slot] = old
        }
        slots = grown
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
