import GeoJSON
import Participation
import Regions

/// The items page (a page of projects) and the item page (one project), in words: levels by
/// name with their meaning, groups, sectors and purposes spelled out, countries by name, a small
/// map of what the page lists, paging links and a way into the web map at /map.
enum HTMLItems {
    /// A page of `projects` (the public view for anonymous readers), `numberMatched` in all from
    /// `offset`; `links` are the JSON page's links (`next` and `prev` become paging links);
    /// `query` carries the filters on to the map; item links are `path`/id.
    static func page(_ projects: [Project], numberMatched: Int, offset: Int, links: [JSONValue], query: QueryParameters,
                     path: String, atlas: Atlas) -> String {
        let e = HTMLPage.escape
        let shown = projects.isEmpty ? "none shown" : "showing \(offset + 1)–\(offset + projects.count)"
        let lead = "<p role=\"status\">\(numberMatched) \(numberMatched == 1 ? "project matches" : "projects match"); \(shown).</p>"
        var body = paging(links) + HTMLMiniMap.html(projects.map { ($0, path + "/" + Link.segment($0.id) + "?f=html") }, label: "Map of the projects on this page")
        body += "<div class=\"table-wrap\"><table class=\"projects\"><caption class=\"visually-hidden\">Projects on this page</caption><thead><tr>"
        body += "<th scope=\"col\">Project</th><th scope=\"col\">Participation level</th><th scope=\"col\">Participants</th><th scope=\"col\">Sector</th><th scope=\"col\">Countries</th></tr></thead><tbody>"
        for project in projects {
            let level = project.participationLevel
            body += "<tr><th scope=\"row\"><a href=\"\(e(path + "/" + Link.segment(project.id)))?f=html\">\(e(project.title))</a>"
            body += "<span class=\"org\">\(e(project.organisation))</span></th>"
            body += "<td data-label=\"Level\">\(swatch(level))\(e(level.label))</td>"
            body += "<td data-label=\"Participants\">\(e(project.participantGroups.map(\.label).joined(separator: ", ")))</td>"
            body += "<td data-label=\"Sector\">\(e(project.sector.label))</td>"
            body += "<td data-label=\"Countries\">\(e(countries(project, atlas: atlas)))</td></tr>"
        }
        body += "</tbody></table></div>" + paging(links)
        body += "<p><a class=\"button\" href=\"\(e(mapLink(query, atlas: atlas)))\">See these projects on the map</a></p>"
        return HTMLPage.page("Projects", lead: lead, body: body, links: links, map: true)
    }

    /// One project's page; `links` are its feature's links.
    static func page(_ project: Project, links: [JSONValue], atlas: Atlas) -> String {
        let e = HTMLPage.escape
        let level = project.participationLevel
        var rows: [(String, String)] = [("Organisation", e(project.organisation))]
        if let d = project.description { rows.append(("Description", e(d))) }
        if let url = project.url { rows.append(("Website", "<a href=\"\(e(url))\">\(e(url))</a>")) }
        if let i = project.initiative { rows.append(("Initiative", e(i))) }
        rows.append(("Participation level", "\(swatch(level))\(e(level.label))<span class=\"meaning\">\(e(level.meaning))</span>"))
        rows.append(("Participants", e(project.participantGroups.map(\.label).joined(separator: ", "))))
        rows.append(("Sector", e(project.sector.label)))
        rows.append(("Purposes", e(project.purposes.map(\.label).joined(separator: ", "))))
        rows.append(("Countries", e(countries(project, atlas: atlas))))
        if let city = project.city { rows.append(("City", e(city))) }
        if let years = HTMLTerms.years(start: project.startYear, end: project.endYear) { rows.append(("Years", e(years))) }
        rows.append(("Shown on the map", e(project.locationPrecision.label)))
        if let derived = project.derived {
            let places = [derived.intermediateRegion, derived.subregion, derived.region].compactMap { $0?.name }
            if !places.isEmpty { rows.append(("Region", e(places.joined(separator: ", ")))) }
            if let c = derived.country { rows.append(("Placed in", e(HTMLTerms.country(c, atlas: atlas)))) }
        }
        let sources = project.sources.map { s in s.hasPrefix("http://") || s.hasPrefix("https://") ? "<li><a href=\"\(e(s))\">\(e(s))</a></li>" : "<li>\(e(s))</li>" }
        rows.append(("Sources", "<ul class=\"plain\">\(sources.joined())</ul>"))
        if let updated = project.updated { rows.append(("Updated", e(updated))) }
        var body = HTMLMiniMap.html(project.position == nil ? [] : [(project, nil)], label: "Map of where the project is shown")
        body += "<dl class=\"fields\">" + rows.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" }.joined() + "</dl>"
        var map = "/map"
        if let p = project.position { map += "?zoom=8&lat=\(p.latitude)&lon=\(p.longitude)" }
        body += "<ul class=\"paging plain\"><li><a class=\"button\" href=\"\(e(map))\">Open the map here</a></li>"
        body += "<li><a class=\"button\" href=\"/collections/projects/items?f=html\">All projects</a></li></ul>"
        return HTMLPage.page(project.title, body: body, links: links, map: project.position != nil)
    }

    /// The countries a project runs in, by name, or "None given" (worldwide or online).
    static func countries(_ project: Project, atlas: Atlas) -> String {
        project.countries.isEmpty ? "None given" : project.countries.map { HTMLTerms.country($0, atlas: atlas) }.joined(separator: ", ")
    }

    /// The level's colour, as the web map draws it (its CSS custom property).
    static func swatch(_ level: ParticipationLevel) -> String {
        "<span class=\"swatch \(level.rawValue)\" aria-hidden=\"true\"></span>"
    }

    /// Previous and next page links, from the JSON page's `prev` and `next` links.
    static func paging(_ links: [JSONValue]) -> String {
        var items: [String] = []
        for (rel, label) in [("prev", "← Previous page"), ("next", "Next page →")] {
            for case .object(let link) in links {
                if case .string(rel)? = link["rel"], case .string(let href)? = link["href"] {
                    items.append("<li><a href=\"\(HTMLPage.escape(href))\" rel=\"\(rel)\">\(label)</a></li>")
                }
            }
        }
        return items.isEmpty ? "" : "<nav aria-label=\"Pages\"><ul class=\"paging plain\">\(items.joined())</ul></nav>"
    }

    /// /map with the filters the map keeps in its URL (`q`, `level`, `group`, `sector`, and a
    /// region as its `place`, `m` and its M49 code).
    static func mapLink(_ query: QueryParameters, atlas: Atlas) -> String {
        var parts: [String] = []
        for name in ["q", "level", "group", "sector"] {
            if let v = query[name] { parts.append(name + "=" + QueryParameters.encode(v)) }
        }
        if let region = query["region"], let area = atlas.m49Area(region) { parts.append("place=m" + area.code) }
        return parts.isEmpty ? "/map" : "/map?" + parts.joined(separator: "&")
    }
}
