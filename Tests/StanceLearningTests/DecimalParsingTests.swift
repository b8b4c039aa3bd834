import Foundation
import XCTest

@testable import StanceLearning

/// The Eisel–Lemire conversion must give `strtod`'s bits whenever it answers, and the number
/// reader built on it must give `Double(String)`'s bits for every text it accepts.
final class DecimalParsingTests: XCTestCase {
    /// `Double(String)` (the standard library's correctly rounded reader) of `text`.
    private func reference(_ text: String) throws -> Double { try XCTUnwrap(Double(text), text) }

    /// Random doubles of every exponent (subnormals included) in their shortest form, with
    /// 17 digits and with fewer digits than they need: read through the model-file scanner,
    /// every one equals `Double(String)` of the same text bit for bit.
    func testScannedNumbersEqualTheStandardLibraryBitForBit() throws {
        var generator = SeededGenerator(seed: 29)
        var texts: [String] = []
        for _ in 0..<100_000 {
            let value = Double(bitPattern: generator.next() % 0x7FF0_0000_0000_0000 | generator.next() & (1 << 63))
            texts.append("\(value)")
            texts.append(String(format: "%.17g", value))
            texts.append(String(format: "%.\(1 + Int(generator.next() % 16))e", value))
        }
        for _ in 0..<100_000 {
            // Model-weight magnitudes, where nearly all of a real model's numbers are.
            let value = Double.random(in: -1...1, using: &generator) * pow(10, Double.random(in: -12...3, using: &generator))
            texts.append("\(value)")
        }
        texts += Self.hardCases
        let json = Data(("{\"weights\":[" + texts.joined(separator: ",") + "]}").utf8)
        let bulk = try XCTUnwrap(BulkJSONArrays(scanning: json, keys: ["weights"]))
        guard case .numbers(let parsed, _)? = bulk.take("weights") else { return XCTFail("weights were not cut out") }
        XCTAssertEqual(parsed.count, texts.count)
        var mismatches = 0
        for (text, got) in zip(texts, parsed) where try reference(text).bitPattern != got.bitPattern {
            mismatches += 1
            if mismatches <= 5 { XCTFail("\(text): read \(got), expected \(try reference(text))") }
        }
        XCTAssertEqual(mismatches, 0)
    }

    /// Wherever the fast method answers it agrees with `strtod`, over significands of 1 to 19
    /// digits and the whole exponent range; it declines (nil) rather than guess, and it
    /// answers for nearly all inputs, so the fallback stays rare.
    func testEiselLemireAgreesWithStrtodWheneverItAnswers() throws {
        var generator = SeededGenerator(seed: 7)
        var answered = 0
        var asked = 0
        for round in 0..<2_000_000 {
            let digits = 1 + Int(generator.next() % 19)
            var limit: UInt64 = 1
            for _ in 0..<digits { limit &*= 10 }
            let significand = 1 + generator.next() % (limit - 1)
            let exponent = round % 4 == 0 ? Int(generator.next() % 700) - 360 : Int(generator.next() % 60) - 40
            let negative = generator.next() & 1 == 1
            asked += 1
            guard let fast = DecimalParsing.eiselLemire(significand: significand, exponent: exponent, negative: negative) else {
                continue
            }
            answered += 1
            let text = (negative ? "-" : "") + "\(significand)e\(exponent)"
            let expected = try reference(text)
            if fast.bitPattern != expected.bitPattern {
                return XCTFail("\(text): fast method gave \(fast), strtod \(expected)")
            }
        }
        // Declines are subnormal or overflowing results and the rare ambiguous product.
        XCTAssertGreaterThan(Double(answered) / Double(asked), 0.9)
    }

    /// Exact halfway points, boundaries and long-known hard inputs: each is either declined or
    /// right.
    func testHardCasesAreDeclinedOrCorrect() throws {
        for text in Self.hardCases {
            let value = try reference(text)
            let parts = text.lowercased().split(separator: "e")
            var mantissa = String(parts[0])
            var exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            let negative = mantissa.hasPrefix("-")
            if negative { mantissa.removeFirst() }
            if let dot = mantissa.firstIndex(of: ".") {
                exponent -= mantissa.distance(from: dot, to: mantissa.endIndex) - 1
                mantissa.remove(at: dot)
            }
            guard mantissa.count <= 19, let significand = UInt64(mantissa) else { continue }
            if let fast = DecimalParsing.eiselLemire(significand: significand, exponent: exponent, negative: negative) {
                XCTAssertEqual(fast.bitPattern, value.bitPattern, text)
            }
        }
    }

    /// The eight-digit step reads every digit position and value, and recognises non-digits.
    func testEightDigitStepReadsDigitsAndRejectsOthers() {
        var generator = SeededGenerator(seed: 3)
        for _ in 0..<10_000 {
            let number = generator.next() % 100_000_000
            let text = String(String(number).reversed()).padding(toLength: 8, withPad: "0", startingAt: 0)
            let digits = Array(String(text.reversed()).utf8)
            let chunk = digits.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
            XCTAssertTrue(DecimalParsing.isEightDigits(chunk))
            XCTAssertEqual(DecimalParsing.eightDigitsValue(chunk), number)
            for position in 0..<8 {
                for byte: UInt8 in [0x2F, 0x3A, 0x2E, 0x65, 0x00, 0xB0, 0xFF] {
                    let bad = chunk & ~(UInt64(0xFF) << (8 * UInt64(position))) | UInt64(byte) << (8 * UInt64(position))
                    XCTAssertFalse(DecimalParsing.isEightDigits(bad))
                }
            }
        }
    }

    /// Inputs that break naive conversions (halfway points, the largest subnormal, the
    /// boundaries of the double range, classic `strtod` bug reports).
    static let hardCases = [
        "9007199254740993", "9007199254740995", "18014398509481993", "2.2250738585072011e-308", "2.2250738585072014e-308",
        "4.9406564584124654e-324", "2.4703282292062328e-324", "1.7976931348623157e308", "1.7976931348623158e308", "1e23",
        "8.589973e9", "7.2057594037927933e16", "5e-324", "1e-320", "0.1", "0.2", "0.3", "123456789012345678",
        "1234567890123456789", "9999999999999999999", "4.35679e-308", "2.225073858507201e-308", "1.448997445238699",
        "9.109E-31", "6.02214076e23", "1.00000000000000011102230246251565404236316680908203125", "3.0000000000000004",
        "0.30000000000000004", "1.7976931348623157e-308", "-0.0", "0e100", "-1.5e-10", "1e-342", "1e308", "1e-22", "1e22",
        "4503599627370497.5", "4503599627370496.5", "2.5e-323", "100000000000000016777215", "7.00000000000000000000001e-30",
    ]
}
