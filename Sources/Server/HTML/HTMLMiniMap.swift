import GeoJSON
import Participation

/// The small Leaflet map on the items and item pages: the countries' outlines from the live
/// map's data (`/assets/data.js`) and one dot per listed project at its public position, in its
/// level's colour (read from the style sheet's custom properties), fitted to the dots. The
/// points travel as JSON in a `<script type="application/json">` element, with `<` written
/// `\u003c` so no value can close the element.
enum HTMLMiniMap {
    /// The map's element, data and script, or "" when no project has a position. `projects`
    /// pairs each project with the address of its page (nil: no link).
    static func html(_ projects: [(Project, String?)], label: String) -> String {
        let points: [JSONValue] = projects.compactMap { project, href in
            guard let p = project.position else { return nil }
            return .array([.number(p.latitude), .number(p.longitude), .string(project.title),
                           href.map(JSONValue.string) ?? .null, .string(project.participationLevel.rawValue)])
        }
        guard !points.isEmpty else { return "" }
        let data = GeoJSONWriter(precision: 6).write(.array(points)).replacingOccurrences(of: "<", with: "\\u003c")
        return """
            <div id="minimap" class="minimap" role="region" aria-label="\(HTMLPage.escape(label))"></div>
            <script type="application/json" id="minimap-points">\(data)</script>
            <script src="/assets/leaflet/leaflet.js"></script>
            <script src="/assets/data.js"></script>
            <script>\(script)</script>
            """
    }

    static let script = """
        (function () {
          "use strict";
          var el = document.getElementById("minimap"), points = JSON.parse(document.getElementById("minimap-points").textContent);
          if (!window.L) { el.hidden = true; return; }
          var data = window.PARTMAP_DATA || { countries: [] }, css = getComputedStyle(document.documentElement);
          var map = L.map(el, { scrollWheelZoom: false, worldCopyJump: true, keyboard: true });
          map.attributionControl.setPrefix(false);
          if (data.attribution) { map.attributionControl.addAttribution(data.attribution); }
          var bounds = L.latLngBounds(points.map(function (p) { return [p[0], p[1]]; }));
          map.fitBounds(bounds.pad(0.3), { maxZoom: 6 });
          L.geoJSON({ type: "FeatureCollection", features: data.countries.map(function (c) {
            return { type: "Feature", geometry: c.geometry, properties: {} };
          }) }, { style: { color: "#888", weight: 0.5, fillColor: "#f4f3f8", fillOpacity: 1 }, interactive: false }).addTo(map);
          points.forEach(function (p) {
            var dot = L.circleMarker([p[0], p[1]], { radius: 7, color: "#fff", weight: 2, fillOpacity: 1,
              fillColor: css.getPropertyValue("--" + p[4]).trim() || "#1f3a68", className: "pm-dot " + p[4] }).addTo(map);
            var box = document.createElement("div");
            var title = document.createElement(p[3] ? "a" : "strong");
            title.textContent = p[2];
            if (p[3]) { title.href = p[3]; }
            box.appendChild(title);
            dot.bindPopup(box);
          });
        })();
        """
}
