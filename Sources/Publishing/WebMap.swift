import Clustering
import Foundation
import GeoJSON
import Participation
import Regions

/// The offline web map: Leaflet (copied from Debian's libjs-leaflet), a country choropleth, and
/// partmap's own clusters at each zoom with the projects each stands for, so that filters
/// recount clusters exactly without clustering again in the browser. Everything it needs is in
/// the folder; `assets/data.js` carries the data.
public enum WebMap {
    /// The most project references data.js carries over all zooms; zooms past it show the last
    /// one written (the tiles go deeper).
    static let referenceBudget = 2_000_000

    static func write(clusters: ProjectClusters, counts: RegionCounts, atlas: Atlas, options: SiteOptions, bounds: [Double],
                      put: (String, [UInt8]) throws -> Void) throws {
        let leaflet = options.leafletDirectory
        for file in ["leaflet.js", "leaflet.css"] {
            guard let data = FileManager.default.contents(atPath: leaflet + "/" + file) else { throw SiteError.missingLeaflet(leaflet) }
            try put("assets/leaflet/" + file, Array(data))
        }
        for image in (try? FileManager.default.contentsOfDirectory(atPath: leaflet + "/images"))?.sorted() ?? [] where image.hasSuffix(".png") {
            if let data = FileManager.default.contents(atPath: leaflet + "/images/" + image) { try put("assets/leaflet/images/" + image, Array(data)) }
        }
        try put("assets/data.js", Array(dataScript(clusters: clusters, counts: counts, atlas: atlas, options: options, bounds: bounds).utf8))
        try put("assets/map.js", Array(script.utf8))
        try put("assets/map.css", Array(style.utf8))
        try put("index.html", Array(page(options: options).utf8))
    }

    static func dataScript(clusters: ProjectClusters, counts: RegionCounts, atlas: Atlas, options: SiteOptions, bounds: [Double]) throws -> String {
        let writer = GeoJSONWriter(precision: 6)
        var zooms: [(key: String, value: JSONValue)] = []
        var budget = referenceBudget
        for zoom in options.tiles.minZoom ... options.tiles.maxZoom {
            // Each node with the projects it stands for, in the order of its first project.
            var order: [ClusterNode] = [], members: [ClusterNode: [Int]] = [:]
            for (i, node) in clusters.index.nodes(ofPointsAt: zoom).enumerated() {
                if members[node] == nil { order.append(node) }
                members[node, default: []].append(i)
            }
            let nodes: [JSONValue] = order.map { node in
                let leaves = JSONValue.array(members[node]!.map { .number(Double($0)) })
                switch node {
                case .point(let i):
                    let p = clusters.projects[i].position!
                    return .array([.number(p.longitude), .number(p.latitude), .null, leaves])
                case .cluster(let c):
                    return .array([.number(c.longitude), .number(c.latitude), .number(Double(c.id)), leaves])
                }
            }
            budget -= clusters.projects.count
            if budget < 0 && !zooms.isEmpty { break }
            zooms.append((key: String(zoom), value: .array(nodes)))
        }
        let regions = Set(clusters.projects.compactMap { $0.derived?.region }).sorted { $0.code < $1.code }
        let data = JSONValue.object(JSONObject(common(regions: regions, options: options, bounds: bounds) + [
            ("projects", .array(clusters.projects.map { mapProject($0) })),
            ("zooms", .object(JSONObject(zooms))),
            ("countries", countries(counts: counts, atlas: atlas)),
        ]))
        return "window.PARTMAP_DATA = " + writer.write(data) + ";\n"
    }

    /// What the map needs when `partmap serve` serves it at /map: no projects or clusters (it
    /// asks the live routes for them), the countries with their counts, and the filter terms.
    public static func liveData(counts: RegionCounts, regions: [M49Area], atlas: Atlas, options: SiteOptions, bounds: [Double]) -> String {
        let data = JSONValue.object(JSONObject([("live", .bool(true))] + common(regions: regions, options: options, bounds: bounds) + [
            ("countries", countries(counts: counts, atlas: atlas)),
        ]))
        return "window.PARTMAP_DATA = " + GeoJSONWriter(precision: 6).write(data) + ";\n"
    }

    /// What both kinds of data.js hold: attribution, zooms, bounds and the filters' terms.
    static func common(regions: [M49Area], options: SiteOptions, bounds: [Double]) -> [(key: String, value: JSONValue)] {
        [
            ("attribution", .string(options.attribution)),
            ("minZoom", .number(Double(options.tiles.minZoom))),
            ("maxZoom", .number(Double(options.tiles.maxZoom))),
            ("bounds", .array(bounds.map(JSONValue.number))),
            ("levels", .array(ParticipationLevel.allCases.map { .string($0.rawValue) })),
            ("groups", .array(ParticipantGroup.allCases.map { .string($0.rawValue) })),
            ("sectors", .array(Sector.allCases.map { .string($0.rawValue) })),
            ("regions", .array(regions.map { .object(JSONObject([("code", .string($0.code)), ("name", .string($0.name))])) })),
        ]
    }

    static func countries(counts: RegionCounts, atlas: Atlas) -> JSONValue {
        .array(atlas.boundaries.map { boundary in
            let geometry: Geometry = boundary.parts.count == 1 ? .polygon(boundary.parts[0]) : .multiPolygon(boundary.parts)
            return .object(JSONObject([
                ("name", .string(boundary.name)), ("count", .number(Double(counts.count(boundary.assignment.country)))),
                ("geometry", geometryJSON(geometry)),
            ]))
        })
    }

    /// A project as the map shows it: its public properties and position.
    static func mapProject(_ project: Project) -> JSONValue {
        let feature = project.feature(includeDerived: true)
        var properties = feature.properties ?? JSONObject()
        properties["id"] = .string(project.id)
        return .object(properties)
    }

    static func geometryJSON(_ geometry: Geometry) -> JSONValue {
        // Rounded to about 100 m: a choropleth needs no more, and data.js stays small.
        let text = GeoJSONWriter(precision: 3).write(geometry)
        return (try? JSONParser.parse(text)) ?? .null
    }

    public static func page(options: SiteOptions) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Participation projects – partmap</title>
        <link rel="stylesheet" href="assets/leaflet/leaflet.css">
        <link rel="stylesheet" href="assets/map.css">
        </head>
        <body>
        <header>
        <h1>Participation projects</h1>
        <p>Projects in which children, young people and adult survivors of online child sexual abuse shape research, policy, advocacy and technology.</p>
        </header>
        <main>
        <form id="filters" aria-label="Filters">
        <label>Participation level <select name="level"><option value="">All levels</option></select></label>
        <label>Participant group <select name="group"><option value="">All groups</option></select></label>
        <label>Sector <select name="sector"><option value="">All sectors</option></select></label>
        <label>Region <select name="region"><option value="">All regions</option></select></label>
        <button type="reset">Clear filters</button>
        </form>
        <p id="counts" role="status" aria-live="polite"></p>
        <div id="map" role="region" aria-label="Map of participation projects"></div>
        <section aria-labelledby="list-title">
        <h2 id="list-title">Projects in view</h2>
        <ul id="list"></ul>
        </section>
        </main>
        <footer><p id="attribution"></p></footer>
        <script src="assets/leaflet/leaflet.js"></script>
        <script src="assets/data.js"></script>
        <script src="assets/map.js"></script>
        </body>
        </html>

        """
    }

    public static let style = """
        body { font-family: system-ui, sans-serif; margin: 0; color: #1d1d1f; }
        header, main, footer { padding: 0 1rem; }
        h1 { font-size: 1.4rem; margin: 0.6rem 0 0.2rem; }
        #filters { display: flex; flex-wrap: wrap; gap: 0.8rem; align-items: end; margin: 0.5rem 0; }
        #filters label { display: flex; flex-direction: column; font-size: 0.85rem; }
        #map { height: 60vh; min-height: 360px; border: 1px solid #999; }
        .pm-cluster, .pm-project { border-radius: 50%; display: flex; align-items: center; justify-content: center;
          font-weight: 600; font-size: 12px; color: #fff; border: 2px solid #fff; box-shadow: 0 0 0 1px #333; }
        .pm-cluster { background: #6a3d9a; }
        .pm-project { background: #e66101; }
        .pm-cluster:focus, .pm-project:focus { outline: 3px solid #ffbf47; }
        .legend { background: #fff; padding: 0.4rem 0.6rem; line-height: 1.4; font-size: 12px; }
        .legend i { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: middle; }
        #list { columns: 2 20rem; font-size: 0.9rem; }

        """

    public static let script = #"""
        (function () {
          "use strict";
          var data = window.PARTMAP_DATA;
          var form = document.getElementById("filters");
          var params = new URLSearchParams(window.location.search);
          var choices = { level: data.levels, group: data.groups, sector: data.sectors,
            region: data.regions.map(function (r) { return r.code; }) };
          var regionNames = {};
          data.regions.forEach(function (r) { regionNames[r.code] = r.name; });
          Object.keys(choices).forEach(function (key) {
            var select = form.elements[key];
            choices[key].forEach(function (value) {
              var option = document.createElement("option");
              option.value = value;
              option.textContent = key === "region" ? regionNames[value] : value;
              select.appendChild(option);
            });
            if (params.get(key)) { select.value = params.get(key); }
          });

          function filters() {
            return { level: form.elements.level.value, group: form.elements.group.value,
              sector: form.elements.sector.value, region: form.elements.region.value };
          }
          function matches(p, f) {
            return (!f.level || p.participationLevel === f.level) &&
              (!f.group || (p.participantGroups || []).indexOf(f.group) >= 0) &&
              (!f.sector || p.sector === f.sector) &&
              (!f.region || p.regionCode === f.region);
          }

          var zooms = data.live ? [data.minZoom] : Object.keys(data.zooms).map(Number);
          var deepest = data.live ? data.maxZoom : Math.max.apply(null, zooms);
          var map = L.map("map", { preferCanvas: true, minZoom: data.minZoom, maxZoom: data.maxZoom, worldCopyJump: true,
            keyboard: true, zoomControl: true });
          map.attributionControl.setPrefix(false);
          map.attributionControl.addAttribution(data.attribution);
          document.getElementById("attribution").textContent = data.attribution;

          var highest = Math.max.apply(null, data.countries.map(function (c) { return c.count; }).concat([1]));
          var shades = ["#f2f0f7", "#cbc9e2", "#9e9ac8", "#756bb1", "#54278f"];
          function shade(count) {
            return count === 0 ? shades[0] : shades[Math.min(4, 1 + Math.floor(3 * count / highest))];
          }
          L.geoJSON({ type: "FeatureCollection", features: data.countries.map(function (c) {
            return { type: "Feature", geometry: c.geometry, properties: { name: c.name, count: c.count } };
          }) }, {
            style: function (f) { return { fillColor: shade(f.properties.count), fillOpacity: 0.8, color: "#777", weight: 0.5 }; },
            onEachFeature: function (f, layer) { layer.bindTooltip(f.properties.name + ": " + f.properties.count + " projects"); }
          }).addTo(map);

          var legend = L.control({ position: "bottomright" });
          legend.onAdd = function () {
            var div = L.DomUtil.create("div", "legend");
            div.innerHTML = "<strong>Projects per country</strong><br>" +
              "<i style=\"background:" + shades[0] + "\"></i>none<br>" +
              "<i style=\"background:" + shades[2] + "\"></i>some<br>" +
              "<i style=\"background:" + shades[4] + "\"></i>most (" + highest + ")<br>" +
              "<i style=\"background:#6a3d9a;border-radius:50%\"></i>cluster (number of projects)<br>" +
              "<i style=\"background:#e66101;border-radius:50%\"></i>single project";
            return div;
          };
          legend.addTo(map);

          function text(value) {
            var span = document.createElement("span");
            span.textContent = value == null ? "" : String(value);
            return span.innerHTML;
          }
          function popup(p) {
            var rows = [["Organisation", p.organisation], ["Participation level", p.participationLevel],
              ["Participant groups", (p.participantGroups || []).join(", ")], ["Sector", p.sector],
              ["Country", p.country], ["City", p.city], ["Years", [p.startYear, p.endYear].filter(Boolean).join("–")],
              ["Sources", (p.sources || []).join("; ")]];
            return "<strong>" + text(p.title) + "</strong><dl>" + rows.filter(function (r) { return r[1]; }).map(function (r) {
              return "<dt>" + r[0] + "</dt><dd>" + text(r[1]) + "</dd>";
            }).join("") + "</dl>" + (p.url ? "<a href=\"" + encodeURI(p.url) + "\" rel=\"noopener\">" + text(p.url) + "</a>" : "");
          }

          var markers = L.layerGroup().addTo(map);
          function clusterMarker(position, count, zoom) {
            var size = 24 + Math.min(24, Math.round(4 * Math.log(count)));
            var marker = L.marker(position, { title: count + " projects", alt: count + " projects", keyboard: true,
              icon: L.divIcon({ className: "pm-cluster", iconSize: [size, size], html: String(count) }) });
            marker.on("click keypress", function () { map.setView(position, Math.min(map.getMaxZoom(), zoom + 2)); });
            return marker;
          }
          function projectMarker(position, p) {
            var marker = L.marker(position, { title: p.title, alt: p.title, keyboard: true,
              icon: L.divIcon({ className: "pm-project", iconSize: [14, 14] }) });
            marker.bindPopup(popup(p));
            return marker;
          }
          function showList(projects, total, inView) {
            document.getElementById("counts").textContent = total + " projects match the filters; " + inView + " in view";
            var list = document.getElementById("list");
            list.innerHTML = "";
            projects.slice(0, 200).forEach(function (p) {
              var item = document.createElement("li");
              item.textContent = p.title + " (" + p.organisation + ", " + p.participationLevel + ")";
              list.appendChild(item);
            });
          }
          // Served by partmap serve: the live routes cluster, filter and count.
          function renderLive() {
            var f = filters(), query = new URLSearchParams();
            Object.keys(f).forEach(function (k) { if (f[k]) { query.set(k, f[k]); } });
            var b = map.getBounds(), zoom = map.getZoom();
            var view = [Math.max(-180, b.getWest()), Math.max(-90, b.getSouth()), Math.min(180, b.getEast()), Math.min(90, b.getNorth())]
              .map(function (v) { return v.toFixed(6); }).join(",");
            var inView = new URLSearchParams(query);
            if (!f.region) { inView.set("bbox", view); }
            inView.set("limit", "200");
            var all = new URLSearchParams(query);
            all.set("limit", "1");
            function json(url) { return fetch(url).then(function (r) { return r.json(); }); }
            Promise.all([json("/clusters?zoom=" + zoom + "&bbox=" + view + "&" + query), json("/collections/projects/items?" + all),
              json("/collections/projects/items?" + inView)]).then(function (answers) {
              markers.clearLayers();
              answers[0].features.forEach(function (feature) {
                var c = feature.geometry.coordinates, position = [c[1], c[0]], p = feature.properties;
                markers.addLayer(p.cluster ? clusterMarker(position, p.point_count, zoom) : projectMarker(position, p));
              });
              showList(answers[2].features.map(function (x) { return x.properties; }), answers[1].numberMatched, answers[2].numberMatched);
            });
          }
          function render() {
            if (data.live) { return renderLive(); }
            var f = filters();
            var zoom = Math.max(zooms[0], Math.min(deepest, map.getZoom()));
            var view = map.getBounds();
            var inView = [], total = 0;
            data.projects.forEach(function (p) { if (matches(p, f)) { total += 1; } });
            markers.clearLayers();
            data.zooms[zoom].forEach(function (node) {
              var leaves = node[3].filter(function (i) { return matches(data.projects[i], f); });
              if (leaves.length === 0) { return; }
              var position = [node[1], node[0]];
              markers.addLayer(node[2] === null && leaves.length === 1
                ? projectMarker(position, data.projects[leaves[0]]) : clusterMarker(position, leaves.length, zoom));
              leaves.forEach(function (i) {
                var p = data.projects[i];
                if (view.contains(position)) { inView.push(p); }
              });
            });
            showList(inView, total, inView.length);
          }

          form.addEventListener("change", function () {
            var f = filters(), query = new URLSearchParams();
            Object.keys(f).forEach(function (k) { if (f[k]) { query.set(k, f[k]); } });
            window.history.replaceState(null, "", "?" + query.toString());
            render();
          });
          form.addEventListener("reset", function () { window.setTimeout(function () { form.dispatchEvent(new Event("change")); }, 0); });
          map.on("moveend", render);
          var initial = Number(params.get("zoom"));
          if (params.has("zoom") && isFinite(initial)) {
            map.setView([Number(params.get("lat")) || 20, Number(params.get("lon")) || 0], initial);
          } else {
            map.fitBounds([[data.bounds[1], data.bounds[0]], [data.bounds[3], data.bounds[2]]], { maxZoom: 6 });
          }
          render();
        })();

        """#
}
