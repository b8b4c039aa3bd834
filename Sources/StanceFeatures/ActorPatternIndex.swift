import Foundation

/// Gazetteer surfaces compiled into a token trie.
///
/// Every surface is tokenized with `Tokenizer`; each distinct token text gets an integer
/// id, and the surfaces form a trie over those ids. Matching at a text token costs one
/// dictionary probe per token consumed, independent of the gazetteer's size.
struct ActorPatternIndex: Sendable {
    /// How a surface refers to its actor.
    enum Role: Int, Sendable, Comparable {
        // Raw values order the roles when two surfaces of equal length match: a name wins.
        // A demonym loses to every other role: `U.S.` is a name before it is an adjective.
        case demonym = -1, title = 0, metonym = 1, name = 2
        static func < (lhs: Role, rhs: Role) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// How much of a token's capitalisation must agree with the surface.
    enum CaseRule: Sendable, Equatable {
        /// Any case: function words and case-insensitive surfaces.
        case any
        /// First letter upper-case (`Putin`, not `putin`).
        case capitalised
        /// Every letter upper-case (`US`, not `us` or `Us`).
        case allCaps

        /// A letter naming the rule in a deduplication key.
        var letter: Character {
            switch self {
            case .any: "a"
            case .capitalised: "c"
            case .allCaps: "u"
            }
        }
    }

    /// One compiled surface.
    struct Pattern: Sendable {
        /// Capitalisation each text token must have, one per surface token.
        var caseRules: [CaseRule]
        /// Indices into the gazetteer's actors that this surface can refer to.
        var actors: [Int]
        var role: Role
        /// A place name (`Moscow`, `the Kremlin`): after `in`, `to`, `at` … it is a location.
        var isPlaceName: Bool
    }

    /// A trie node: children by token id, and the patterns ending here, best first.
    struct Node: Sendable {
        var children: [Int32: Int32] = [:]
        var patterns: [Int] = []
    }

    /// What the index knows about one token text: its trie id and its word classes.
    struct Entry: Sendable {
        /// Trie id, or -1 when no surface contains the text.
        var id: Int32
        var flags: WordFlags
    }

    private(set) var patterns: [Pattern] = []
    private(set) var nodes: [Node] = [Node()]
    /// Children of the trie's root by token id (-1 for none): most lookups stop here.
    private(set) var rootChildren: [Int32] = []
    /// Every pattern's case rules end to end, so matching reads them without copying arrays.
    private(set) var caseRules: [CaseRule] = []
    /// Start of each pattern's rules in `caseRules`, or -1 when all of them are `.any`.
    private(set) var caseRuleStart: [Int] = []
    /// Every node's patterns end to end, best first, so matching reads them without
    /// copying a node; node `n`'s are `nodePatterns[nodePatternStart[n]..<nodePatternStart[n + 1]]`.
    private(set) var nodePatterns: [Int] = []
    private(set) var nodePatternStart: [Int] = []
    /// Trie edges below the root as one open-addressing table keyed by node and token id:
    /// a `Dictionary` per node would hash every probe with SipHash.
    private var edgeKeys: [UInt64] = []
    private var edgeChildren: [Int32] = []
    private var edgeMask = 0
    /// Token text → trie id and word classes, so each text token costs one hash lookup.
    private var lexicon: [String: Entry] = WordFlags.table.mapValues { Entry(id: -1, flags: $0) }
    private var table = TokenTable<Entry>([:])
    private var nextID: Int32 = 0
    /// Per actor, the first three letters of the given names in its multi-word aliases
    /// (`vla` for `Vladimir Putin`), to tell a misspelt given name from another person.
    private(set) var givenNamePrefixes: [Set<String>] = []

    init(actors: [Actor]) {
        let tokenizer = Tokenizer()
        var patternBySurface: [String: Int] = [:]
        for (actorIndex, actor) in actors.enumerated() {
            var prefixes = Set<String>()
            for alias in actor.aliases {
                let words = alias.split(separator: " ")
                guard words.count >= 2, let first = words.first?.lowercased(), !MentionWords.titleWords.contains(first) else { continue }
                prefixes.insert(Self.givenNamePrefix(first))
            }
            givenNamePrefixes.append(prefixes)
            let lists: [(surfaces: [String], role: Role)] = [
                (actor.aliases, .name), (actor.metonyms, .metonym), (actor.titles, .title), (actor.demonyms, .demonym),
            ]
            for (surfaces, role) in lists {
                for surface in surfaces {
                    guard let (texts, compiled) = Self.compile(surface, role: role, tokenizer: tokenizer) else { continue }
                    var pattern = compiled
                    // Country names behave like place names: `in Ukraine` is a location.
                    pattern.isPlaceName = pattern.isPlaceName && role != .demonym && (role == .metonym || actor.kind == .country)
                    // One letter per rule: interpolating the enum itself goes through reflection,
                    // which was a tenth of loading the models.
                    let rules = String(pattern.caseRules.map { $0.letter })
                    let key = "\(role.rawValue)|\(texts.joined(separator: " "))|\(rules)"
                    if let existing = patternBySurface[key] {
                        if !patterns[existing].actors.contains(actorIndex) { patterns[existing].actors.append(actorIndex) }
                        continue
                    }
                    pattern.actors = [actorIndex]
                    patternBySurface[key] = patterns.count
                    insert(texts, pattern: patterns.count)
                    patterns.append(pattern)
                }
            }
        }
        rootChildren = [Int32](repeating: -1, count: Int(nextID))
        for (id, child) in nodes[0].children { rootChildren[Int(id)] = child }
        for pattern in patterns {
            if pattern.caseRules.allSatisfy({ $0 == .any }) {
                caseRuleStart.append(-1)
            } else {
                caseRuleStart.append(caseRules.count)
                caseRules.append(contentsOf: pattern.caseRules)
            }
        }
        table = TokenTable(lexicon)
        for index in nodes.indices where nodes[index].patterns.count > 1 {
            // Equal length: names before metonyms before titles, then gazetteer order.
            nodes[index].patterns.sort { lhs, rhs in
                patterns[lhs].role != patterns[rhs].role ? patterns[lhs].role > patterns[rhs].role : lhs < rhs
            }
        }
        for node in nodes {
            nodePatternStart.append(nodePatterns.count)
            nodePatterns.append(contentsOf: node.patterns)
        }
        nodePatternStart.append(nodePatterns.count)
        let edgeCount = nodes.reduce(0) { $0 + $1.children.count }
        var capacity = 16
        while capacity < edgeCount * 2 { capacity *= 2 }
        edgeMask = capacity - 1
        edgeKeys = [UInt64](repeating: Self.emptyEdge, count: capacity)
        edgeChildren = [Int32](repeating: -1, count: capacity)
        for (node, entry) in nodes.enumerated() {
            for (id, child) in entry.children {
                let key = Self.edgeKey(node: node, id: id)
                var slot = Self.edgeSlot(key, mask: edgeMask)
                while edgeKeys[slot] != Self.emptyEdge { slot = (slot + 1) & edgeMask }
                edgeKeys[slot] = key
                edgeChildren[slot] = child
            }
        }
    }

    /// Marks an empty slot of the edge table; no node and id pair produces it.
    private static let emptyEdge = UInt64.max

    @inline(__always)
    private static func edgeKey(node: Int, id: Int32) -> UInt64 {
        UInt64(truncatingIfNeeded: node) << 32 | UInt64(UInt32(bitPattern: id))
    }

    /// Fibonacci hashing: the multiply spreads node and id over the high bits kept.
    @inline(__always)
    private static func edgeSlot(_ key: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The child of trie node `node` along token id `id`, or nil.
    @inline(__always)
    func child(of node: Int, id: Int32) -> Int? {
        let key = Self.edgeKey(node: node, id: id)
        var slot = Self.edgeSlot(key, mask: edgeMask)
        while true {
            let stored = edgeKeys[slot]
            if stored == key { return Int(edgeChildren[slot]) }
            if stored == Self.emptyEdge { return nil }
            slot = (slot + 1) & edgeMask
        }
    }

    private mutating func insert(_ texts: [String], pattern: Int) {
        var node = 0
        for text in texts {
            let id: Int32
            if let known = lexicon[text], known.id >= 0 {
                id = known.id
            } else {
                id = nextID
                nextID += 1
                lexicon[text, default: Entry(id: id, flags: [])].id = id
            }
            if let child = nodes[node].children[id] {
                node = Int(child)
            } else {
                nodes[node].children[id] = Int32(nodes.count)
                nodes.append(Node())
                node = nodes.count - 1
            }
        }
        nodes[node].patterns.append(pattern)
    }

    /// The first three letters of a lower-cased given name without accents (`vla`, `ivo`).
    static func givenNamePrefix(_ name: String) -> String {
        String(name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).prefix(3))
    }

    /// The trie id and word classes of a token text.
    @inline(__always)
    func entry(_ text: String) -> Entry { table.value(for: text) ?? Entry(id: -1, flags: []) }

    /// The table behind `entry`, for loops that look up many tokens: holding it in a local
    /// avoids reaching through the whole index on every token.
    var entries: TokenTable<Entry> { table }

    /// Tokenizes one surface. Titles and surfaces without capitals match in any case;
    /// capitalised words of names must be capitalised in the text too.
    static func compile(_ surface: String, role: Role, tokenizer: Tokenizer) -> ([String], Pattern)? {
        let scalars = Array(surface.unicodeScalars)
        let tokens = primaryTokens(tokenizer.tokenize(scalars, in: 0..<scalars.count))
        guard !tokens.isEmpty else { return nil }
        let caseSensitive = role != .title && scalars.contains(where: ScalarClass.isUppercase)
        var rules: [CaseRule] = []
        var placeName = true
        for (position, token) in tokens.enumerated() {
            let actual = caseRule(of: scalars, token.range)
            rules.append(caseSensitive ? actual : .any)
            let leadingArticle = position == 0 && token.text == "the"
            let nameLike = actual != .any || token.kind != .word
            if !leadingArticle && !nameLike { placeName = false }
        }
        return (tokens.map(\.text), Pattern(caseRules: rules, actors: [], role: role, isPlaceName: placeName))
    }

    /// The capitalisation of the token at `range`: all-caps needs two or more letters.
    static func caseRule(of scalars: [Unicode.Scalar], _ range: Range<Int>) -> CaseRule {
        var letters = 0
        for index in range where ScalarClass.isLetter(scalars[index]) {
            let upper = ScalarClass.isUppercase(scalars[index])
            if letters == 0 && !upper { return .any }
            letters += 1
            if !upper { return .capitalised }
        }
        if letters == 0 { return .any }
        return letters >= 2 ? .allCaps : .capitalised
    }

    /// Whether a text token with capitalisation `actual` satisfies `rule`.
    @inline(__always)
    static func satisfies(_ actual: CaseRule, _ rule: CaseRule) -> Bool {
        switch rule {
        case .any: return true
        case .capitalised: return actual != .any
        case .allCaps: return actual == .allCaps
        }
    }

    /// Drops the parts that follow a hyphenated name pair (`zelensky-putin`, `zelensky`,
    /// `putin` keeps only the whole), so surfaces and text compare token for token.
    static func primaryTokens(_ tokens: [Token]) -> [Token] {
        var result: [Token] = []
        result.reserveCapacity(tokens.count)
        var coveredUntil = Int.min
        for token in tokens {
            if token.range.lowerBound < coveredUntil { continue }
            result.append(token)
            coveredUntil = token.range.upperBound
        }
        return result
    }
}
