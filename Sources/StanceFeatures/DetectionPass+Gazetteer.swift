extension DetectionPass {
    // MARK: - Pass 1: gazetteer

    mutating func matchGazetteer() {
        var path: [Int] = []
        path.reserveCapacity(16)
        for sentence in sentences.indices {
            let end = sentenceTokens[sentence].upperBound
            var position = sentenceTokens[sentence].lowerBound
            while position < end {
                // Most tokens start no surface: test that here, before calling `match`.
                guard tokenIDs[position] >= 0, index.rootChildren[Int(tokenIDs[position])] >= 0,
                    let found = match(at: position, end: end, path: &path)
                else {
                    position += 1
                    continue
                }
                let pattern = index.patterns[found.pattern]
                if pattern.role == .demonym {
                    // `Kuwaiti officials`, `the Soviet delegation`: the group is the country's mention.
                    // A demonym alone (`Kuwaiti oil`) names no actor; one before a title and a name
                    // (`Saudi Oil Minister Anil Varga`) is left to discovery.
                    if let head = groupHead(after: found.last, end: end) {
                        position = addCollective(from: position, through: head, sentence: sentence, actors: pattern.actors)
                    } else {
                        position += 1
                    }
                    continue
                }
                if pattern.isPlaceName && isLocation(start: position, next: found.next, end: end) {
                    cover(position..<found.next)
                    position = found.next
                    continue
                }
                var start = position
                if pattern.role == .name && found.last == position && !isHeadline[sentence]
                    && pattern.actors.allSatisfy({ actors[$0].kind == .person }),
                    let previous = previousToken(before: position), isNameWord(previous), !flags[previous].contains(.titleWord)
                {
                    guard isKnownGivenName(previous, for: pattern.actors) else {
                        surnameCollisions.append(position)
                        position += 1
                        continue
                    }
                    // A variant spelling of the given name (`Wolodymyr`) belongs to the mention.
                    start = previous
                }
                if pattern.role == .title {
                    if let name = match(at: found.next, end: end, path: &path), index.patterns[name.pattern].role != .title {
                        let nameActors = index.patterns[name.pattern].actors
                        let holders = nameActors.filter(pattern.actors.contains)
                        // `Russian President Vladimir Putin` is one mention; a title before someone
                        // else's name only describes that person.
                        let start = holders.isEmpty ? ranges[found.next].lowerBound : ranges[position].lowerBound
                        pending.append(
                            Pending(
                                sentence: sentence, range: start..<ranges[name.last].upperBound,
                                firstToken: holders.isEmpty ? found.next : position,
                                candidates: holders.isEmpty ? nameActors : holders, resolution: .name))
                        cover(position..<name.next)
                        position = name.next
                        continue
                    }
                    if !isHeadline[sentence] && found.next < end && isNameWord(found.next) {
                        titleFollowers.append(found.next)
                        cover(position..<found.next)
                        position = found.next
                        continue
                    }
                }
                // `EU officials`, `OPEC members`: one mention of the organisation, as a group.
                if pattern.role != .title, pattern.actors.allSatisfy({ actors[$0].kind != .person }),
                    let head = groupHead(after: found.last, end: end)
                {
                    position = addCollective(from: start, through: head, sentence: sentence, actors: pattern.actors)
                    continue
                }
                if pattern.role != .title, pattern.actors.allSatisfy({ actors[$0].kind != .person && actors[$0].kind != .group }),
                    isModifier(next: found.next, end: end) || isDateline(start: start, next: found.next, sentence: sentence)
                {
                    cover(start..<found.next)
                    position = found.next
                    continue
                }
                let range = ranges[start].lowerBound..<ranges[found.last].upperBound
                pending.append(
                    Pending(
                        sentence: sentence, range: range, firstToken: start, candidates: pattern.actors,
                        resolution: pattern.role == .title ? .title : .name))
                cover(start..<found.next)
                position = found.next
            }
        }
    }

    /// Whether the name word at `position`, before a known surname, can be a spelling of
    /// one of the actors' given names: the first three letters agree once accents are
    /// removed (`Volodymir` for Zelensky can; `Andy` for Kamala Harris cannot). An actor
    /// with no multi-word alias gives nothing to compare, so any given name is accepted.
    func isKnownGivenName(_ position: Int, for candidates: [Int]) -> Bool {
        let prefix = ActorPatternIndex.givenNamePrefix(text(position))
        return candidates.contains { index.givenNamePrefixes[$0].isEmpty || index.givenNamePrefixes[$0].contains(prefix) }
    }

    /// The longest gazetteer surface starting at token `start`, walking the trie.
    func match(at start: Int, end: Int, path: inout [Int]) -> Match? {
        guard start < end, !covered[start], tokenIDs[start] >= 0 else { return nil }
        var node = Int(index.rootChildren[Int(tokenIDs[start])])
        guard node >= 0 else { return nil }
        path.removeAll(keepingCapacity: true)
        var position = start
        var best: Match? = nil
        while true {
            path.append(position)
            for slot in index.nodePatternStart[node]..<index.nodePatternStart[node + 1] {
                let candidate = index.nodePatterns[slot]
                if caseMatches(path, pattern: candidate) {
                    best = Match(pattern: candidate, last: position, next: next[position])
                    break
                }
            }
            position = next[position]
            guard position < end, !covered[position], tokenIDs[position] >= 0,
                let child = index.child(of: node, id: tokenIDs[position])
            else { break }
            node = child
        }
        return best
    }

    /// Whether the tokens at `path` have the capitalisation pattern `pattern` requires.
    @inline(__always)
    func caseMatches(_ path: [Int], pattern: Int) -> Bool {
        let start = index.caseRuleStart[pattern]
        if start < 0 || isAllCaps[sentenceOf[path[0]]] { return true }
        for offset in path.indices {
            let rule = index.caseRules[start + offset]
            if rule == .any { continue }
            let actual = ActorPatternIndex.caseRule(of: scalars, ranges[path[offset]])
            if !ActorPatternIndex.satisfies(actual, rule) { return false }
        }
        return true
    }

    /// Whether a place-name match starting at token `start` is used as a location
    /// (`travel to Moscow`), not as the government it can stand for.
    func isLocation(start: Int, next following: Int, end: Int) -> Bool {
        if following < end && kinds[following] == .possessive { return false }
        guard let previous = previousToken(before: start), flags[previous].contains(.locative)
        else { return false }
        if text(previous) == "from", let noun = previousToken(before: previous),
            flags[noun].contains(.affiliation)
        {
            return false
        }
        // `according to Moscow` attributes a statement; it does not send anyone there.
        if text(previous) == "to", let word = previousToken(before: previous), text(word) == "according" {
            return false
        }
        return true
    }

    /// The last whole token of the same sentence that ends before token `position` starts.
    func previousToken(before position: Int) -> Int? {
        let first = sentenceTokens[sentenceOf[position]].lowerBound
        let start = ranges[position].lowerBound
        var candidate = position - 1
        while candidate >= first {
            if !isPart[candidate] && ranges[candidate].upperBound <= start { return candidate }
            candidate -= 1
        }
        return nil
    }

    /// The text of token `position`, read from the caller's token lists.
    func text(_ position: Int) -> String {
        let sentence = sentenceOf[position]
        return tokenLists[sentence][position - sentenceTokens[sentence].lowerBound].text
    }

    mutating func cover(_ range: Range<Int>) {
        for position in range { covered[position] = true }
    }

    /// Records tokens `first ... head` as one collective mention of `actors` (`Kuwaiti officials`,
    /// `EU officials`) and returns the position after it.
    mutating func addCollective(from first: Int, through head: Int, sentence: Int, actors: [Int]) -> Int {
        pending.append(
            Pending(
                sentence: sentence, range: ranges[first].lowerBound..<ranges[head].upperBound, firstToken: first,
                candidates: actors, resolution: .collective))
        cover(first..<next[head])
        return next[head]
    }
}
