import GeoJSON
import Hummingbird

/// The service's HTML alternates (OGC API – Features Part 1's html class).
enum HTMLPage {
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A page with a title, a body of HTML and a list of the document's links.
    static func page(_ title: String, body: String, links: [JSONValue]) -> String {
        let list = links.compactMap { link -> String? in
            guard case .object(let o) = link, case .string(let href)? = o["href"], case .string(let rel)? = o["rel"] else { return nil }
            return "<li><a href=\"\(escape(href))\" rel=\"\(escape(rel))\">\(escape(rel))</a></li>"
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(escape(title))</title></head>
            <body><h1>\(escape(title))</h1>\(body)<ul>\(list.joined())</ul></body></html>

            """
    }

    /// A JSON document, or the same as an HTML page listing its links.
    static func answer(_ document: JSONValue, format: Format, title: String) -> Response {
        switch format {
        case .json:
            return respond(GeoJSONWriter().write(document), type: "application/json")
        case .html:
            var links: [JSONValue] = []
            if case .object(let o) = document, case .array(let l)? = o["links"] { links = l }
            let body = "<pre>\(escape(GeoJSONWriter().write(document)))</pre>"
            return respond(page(title, body: body, links: links), type: "text/html; charset=utf-8")
        }
    }
}
