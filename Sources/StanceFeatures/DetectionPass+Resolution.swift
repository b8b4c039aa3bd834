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
        enum Referent: Equatable { case known(Int), found(Int) }
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
                    let holder = antecedents.last(where: { !$0.isPerson && actorName(of: $0.referent).lowercased().contains(role) })
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
            return antecedents.last { !$0.isPerson && !$0.isPlural && $0.sentence >= item.sentence - 1 }?.referent
        case .plural:
            return antecedents.last { $0.isPlural && $0.sentence >= item.sentence - 1 }?.referent
        case .person:
            let gender = item.pronounGender
            if let same = earlier.last(where: { $0.sentence == item.sentence && $0.gender == gender }) { return same.referent }
            let compatible = antecedents.filter {
                $0.isPerson && ($0.gender == nil || $0.gender == gender) && $0.sentence >= item.sentence - Self.personWindow
            }
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
