import Foundation
import XCTest

@testable import StanceFeatures

final class ActorContextVectorizerTests: XCTestCase {
    /// Context block only, with only the listed feature groups on.
    private func contextOnly(
        window: Bool = false, clause: Bool = false, quote: Bool = false, subject: Bool = false, lexicons: Bool = false,
        relative: Bool = false, _ change: (inout ActorContextOptions) -> Void = { _ in }
    ) -> FeatureConfiguration {
        FeatureFixtures.configuration {
            $0.bagOfWords.enabled = false
            $0.actorContext.window = window
            $0.actorContext.clause = clause
            $0.actorContext.quote = quote
            $0.actorContext.subject = subject
            $0.actorContext.lexicons = lexicons
            $0.actorContext.relative = relative
            change(&$0.actorContext)
        }
    }

    private func features(_ example: FeatureExample, _ configuration: FeatureConfiguration) -> [String: Double] {
        let featurizer = Featurizer.fit([example], configuration: configuration, lexicons: FeatureFixtures.lexicons)
        return FeatureFixtures.named(featurizer, featurizer.vector(for: example))
    }

    func testWindowReplacesNamesAndBucketsDistances() {
        let sentence = "Officials said Putin firmly rejected the offer from Zelensky on Monday."
        let example = FeatureFixtures.example(sentence, target: "Putin", others: ["Zelensky"])
        XCTAssertEqual(
            features(example, contextOnly(window: true)),
            [
                "ctx:L1:say": 1, "ctx:L2:official": 1,
                "ctx:R1:firmly": 1, "ctx:R2:reject": 1, "ctx:R3-4:the": 1, "ctx:R3-4:offer": 1,
                "ctx:R5-8:from": 1, "ctx:R5-8:<actor>": 1, "ctx:R5-8:on": 1, "ctx:R5-8:monday": 1,
            ])
    }

    func testMultiWordMentionsBecomeOneTokenAndWordsCanStayUnstemmed() {
        let sentence = "Russian President Vladimir Putin met Donald Trump, the US president."
        let example = FeatureFixtures.example(
            sentence, target: "Russian President Vladimir Putin", others: ["Donald Trump", "the US president"])
        XCTAssertEqual(
            features(example, contextOnly(window: true) { $0.stemWords = false }),
            [
                "ctx:R1:met": 1, "ctx:R2:<actor>": 1, "ctx:R3-4:<actor>": 1,
            ])
    }

    func testCustomBucketsNameTheirRanges() {
        let example = FeatureFixtures.example("Envoys say Hamas has accepted the outline.", target: "Hamas")
        XCTAssertEqual(
            features(example, contextOnly(window: true) { $0.distanceBuckets = [1, 3] }),
            [
                "ctx:L1:say": 1, "ctx:L2-3:envoy": 1, "ctx:R1:hav": 1, "ctx:R2-3:accept": 1, "ctx:R2-3:the": 1,
            ])
    }

    func testClauseStopsAtContrastWordsAndSemicolons() {
        let cases: [(String, String, Set<String>)] = [
            ("Kyiv agreed to talks but Moscow refused.", "Moscow", ["clause:refus"]),
            ("Kyiv agreed to talks but Moscow refused.", "Kyiv", ["clause:agr", "clause:to", "clause:talk"]),
            ("Moscow stalled while Kyiv waited.", "Kyiv", ["clause:wait"]),
            ("While Kyiv waited, Moscow signed.", "Moscow", ["clause:sign"]),
            ("Although Kyiv hesitated, Moscow signed.", "Moscow", ["clause:sign"]),
            ("Although Kyiv hesitated, Moscow signed.", "Kyiv", ["clause:hesitat"]),
            ("Moscow signed, whereas Kyiv balked.", "Kyiv", ["clause:balk"]),
            ("Moscow signed; Kyiv did not.", "Kyiv", ["clause:do", "clause:not"]),
        ]
        for (sentence, target, expected) in cases {
            let other = target == "Kyiv" ? "Moscow" : "Kyiv"
            let example = FeatureFixtures.example(sentence, target: target, others: [other])
            XCTAssertEqual(Set(features(example, contextOnly(clause: true)).keys), expected, "\(sentence) / \(target)")
        }
        // Negated clause words carry the mark; another actor is <actor>, never negated.
        let negated = FeatureFixtures.example("Hamas did not accept Israel's terms.", target: "Hamas", others: ["Israel"])
        XCTAssertEqual(
            Set(features(negated, contextOnly(clause: true)).keys),
            [
                "clause:do", "clause:not", "clause:not_accept", "clause:<actor>", "clause:not_'s",
                "clause:not_term",
            ])
    }

    func testQuoteSpeakerAfterACurlyQuote() {
        let sentence = "\u{201C}We will not sign this,\u{201D} Smith said after talks with Jones."
        let smith = FeatureFixtures.example(sentence, target: "Smith", others: ["Jones"])
        XCTAssertEqual(
            features(smith, contextOnly(quote: true)),
            [
                "quote:speaker": 1, "quote:w:we": 1, "quote:w:will": 1, "quote:w:not": 1, "quote:w:not_sign": 1,
                "quote:w:not_this": 1,
            ])
        let jones = FeatureFixtures.example(sentence, target: "Jones", others: ["Smith"])
        XCTAssertEqual(features(jones, contextOnly(quote: true)), [:])
    }

    func testQuoteSpeakerWithStraightQuotesAndInvertedAttribution() {
        let sentence = "\"We are ready,\" said Jones, \"but not at any price.\""
        let jones = FeatureFixtures.example(sentence, target: "Jones")
        let names = features(jones, contextOnly(quote: true))
        XCTAssertEqual(names["quote:speaker"], 1)
        // Both halves of the quote are Jones's.
        XCTAssertEqual(
            Set(names.keys.filter { $0.hasPrefix("quote:w:") }),
            [
                "quote:w:we", "quote:w:be", "quote:w:ready", "quote:w:but", "quote:w:not", "quote:w:not_at",
                "quote:w:not_any", "quote:w:not_pric",
            ])
    }

    func testQuoteSpeakerBeforeTheQuote() {
        let sentence = "Smith told reporters: \u{201C}The offer is fair.\u{201D}"
        let names = features(FeatureFixtures.example(sentence, target: "Smith"), contextOnly(quote: true))
        XCTAssertEqual(
            names,
            [
                "quote:speaker": 1, "quote:w:the": 1, "quote:w:offer": 1, "quote:w:be": 1,
                "quote:w:fair": 1,
            ])
        let colon = "Smith: \u{2018}No deal without guarantees\u{2019}"
        let headline = features(FeatureFixtures.example(colon, target: "Smith"), contextOnly(quote: true))
        XCTAssertEqual(headline["quote:speaker"], 1)
        XCTAssertEqual(headline["quote:w:not_guarant"], 1)
    }

    func testScareQuotesAndDistantSpeechVerbsHaveNoSpeaker() {
        let scare = "Smith called the talks \"tough\" and suggested that Jones would decide."
        let jones = FeatureFixtures.example(scare, target: "Jones", others: ["Smith"])
        XCTAssertEqual(features(jones, contextOnly(quote: true)), [:])
        // A quote running into the sentence ("…" is a phrase, not speech) has no attribution after it.
        let phrase = "Smith described \"a very difficult situation\" in talks that Jones said would resume."
        let speaker = FeatureFixtures.example(phrase, target: "Jones", others: ["Smith"])
        XCTAssertEqual(features(speaker, contextOnly(quote: true)), [:])
    }

    func testPronounSpeakerAndMentionsInsideQuotes() {
        let sentence = "\u{201C}Smith cannot be trusted,\u{201D} he told Jones."
        let smith = FeatureFixtures.example(sentence, target: "Smith", others: ["Jones"])
        XCTAssertEqual(features(smith, contextOnly(quote: true)), ["quote:inside": 1])
        let jones = FeatureFixtures.example(sentence, target: "Jones", others: ["Smith"])
        XCTAssertEqual(features(jones, contextOnly(quote: true)), [:])
    }

    func testSubjectApproximation() {
        let cases: [(String, String, [String], Bool)] = [
            ("Putin rejected the plan.", "Putin", [], true),
            ("Trump met Putin in Alaska.", "Putin", ["Trump"], false),
            ("Trump met Putin in Alaska.", "Trump", ["Putin"], true),
            ("Talks with Hamas stalled on Monday.", "Hamas", [], false),
            ("The plan was rejected by Kyiv.", "Kyiv", [], false),
            ("Kyiv, in a statement on Friday, said it would attend.", "Kyiv", [], true),
            ("As talks resumed, Hamas said it was ready.", "Hamas", [], true),
            ("Putin and Xi signed the accord.", "Xi", ["Putin"], true),
            ("The proposed deal angered Hamas.", "Hamas", [], false),
            ("\u{201C}We are close,\u{201D} Smith said.", "Smith", [], true),
            ("Hamas negotiators in Cairo.", "Hamas", [], false),
        ]
        for (sentence, target, others, expected) in cases {
            let example = FeatureFixtures.example(sentence, target: target, others: others)
            XCTAssertEqual(features(example, contextOnly(subject: true))["subj"] == 1, expected, "\(sentence) / \(target)")
        }
    }

    func testLexiconCountsByScopeWithMultiwordPhrasesAndNegation() {
        let sentence = "The union did not rule out a strike but played down hopes; the board condemned it."
        let union = FeatureFixtures.example(sentence, target: "union", others: ["board"])
        // "did not rule out" is a negated hardline phrase: an open cue. "strike" is four words
        // after "not", beyond the default reach of 3, so it stays hardline.
        XCTAssertEqual(
            features(union, contextOnly(lexicons: true)),
            [
                "lex:open": 1, "lex:hardline": 1, "lex:skeptical": 1, "lex:negative": 1,
                "lex:clause:open": 1, "lex:clause:hardline": 1,
                "lex:window:open": 1, "lex:window:hardline": 1, "lex:window:skeptical": 1,
                "lex:subj:open": 1, "lex:subj:hardline": 1,
            ])
        // Without flipping the negated phrase counts as what it says.
        let unflipped = features(union, contextOnly(lexicons: true) { $0.lexiconNegationReach = 0 })
        XCTAssertEqual(unflipped["lex:hardline"], 2)
        XCTAssertNil(unflipped["lex:open"])
    }

    func testLongestLexiconMatchWinsAndCountsRepeat() {
        let sentence = "Ministers ruled out a deal, rejected talks and rejected sanctions."
        let names = features(FeatureFixtures.example(sentence, target: "Ministers"), contextOnly(lexicons: true))
        // "ruled out a deal" (open) beats "ruled out" (hardline) at the same start.
        XCTAssertEqual(names["lex:open"], 1)
        XCTAssertEqual(names["lex:hardline"], 2)
    }

    func testQuotedLexiconHitsCountForTheSpeaker() {
        let sentence = "\u{201C}It remains to be seen,\u{201D} Smith said of the plan Jones praised."
        let smith = FeatureFixtures.example(sentence, target: "Smith", others: ["Jones"])
        let names = features(smith, contextOnly(quote: true, lexicons: true))
        XCTAssertEqual(names["lex:quote:skeptical"], 1)
        XCTAssertEqual(names["lex:positive"], 1)
        XCTAssertNil(names["lex:quote:positive"])
    }

    func testHitsOnTheMentionItselfAreNotCounted() {
        let sentence = "Strike leaders met the board."
        let names = features(FeatureFixtures.example(sentence, target: "Strike leaders"), contextOnly(lexicons: true))
        XCTAssertNil(names["lex:hardline"])
    }

    func testSwitchedOffGroupsYieldNoFeatures() {
        let sentence = "\u{201C}No deal this year,\u{201D} Putin said, but Zelensky rejected the idea."
        let example = FeatureFixtures.example(sentence, target: "Putin", others: ["Zelensky"])
        let all = FeatureFixtures.configuration()
        let featurizer = Featurizer.fit([example], configuration: all, lexicons: FeatureFixtures.lexicons)
        let prefixes = ["bow:", "ctx:", "clause:", "quote:", "subj", "lex:", "rel:"]
        let everything = FeatureFixtures.names(featurizer, featurizer.vector(for: example), prefixes: prefixes)
        for prefix in prefixes {
            XCTAssertTrue(everything.contains { $0.hasPrefix(prefix) }, prefix)
        }
        let switches: [(String, (inout FeatureConfiguration) -> Void)] = [
            ("ctx:", { $0.actorContext.window = false }),
            ("clause:", { $0.actorContext.clause = false }),
            ("quote:", { $0.actorContext.quote = false }),
            ("subj", { $0.actorContext.subject = false }),
            ("lex:", { $0.actorContext.lexicons = false }),
            ("rel:", { $0.actorContext.relative = false }),
            ("bow:", { $0.bagOfWords.enabled = false }),
        ]
        for (prefix, change) in switches {
            let configuration = FeatureFixtures.configuration(change)
            let partial = Featurizer.fit([example], configuration: configuration, lexicons: FeatureFixtures.lexicons)
            let names = FeatureFixtures.names(partial, partial.vector(for: example), prefixes: prefixes)
            XCTAssertFalse(names.contains { $0.hasPrefix(prefix) }, prefix)
            XCTAssertFalse(partial.vocabulary.terms.contains { $0.hasPrefix(prefix) }, prefix)
            XCTAssertEqual(names, everything.filter { !$0.hasPrefix(prefix) }, prefix)
        }
        let noContext = Featurizer.fit(
            [example],
            configuration: FeatureFixtures.configuration {
                $0.actorContext.enabled = false
            }, lexicons: FeatureFixtures.lexicons)
        XCTAssertTrue(noContext.vocabulary.terms.allSatisfy { $0.hasPrefix("bow:") })
    }

    func testSegmentStopsAtTheNextActorSoReportedCuesStayWithTheirActor() {
        let sentence = "Smith said Jones rejected the offer."
        let smith = FeatureFixtures.example(sentence, target: "Smith", others: ["Jones"])
        XCTAssertEqual(
            features(smith, contextOnly(lexicons: true, relative: true)).filter { $0.key.hasPrefix("rel:") },
            [
                "rel:w:say": 1, "rel:says": 1, "rel:first": 1, "rel:lex:rest:hardline": 1,
            ])
        let jones = FeatureFixtures.example(sentence, target: "Jones", others: ["Smith"])
        XCTAssertEqual(
            features(jones, contextOnly(lexicons: true, relative: true)).filter { $0.key.hasPrefix("rel:") },
            [
                "rel:w:reject": 1, "rel:w:the": 1, "rel:w:offer": 1, "rel:lex:seg:hardline": 1,
            ])
    }

    func testMixedCuesConditionsAndObjectCues() {
        let mixed = FeatureFixtures.example("The union agreed to talks and rejected the deadline.", target: "union")
        let names = features(mixed, contextOnly(lexicons: true, relative: true))
        XCTAssertEqual(names["rel:mixed"], 1)
        XCTAssertEqual(names["rel:lex:seg:open"], 1)
        XCTAssertEqual(names["rel:lex:seg:hardline"], 1)
        let conditional = FeatureFixtures.example("Kyiv will talk only if troops leave.", target: "Kyiv")
        XCTAssertEqual(features(conditional, contextOnly(relative: true))["rel:cond"], 1)
        let plain = FeatureFixtures.example("Kyiv will talk if troops leave.", target: "Kyiv")
        XCTAssertNil(features(plain, contextOnly(relative: true))["rel:cond"])
        let object = FeatureFixtures.example("Critics condemned the board.", target: "board")
        XCTAssertEqual(features(object, contextOnly(lexicons: true, relative: true))["rel:lex:obj:negative"], 1)
        let pronoun = FeatureFixtures.example("Yesterday he agreed.", target: "he")
        let pronounNames = features(pronoun, contextOnly(subject: true, relative: true))
        XCTAssertEqual(pronounNames["rel:pron"], 1)
        XCTAssertEqual(pronounNames["rel:pron:subj"], 1)
    }
}
