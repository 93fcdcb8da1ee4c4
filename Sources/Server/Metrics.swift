import Foundation
import Hummingbird
import HTTPTypes

/// Counts of requests by route and status, and time spent, for /metrics (Prometheus text).
final class Metrics: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [String: Int] = [:]  // route\tstatus → requests
    private var seconds: [String: (sum: Double, count: Int)] = [:]  // route → time
    private var total = 0

    /// Requests answered since the start.
    var answered: Int { lock.withLock { total } }

    func record(route: String, status: Int, seconds elapsed: Double) {
        lock.withLock {
            total += 1
            counts[route + "\t" + String(status), default: 0] += 1
            let total = seconds[route, default: (0, 0)]
            seconds[route] = (total.sum + elapsed, total.count + 1)
        }
    }

    func text(projects: Int) -> String {
        lock.withLock {
            var lines = [
                "# HELP partmap_http_requests_total Requests answered, by route and status.",
                "# TYPE partmap_http_requests_total counter",
            ]
            for key in counts.keys.sorted() {
                let parts = key.split(separator: "\t", omittingEmptySubsequences: false)
                lines.append("partmap_http_requests_total{route=\"\(Self.escape(String(parts[0])))\",status=\"\(parts[1])\"} \(counts[key]!)")
            }
            lines += ["# HELP partmap_http_request_seconds Time spent answering, by route.", "# TYPE partmap_http_request_seconds summary"]
            for route in seconds.keys.sorted() {
                let (sum, count) = seconds[route]!
                lines.append("partmap_http_request_seconds_sum{route=\"\(Self.escape(route))\"} \(sum)")
                lines.append("partmap_http_request_seconds_count{route=\"\(Self.escape(route))\"} \(count)")
            }
            lines += ["# HELP partmap_projects Projects in the public view.", "# TYPE partmap_projects gauge", "partmap_projects \(projects)"]
            lines += ["# HELP process_resident_memory_bytes Resident memory.", "# TYPE process_resident_memory_bytes gauge",
                      "process_resident_memory_bytes \(Self.residentBytes())"]
            return lines.joined(separator: "\n") + "\n"
        }
    }

    static func escape(_ label: String) -> String {
        label.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }

    /// From /proc/self/statm: resident pages × page size.
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
    }
}

/// Times every request and counts it under its route's pattern (never its raw path, whose ids
/// and tile numbers would make a label per request).
struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: Metrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        let route = { context.endpointPath ?? "unmatched" }
        do {
            let response = try await next(request, context)
            metrics.record(route: route(), status: response.status.code, seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            return response
        } catch {
            let status = (error as? HTTPResponseError)?.status.code ?? 500
            metrics.record(route: route(), status: status, seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            throw error
        }
    }
}
