import GeoJSON
import Hummingbird

/// The service's HTML alternates (OGC API – Features Part 1's html class): one page shell,
/// styled by the web map's own style sheet (`/assets/map.css`, its colours and spacing) and a few
/// rules of its own (`HTMLStyle`), with a skip link, a site navigation, a main landmark and a
/// footer listing the document's links. Every value is escaped.
enum HTMLPage {
    /// `text` with the five characters HTML gives meaning to (`& < > " '`) as character
    /// references, safe in element content and in quoted attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// A whole page: `title` as its heading, `lead` (HTML) under it, `body` (HTML) in the main
    /// landmark, and `links` (OGC link objects) in the footer. With `map`, Leaflet's style and
    /// script and the live map's data (`/assets/data.js`, the country outlines) are loaded for
    /// `HTMLMiniMap`. Asset and navigation paths are absolute paths on the serving host.
    static func page(_ title: String, lead: String = "", body: String, links: [JSONValue], map: Bool = false) -> String {
        let list = links.compactMap { link -> String? in
            guard case .object(let o) = link, case .string(let href)? = o["href"], case .string(let rel)? = o["rel"] else { return nil }
            var label = rel
            if case .string(let t)? = o["title"] { label = t }
            var kind = ""
            if case .string(let t)? = o["type"] { kind = " <span class=\"note\">(\(escape(t)))</span>" }
            return "<li><a href=\"\(escape(href))\" rel=\"\(escape(rel))\">\(escape(label))</a>\(kind)</li>"
        }
        let leaflet = map ? "<link rel=\"stylesheet\" href=\"/assets/leaflet/leaflet.css\">\n" : ""
        let footer = list.isEmpty ? "" : "<nav aria-label=\"Other formats and related documents\"><h2>Links</h2><ul class=\"links\">\(list.joined())</ul></nav>"
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title)) – partmap</title>
            \(leaflet)<link rel="stylesheet" href="/assets/map.css">
            <style>\(HTMLStyle.rules)</style>
            </head>
            <body class="pm-pages">
            <a class="skip" href="#content">Skip to content</a>
            <header>
            <nav class="site" aria-label="Site"><ul><li><a href="/?f=html">Home</a></li><li><a href="/collections?f=html">Collections</a></li><li><a href="/collections/projects/items?f=html">Projects</a></li><li><a href="/map">Map</a></li><li><a href="/api">API definition</a></li></ul></nav>
            <h1>\(escape(title))</h1>
            \(lead)
            </header>
            <main id="content" tabindex="-1">
            \(body)
            </main>
            <footer>\(footer)</footer>
            </body>
            </html>

            """
    }

    /// A JSON document, or the same as an HTML page (`HTMLDocuments` reads its members).
    static func answer(_ document: JSONValue, format: Format, title: String) -> Response {
        switch format {
        case .json:
            return respond(GeoJSONWriter().write(document), type: "application/json")
        case .html:
            return html(HTMLDocuments.page(document, title: title))
        }
    }

    /// An HTML page as a response.
    static func html(_ text: String) -> Response { respond(text, type: "text/html; charset=utf-8") }
}
