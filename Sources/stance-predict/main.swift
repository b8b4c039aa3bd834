import ArgumentParser
import StanceKit

@main
struct Main: ParsableCommand {
    func run() throws {}
}
