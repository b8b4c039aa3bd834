import XCTest

@testable import StanceFeatures

final class MentionDetectorTests: XCTestCase {
    private var detector: MentionDetector!

    override func setUpWithError() throws {
        detector = MentionDetector(gazetteer: try TextFixtures.gazetteer())
    }

    private func detect(_ text: String) -> [Mention] {
        detector.mentions(in: text, sentences: SentenceSplitter().split(text).sentences)
    }

    /// `surface -> actor (resolution)` lines: compact, and exact about what was found.
    private func summary(_ text: String) -> [String] {
        detect(text).map { "\($0.surface) -> \($0.actor) (\($0.resolution.rawValue))" }
    }

    func testEmptyAndWhitespaceOnlyTextHaveNoMentions() {
        XCTAssertEqual(detect(""), [])
        XCTAssertEqual(detect(" \n\n\t "), [])
    }

    func testTitleBeforeTheHoldersNameIsOneNameMention() {
        XCTAssertEqual(
            detect("Velorian President Ana Costa met Lund."),
            [
                Mention(
                    actor: "Ana Costa", kind: .person, range: 0..<28, sentence: 0, surface: "Velorian President Ana Costa",
                    resolution: .name),
                Mention(actor: "Marek Lund", kind: .person, range: 33..<37, sentence: 0, surface: "Lund", resolution: .name),
            ])
    }

    func testTitleBeforeSomeoneElsesNameOnlyCountsTheName() {
        XCTAssertEqual(summary("Velorian President Marek Lund spoke."), ["Marek Lund -> Marek Lund (name)"])
    }

    func testNamesAreCaseSensitiveAndTitlesAreNot() {
        XCTAssertEqual(
            summary("They costa little, said the VELORIAN PRESIDENT."),
            ["the VELORIAN PRESIDENT -> Ana Costa (title)"])
        XCTAssertEqual(summary("The NP met; np is not an acronym here."), ["NP -> Northern Pact (name)"])
    }

    func testLowerCaseGroupAliasesMatchInAnyCase() {
        XCTAssertEqual(
            summary("The union walked out. Officials and union leaders argued."),
            [
                "The union -> union (name)", "Officials -> officials (name)", "union leaders -> union (name)",
            ])
    }

    func testTitleAloneResolvesToItsHolder() {
        XCTAssertEqual(
            summary("Talks stalled. The Velorian president and Veloria\u{2019}s foreign minister left."),
            [
                "The Velorian president -> Ana Costa (title)", "Veloria\u{2019}s foreign minister -> Ivo Petrak (title)",
            ])
    }

    func testSharedTitleGoesToTheMostRecentlyMentionedHolder() {
        XCTAssertEqual(detect("Lund called Costa. Later the president hung up.").last?.actor, "Ana Costa")
        XCTAssertEqual(detect("Costa called Lund. Later the president hung up.").last?.actor, "Marek Lund")
        // With neither mentioned yet, the earlier gazetteer entry wins.
        XCTAssertEqual(detect("The president hung up.").first?.actor, "Ana Costa")
    }

    func testMetonymAfterLocativePrepositionIsALocation() {
        XCTAssertEqual(
            summary("The Citadel refused. Petrak flew to Velgrad and stayed in the Citadel."),
            [
                "The Citadel -> Velorian government (name)", "Petrak -> Ivo Petrak (name)",
            ])
    }

    func testMetonymStaysAnActorAfterFromWithAPeopleNounOrBeforeAPossessive() {
        XCTAssertEqual(
            summary("Officials from Velgrad objected. In Velgrad's view, the deal failed."),
            [
                "Officials -> officials (name)", "Velgrad -> Velorian government (name)", "Velgrad -> Velorian government (name)",
            ])
    }

    func testCountryAfterInIsALocationButOtherwiseAnActor() {
        XCTAssertEqual(summary("Troops stayed in Ostria. Ostria protested."), ["Ostria -> Ostria (name)"])
    }

    func testPronounsResolveWithinAndAcrossParagraphs() {
        // A pronoun opening a new paragraph refers back to the subject before it, as wire
        // copy's one-sentence paragraphs ("He said …") do.
        let text = "Costa met Lund. He said she was firm, and his aide agreed.\n\nHe left early."
        XCTAssertEqual(
            summary(text),
            [
                "Costa -> Ana Costa (name)", "Lund -> Marek Lund (name)", "He -> Marek Lund (pronoun)",
                "she -> Ana Costa (pronoun)", "his -> Marek Lund (pronoun)", "He -> Marek Lund (pronoun)",
            ])
    }

    func testPronounSkipsAPrepositionalObjectForTheSubject() {
        // Both men are compatible; Petrak is only the object of "of", so "he" is Lund.
        XCTAssertEqual(detect("Lund's view of Petrak hardened after he spoke.").last?.actor, "Marek Lund")
        XCTAssertEqual(detect("Lund met Petrak before he spoke.").last?.actor, "Ivo Petrak")
    }

    func testDiscoveredSpeakerAfterSpeechVerbAndLaterSurname() {
        let text = "\u{201C}We will not sign,\u{201D} said Tomas Varga, a senior negotiator. Varga later left. He smiled."
        XCTAssertEqual(
            detect(text),
            [
                Mention(actor: "Tomas Varga", kind: .person, range: 25..<36, sentence: 0, surface: "Tomas Varga", resolution: .discovered),
                Mention(actor: "Tomas Varga", kind: .person, range: 59..<64, sentence: 1, surface: "Varga", resolution: .discovered),
                Mention(actor: "Tomas Varga", kind: .person, range: 77..<79, sentence: 2, surface: "He", resolution: .pronoun),
            ])
    }

    func testDiscoveredFromAppositionAndFromNameBeforeSpeechVerb() {
        XCTAssertEqual(
            summary("Elena Rusu, a Velorian lawmaker, objected. Jonas van Berg said little."),
            [
                "Elena Rusu -> Elena Rusu (discovered)", "Jonas van Berg -> Jonas van Berg (discovered)",
            ])
    }

    func testTitleBeforeAnUnknownNameDiscoversThatPerson() {
        XCTAssertEqual(
            summary("Ostrian Prime Minister Karl Dorn arrived. Dorn spoke."),
            [
                "Karl Dorn -> Karl Dorn (discovered)", "Dorn -> Karl Dorn (discovered)",
            ])
    }

    func testUnknownOrganisationBeforeASpeechVerbIsDiscoveredAsAnOrganisation() {
        let mentions = detect("Talks dragged on. Halden Ferries said the strike hurt. Later Halden said more.")
        XCTAssertEqual(mentions.map(\.surface), ["Halden Ferries", "Halden"])
        XCTAssertEqual(mentions.map(\.actor), ["Halden Ferries", "Halden Ferries"])
        XCTAssertEqual(mentions.map(\.kind), [.organisation, .organisation])
        XCTAssertEqual(
            summary("The Harbour Pilots Authority said no."),
            [
                "Harbour Pilots Authority -> Harbour Pilots Authority (discovered)"
            ])
        XCTAssertEqual(detect("The Harbour Pilots Authority said no.").first?.kind, .government)
    }

    func testPlaceNamesBeforeASpeechVerbAreNotDiscovered() {
        XCTAssertEqual(
            summary("Ships near the Amber Sea said nothing, according to Velgrad."),
            [
                "Velgrad -> Velorian government (name)"
            ])
    }

    func testKnownSurnameAfterAnotherGivenNameIsADifferentPerson() {
        // The lone surname stays with the gazetteer's Petrak: the text cannot tell them apart.
        XCTAssertEqual(
            summary("Eva Petrak, a local councillor, disagreed with Petrak."),
            [
                "Eva Petrak -> Eva Petrak (discovered)", "Petrak -> Ivo Petrak (name)",
            ])
        // An accented variant of the known person's given name is still that person.
        XCTAssertEqual(summary("Iv\u{F3} Petrak arrived."), ["Iv\u{F3} Petrak -> Ivo Petrak (name)"])
    }

    func testHeadlinesKeepTitlesAndDoNotDiscoverPeople() {
        // In body text the capitalised words after the title would be taken for a new name.
        XCTAssertEqual(
            summary("Velorian President Hails Harbour Deal\nThe deal was signed."),
            ["Velorian President -> Ana Costa (title)"])
    }

    func testHyphenatedNamePairGivesBothActorsWithTheirOwnRanges() {
        XCTAssertEqual(
            detect("A Costa-Lund call."),
            [
                Mention(actor: "Ana Costa", kind: .person, range: 2..<7, sentence: 0, surface: "Costa", resolution: .name),
                Mention(actor: "Marek Lund", kind: .person, range: 8..<12, sentence: 0, surface: "Lund", resolution: .name),
            ])
    }

    func testPossessiveAndMisspellingAreMatched() {
        XCTAssertEqual(
            detect("Marek Lundt\u{2019}s aide spoke.").first,
            Mention(
                actor: "Marek Lund", kind: .person, range: 0..<11, sentence: 0, surface: "Marek Lundt",
                resolution: .name))
    }

    func testLongestMatchPrefersTheFullGroupName() {
        XCTAssertEqual(
            summary("The leaders of the Harbour states met; Harbour leaders agreed."),
            [
                "leaders of the Harbour states -> Harbour leaders (name)", "Harbour leaders -> Harbour leaders (name)",
            ])
    }

    func testMentionsOnlyComeFromKeptSentences() {
        let text = "Costa spoke.\nLund replied.\nCosta spoke."
        let split = SentenceSplitter().split(text)
        XCTAssertEqual(split.skippedDuplicateParagraphs, 1)
        XCTAssertEqual(detector.mentions(in: text, sentences: split.sentences).map(\.range), [0..<5, 13..<17])
    }

    func testPretokenizedEntryPointGivesTheSameMentions() {
        let text = "Costa met Lund. He said the Citadel agreed."
        let scalars = ScalarText.scalars(of: text)
        let sentences = SentenceSplitter().split(scalars).sentences
        let tokens = sentences.map { Tokenizer().tokenize(scalars, in: $0.range) }
        XCTAssertEqual(detector.mentions(in: scalars, sentences: sentences, tokens: tokens), detect(text))
    }

    func testSentencesFromAnotherTextDoNotCrash() {
        let sentences = SentenceSplitter().split("A much longer text about Costa and Lund meeting.").sentences
        XCTAssertEqual(detector.mentions(in: "Costa", sentences: sentences).map(\.actor), ["Ana Costa"])
    }

    func testRandomMessyTextKeepsEveryRangeValid() {
        // Deterministic pseudo-random text from pieces that stress every stage.
        let pieces = [
            "Costa", "Lund", "Halden Ferries", "Amber Sea", "Eva", "Petrak", "-", "\u{2019}s", " ", "\n", "\n\n", ".", "?\u{201D}",
            ",\u{201D}", "said", "U.S.",
            "he", "her", "the president", "\u{FFFD}", "\u{301}", "\u{1F600}", "\r\n", "Velgrad", "to", "Mr.",
            "Jan Novak", ", a senior negotiator", "\u{AD}", "3.5", "\u{2026}", "\u{2014}", "\"", "'", "e\u{301}",
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func nextIndex(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<300 {
            var text = ""
            for _ in 0..<nextIndex(60) { text += pieces[nextIndex(pieces.count)] + (nextIndex(3) == 0 ? "" : " ") }
            let scalars = ScalarText.scalars(of: text)
            let split = SentenceSplitter().split(scalars)
            var previousEnd = 0
            for sentence in split.sentences {
                XCTAssertLessThanOrEqual(previousEnd, sentence.range.lowerBound, text.debugDescription)
                XCTAssertFalse(sentence.range.isEmpty)
                XCTAssertEqual(ScalarText.string(scalars, sentence.range), sentence.text)
                previousEnd = sentence.range.upperBound
                for token in Tokenizer().tokenize(scalars, in: sentence.range) {
                    XCTAssertTrue(sentence.range.contains(token.range.lowerBound) && token.range.upperBound <= sentence.range.upperBound)
                    XCTAssertFalse(token.text.isEmpty, text.debugDescription)
                }
            }
            for mention in detector.mentions(in: scalars, sentences: split.sentences) {
                XCTAssertEqual(ScalarText.string(scalars, mention.range), mention.surface)
                let sentence = split.sentences[mention.sentence]
                XCTAssertTrue(
                    mention.range.lowerBound >= sentence.range.lowerBound && mention.range.upperBound <= sentence.range.upperBound)
            }
        }
    }

    /// A detector reuses its passes across texts: what one text found (discovered people,
    /// pronoun antecedents, covered tokens) must not reach the next, and a pass grown by a
    /// very long text is not kept.
    func testReusedPassesCarryNothingFromTheTextBefore() throws {
        let first = "Velorian President Ana Costa met Lund. Oil Minister Anil Varga said he would attend. She agreed."
        let second = "Anil Varga spoke. He said Costa was ready, and she said nothing."
        let fresh = MentionDetector(gazetteer: try TextFixtures.gazetteer())
        let expected = fresh.mentions(in: second, sentences: SentenceSplitter().split(second).sentences)
        _ = detect(first)
        XCTAssertEqual(detect(second), expected, "the same mentions as a detector that never saw the first text")
        _ = detect(first)
        _ = detect(second)
        XCTAssertEqual(detect(second), expected)

        let scratch = DetectionScratch()
        let gazetteer = try TextFixtures.gazetteer()
        let small = DetectionScratch.Slot(DetectionPass(scalars: [], patterns: gazetteer.patterns, actors: gazetteer.actors))
        scratch.give(small)
        XCTAssertTrue(scratch.take() === small, "an ordinary pass is kept")
        let long = String(repeating: "Costa met Lund. ", count: DetectionScratch.maximumKeptTokens / 4 + 10)
        let scalars = ScalarText.scalars(of: long)
        let tokenizer = Tokenizer()
        let large = DetectionScratch.Slot(DetectionPass(scalars: scalars, patterns: gazetteer.patterns, actors: gazetteer.actors))
        for sentence in SentenceSplitter().split(long).sentences {
            large.pass.addSentence(sentence, tokens: tokenizer.tokenize(scalars, in: sentence.range))
        }
        XCTAssertGreaterThan(large.pass.tokenCapacity, DetectionScratch.maximumKeptTokens)
        scratch.give(large)
        XCTAssertNil(scratch.take(), "a pass grown past the limit is dropped, not kept")
    }

    func testOrganisationReferenceTakesTheLatestOrganisationNamedSoAtEachPoint() {
        // The second `The consortium` comes after a search for the same word has already run:
        // it must still see the consortium named in between.
        XCTAssertEqual(
            summary(
                "Caldera Steel Consortium said it would return to talks. The consortium gave no date. "
                    + "Halden Ferries Consortium rejected the offer. The consortium said it would strike."),
            [
                "Caldera Steel Consortium -> Caldera Steel Consortium (discovered)", "it -> Caldera Steel Consortium (pronoun)",
                "The consortium -> Caldera Steel Consortium (title)",
                "Halden Ferries Consortium -> Halden Ferries Consortium (discovered)",
                "The consortium -> Halden Ferries Consortium (title)", "it -> Halden Ferries Consortium (pronoun)",
            ])
    }

    func testRoleWordSearchMatchesBytesAnywhereInTheName() {
        XCTAssertTrue(DetectionPass.bytes(of: "halden ferries consortium", contain: "consortium"))
        XCTAssertTrue(DetectionPass.bytes(of: "consortium", contain: "consortium"))
        XCTAssertTrue(DetectionPass.bytes(of: "société générale bank", contain: "bank"))
        XCTAssertTrue(DetectionPass.bytes(of: "x", contain: ""))
        XCTAssertFalse(DetectionPass.bytes(of: "consorti", contain: "consortium"))
        XCTAssertFalse(DetectionPass.bytes(of: "banking union", contain: "unions"))
        XCTAssertFalse(DetectionPass.bytes(of: "", contain: "bank"))
    }
}
