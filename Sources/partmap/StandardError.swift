import Foundation

/// Problems and progress go to stderr; results go to stdout.
enum FileStandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
