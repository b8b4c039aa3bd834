extension DetectionPass {
    // MARK: - Pass 2: discovery

    /// What a discovered run names.
    enum RunKind {
        case person
        case place
        /// An organisation, with the run widened to its whole name (`National Unity Government`).
        case organisation(Range<Int>, ActorKind)
    }

    /// Classifies a capitalised run: organisation words (`Railways`, `Government`) inside
    /// or right after it make it an organisation, place words (`Sea`, `Accords`) a place.
    func classify(_ run: Range<Int>) -> RunKind {
        let bounds = sentenceTokens[sentenceOf[run.lowerBound]]
        @inline(__always) func capitalised(_ position: Int) -> Bool {
            !covered[position] && !isPart[position] && kinds[position] == .word
                && ScalarClass.isUppercase(scalars[ranges[position].lowerBound])
        }
        var lower = run.lowerBound
        while let previous = previousToken(before: lower), capitalised(previous), !flags[previous].contains(.notName) {
            lower = previous
        }
        var upper = run.upperBound
        while upper < bounds.upperBound && capitalised(upper)
            && (flags[upper].contains(.organisation) || flags[upper].contains(.titleWord))
        {
            upper = next[upper]
        }
        let extended = lower..<upper
        if extended.contains(where: { flags[$0].contains(.organisation) && capitalised($0) }) {
            let government = extended.contains { MentionWords.governmentWords.contains(text($0)) }
            return .organisation(extended, government ? .government : .organisation)
        }
        if extended.contains(where: { flags[$0].contains(.place) && capitalised($0) }) { return .place }
        return .person
    }

    /// Whether token `position` can be part of a person's name: a capitalised word that
    /// is not an acronym, an opener, a day or a month, and not already matched.
    func isNameWord(_ position: Int) -> Bool {
        guard kinds[position] == .word, !covered[position], !isPart[position] else { return false }
        guard ActorPatternIndex.caseRule(of: scalars, ranges[position]) == .capitalised else { return false }
        return !flags[position].contains(.notName)
    }

    func wordCount(_ run: Range<Int>) -> Int {
        run.filter { !isPart[$0] && !flags[$0].contains(.particle) }.count
    }

    /// Up to four name words starting at `start`, optionally after leading title words.
    func nameRun(forwardFrom start: Int, skipTitles: Bool) -> Range<Int>? {
        guard start < ranges.count else { return nil }
        let end = sentenceTokens[sentenceOf[start]].upperBound
        var position = start
        if skipTitles {
            while position < end && !covered[position] && flags[position].contains(.titleWord)
                && ScalarClass.isUppercase(scalars[ranges[position].lowerBound])
            {
                position = next[position]
            }
        }
        let first = position
        var lastWord = -1
        var words = 0
        while position < end && words < 5 {
            if (isNameWord(position) && !flags[position].contains(.titleWord)) || (words > 0 && isParticleName(position))
                || (words > 0 && isMonthSurname(position))
            {
                words += 1
                lastWord = position
                // A middle initial's stop (`John R. Bolton`) belongs to the name.
                if ranges[position].count == 1, next[position] < end, isStopAfterInitial(next[position]) {
                    position = next[position]
                }
            } else if !(words > 0 && !covered[position] && flags[position].contains(.particle)) {
                break
            }
            position = next[position]
        }
        guard words > 0 else { return nil }
        return first..<lastWord + 1
    }

    /// Up to four name words ending at token `last` (reading backwards).
    func nameRun(backwardFrom last: Int) -> Range<Int>? {
        guard last >= 0 else { return nil }
        let begin = sentenceTokens[sentenceOf[last]].lowerBound
        var position = last
        while position >= begin && isPart[position] { position -= 1 }
        guard position >= begin, isNameWord(position) else { return nil }
        let end = position
        var first = position
        var words = 0
        while position >= begin && words < 5 {
            if isPart[position]
                || (words > 0 && isStopAfterInitial(position) && position > begin
                    && ranges[position - 1].count == 1 && isNameWord(position - 1))
            {
                position -= 1
                continue
            }
            if (isNameWord(position) && !flags[position].contains(.titleWord)) || (words > 0 && isParticleName(position)) {
                words += 1
                first = position
            } else if !(words > 0 && !covered[position] && flags[position].contains(.particle)) {
                break
            }
            position -= 1
        }
        guard words > 0 else { return nil }
        return first..<next[end]
    }

    /// Whether token `position` is a month that doubles as a surname after a given name
    /// (`Theresa May`), which only a name word before it can tell.
    func isMonthSurname(_ position: Int) -> Bool {
        guard kinds[position] == .word, !covered[position], !isPart[position],
            ActorPatternIndex.caseRule(of: scalars, ranges[position]) == .capitalised
        else { return false }
        return MentionWords.monthSurnames.contains(text(position))
    }

    /// Whether token `position` is the full stop of an initial, touching it (`R.`).
    func isStopAfterInitial(_ position: Int) -> Bool {
        kinds[position] == .punctuation && scalars[ranges[position].lowerBound] == "."
            && position > 0 && ranges[position - 1].upperBound == ranges[position].lowerBound
    }

    /// Whether token `position` is an Arabic-style name part with a lower-case article
    /// (`al-Sabah`, `bin-Salman`), which continues a name but cannot start one.
    func isParticleName(_ position: Int) -> Bool {
        guard kinds[position] == .word, !covered[position] else { return false }
        let range = ranges[position]
        var hyphen = range.lowerBound
        while hyphen < range.upperBound && hyphen - range.lowerBound < 4 && scalars[hyphen] != "-" { hyphen += 1 }
        guard hyphen < range.upperBound - 1, scalars[hyphen] == "-" else { return false }
        let article = ScalarText.string(scalars, range.lowerBound..<hyphen)
        return MentionWords.arabicArticles.contains(article) && ScalarClass.isUppercase(scalars[hyphen + 1])
    }

    /// Whether the comma at `comma` opens an apposition naming a role (`, a senior negotiator`).
    func isRoleApposition(after comma: Int) -> Bool {
        let end = sentenceTokens[sentenceOf[comma]].upperBound
        var position = comma + 1
        var seen = 0
        while position < end && seen < 8 {
            if kinds[position] == .punctuation { return false }
            if flags[position].contains(.roleNoun) {
                let following = next[position]
                // `a Kremlin adviser's remarks` is not an apposition about the name before it.
                return following >= end || kinds[following] != .possessive
            }
            position = next[position]
            seen += 1
        }
        return false
    }

    /// Records a discovered actor (a person merges with an earlier one of the same
    /// surname) and returns its identity.
    mutating func registerDiscovered(_ run: Range<Int>, kind: ActorKind) -> Int {
        let words = run.filter { !isPart[$0] }.map { text($0) }
        let name = original(ranges[run.lowerBound].lowerBound..<ranges[run.upperBound - 1].upperBound)
        if kind == .person {
            let surname = words.last ?? name.lowercased()
            if let existing = discovered.firstIndex(where: { $0.kind == .person && $0.shortForm == surname }) {
                // Keep the fullest form seen as the canonical name.
                if words.count > discovered[existing].nameTokens.count {
                    discovered[existing].name = name
                    discovered[existing].nameTokens = words
                }
                return existing
            }
            discovered.append(DiscoveredActor(name: name, nameTokens: words, shortForm: surname, kind: kind))
        } else {
            if let existing = discovered.firstIndex(where: { $0.nameTokens == words }) { return existing }
            let first = run.first { !isPart[$0] } ?? run.lowerBound
            // `Caldera` alone may stand for `Caldera Steel`; `Northern` or `National` may not.
            let short =
                words.count == 2 && !flags[first].contains(.titleWord) && !flags[first].contains(.notName)
                ? words.first : nil
            discovered.append(DiscoveredActor(name: name, nameTokens: words, shortForm: short, kind: kind))
        }
        return discovered.count - 1
    }

    // MARK: - Pass 3: later mentions of discovered people

    mutating func matchDiscoveredPeople() {
        guard !discovered.isEmpty else { return }
        var byFirstWord: [String: [(person: Int, words: [String])]] = [:]
        for (person, entry) in discovered.enumerated() {
            byFirstWord[entry.nameTokens[0], default: []].append((person, entry.nameTokens))
            if entry.nameTokens.count > 1, let short = entry.shortForm {
                byFirstWord[short, default: []].append((person, [short]))
            }
        }
        for sentence in sentences.indices {
            let end = sentenceTokens[sentence].upperBound
            var position = sentenceTokens[sentence].lowerBound
            while position < end {
                // In a headline set in capitals, `REAGAN` is the Reagan found in the story.
                let nameWord =
                    isNameWord(position)
                    || (isAllCaps[sentence] && kinds[position] == .word && !covered[position]
                        && !isPart[position] && ActorPatternIndex.caseRule(of: scalars, ranges[position]) == .allCaps)
                guard nameWord, let options = byFirstWord[text(position)],
                    let found = discoveredMatch(at: position, end: end, options: options),
                    // A lone organisation short form at a sentence start is probably an ordinary word.
                    discovered[found.person].kind == .person || found.last > position
                        || position > sentenceTokens[sentence].lowerBound
                else {
                    position += 1
                    continue
                }
                let range = ranges[position].lowerBound..<ranges[found.last].upperBound
                pending.append(
                    Pending(
                        sentence: sentence, range: range, firstToken: position, discovered: found.person, resolution: .discovered))
                cover(position..<found.next)
                position = found.next
            }
        }
    }

    /// The longest of `options` (full names and surnames) matching at `start`.
    func discoveredMatch(
        at start: Int, end: Int, options: [(person: Int, words: [String])]
    ) -> (person: Int, last: Int, next: Int)? {
        var best: (person: Int, last: Int, next: Int, length: Int)? = nil
        for option in options {
            var position = start
            var last = start
            var matched = true
            for word in option.words {
                guard position < end, !covered[position], text(position) == word,
                    ActorPatternIndex.caseRule(of: scalars, ranges[position]) != .any
                else {
                    matched = false
                    break
                }
                last = position
                position = next[position]
            }
            if matched && option.words.count > (best?.length ?? 0) { best = (option.person, last, position, option.words.count) }
        }
        return best.map { ($0.person, $0.last, $0.next) }
    }

    func original(_ range: Range<Int>) -> String {
        ScalarText.string(scalars, range)
    }
}
