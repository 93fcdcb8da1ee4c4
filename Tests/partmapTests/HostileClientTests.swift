import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `partmap serve`, over each store, against clients that misbehave, over raw sockets on loopback:
/// a body shorter than its Content-Length, one over the limit, one cut off, thousands of idle
/// connections, and a forged Host header. After each, the service still answers /health within
/// a second.
@Suite(.serialized) struct HostileClientTests {
    /// A TCP connection to the service, written and read byte by byte.
    final class Raw {
        let fd: Int32

        init(port: Int) throws {
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard fd >= 0, connected == 0 else { throw ReferenceError("cannot connect to port \(port): errno \(errno)") }
        }

        func send(_ text: String) {
            _ = text.utf8CString.withUnsafeBufferPointer { Glibc.send(fd, $0.baseAddress, $0.count - 1, Int32(MSG_NOSIGNAL)) }
        }

        /// What the peer sends until it closes or `seconds` pass; `closed` says whether it closed.
        func read(seconds: Double) -> (text: String, closed: Bool) {
            var received = [UInt8](), buffer = [UInt8](repeating: 0, count: 65536)
            let end = Date().addingTimeInterval(seconds)
            while Date() < end {
                var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                guard poll(&poller, 1, Int32(max(1, end.timeIntervalSinceNow * 1000))) > 0 else { continue }
                let n = recv(fd, &buffer, buffer.count, 0)
                if n <= 0 { return (String(decoding: received, as: UTF8.self), true) }
                received += buffer[0 ..< n]
            }
            return (String(decoding: received, as: UTF8.self), false)
        }

        deinit { close(fd) }
    }

    static let arguments = ["--idle-timeout", "1", "--request-timeout", "2", "--max-body-kb", "4", "--max-connections", "64",
                            "--base-url", "https://maps.example.org/partmap"]

    typealias Backend = ServeCommandTests.Backend

    func withService(_ backend: Backend, _ arguments: [String] = arguments, _ body: (ServeCommandTests.Service, Int) throws -> Void) throws {
        let service = try ServeCommandTests.Service(store: backend.publishedProjects, environment: ["PARTMAP_EDITOR_TOKEN": "edit"],
                                                    arguments: arguments)
        defer { _ = service.stop() }
        let port = try #require(Int(service.base.split(separator: ":").last ?? ""))
        try body(service, port)
        try expectHealthy(service, port: port)
    }

    /// /health answers 200 within a second, and the process is still running.
    func expectHealthy(_ service: ServeCommandTests.Service, port: Int) throws {
        #expect(service.process.isRunning, "the service died: \(String(decoding: FileManager.default.contents(atPath: service.log) ?? Data(), as: UTF8.self).suffix(600))")
        let run = try command("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "1", "http://127.0.0.1:\(port)/health"])
        #expect(run.stdout == "200", "/health within a second: \(run.stdout) \(run.stderr)")
    }

    static func post(length: Int, body: String) -> String {
        "POST /collections/projects/items HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer edit\r\nContent-Type: application/geo+json\r\nContent-Length: \(length)\r\n\r\n" + body
    }

    @Test(arguments: Backend.allCases)
    func aBodyShorterThanItsLengthIsDroppedAtTheIdleTimeout(backend: Backend) throws {
        // The request timeout (1 s) passes long before the idle timeout (3 s) drops the stalled
        // body: the service must neither answer from half a body nor fall over when it is dropped.
        try withService(backend, ["--idle-timeout", "3", "--request-timeout", "1"]) { service, port in
            let raw = try Raw(port: port)
            raw.send(Self.post(length: 100, body: "{\"type\":"))
            let answer = raw.read(seconds: 5)
            #expect(answer.closed, "the stalled connection is closed")
            #expect(!answer.text.contains("201 Created"))
            Thread.sleep(forTimeInterval: 1)
        }
    }

    @Test(arguments: Backend.allCases)
    func aBodyOverTheLimitIs413(backend: Backend) throws {
        try withService(backend) { _, port in
            let raw = try Raw(port: port)
            let body = String(repeating: "x", count: 8 * 1024)
            raw.send(Self.post(length: body.utf8.count, body: body))
            let answer = raw.read(seconds: 3)
            #expect(answer.text.hasPrefix("HTTP/1.1 413"), "\(answer.text.prefix(200))")
        }
    }

    @Test(arguments: Backend.allCases)
    func aClientThatLeavesMidBodyLeavesTheServiceWhole(backend: Backend) throws {
        try withService(backend) { _, port in
            for _ in 0 ..< 20 {
                let raw = try Raw(port: port)
                raw.send(Self.post(length: 1000, body: String(repeating: "y", count: 300)))
            }
            Thread.sleep(forTimeInterval: 2.5)
        }
    }

    @Test(arguments: Backend.allCases)
    func idleConnectionsCannotStarveRequests(backend: Backend) throws {
        try withService(backend) { service, port in
            // Far more than the 64 allowed, none finishing its headers.
            let idle = try (0 ..< 400).map { _ in try Raw(port: port) }
            for connection in idle { connection.send("GET / HTTP/1.1\r\nHost: x\r\n") }
            try expectHealthy(service, port: port)
            // And the idle timeout (1 s) closes every one of them.
            Thread.sleep(forTimeInterval: 2.5)
            let open = idle.filter { !$0.read(seconds: 0.01).closed }.count
            #expect(open == 0, "\(open) idle connections are still open")
        }
    }

    @Test(arguments: Backend.allCases)
    func linksComeFromTheBaseURLNeverFromTheHostHeader(backend: Backend) throws {
        try withService(backend) { service, _ in
            let forged = try ServeCommandTests.request("GET", service.base + "/collections/projects/items?limit=2", headers: ["Host: evil.example"])
            #expect(forged.status == 200)
            #expect(!forged.text.contains("evil.example"))
            let links = forged.json["links"] as? [[String: Any]] ?? []
            #expect(links.count >= 2 && links.allSatisfy { ($0["href"] as? String)?.hasPrefix("https://maps.example.org/partmap/") == true })
        }
    }

    @Test(arguments: Backend.allCases)
    func aBusyPortIsAUsageErrorNamingIt(backend: Backend) throws {
        try withService(backend) { _, port in
            let run = try partmap("serve", "--store", backend.publishedProjects, "--port", String(port))
            #expect(run.status == 2, "\(run.stderr)")
            #expect(run.stderr.contains("\(port)") && run.stderr.contains("in use") && run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        }
    }
}
