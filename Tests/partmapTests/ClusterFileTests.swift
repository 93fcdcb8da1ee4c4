import Foundation
import TestSupport
import Testing

/// `partmap cluster --from` a file with a bad record reports it where it is, as a whole read
/// does, however the file is read.
@Suite(.timeLimit(.minutes(5))) struct ClusterFileTests {
    @Test func aBadRecordIsReportedInItsPlace() throws {
        func feature(_ id: String, level: String = "led") -> String {
            """
            {"type":"Feature","id":"\(id)","geometry":{"type":"Point","coordinates":[36.8,-1.3]},"properties":{"title":"T",\
            "organisation":"O","participationLevel":"\(level)","participantGroups":["children"],"sector":"civilSociety",\
            "countries":["KE"],"locationPrecision":"exact","visibility":"public","sources":["s"]}}
            """
        }
        let text = #"{"type":"FeatureCollection","features":["# + [feature("a"), feature("b"), feature("c", level: "lead")].joined(separator: ",\n") + "]}"
        let path = try temporaryFile("bad.geojson", text)
        let run = try partmap("cluster", "--from", path, "--zoom", "0")
        #expect(run.status == 1)
        #expect(run.stderr.contains("\(path): /features/2/properties/participationLevel: "), "\(run.stderr)")
        #expect(run.stdout == "")
    }
}
