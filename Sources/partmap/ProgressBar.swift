import Foundation

/// A one-line progress report on stderr (count, rate, time left), redrawn at most five times a
/// second, and only when stderr is a terminal: logs and pipes stay clean.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let lock = NSLock()
    private let started = Date()
    private var lastDrawn: Date?
    private var drawn = false
    private let enabled: Bool

    init(label: String, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.label = label
        self.enabled = enabled
    }

    /// `done` of `total` records are through.
    func update(_ done: Int, of total: Int) {
        guard enabled else { return }
        lock.withLock {
            let now = Date()
            if let lastDrawn, now.timeIntervalSince(lastDrawn) < 0.2, done < total { return }
            lastDrawn = now
            drawn = true
            FileStandardError.write("\r\u{1B}[K" + Self.line(label: label, done: done, total: total, seconds: now.timeIntervalSince(started)))
        }
    }

    /// Ends the line, if one was drawn.
    func finish() {
        lock.withLock { if drawn { FileStandardError.write("\n") } }
    }

    static func line(label: String, done: Int, total: Int, seconds: Double) -> String {
        let rate = seconds > 0 ? Double(done) / seconds : 0
        var text = "\(label): \(done) of \(total) records"
        if rate > 0 {
            text += ", \(Int(rate.rounded()))/s"
            if done < total { text += ", \(clock(Double(total - done) / rate)) left" }
        }
        return text
    }

    /// Seconds as m:ss, or h:mm:ss past an hour.
    static func clock(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        let (h, m, s) = (whole / 3600, whole / 60 % 60, whole % 60)
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, s) : String(format: "%d:%02d", m, s)
    }
}
