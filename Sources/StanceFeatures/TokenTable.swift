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
    /// One slot: the key's hash, its entry index (-1 for an empty slot), its length and its
    /// first sixteen bytes (zero-padded).
    ///
    /// A lookup is latency-bound: with the key's bytes kept elsewhere, a hit read the slot,
    /// then the key's start, then its bytes, one dependent cache miss after another. Nearly
    /// every token text fits in sixteen bytes, so the slot alone settles the comparison and
    /// `keyBytes` is read only for longer keys.
    private struct Slot: Sendable {
        var hash: UInt64
        var head: UInt64
        var tail: UInt64
        var entry: Int32
        var length: Int32
    }

    /// Keys no longer than this are compared inside their slot.
    private static var inlineLength: Int { 16 }

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
        slots = [Slot](repeating: Self.emptySlot, count: capacity)
        // Insertion order only changes which slot a key lands in, never what a lookup returns,
        // so the dictionary's own order serves (sorting it took longer than building the table).
        for (key, value) in dictionary {
            let bytes = Array(key.utf8)
            let placed = bytes.withUnsafeBytes { bytes in Self.slot(bytes, hash: Self.hash(bytes), entry: values.count) }
            var slot = Int(truncatingIfNeeded: placed.hash) & mask
            while slots[slot].entry >= 0 { slot = (slot + 1) & mask }
            slots[slot] = placed
            keyBytes.append(contentsOf: bytes)
            keyStarts.append(keyBytes.count)
            values.append(value)
        }
    }

    private static var emptySlot: Slot { Slot(hash: 0, head: 0, tail: 0, entry: -1, length: 0) }

    /// The slot of a key with its hash and entry index.
    @inline(__always)
    private static func slot(_ bytes: UnsafeRawBufferPointer, hash: UInt64, entry: Int) -> Slot {
        let (head, tail) = inlineWords(bytes)
        return Slot(hash: hash, head: head, tail: tail, entry: Int32(entry), length: Int32(truncatingIfNeeded: bytes.count))
    }

    /// The first sixteen bytes of a key as two little-endian words, zero-padded.
    @inline(__always)
    private static func inlineWords(_ bytes: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
        let count = bytes.count
        if count >= 16 {
            return (
                bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self), bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            )
        }
        if count >= 8 {
            return (bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self), partialWord(bytes, from: 8, count: count - 8))
        }
        return (partialWord(bytes, from: 0, count: count), 0)
    }

    /// Up to seven bytes from `start` as a little-endian word, zero-padded.
    @inline(__always)
    private static func partialWord(_ bytes: UnsafeRawBufferPointer, from start: Int, count: Int) -> UInt64 {
        // Two overlapping loads cover four to seven bytes; shorter tails go byte by byte.
        if count >= 4 {
            let low = UInt64(bytes.loadUnaligned(fromByteOffset: start, as: UInt32.self))
            let high = UInt64(bytes.loadUnaligned(fromByteOffset: start + count - 4, as: UInt32.self))
            // The overlap holds the same bytes in both loads, so OR-ing them is exact.
            return low | high << UInt64(8 * (count - 4))
        }
        var word: UInt64 = 0
        var index = 0
        while index < count {
            word |= UInt64(bytes[start + index]) << UInt64(8 * index)
            index += 1
        }
        return word
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
        slots[found.slot] = text.withUTF8 { utf8 in Self.slot(UnsafeRawBufferPointer(utf8), hash: found.hash, entry: entry) }
        keyBytes.append(contentsOf: text.utf8)
        keyStarts.append(keyBytes.count)
        values.append(value)
        if values.count * 2 > slots.count { grow() }
        return entry
    }

    /// Where `bytes` is: its hash, its entry (-1 when absent) and its slot (the empty slot
    /// it would take when absent).
    @inline(__always)
    private func probe(_ bytes: UnsafeRawBufferPointer) -> (hash: UInt64, entry: Int, slot: Int) {
        let hash = Self.hash(bytes)
        let (head, tail) = Self.inlineWords(bytes)
        let length = Int32(truncatingIfNeeded: bytes.count)
        return slots.withUnsafeBufferPointer { slots in
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let found = slots[slot]
                if found.entry < 0 { return (hash, -1, slot) }
                if found.hash == hash && found.length == length && found.head == head && found.tail == tail
                    && (bytes.count <= Self.inlineLength || longKeyEqual(Int(found.entry), bytes))
                {
                    return (hash, Int(found.entry), slot)
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Whether entry `entry`'s stored key equals `bytes` (for keys longer than the inline part).
    private func longKeyEqual(_ entry: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let start = keyStarts[entry]
        guard keyStarts[entry + 1] - start == bytes.count else { return false }
        return keyBytes.withUnsafeBufferPointer { keys in
            var offset = 0
            while offset < bytes.count {
                if keys[start + offset] != bytes[offset] { return false }
                offset += 1
            }
            return true
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
        var grown = [Slot](repeating: Self.emptySlot, count: capacity)
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
        return text.withUTF8 { bytes in
            let found = probe(UnsafeRawBufferPointer(bytes))
            return found.entry >= 0 ? values[found.entry] : nil
        }
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
