import GeoJSON

/// OGC API – Features' documents as pages a person reads: the landing page, conformance, the
/// collections and one collection, each drawn from the members its JSON holds (`description`,
/// `conformsTo`, `collections`, `extent`, `links`), so the HTML says what the JSON says.
enum HTMLDocuments {
    /// The page of one JSON document titled `title`.
    static func page(_ document: JSONValue, title: String) -> String {
        guard case .object(let members) = document else { return HTMLPage.page(title, body: "", links: []) }
        var lead = "", body = ""
        if case .string(let text)? = members["description"] { lead = "<p>\(HTMLPage.escape(text))</p>" }
        if members["conformsTo"] == nil && members["collections"] == nil && members["extent"] == nil {
            // The landing page: where a person goes next.
            body += """
                <ul class="paging plain"><li><a class="button" href="/collections/projects/items?f=html">Browse the projects</a></li>\
                <li><a class="button" href="/map">Open the map</a></li><li><a class="button" href="/collections?f=html">The collections</a></li></ul>
                """
        }
        if case .array(let classes)? = members["conformsTo"] {
            body += "<p>This service implements these OGC API conformance classes:</p><ul class=\"plain\">"
            for case .string(let uri) in classes { body += "<li><a href=\"\(HTMLPage.escape(uri))\">\(HTMLPage.escape(uri))</a></li>" }
            body += "</ul>"
        }
        if case .array(let collections)? = members["collections"] {
            for case .object(let collection) in collections { body += section(collection, heading: "h2") }
        } else if members["extent"] != nil {
            body += section(members, heading: nil)
        }
        var links: [JSONValue] = []
        if case .array(let l)? = members["links"] { links = l }
        return HTMLPage.page(title, lead: lead, body: body, links: links)
    }

    /// A collection: its title (with `heading`, linked to its items), description, extent in
    /// degrees and its links by title.
    static func section(_ collection: JSONObject, heading: String?) -> String {
        func text(_ key: String) -> String? { if case .string(let s)? = collection[key] { s } else { nil } }
        var items = "/collections/projects/items?f=html"
        var out = "<section class=\"collection\"" + (heading == nil ? " aria-label=\"The collection\">" : ">")
        var linkItems: [String] = []
        if case .array(let links)? = collection["links"] {
            for case .object(let link) in links {
                guard case .string(let href)? = link["href"] else { continue }
                var label = href
                if case .string(let t)? = link["title"] { label = t }
                if case .string("items")? = link["rel"], case .string("text/html")? = link["type"] { items = href }
                linkItems.append("<li><a href=\"\(HTMLPage.escape(href))\">\(HTMLPage.escape(label))</a></li>")
            }
        }
        if let heading {
            out += "<\(heading)><a href=\"\(HTMLPage.escape(items))\">\(HTMLPage.escape(text("title") ?? text("id") ?? "Collection"))</a></\(heading)>"
            if let d = text("description") { out += "<p>\(HTMLPage.escape(d))</p>" }
        }
        out += "<dl class=\"fields\">"
        if let id = text("id") { out += "<dt>Identifier</dt><dd>\(HTMLPage.escape(id))</dd>" }
        if let box = extent(collection) { out += "<dt>Extent</dt><dd>\(HTMLPage.escape(box))</dd>" }
        if case .array(let crs)? = collection["crs"] {
            out += "<dt>Coordinate reference systems</dt><dd><ul class=\"plain\">"
            for case .string(let uri) in crs { out += "<li>\(HTMLPage.escape(uri))</li>" }
            out += "</ul></dd>"
        }
        out += "</dl><ul class=\"paging plain\"><li><a class=\"button\" href=\"\(HTMLPage.escape(items))\">Browse the projects</a></li><li><a class=\"button\" href=\"/map\">Open the map</a></li></ul>"
        if heading != nil, !linkItems.isEmpty { out += "<ul class=\"plain\">\(linkItems.joined())</ul>" }
        return out + "</section>"
    }

    /// The spatial extent's first box in words: "west 36.8°, south -1.3°, east 36.8°, north -1.3°".
    static func extent(_ collection: JSONObject) -> String? {
        guard case .object(let extent)? = collection["extent"], case .object(let spatial)? = extent["spatial"],
              case .array(let boxes)? = spatial["bbox"], case .array(let box)? = boxes.first, box.count == 4 else { return nil }
        let numbers = box.compactMap { value -> String? in if case .number(let n) = value { HTMLNumbers.text(n) } else { nil } }
        guard numbers.count == 4 else { return nil }
        return "west \(numbers[0])°, south \(numbers[1])°, east \(numbers[2])°, north \(numbers[3])°"
    }
}

/// Numbers as a person reads them: whole numbers without a decimal point.
enum HTMLNumbers {
    static func text(_ n: Double) -> String {
        n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
    }
}
