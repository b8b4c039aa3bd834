/// What a third-person pronoun can refer to.
enum PronounClass: Sendable {
    /// `he`/`she` and their forms: a person of the pronoun's gender (or of unknown gender).
    case person
    /// `it`/`its`: one country, government or organisation.
    case neuter
    /// `they`/`their`: a group.
    case plural
}

/// Pass 4 of `MentionDetector`: every mention gets its actor, in reading order.
extension DetectionPass {
    /// An actor mentioned earlier, as a pronoun or a role reference may take it up.
    struct Antecedent {
        enum Referent: Hashable { case known(Int), found(Int) }
        var referent: Referent
        var kind: ActorKind
        var gender: Actor.Gender?
        var isPerson: Bool
        var isPlural: Bool
        var sentence: Int
        var afterPreposition: Bool
        /// The first mention of its sentence: in news copy, usually the subject.
        var isSubject: Bool
    }

    /// How many sentences back a pronoun may look for a person; a country, organisation or
    /// group must be in the same or the previous sentence.
    static let personWindow = 4

    /// Resolves titles, shared names, role references and pronouns:
    /// - a title or shared name goes to the candidate mentioned most recently (the first in
    ///   the gazetteer if none was); a gazetteer title no candidate of which has been
    ///   mentioned goes to a person introduced in this text with the same role noun;
    /// - `the minister` goes to the latest person introduced with that role noun;
    /// - `he`/`she` repeats the referent of an earlier same-gender pronoun in its sentence;
    ///   opening a sentence it prefers the subject of the sentences before; otherwise the
    ///   latest compatible person that is not the object of a preposition in this or the
    ///   previous sentence, else the latest compatible person within `personWindow`;
    /// - `its` and `it said` go to the latest country, government or organisation, `their`
    ///   and `they` to the latest group, in this or the previous sentence.
    func resolve() -> [Mention] {
        var items = pending
        for position in ranges.indices where !covered[position] && kinds[position] == .word {
            let flag = flags[position]
            if flag.contains(.malePronoun) {
                items.append(pronounItem(position, .person, .male))
            } else if flag.contains(.femalePronoun) {
                items.append(pronounItem(position, .person, .female))
            } else if flag.contains(.neuterPronoun) {
                // `it` is a thing or an expletive unless it speaks or states an intention
                // (`it said`, `it would retaliate`; not `it would be`).
                if text(position) == "it" {
                    let end = sentenceTokens[sentenceOf[position]].upperBound
                    let following = next[position]
                    guard following < end else { continue }
                    let speaks = flags[following].contains(.speechVerb)
                    let intends =
                        flags[following].contains(.statementAuxiliary)
                        && (next[following] >= end || !["be", "been", "not", "take", "seem", "appear"].contains(text(next[following])))
                    guard speaks || intends else { continue }
                }
                items.append(pronounItem(position, .neuter, nil))
            } else if flag.contains(.pluralPronoun) {
                items.append(pronounItem(position, .plural, nil))
            }
        }
        items.sort {
            $0.range.lowerBound != $1.range.lowerBound
                ? $0.range.lowerBound < $1.range.lowerBound : $0.range.upperBound > $1.range.upperBound
        }

        var lastSeen: [Int: Int] = [:]
        var antecedents: [Antecedent] = []
        var roleCache: [Int: Set<String>] = [:]
        var sentenceWithMention = -1
        var pronounReferents: [(sentence: Int, gender: Actor.Gender?, referent: Antecedent.Referent)] = []
        // `the company` and the like: per role word, how far the antecedents have been searched
        // and the latest match, so each antecedent's name is searched once per role word rather
        // than once per reference (a long text has thousands of antecedents).
        var organisationMatches: [String: (searched: Int, latest: Int?)] = [:]
        var lowercasedNames: [Antecedent.Referent: String] = [:]
        // A discovered person's gender, from a title or from the first he/she that took them up.
        var foundGender: [Int: Actor.Gender] = [:]
        for (person, actor) in discovered.enumerated() { if let gender = actor.gender { foundGender[person] = gender } }
        var mentions: [Mention] = []
        mentions.reserveCapacity(items.count)
        for (order, item) in items.enumerated() {
            let sentence = sentences[item.sentence]
            let isFirstInSentence = sentenceWithMention != item.sentence
            sentenceWithMention = item.sentence
            var referent: Antecedent.Referent
            if let person = item.discovered {
                referent = .found(person)
            } else if let pronoun = item.pronounClass {
                guard let chosen = pronounReferent(item, pronoun, antecedents, pronounReferents) else { continue }
                referent = chosen
                assert(pronounReferents.last.map { $0.sentence <= item.sentence } ?? true, "pronouns out of reading order")
                pronounReferents.append((item.sentence, item.pronounGender, chosen))
                if case .found(let person) = chosen, let gender = item.pronounGender, foundGender[person] == nil {
                    foundGender[person] = gender
                    for index in antecedents.indices where antecedents[index].referent == chosen { antecedents[index].gender = gender }
                }
            } else if item.role != nil || item.fallback != nil {
                let role = item.role ?? ""
                if MentionWords.roleHeads.contains(role),
                    let holder = antecedents.last(where: { $0.isPerson && roles(of: $0.referent, &roleCache).contains(role) })
                {
                    referent = holder.referent
                } else if MentionWords.countryReferences.contains(role),
                    let holder = antecedents.last(where: { $0.kind == .country })
                {
                    referent = holder.referent
                } else if MentionWords.organisationReferences.contains(role),
                    let holder = latestOrganisation(
                        named: role, in: antecedents, matches: &organisationMatches, names: &lowercasedNames)
                {
                    referent = holder.referent
                } else if let fallback = item.fallback {
                    referent = .found(fallback)
                } else {
                    continue
                }
            } else {
                guard var best = item.candidates.first else { continue }
                // A shared title or name goes to whichever holder was mentioned last.
                for candidate in item.candidates.dropFirst() where (lastSeen[candidate] ?? -1) > (lastSeen[best] ?? -1) {
                    best = candidate
                }
                referent = .known(best)
                if item.resolution == .title, item.candidates.allSatisfy({ lastSeen[$0] == nil }) {
                    // `the secretary of state` in a 2019 story is the one the story named, not
                    // today's holder of the office.
                    let words = titleRoles(item)
                    if !words.isEmpty,
                        let holder = antecedents.last(where: {
                            $0.isPerson && !roles(of: $0.referent, &roleCache).isDisjoint(with: words)
                        })
                    {
                        referent = holder.referent
                    }
                }
            }
            let name: String
            let kind: ActorKind
            let gender: Actor.Gender?
            switch referent {
            case .known(let actor):
                name = actors[actor].name
                kind = actors[actor].kind
                gender = actors[actor].gender
                lastSeen[actor] = order
            case .found(let person):
                name = discovered[person].name
                kind = discovered[person].kind
                gender = foundGender[person]
            }
            let afterPreposition = previousToken(before: item.firstToken).map { flags[$0].contains(.preposition) } ?? false
            let plural = kind == .group || item.resolution == .collective || item.pronounClass == .plural
            // `lastAntecedent` and the pronoun windows rely on this order (items are sorted by offset).
            assert(antecedents.last.map { $0.sentence <= item.sentence } ?? true, "antecedents out of reading order")
            antecedents.append(
                Antecedent(
                    referent: referent, kind: kind, gender: gender, isPerson: kind == .person, isPlural: plural,
                    sentence: item.sentence, afterPreposition: afterPreposition, isSubject: isFirstInSentence && !afterPreposition))
            mentions.append(
                Mention(
                    actor: name, kind: kind, range: item.range, sentence: sentence.index, surface: original(item.range),
                    resolution: item.resolution))
        }
        return mentions
    }

    /// The latest antecedent that is not a person and whose lower-cased name contains `role`
    /// (`the company` → `Caldera Steel Company`), searching only the antecedents added since
    /// the last search for `role`: entries are only appended, and never change their referent.
    func latestOrganisation(
        named role: String, in antecedents: [Antecedent], matches: inout [String: (searched: Int, latest: Int?)],
        names: inout [Antecedent.Referent: String]
    ) -> Antecedent? {
        var state = matches[role] ?? (0, nil)
        for index in state.searched..<antecedents.count where !antecedents[index].isPerson {
            let referent = antecedents[index].referent
            let name: String
            if let known = names[referent] {
                name = known
            } else {
                name = actorName(of: referent).lowercased()
                names[referent] = name
            }
            if Self.bytes(of: name, contain: role) { state.latest = index }
        }
        state.searched = antecedents.count
        matches[role] = state
        return state.latest.map { antecedents[$0] }
    }

    /// Whether `word`'s UTF-8 bytes occur in `text`'s. The role words searched for are ASCII
    /// nouns, so this finds them wherever a character search would, without Foundation's
    /// bridged search (most of this pass's time on long texts).
    static func bytes(of text: String, contain word: String) -> Bool {
        var text = text
        var word = word
        return text.withUTF8 { haystack in
            word.withUTF8 { needle in
                guard !needle.isEmpty else { return true }
                guard needle.count <= haystack.count else { return false }
                let first = needle[0]
                for start in 0...(haystack.count - needle.count) where haystack[start] == first {
                    var offset = 1
                    while offset < needle.count && haystack[start + offset] == needle[offset] { offset += 1 }
                    if offset == needle.count { return true }
                }
                return false
            }
        }
    }

    /// The last antecedent in sentence `first` or later that satisfies `condition`. Antecedents
    /// are appended in reading order, so their sentences never decrease and the search stops
    /// at the first one before `first` instead of running back to the start of the text.
    @inline(__always)
    func lastAntecedent(
        _ antecedents: [Antecedent], fromSentence first: Int, where condition: (Antecedent) -> Bool
    ) -> Antecedent? {
        var index = antecedents.count
        while index > 0 {
            index -= 1
            if antecedents[index].sentence < first { return nil }
            if condition(antecedents[index]) { return antecedents[index] }
        }
        return nil
    }

    /// The actor name of an antecedent.
    func actorName(of referent: Antecedent.Referent) -> String {
        switch referent {
        case .known(let actor): return actors[actor].name
        case .found(let person): return discovered[person].name
        }
    }

    func pronounItem(_ position: Int, _ pronoun: PronounClass, _ gender: Actor.Gender?) -> Pending {
        Pending(
            sentence: sentenceOf[position], range: ranges[position], firstToken: position, resolution: .pronoun,
            pronounGender: gender, pronounClass: pronoun)
    }

    /// The referent of one pronoun, or nil when no antecedent fits.
    func pronounReferent(
        _ item: Pending, _ pronoun: PronounClass, _ antecedents: [Antecedent],
        _ earlier: [(sentence: Int, gender: Actor.Gender?, referent: Antecedent.Referent)]
    ) -> Antecedent.Referent? {
        switch pronoun {
        case .neuter:
            return lastAntecedent(antecedents, fromSentence: item.sentence - 1) { !$0.isPerson && !$0.isPlural }?.referent
        case .plural:
            return lastAntecedent(antecedents, fromSentence: item.sentence - 1) { $0.isPlural }?.referent
        case .person:
            let gender = item.pronounGender
            // Both lists are in reading order: only their tails can be in the window.
            var back = earlier.count
            while back > 0 && earlier[back - 1].sentence >= item.sentence {
                back -= 1
                if earlier[back].sentence == item.sentence && earlier[back].gender == gender { return earlier[back].referent }
            }
            var windowStart = antecedents.count
            while windowStart > 0 && antecedents[windowStart - 1].sentence >= item.sentence - Self.personWindow { windowStart -= 1 }
            let compatible = antecedents[windowStart...].filter { $0.isPerson && ($0.gender == nil || $0.gender == gender) }
            guard let latest = compatible.last else { return nil }
            let opensSentence = item.firstToken == firstWord(of: item.sentence)
            if opensSentence, let subject = compatible.last(where: { $0.isSubject && $0.sentence < item.sentence }) {
                return subject.referent
            }
            let salient = compatible.last { !$0.afterPreposition && $0.sentence >= item.sentence - 1 }
            return (salient ?? latest).referent
        }
    }

    /// The first word token of a sentence, past opening quotes and dashes.
    @inline(__always)
    func firstWord(of sentence: Int) -> Int { firstWords[sentence] }

    /// Role nouns of an antecedent: those it was introduced with, or its gazetteer titles'.
    func roles(of referent: Antecedent.Referent, _ cache: inout [Int: Set<String>]) -> Set<String> {
        switch referent {
        case .found(let person):
            return discovered[person].roles
        case .known(let actor):
            if let cached = cache[actor] { return cached }
            var words = Set<String>()
            for title in actors[actor].titles {
                for word in title.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "-" })
                where MentionWords.roleHeads.contains(String(word)) {
                    words.insert(String(word))
                }
            }
            cache[actor] = words
            return words
        }
    }

    /// The role nouns inside a matched title's text.
    func titleRoles(_ item: Pending) -> Set<String> {
        var words = Set<String>()
        var position = item.firstToken
        while position < ranges.count && ranges[position].lowerBound < item.range.upperBound {
            if flags[position].contains(.roleHead) { words.insert(text(position)) }
            position += 1
        }
        return words
    }
}
