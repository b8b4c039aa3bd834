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
          && !ScalarClass.isUppercase(scalars[ranges[position].lowerBound]) {
          if let run = nameRun(forwardFrom: next[position], skipTitles: true), wordCount(run) >= 2 { runs.append((run, nil)) }
          // `Pompeo told`: one word suffices mid-sentence, where a capital marks a name.
          if let run = nameRun(backwardFrom: position - 1), wordCount(run) >= 2 || run.lowerBound > first {
            runs.append((run, nil))
          }
        } else if kinds[position] == .punctuation && scalars[ranges[position].lowerBound] == ","
          && isRoleApposition(after: position) {
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
    var run = candidate
    var kind = ActorKind.person
    switch classify(candidate) {
    case .person: break
    case .place: return
    case let .organisation(extended, organisationKind):
      guard !extended.contains(where: { covered[$0] }) else { return }
      run = extended
      kind = organisationKind
    }
    let identity = registerDiscovered(run, kind: kind)
    if let role, kind == .person { discovered[identity].roles.insert(role) }
    let range = ranges[run.lowerBound].lowerBound..<ranges[run.upperBound - 1].upperBound
    pending.append(Pending(
      sentence: sentenceOf[run.lowerBound], range: range, firstToken: run.lowerBound, discovered: identity,
      resolution: .discovered))
    cover(run)
  }

  /// The name a role noun introduces: `Minister Hisham Nazer`, `Secretary of State George
  /// Shultz`, `advisor John Bolton`, `the current president, Alexander Lukashenko`.
  func roleLedName(after role: Int) -> Range<Int>? {
    let end = sentenceTokens[sentenceOf[role]].upperBound
    var position = next[role]
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
      for position in sentenceTokens[sentence] where !covered[position] && text(position) == "the" {
        var head = next[position]
        var modifiers = 0
        while head < end && modifiers < 2 && !covered[head] && kinds[head] == .word
          && !flags[head].contains(.roleHead) && !flags[head].contains(.headlineFunction) {
          head = next[head]
          modifiers += 1
        }
        guard head < end, !covered[head], kinds[head] == .word, flags[head].contains(.roleHead) else { continue }
        let after = next[head]
        // `the minister Ana Costa` and `the minister's` are handled elsewhere or fine;
        // a name right after makes this a title of that name, not a reference back.
        if after < end && isNameWord(after) { continue }
        pending.append(Pending(
          sentence: sentence, range: ranges[position].lowerBound..<ranges[head].upperBound, firstToken: position,
          resolution: .title, role: text(head)))
        cover(position..<after)
      }
    }
  }
}
