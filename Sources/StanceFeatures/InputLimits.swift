import Foundation

/// Hard caps that keep time linear and memory bounded in the size of the input, and the
/// channel through which the pipeline reports that one was applied.
///
/// Each cap is far above what news text needs; it exists so that pathological input (a
/// 100 MB article without a full stop, a sentence listing 20,000 names) costs time in
/// proportion to its size instead of running for hours or exhausting memory.
package enum InputLimits {
    /// Longest sentence, in Unicode scalars (1,000). Longer runs without a sentence end are
    /// cut into windows of at most this length at a space. The longest sentence of the
    /// labeled corpus has under 600 scalars; a quotation kept with its attribution may reach
    /// about 800.
    package static let maximumSentenceLength = 1_000

    /// Most actor mentions classified per sentence (100); later mentions of the sentence are
    /// skipped. Every mention's features look at every other mention of its sentence, so
    /// the cost of a sentence grows with the square of this number.
    package static let maximumMentionsPerSentence = 100

    /// Most given targets on one JSONL line (1,000); a line with more is refused. NewsMTSC
    /// lines have one to three.
    package static let maximumTargetsPerLine = 1_000

    /// A kind of limit, reported at most once per process.
    package enum Kind: String, Sendable, CaseIterable {
        case sentenceLength, mentionsPerSentence, summaryActors
    }

    private final class State: @unchecked Sendable {
        let lock = NSLock()
        var reported = Set<Kind>()
        var handler: (@Sendable (String) -> Void)?
    }
    private static let state = State()

    /// Sets the function that receives notices (the command-line tools print them on
    /// stderr); without one, notices are dropped. Also forgets which kinds were reported.
    package static func setNoticeHandler(_ handler: (@Sendable (String) -> Void)?) {
        state.lock.lock()
        defer { state.lock.unlock() }
        state.handler = handler
        state.reported = []
    }

    /// Passes `message` to the handler the first time a limit of `kind` is applied.
    package static func notice(_ kind: Kind, _ message: @autoclosure () -> String) {
        state.lock.lock()
        let first = state.reported.insert(kind).inserted
        let handler = state.handler
        state.lock.unlock()
        if first, let handler { handler(message()) }
    }
}
