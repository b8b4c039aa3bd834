/// Word-cluster features (`cl:…`): the context words' clusters in place of the words.
///
/// Word features only carry cues seen in labeled data: "snubbed" means nothing to a model
/// that learned "rebuffed". Clusters learned from unlabeled news (`stance-clusters`: PPMI,
/// truncated SVD, k-means) give words used in similar contexts one id, so a weight learned
/// for one word carries to its neighbours. A word is looked up as written, then by its
/// light stem, so a map of stems and one of surface words both work.
///
/// Features, by `ActorContextOptions.wordClusterScopes`:
/// - `segment`: `cl:seg:cN`, clusters of the mention's segment (see `+Relative`);
/// - `left`: `cl:left:cN`, clusters of its left segment;
/// - `window`: `cl:L1:cN` … `cl:R5-8:cN`, by side and distance bucket as `ctx:`;
/// - `clause`: `cl:clause:cN`, clusters of the mention's clause.
/// Words in a negation scope give `not_cN`, as words give `not_w`.
extension ActorContextVectorizer {
    /// Adds the cluster features of the mention at item `targetPosition`.
    static func appendClusterFeatures<Sink: FeatureSink>(
        _ sentence: PreparedSentence, items: UnsafeBufferPointer<Item>, targetPosition: Int, targetFirst: Int, engine: FeatureEngine,
        into features: inout Sink
    ) {
        let clusters = engine.wordClusterIDs
        let scopes = engine.wordClusterScopeMask
        guard !clusters.isEmpty, scopes != 0 else { return }
        let tokens = sentence.tokens
        func cluster(_ item: Item) -> Int32 {
            guard item.role == 0 else { return -1 }
            let token = tokens[Int(item.token)]
            if token.raw >= 0 && Int(token.raw) < clusters.count && clusters[Int(token.raw)] >= 0 {
                return clusters[Int(token.raw)]
            }
            return token.stem >= 0 && Int(token.stem) < clusters.count ? clusters[Int(token.stem)] : -1
        }
        func add(_ item: Item, _ scope: Int) {
            let id = cluster(item)
            if id >= 0 { features.add(FeatureKey.make(FeatureKey.clusterWord, id, negated: item.negated, Int32(scope)), 1) }
        }
        let clause = tokens[targetFirst].clause
        if scopes & (WordClusterScope.segment.bit | WordClusterScope.left.bit) != 0 {
            let (leftStart, segmentEnd) = segmentBounds(
                items: items, tokens: tokens, targetPosition: targetPosition, clause: clause,
                length: max(0, engine.actorContext.segmentLength))
            if scopes & WordClusterScope.segment.bit != 0 && segmentEnd > targetPosition {
                for index in (targetPosition + 1)...segmentEnd { add(items[index], WordClusterScope.segmentCode) }
            }
            if scopes & WordClusterScope.left.bit != 0 && leftStart < targetPosition {
                for index in leftStart..<targetPosition { add(items[index], WordClusterScope.leftCode) }
            }
        }
        if scopes & WordClusterScope.window.bit != 0 && engine.windowSize > 0 {
            for distance in 1...engine.windowSize {
                let bucket = Int(engine.bucketOfDistance[distance])
                if targetPosition - distance >= 0 { add(items[targetPosition - distance], WordClusterScope.leftWindowBase + bucket) }
                if targetPosition + distance < items.count {
                    add(items[targetPosition + distance], WordClusterScope.rightWindowBase + bucket)
                }
            }
        }
        if scopes & WordClusterScope.clause.bit != 0 {
            for item in items where item.role == 0 {
                let token = tokens[Int(item.token)]
                if token.clause == clause && !token.flags.contains(.clauseBoundary) { add(item, WordClusterScope.clauseCode) }
            }
        }
    }
}

/// Where cluster features are taken; the raw values are the configuration's names.
package enum WordClusterScope: String, CaseIterable, Sendable {
    case segment, left, window, clause

    /// The scope's bit in `FeatureEngine.wordClusterScopeMask`.
    var bit: UInt8 { UInt8(1) << UInt8(WordClusterScope.allCases.firstIndex(of: self) ?? 0) }

    /// Scope codes in a key's second field: the segments and the clause, then the window
    /// slots by side and bucket (as `ctx:` features).
    static let segmentCode = 0, leftCode = 1, clauseCode = 2, leftWindowBase = 16, rightWindowBase = 32

    /// The mask of the scopes named in `options` (unknown names were refused on decoding).
    static func mask(_ options: ActorContextOptions) -> UInt8 {
        guard options.enabled && options.wordClusters else { return 0 }
        return options.wordClusterScopes.reduce(0) { $0 | (WordClusterScope(rawValue: $1)?.bit ?? 0) }
    }
}

extension FeatureKey {
    /// A context word's cluster `cl:…`: the first id is the cluster, the second the scope code.
    static let clusterWord: UInt8 = 10
}

extension FeatureEngine {
    /// Prefix of cluster ids in feature names: `cl:seg:c12`.
    static let clusterPrefix = "c"

    /// The words of the cluster map to intern when `configuration` uses it, sorted so ids
    /// do not depend on dictionary order.
    static func clusterWords(_ configuration: FeatureConfiguration, _ lexicons: Lexicons) -> [String] {
        WordClusterScope.mask(configuration.actorContext) == 0 ? [] : lexicons.wordClusters.keys.sorted()
    }

    /// Cluster id by word id (-1 for none); empty when the features are off.
    static func clusterTable(
        _ configuration: FeatureConfiguration, _ lexicons: Lexicons, words: TokenTable<WordEntry>, wordCount: Int
    ) -> [Int32] {
        guard WordClusterScope.mask(configuration.actorContext) != 0, !lexicons.wordClusters.isEmpty else { return [] }
        var table = [Int32](repeating: -1, count: wordCount)
        for (word, cluster) in lexicons.wordClusters where (0...WordClusters.maximumClusterID).contains(cluster) {
            if let entry = words.value(for: word), entry.id >= 0, Int(entry.id) < wordCount { table[Int(entry.id)] = Int32(cluster) }
        }
        return table
    }

    /// The readable name of a cluster key: `cl:seg:c12`, `cl:L3-4:not_c7`.
    func clusterName(_ key: UInt64) -> String {
        let id =
            (FeatureKey.flags(key) & 1 != 0 ? FeatureKey.negationPrefix : "") + Self.clusterPrefix
            + String(FeatureKey.first(key))
        let code = Int(FeatureKey.second(key))
        switch code {
        case WordClusterScope.segmentCode: return "cl:seg:" + id
        case WordClusterScope.leftCode: return "cl:left:" + id
        case WordClusterScope.clauseCode: return "cl:clause:" + id
        default:
            let side = code >= WordClusterScope.rightWindowBase ? "R" : "L"
            let bucket = code % 16
            return "cl:" + side + (bucket < bucketLabels.count ? bucketLabels[bucket] : "?") + ":" + id
        }
    }

    /// The key of a cluster feature name; nil when it is not one.
    static func parseCluster(_ name: String, labels: [String: Int]) -> UInt64? {
        let parts = name.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "cl" else { return nil }
        var idText = parts[2]
        let negated = idText.hasPrefix(FeatureKey.negationPrefix)
        if negated { idText = idText.dropFirst(FeatureKey.negationPrefix.count) }
        guard idText.hasPrefix(clusterPrefix), let id = Int32(idText.dropFirst(clusterPrefix.count)),
            (0...Int32(WordClusters.maximumClusterID)).contains(id)
        else { return nil }
        let code: Int
        switch parts[1] {
        case "seg": code = WordClusterScope.segmentCode
        case "left": code = WordClusterScope.leftCode
        case "clause": code = WordClusterScope.clauseCode
        default:
            guard let side = parts[1].first, side == "L" || side == "R", let bucket = labels[String(parts[1].dropFirst())]
            else { return nil }
            code = (side == "L" ? WordClusterScope.leftWindowBase : WordClusterScope.rightWindowBase) + bucket
        }
        return FeatureKey.make(FeatureKey.clusterWord, id, negated: negated, Int32(code))
    }
}
