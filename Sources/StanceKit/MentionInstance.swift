import StanceFeatures

/// One (sentence, actor mention) ready for the classifiers, with gold labels when known.
package struct MentionInstance: Sendable {
    /// Id of the document the mention is in.
    package var documentID: String
    /// Index of the sentence within the document.
    package var sentenceIndex: Int
    /// Code point offset of the sentence in the document text.
    package var sentenceStart: Int
    /// Code point offset of the sentence's end in the document text (exclusive).
    package var sentenceEnd: Int
    /// Canonical actor name (the surface form when the input names none).
    package var actor: String
    /// The mention as written.
    package var surface: String
    /// How the mention was found.
    package var resolution: MentionResolution
    /// The sentence and target span the featurizer reads.
    package var example: FeatureExample
    /// Gold stance (`none` for a labeled null), nil when unlabeled.
    package var goldStance: String?
    /// Gold sentiment, when labeled.
    package var goldSentiment: String?
    /// Source identifier of a given target (NewsMTSC `Input.gid`).
    package var sourceID: String?
}

/// A document cut into sentences and mention instances.
package struct ExtractedDocument: Sendable {
    /// The sentences, in order.
    package var sentences: [Sentence]
    /// The mention instances, in text order.
    package var instances: [MentionInstance]
    /// Paragraphs skipped as verbatim repeats.
    package var skippedDuplicateParagraphs: Int
    /// Given targets that fell in a skipped paragraph or across a sentence boundary.
    package var droppedTargets: Int
    /// The tokens of `sentences[i]` (document offsets), shared by detection and both models'
    /// features so each sentence is tokenized once; empty when windows were detected instead.
    package var tokens: [[Token]] = []
}

/// Turns documents into mention instances: text → sentences → mentions → examples.
///
/// For given targets (labeled data, NewsMTSC) the spans are used as given and the
/// gazetteer only supplies the *other* actors of each sentence; without targets,
/// every detected mention becomes an instance.
package struct InstanceExtractor: Sendable {
    let splitter = SentenceSplitter()
    let tokenizer = Tokenizer()
    let detector: MentionDetector

    /// The actors the extractor looks for.
    package var gazetteer: ActorGazetteer { detector.gazetteer }

    /// Creates an extractor that finds actors with `gazetteer`.
    package init(gazetteer: ActorGazetteer) { detector = MentionDetector(gazetteer: gazetteer) }

    /// Extracts the mention instances of one document.
    ///
    /// A given target that lies in no single sentence (it crosses a sentence end, or sits in a
    /// paragraph skipped as a verbatim repeat) is left out and counted in `droppedTargets`,
    /// as training and evaluation want; with `keepingEveryTarget` (prediction, where every
    /// given span must get its row) it is read in a window centred on it instead.
    package func extract(_ document: Document, keepingEveryTarget: Bool = false) -> ExtractedDocument {
        // Decode once and share the scalars with the splitter and the detector.
        let scalars = ScalarText.scalars(of: document.text)
        let sentences: [Sentence]
        var skipped = 0
        // A `text` with given targets may be a whole article with its mentions: split it like
        // any article when it holds more than one sentence (a window of text around each
        // target would mix neighbouring sentences into every feature).
        var split: SentenceSplit?
        var singleSentence = document.isSingleSentence
        if singleSentence && document.mayHoldSeveralSentences {
            let candidate = splitter.split(scalars)
            if candidate.sentences.count > 1 || candidate.skippedDuplicateParagraphs > 0 {
                singleSentence = false
                split = candidate
            }
        }
        // A given-target "sentence" longer than the cap is read in windows: actors are found
        // window by window and each target is classified in the window centred on it.
        var detectionSentences: [Sentence]
        let windowed = singleSentence && scalars.count > InputLimits.maximumSentenceLength
        if singleSentence {
            sentences = [Sentence(index: 0, paragraph: 0, range: 0..<scalars.count, text: document.text)]
            detectionSentences = sentences
            if windowed {
                InputLimits.notice(
                    .sentenceLength,
                    "a sentence of \(scalars.count) characters with given targets is read in windows of at most \(InputLimits.maximumSentenceLength) characters around each target (reported once)"
                )
                detectionSentences = splitter.windows(of: 0..<scalars.count, in: scalars).enumerated().map {
                    Sentence(index: $0.offset, paragraph: 0, range: $0.element, text: Self.text(scalars, $0.element))
                }
            }
        } else {
            let split = split ?? splitter.split(scalars)
            sentences = split.sentences
            detectionSentences = sentences
            skipped = split.skippedDuplicateParagraphs
        }
        // Each detection sentence is tokenized once, for the detector and (through `tokens`) the features.
        let detectionTokens = detectionSentences.map { tokenizer.tokenize(scalars, in: $0.range) }
        let detected = Self.capped(detector.mentions(in: scalars, sentences: detectionSentences, tokens: detectionTokens))
        // Mentions by sentence, so finding a mention's neighbours costs its sentence, not the document.
        var bySentence: [Int: [Range<Int>]] = [:]
        for mention in detected { bySentence[mention.sentence, default: []].append(mention.range) }
        var instances: [MentionInstance] = []
        var dropped = 0
        // A sentence's text is built once for all its mentions (mentions come in text order),
        // and a sentence that is the whole document is the document's own string.
        var cachedText: (range: Range<Int>, text: String)?
        func sentenceText(_ range: Range<Int>) -> String {
            if let cached = cachedText, cached.range == range { return cached.text }
            let text = range == 0..<scalars.count ? document.text : Self.text(scalars, range)
            cachedText = (range, text)
            return text
        }

        if let targets = document.targets {
            // A given span the detector found too takes the actor it resolved ("he" → the
            // person), so an actor's mentions in a sentence share one stance as in articles.
            // By range; a short list is searched instead of hashed into a dictionary per document
            // (a NewsMTSC line has a few mentions), the last mention of a range winning either way.
            var detectedActorTable: [Range<Int>: String] = [:]
            if detected.count > 16 && targets.contains(where: { $0.actor == nil }) {
                for mention in detected { detectedActorTable[mention.range] = mention.actor }
            }
            func detectedActor(_ range: Range<Int>) -> String? {
                if detected.count > 16 { return detectedActorTable[range] }
                return detected.last { $0.range == range }?.actor
            }
            let detectedInTextOrder = windowed ? detected.sorted { $0.range.lowerBound < $1.range.lowerBound } : []
            for target in targets {
                let sentence: Sentence
                let detectedOthers: [Range<Int>]
                if windowed {
                    let range = splitter.window(around: target.start..<target.end, in: scalars)
                    sentence = Sentence(index: 0, paragraph: 0, range: range, text: Self.text(scalars, range))
                    detectedOthers = Self.ranges(of: detectedInTextOrder, inside: range)
                } else if let s = Self.sentence(containing: target.start..<target.end, in: sentences) {
                    sentence = sentences[s]
                    detectedOthers = bySentence[sentence.index] ?? []
                } else if keepingEveryTarget {
                    // Numbered as the last sentence that starts before it, so output stays in order.
                    let range = splitter.window(around: target.start..<target.end, in: scalars)
                    let before = sentences.last { $0.range.lowerBound <= target.start }
                    sentence = Sentence(
                        index: before?.index ?? 0, paragraph: before?.paragraph ?? 0, range: range,
                        text: Self.text(scalars, range))
                    detectedOthers = Self.ranges(of: detected.sorted { $0.range.lowerBound < $1.range.lowerBound }, inside: range)
                } else {
                    dropped += 1
                    continue
                }
                let others =
                    targets.filter { $0 != target && sentence.range.contains($0.start) && $0.end <= sentence.range.upperBound }
                    .map { $0.start..<$0.end }
                    + detectedOthers
                let surface = Self.text(scalars, target.start..<target.end)
                instances.append(
                    makeInstance(
                        document, sentence: sentence, sentenceText: sentenceText(sentence.range),
                        target: target.start..<target.end, others: others,
                        actor: target.actor ?? detectedActor(target.start..<target.end) ?? surface, surface: surface, resolution: .given,
                        stance: target.stance, sentiment: target.sentiment, sourceID: target.sourceID))
            }
        } else {
            for mention in detected {
                guard mention.sentence < sentences.count else { continue }
                let sentence = sentences[mention.sentence]
                let others = (bySentence[mention.sentence] ?? []).filter { $0 != mention.range }
                instances.append(
                    makeInstance(
                        document, sentence: sentence, sentenceText: sentenceText(sentence.range),
                        target: mention.range, others: others, actor: mention.actor,
                        surface: mention.surface, resolution: mention.resolution,
                        stance: nil, sentiment: nil, sourceID: nil))
            }
        }
        return ExtractedDocument(
            sentences: sentences, instances: instances, skippedDuplicateParagraphs: skipped, droppedTargets: dropped,
            tokens: windowed ? [] : detectionTokens)
    }

    /// The index of the sentence (in text order) that holds all of `span`, by binary search: a
    /// long article may come with a thousand given targets.
    static func sentence(containing span: Range<Int>, in sentences: [Sentence]) -> Int? {
        var low = 0
        var high = sentences.count
        while low < high {
            let middle = (low + high) / 2
            if sentences[middle].range.upperBound <= span.lowerBound { low = middle + 1 } else { high = middle }
        }
        guard low < sentences.count, sentences[low].range.lowerBound <= span.lowerBound,
            span.upperBound <= sentences[low].range.upperBound
        else { return nil }
        return low
    }

    /// The ranges of `mentions` (in text order) that lie inside `window`, by binary search.
    static func ranges(of mentions: [Mention], inside window: Range<Int>) -> [Range<Int>] {
        var low = 0
        var high = mentions.count
        while low < high {
            let middle = (low + high) / 2
            if mentions[middle].range.lowerBound < window.lowerBound { low = middle + 1 } else { high = middle }
        }
        var result: [Range<Int>] = []
        while low < mentions.count && mentions[low].range.lowerBound < window.upperBound {
            if mentions[low].range.upperBound <= window.upperBound { result.append(mentions[low].range) }
            low += 1
        }
        return result
    }

    /// `mentions` with at most `InputLimits.maximumMentionsPerSentence` per sentence (the
    /// first ones in text order), reporting once when any are skipped.
    static func capped(_ mentions: [Mention]) -> [Mention] {
        let limit = InputLimits.maximumMentionsPerSentence
        guard mentions.count > limit else { return mentions }
        var perSentence: [Int: Int] = [:]
        var kept: [Mention] = []
        kept.reserveCapacity(mentions.count)
        var skipped = 0
        for mention in mentions {
            let seen = perSentence[mention.sentence, default: 0]
            if seen < limit {
                kept.append(mention)
                perSentence[mention.sentence] = seen + 1
            } else {
                skipped += 1
            }
        }
        if skipped > 0 {
            InputLimits.notice(
                .mentionsPerSentence,
                "a sentence has more than \(limit) actor mentions; only the first \(limit) of each sentence are classified (reported once)")
        }
        return kept
    }

    private func makeInstance(
        _ document: Document, sentence: Sentence, sentenceText: String, target: Range<Int>, others: [Range<Int>],
        actor: String, surface: String, resolution: MentionResolution,
        stance: String?, sentiment: String?, sourceID: String?
    ) -> MentionInstance {
        let base = sentence.range.lowerBound
        let local = (target.lowerBound - base)..<(target.upperBound - base)
        // Other actors that overlap the target would hide the target token; drop them.
        let otherLocal = others.filter { !$0.overlaps(target) }.map { ($0.lowerBound - base)..<($0.upperBound - base) }
        // First occurrences kept; a sentence usually has a few ranges, too few to pay for
        // hashing, but a given-target line may list thousands.
        var unique: [Range<Int>] = []
        unique.reserveCapacity(otherLocal.count)
        if otherLocal.count <= 16 {
            for range in otherLocal where !unique.contains(range) { unique.append(range) }
        } else {
            var seen = Set<Range<Int>>()
            unique = otherLocal.filter { seen.insert($0).inserted }
        }
        unique.sort { $0.lowerBound < $1.lowerBound }
        return MentionInstance(
            documentID: document.id, sentenceIndex: sentence.index, sentenceStart: base,
            sentenceEnd: sentence.range.upperBound, actor: actor,
            surface: surface, resolution: resolution,
            example: FeatureExample(sentence: sentenceText, target: local, otherActors: unique),
            goldStance: stance, goldSentiment: sentiment, sourceID: sourceID)
    }

    /// The text of a code point range.
    static func text(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> String {
        ScalarText.string(scalars, max(0, range.lowerBound)..<min(scalars.count, range.upperBound))
    }
}
