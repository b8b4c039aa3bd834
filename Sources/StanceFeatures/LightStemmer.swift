/// Reduces an English word to a crude, lemma-like key so inflections share features.
///
/// `rejected`, `rejects`, `rejecting` and `reject` all become `reject`; `ruled`, `rules`,
/// `ruling` and `rule` become `rul`; `talks` becomes `talk`. The keys are not words, only
/// equal for the forms that matter, which is what lexicon matching and context features
/// need to generalise from few examples. Rules, applied once:
/// 1. a small table of irregular forms maps to the base (`said` → `say`, `was` → `be`,
///    `n't` → `not`, the clitic halves `wo`/`ca` of `won't`/`can't` → `will`/`can`);
/// 2. one suffix is removed: `-ies`/`-ied` → `-y`, `-eed` → `-ee`, `-ing`, `-ed`, or `-s`
///    (not after `s`, `u` or `i`: `press`, `status`, `crisis`), keeping at least three letters;
/// 3. after `-ing`/`-ed`, a doubled final consonant other than `l`, `s`, `z` is undoubled
///    (`stopped` → `stop`, but `called` → `call`), as Porter's step 1b does;
/// 4. trailing `e`s are dropped when three letters remain (`hope`, `hoped` → `hop`).
/// Tokens that are not plain words (`<num>`, `'s`, initialisms with full stops) are
/// returned unchanged.
enum LightStemmer {
    /// Irregular forms common in news copy, mapped to the base form that rule 2–4 then key.
    static let irregular: [String: String] = [
        "is": "be", "are": "be", "was": "be", "were": "be", "been": "be", "being": "be", "am": "be",
        "'re": "be", "'m": "be",
        "has": "have", "had": "have", "having": "have", "'ve": "have",
        "does": "do", "did": "do", "done": "do", "doing": "do",
        "said": "say", "says": "say", "told": "tell", "n't": "not", "wo": "will", "ca": "can",
        "sha": "shall", "'ll": "will",
        "met": "meet", "sought": "seek", "spoke": "speak", "spoken": "speak", "broke": "break",
        "broken": "break", "gave": "give", "given": "give", "took": "take", "taken": "take",
        "held": "hold", "made": "make", "came": "come", "lost": "lose", "fought": "fight",
        "struck": "strike", "threw": "throw", "thrown": "throw", "stood": "stand", "kept": "keep",
        "brought": "bring", "thought": "think", "felt": "feel", "withdrew": "withdraw",
        "withdrawn": "withdraw", "drew": "draw", "drawn": "draw", "began": "begin", "begun": "begin",
        "saw": "see", "seen": "see", "went": "go", "gone": "go", "goes": "go", "got": "get",
        "rose": "rise", "risen": "rise", "fell": "fall", "fallen": "fall", "sent": "send",
        "won": "win", "shook": "shake", "shaken": "shake", "chose": "choose", "chosen": "choose",
        "wrote": "write", "written": "write", "ran": "run", "led": "lead", "meant": "mean",
        "left": "leave", "sat": "sit", "hit": "hit", "put": "put", "set": "set", "cut": "cut",
        "froze": "freeze", "frozen": "freeze", "bore": "bear", "forgave": "forgive",
        "undertook": "undertake", "overtook": "overtake", "upheld": "uphold", "swore": "swear",
        "sworn": "swear", "hid": "hide", "hidden": "hide", "blew": "blow", "blown": "blow",
    ]

    /// The stem of `word`, a lower-cased token text.
    static func stem(_ word: String) -> String {
        if let base = irregularTable.value(for: word) { return regular(base) }
        return regular(word)
    }

    /// `irregular` hashed over bytes: the SipHash probe of the dictionary cost more than the
    /// suffix rules when a model's word table stems its 30,000 words at load.
    private static let irregularTable = TokenTable(irregular)

    /// Rules 2–4 on a word that is not irregular.
    ///
    /// Works on the word's UTF-8 bytes in place and only decides where the stem ends, so
    /// short words (the usual case) are stemmed without a heap allocation.
    private static func regular(_ word: String) -> String {
        var copy = word
        return copy.withUTF8 { bytes -> String in
            var end = bytes.count
            guard end > 3, bytes.allSatisfy(isLetterByte) else { return word }
            let e = UInt8(ascii: "e")
            let s = UInt8(ascii: "s")
            func ends(_ suffix: StaticString) -> Bool {
                let count = suffix.utf8CodeUnitCount
                guard end >= count else { return false }
                let start = suffix.utf8Start
                for offset in 0..<count where bytes[end - count + offset] != start[offset] { return false }
                return true
            }
            var appendY = false
            var strippedVerbSuffix = false
            if ends("ies") || ends("ied") {
                if end > 4 {
                    end -= 3
                    appendY = true
                }
            } else if ends("eed") {
                if end > 4 { end -= 1 }
            } else if ends("ing") {
                if end >= 6 {
                    end -= 3
                    strippedVerbSuffix = true
                }
            } else if ends("ed") {
                if end >= 5 {
                    end -= 2
                    strippedVerbSuffix = true
                }
            } else if bytes[end - 1] == s {
                let previous = bytes[end - 2]
                if previous != s && previous != UInt8(ascii: "u") && previous != UInt8(ascii: "i") { end -= 1 }
            }
            if strippedVerbSuffix, end >= 3 {
                let last = bytes[end - 1]
                if last == bytes[end - 2], !isVowel(last), last != UInt8(ascii: "l"), last != s, last != UInt8(ascii: "z") {
                    end -= 1
                }
            }
            if !appendY {
                while end > 3, bytes[end - 1] == e { end -= 1 }
            }
            if end == bytes.count && !appendY { return word }
            let stem = String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self)
            return appendY ? stem + "y" : stem
        }
    }

    @inline(__always)
    private static func isLetterByte(_ byte: UInt8) -> Bool {
        // Non-ASCII bytes belong to letters of other scripts; hyphens join compounds.
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || byte >= 0x80 || byte == UInt8(ascii: "-")
    }

    @inline(__always)
    private static func isVowel(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"): true
        default: false
        }
    }
}
