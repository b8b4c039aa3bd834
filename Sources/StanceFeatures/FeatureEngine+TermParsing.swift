extension FeatureEngine {
    /// Every wordless feature's key by name (fixed, target-relative and valence features) in
    /// one table hashed over bytes: three `Dictionary<String, _>` look-ups per vocabulary term
    /// were a fifth of loading a model.
    static let namedKeys: TokenTable<UInt64> = {
        var keys: [String: UInt64] = [:]
        // Written in reverse order of the former look-ups, so a name in two tables keeps the first's key.
        for (name, feature) in ValenceFeature.byName { keys[name] = FeatureKey.valence(feature) }
        for (name, feature) in RelativeFeature.byName { keys[name] = FeatureKey.relative(feature) }
        for (name, feature) in FixedFeature.byName { keys[name] = FeatureKey.fixed(feature) }
        return TokenTable(keys)
    }()

    /// The key of a readable name, interning its words; nil when no template makes it.
    static func parse(_ name: String, labels: [String: Int], words: inout WordTableBuilder) -> UInt64? {
        if let key = namedKeys.value(for: name) { return key }
        var name = name
        let key: UInt64?? = name.withUTF8 { bytes in
            // ASCII names only: there every byte is a character, so byte prefixes and
            // separators mean what `String`'s character-wise ones do.
            for byte in bytes where byte >= 0x80 { return nil }
            return .some(parseASCII(bytes, labels: labels, words: &words))
        }
        if let key { return key }
        return parseByCharacters(name, labels: labels, words: &words)
    }

    /// `parse` over the bytes of an ASCII name.
    private static func parseASCII(_ bytes: UnsafeBufferPointer<UInt8>, labels: [String: Int], words: inout WordTableBuilder)
        -> UInt64?
    {
        let negationPrefix = negationPrefixBytes
        func starts(_ prefix: StaticString, at offset: Int = 0) -> Bool {
            let count = prefix.utf8CodeUnitCount
            guard bytes.count - offset >= count else { return false }
            let start = prefix.utf8Start
            for index in 0..<count where bytes[offset + index] != start[index] { return false }
            return true
        }
        func word(_ range: Range<Int>) -> (Int32, Bool)? {
            var start = range.lowerBound
            var negated = false
            if range.count > negationPrefix.count && negationPrefix.indices.allSatisfy({ bytes[start + $0] == negationPrefix[$0] }) {
                negated = true
                start += negationPrefix.count
            }
            guard start < range.upperBound else { return nil }
            for index in start..<range.upperBound where bytes[index] == UInt8(ascii: " ") { return nil }
            return (words.intern(bytes: UnsafeBufferPointer(rebasing: bytes[start..<range.upperBound])), negated)
        }
        let end = bytes.count
        if starts("bow:") {
            guard let space = (4..<end).first(where: { bytes[$0] == UInt8(ascii: " ") }) else {
                guard let (id, negated) = word(4..<end) else { return nil }
                return FeatureKey.make(FeatureKey.bowUnigram, id, negated: negated)
            }
            guard let (first, firstNegated) = word(4..<space), let (second, secondNegated) = word((space + 1)..<end)
            else { return nil }
            return FeatureKey.make(FeatureKey.bowBigram, first, negated: firstNegated, second, secondNegated: secondNegated)
        }
        if starts("clause:"), let (id, negated) = word(7..<end) { return FeatureKey.make(FeatureKey.clauseWord, id, negated: negated) }
        if starts("rel:w:"), let (id, negated) = word(6..<end) { return FeatureKey.make(FeatureKey.segmentWord, id, negated: negated) }
        if starts("tgt:"), let (id, negated) = word(4..<end) { return FeatureKey.make(FeatureKey.targetWord, id, negated: negated) }
        if starts("quote:w:"), let (id, negated) = word(8..<end) { return FeatureKey.make(FeatureKey.quoteWord, id, negated: negated) }
        if starts("ctx:") {
            guard end > 4, let colon = (4..<end).first(where: { bytes[$0] == UInt8(ascii: ":") }) else { return nil }
            let side: Int
            switch bytes[4] {
            case UInt8(ascii: "L"): side = 0
            case UInt8(ascii: "R"): side = 1
            default: return nil
            }
            // The label runs from after the side letter to the colon (empty or inverted: no label).
            guard colon >= 5 else { return nil }
            let label = String(decoding: UnsafeBufferPointer(rebasing: bytes[5..<colon]), as: UTF8.self)
            guard let bucket = labels[label], let (id, negated) = word((colon + 1)..<end) else { return nil }
            return FeatureKey.make(FeatureKey.windowBase + UInt8(side * 16 + bucket), id, negated: negated)
        }
        // Cluster names (`cl:seg:c12`) are ASCII only, so the character-wise path never needs them.
        if starts("cl:") { return parseCluster(String(decoding: bytes, as: UTF8.self), labels: labels) }
        return nil
    }

    /// `FeatureKey.negationPrefix` as bytes, made once rather than for every vocabulary term.
    static let negationPrefixBytes = Array(FeatureKey.negationPrefix.utf8)

    /// The key of a readable name by the general string path, which `parse` takes for names
    /// with non-ASCII bytes (where characters and bytes may split differently).
    static func parseByCharacters(_ name: String, labels: [String: Int], words: inout WordTableBuilder) -> UInt64? {
        let negationPrefix = FeatureEngine.negationPrefixBytes
        func word(_ text: Substring) -> (Int32, Bool)? {
            let bytes = text.utf8
            var start = bytes.startIndex
            var negated = false
            if bytes.count > negationPrefix.count && bytes.prefix(negationPrefix.count).elementsEqual(negationPrefix) {
                negated = true
                start = bytes.index(start, offsetBy: negationPrefix.count)
            }
            let rest = bytes[start...]
            if rest.isEmpty || rest.contains(UInt8(ascii: " ")) { return nil }
            return (words.intern(String(Substring(rest))), negated)
        }
        if name.hasPrefix("bow:") {
            let rest = name.dropFirst(4)
            guard let space = rest.firstIndex(of: " ") else {
                guard let (id, negated) = word(rest) else { return nil }
                return FeatureKey.make(FeatureKey.bowUnigram, id, negated: negated)
            }
            guard let (first, firstNegated) = word(rest[..<space]),
                let (second, secondNegated) = word(rest[rest.index(after: space)...])
            else { return nil }
            return FeatureKey.make(FeatureKey.bowBigram, first, negated: firstNegated, second, secondNegated: secondNegated)
        }
        if name.hasPrefix("clause:"), let (id, negated) = word(name.dropFirst(7)) {
            return FeatureKey.make(FeatureKey.clauseWord, id, negated: negated)
        }
        if name.hasPrefix("rel:w:"), let (id, negated) = word(name.dropFirst(6)) {
            return FeatureKey.make(FeatureKey.segmentWord, id, negated: negated)
        }
        if name.hasPrefix("tgt:"), let (id, negated) = word(name.dropFirst(4)) {
            return FeatureKey.make(FeatureKey.targetWord, id, negated: negated)
        }
        if name.hasPrefix("quote:w:"), let (id, negated) = word(name.dropFirst(8)) {
            return FeatureKey.make(FeatureKey.quoteWord, id, negated: negated)
        }
        if name.hasPrefix("ctx:") {
            let rest = name.dropFirst(4)
            guard let colon = rest.firstIndex(of: ":"), let sideCharacter = rest.first else { return nil }
            let side: Int
            switch sideCharacter {
            case "L": side = 0
            case "R": side = 1
            default: return nil
            }
            let label = String(rest[rest.index(after: rest.startIndex)..<colon])
            guard let bucket = labels[label], let (id, negated) = word(rest[rest.index(after: colon)...]) else { return nil }
            return FeatureKey.make(FeatureKey.windowBase + UInt8(side * 16 + bucket), id, negated: negated)
        }
        return nil
    }
}
