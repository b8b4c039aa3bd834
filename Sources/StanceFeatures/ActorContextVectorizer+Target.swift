/// The mention's own words (`tgt:w`): "he", "trump", "the", "president".
///
/// Every other block replaces the mention by `<target>`, so a weight learned in one
/// dispute carries to every name. How an outlet portrays an actor also depends on who the
/// actor is and how it is named (a pronoun continues a sentence about someone already
/// introduced; a bare surname reads differently from a full title); this block lets the
/// model learn that prior. Words are lower-cased and not stemmed.
extension ActorContextVectorizer {
    /// Adds `tgt:w` for each distinct known word of the mention.
    static func appendTargetWords<Sink: FeatureSink>(
        _ sentence: PreparedSentence, targetFirst: Int, targetLast: Int, into features: inout Sink
    ) {
        guard targetFirst >= 0, targetLast >= targetFirst else { return }
        var seen: [Int32] = []
        for index in targetFirst...targetLast {
            let token = sentence.tokens[index]
            if token.isPunctuation || token.raw < 0 || seen.contains(token.raw) { continue }
            seen.append(token.raw)
            features.add(FeatureKey.make(FeatureKey.targetWord, token.raw, negated: false), 1)
        }
    }
}

extension FeatureKey {
    /// A word of the mention itself `tgt:w`.
    static let targetWord: UInt8 = 9
}
