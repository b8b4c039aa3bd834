/// Pass 2 of `MentionDetector`: actors the gazetteer does not list, found from the shape
/// of their names and what stands around them.
extension DetectionPass {
    /// Discovers people and organisations. Specific evidence goes first (a title or role
    /// before the name, a speech verb, an apposition naming a role, a known surname after
    /// an unknown given name), then any other run of two or more capitalised name words
    /// outside headlines, classified by its words as a person, an organisation or a place.
    mutating func discoverPeople() {
        var runs: [(run: Range<Int>, role: String?)] = []
        for follower in titleFollowers {
            if let run = nameRun(forwardFrom: follower, skipTitles: false) { runs.append((run, nil)) }
        }
        for surname in surnameCollisions {
            if let run = nameRun(backwardFrom: surname), wordCount(run) >= 2 { runs.append((run, nil)) }
        }
        for sentence in sentences.indices where !isHeadline[sentence] && !isAllCaps[sentence] {
            let first = sentenceTokens[sentence].lowerBound
            for position in sentenceTokens[sentence] where !covered[position] && !isPart[position] {
                if kinds[position] == .word && flags[position].contains(.speechVerb)
                    && !ScalarClass.isUppercase(scalars[ranges[position].lowerBound])
                {
                    if let run = nameRun(forwardFrom: next[position], skipTitles: true), wordCount(run) >= 2 { runs.append((run, nil)) }
                    // `Pompeo told`: one word suffices mid-sentence, where a capital marks a name.
                    if let run = nameRun(backwardFrom: position - 1), wordCount(run) >= 2 || run.lowerBound > first {
                        runs.append((run, nil))
                    }
                } else if kinds[position] == .punctuation && scalars[ranges[position].lowerBound] == ","
                    && isRoleApposition(after: position)
                {
                    if let run = nameRun(backwardFrom: position - 1), wordCount(run) >= 2 { runs.append((run, nil)) }
                } else if kinds[position] == .word && flags[position].contains(.roleHead), let found = roleLedName(after: position) {
                    runs.append((found, text(position)))
                }
            }
        }
        runs.sort { $0.run.lowerBound < $1.run.lowerBound }
        for (run, role) in runs { register(run, role: role) }
        for sentence in sentences.indices where !isHeadline[sentence] && !isAllCaps[sentence] {
            let end = sentenceTokens[sentence].upperBound
            var position = sentenceTokens[sentence].lowerBound
            while position < end {
                guard !covered[position], isNameWord(position), !flags[position].contains(.titleWord),
                    let run = nameRun(forwardFrom: position, skipTitles: false), wordCount(run) >= 2
                else {
                    position = next[position]
                    continue
                }
                // A run right before a capitalised title (`Saudi Oil Minister …`) modifies it.
                let after = run.upperBound
                if after < end && flags[after].contains(.titleWord) && ScalarClass.isUppercase(scalars[ranges[after].lowerBound]) {
                    position = after
                    continue
                }
                register(run, role: nil)
                position = max(run.upperBound, next[position])
            }
        }
    }

    /// Registers a discovered run unless a mention covers part of it.
    mutating func register(_ candidate: Range<Int>, role: String?) {
        guard !candidate.contains(where: { covered[$0] }) else { return }
        // One word that an actor found earlier goes by (`Halden` after `Halden Ferries`) is
        // that actor, which pass 3 finds.
        if wordWithoutParts(candidate) == 1 {
            let word = text(candidate.lowerBound)
            if discovered.contains(where: { $0.shortForm == word || $0.nameTokens.first == word }) { return }
        }
        var run = candidate
        var kind = ActorKind.person
        switch classify(candidate) {
        case .person: break
        case .place: return
        case .organisation(let extended, let organisationKind):
            guard !extended.contains(where: { covered[$0] }) else { return }
            run = extended
            kind = organisationKind
        }
        let identity = registerDiscovered(run, kind: kind)
        if let role, kind == .person {
            discovered[identity].roles.insert(role)
            if MentionWords.femaleTitles.contains(role) { discovered[identity].gender = .female }
            if MentionWords.maleTitles.contains(role) { discovered[identity].gender = .male }
        }
        let range = ranges[run.lowerBound].lowerBound..<ranges[run.upperBound - 1].upperBound
        pending.append(
            Pending(
                sentence: sentenceOf[run.lowerBound], range: range, firstToken: run.lowerBound, discovered: identity,
                resolution: .discovered))
        cover(run)
    }

    /// Whole words in a run (the parts of a hyphenated name do not count).
    func wordWithoutParts(_ run: Range<Int>) -> Int { run.filter { !isPart[$0] }.count }

    /// The name a role noun introduces: `Minister Anil Varga`, `Secretary of State George
    /// Shultz`, `advisor John Bolton`, `the current president, Alexander Lukashenko`.
    func roleLedName(after role: Int) -> Range<Int>? {
        let end = sentenceTokens[sentenceOf[role]].upperBound
        var position = next[role]
        // `Mr. Nikonov`, `Gen. Ali`: the abbreviation's stop belongs to the title.
        if position < end && isStopAfterInitial(position) { position = next[position] }
        var hops = 0
        while position < end && hops < 4 && !covered[position] {
            let word = text(position)
            let capitalTitle = flags[position].contains(.titleWord) && ScalarClass.isUppercase(scalars[ranges[position].lowerBound])
            guard capitalTitle || word == "of" || word == "for" else { break }
            position = next[position]
            hops += 1
        }
        if position < end && kinds[position] == .punctuation && scalars[ranges[position].lowerBound] == "," {
            guard let run = nameRun(forwardFrom: next[position], skipTitles: false), wordCount(run) >= 2 else { return nil }
            return run
        }
        return nameRun(forwardFrom: position, skipTitles: false)
    }

    /// The group noun that joins a country's or organisation's mention ending at token
    /// `last`: right after it, or after one lower-case modifier (`Soviet arms negotiators`).
    func groupHead(after last: Int, end: Int) -> Int? {
        var position = next[last]
        var modifiers = 0
        while position < end && modifiers <= 1 {
            guard kinds[position] == .word, !covered[position] else { return nil }
            if flags[position].contains(.groupHead) { return position }
            guard ActorPatternIndex.caseRule(of: scalars, ranges[position]) == .any,
                !flags[position].contains(.headlineFunction), !flags[position].contains(.notName),
                !flags[position].contains(.speechVerb), !flags[position].contains(.preposition)
            else { return nil }
            modifiers += 1
            position = next[position]
        }
        return nil
    }

    /// Pass 3b: `the minister`, `the Chancellor`, `the Saudi minister` standing for a person
    /// introduced earlier with that role; resolved in pass 4, dropped when nobody fits.
    mutating func findRoleReferences() {
        for sentence in sentences.indices {
            let end = sentenceTokens[sentence].upperBound
            for position in sentenceTokens[sentence] where !covered[position] && flags[position].contains(.referenceDeterminer) {
                // `a Soviet trade official`, `one delegate`: someone new, never a reference back.
                let introduces = text(position) != "the"
                var head = next[position]
                var modifiers = 0
                func isHead(_ token: Int) -> Bool {
                    flags[token].contains(.roleHead) || flags[token].contains(.organisationReference)
                }
                while head < end && modifiers < 3 && !covered[head] && kinds[head] == .word && !isHead(head)
                    && !flags[head].contains(.headlineFunction) && !flags[head].contains(.phraseBreaker)
                {
                    head = next[head]
                    modifiers += 1
                }
                guard head < end, !covered[head], kinds[head] == .word, isHead(head) else { continue }
                let after = next[head]
                // `the minister Ana Costa` and `the minister's` are handled elsewhere or fine;
                // a name right after makes this a title of that name, not a reference back.
                if after < end && isNameWord(after) { continue }
                let range = ranges[position].lowerBound..<ranges[head].upperBound
                let phrase = original(ranges[next[position]].lowerBound..<ranges[head].upperBound)
                let kind: ActorKind = flags[head].contains(.roleHead) ? .person : .organisation
                let fallback: Int
                if introduces && !flags[head].contains(.sourceRole) { continue }
                // `Tomas Varga, a senior negotiator`: an apposition describes the name before it.
                if introduces, let previous = previousToken(before: position), kinds[previous] == .punctuation,
                    scalars[ranges[previous].lowerBound] == ","
                {
                    continue
                }
                // `the official`, `the head` with nobody to refer to is generic; a modifier or a
                // capital (`the buffer stock manager`, `the Queen`) makes it someone.
                let specific = modifiers > 0 || ScalarClass.isUppercase(scalars[ranges[head].lowerBound])
                if let existing = discovered.firstIndex(where: { $0.name == phrase }) {
                    fallback = existing
                } else {
                    discovered.append(DiscoveredActor(name: phrase, nameTokens: [phrase.lowercased()], shortForm: nil, kind: kind))
                    fallback = discovered.count - 1
                }
                pending.append(
                    Pending(
                        sentence: sentence, range: range, firstToken: position, resolution: .title, role: introduces ? nil : text(head),
                        fallback: introduces || specific ? fallback : nil))
                cover(position..<after)
            }
        }
    }
}

extension DetectionPass {
    /// Whether a country's or organisation's name ending before token `following` only
    /// modifies a noun (`U.S. exports`, `GATT talks`, `Uruguay Round`), naming no actor.
    func isModifier(next following: Int, end: Int) -> Bool {
        guard following < end, kinds[following] == .word, !covered[following] else { return false }
        if flags[following].contains(.modifiedNoun) {
            // `the EC exports…` is rare; a capitalised noun is part of a name unless all-caps text.
            return ActorPatternIndex.caseRule(of: scalars, ranges[following]) == .any || isAllCaps[sentenceOf[following]]
        }
        // `Uruguay Round`, `Louvre Accord`: a capitalised place or event word makes a name.
        return flags[following].contains(.place) && ScalarClass.isUppercase(scalars[ranges[following].lowerBound])
            && !isAllCaps[sentenceOf[following]]
    }

    /// Whether a place name opening a sentence in capitals before a comma is a wire
    /// dateline (`WASHINGTON, March 3 -`), which says where, not who.
    func isDateline(start: Int, next following: Int, sentence: Int) -> Bool {
        guard start == sentenceTokens[sentence].lowerBound, !isAllCaps[sentence], following < sentenceTokens[sentence].upperBound,
            kinds[following] == .punctuation, scalars[ranges[following].lowerBound] == ","
        else { return false }
        return ActorPatternIndex.caseRule(of: scalars, ranges[start]) == .allCaps
    }

    /// Pass 3c: groups named by a plural noun outside the gazetteer (`the two countries`,
    /// `major trading partners`), and organisations by an all-caps acronym after `the` or
    /// before a speech verb (`the ECGD`, `FNSEA said`).
    mutating func findGroups() {
        for sentence in sentences.indices {
            let bounds = sentenceTokens[sentence]
            for position in bounds where !covered[position] && !isPart[position] && kinds[position] == .word {
                if flags[position].contains(.collectiveNoun)
                    && (ActorPatternIndex.caseRule(of: scalars, ranges[position]) == .any || position == firstWord(of: sentence))
                {
                    var first = position
                    var steps = 0
                    while steps < 3, let previous = previousToken(before: first), !covered[previous], kinds[previous] == .word,
                        ActorPatternIndex.caseRule(of: scalars, ranges[previous]) == .any || previous == firstWord(of: sentence),
                        !flags[previous].contains(.phraseBreaker), !flags[previous].contains(.preposition),
                        !flags[previous].contains(.speechVerb)
                    {
                        first = previous
                        steps += 1
                    }
                    addGroup(first..<next[position], name: text(position), kind: .group)
                } else if !isAllCaps[sentence], ranges[position].count >= 2, ranges[position].count <= 6,
                    ActorPatternIndex.caseRule(of: scalars, ranges[position]) == .allCaps,
                    !flags[position].contains(.acronymStop)
                {
                    let previous = previousToken(before: position)
                    let following = next[position]
                    let afterThe = previous.map { text($0) == "the" } ?? false
                    let speaks = following < bounds.upperBound && flags[following].contains(.speechVerb)
                    guard afterThe || speaks else { continue }
                    addGroup(position..<following, name: original(ranges[position]), kind: .organisation)
                }
            }
        }
    }

    /// Records a group or acronym mention spanning tokens `run` under the actor `name`.
    mutating func addGroup(_ run: Range<Int>, name: String, kind: ActorKind) {
        guard !run.contains(where: { covered[$0] }) else { return }
        let identity: Int
        if let existing = discovered.firstIndex(where: { $0.kind == kind && $0.name == name }) {
            identity = existing
        } else {
            discovered.append(DiscoveredActor(name: name, nameTokens: [name.lowercased()], shortForm: nil, kind: kind))
            identity = discovered.count - 1
        }
        let range = ranges[run.lowerBound].lowerBound..<ranges[run.upperBound - 1].upperBound
        pending.append(
            Pending(
                sentence: sentenceOf[run.lowerBound], range: range, firstToken: run.lowerBound, discovered: identity,
                resolution: kind == .group ? .collective : .discovered))
        cover(run)
    }
}
