(function () {
  "use strict";
  var data = window.PARTMAP_DATA, live = !!data.live, projects = data.projects || [];
  var form = document.getElementById("filters"), params = new URLSearchParams(window.location.search);
  var WORDS = data.labels;
  var COLOURS = { consultation: "#0072b2", collaboration: "#007a5a", coProduction: "#b34700", led: "#8e4585" };
  var countryNames = data.countryNames || {};
  function levelName(l) { return WORDS.level[l] ? WORDS.level[l][0] : l; }
  function option(select, value, label) {
    var o = document.createElement("option"); o.value = value; o.textContent = label; select.appendChild(o); return o;
  }
  [["level", data.levels, levelName], ["group", data.groups, function (g) { return WORDS.group[g] || g; }],
    ["sector", data.sectors, function (s) { return WORDS.sector[s] || s; }]].forEach(function (c) {
    c[1].forEach(function (v) { option(form.elements[c[0]], v, c[2](v)); });
  });
  var places = data.places.slice();
  var kinds = { region: "Regions", subregion: "Sub-regions", intermediate: "Intermediate regions", country: "Countries" };
  var countryCodes = {};
  projects.forEach(function (p) { if (p.country) { countryCodes[p.country] = true; } });
  Object.keys(countryCodes).sort(function (a, b) { return (countryNames[a] || a).localeCompare(countryNames[b] || b); })
    .forEach(function (c) { places.push({ code: c, name: countryNames[c] || c, kind: "country" }); });
  Object.keys(kinds).forEach(function (kind) {
    var group = document.createElement("optgroup"); group.label = kinds[kind];
    places.filter(function (p) { return p.kind === kind; }).forEach(function (p) { option(group, p.code, p.name); });
    if (group.children.length) { form.elements.place.appendChild(group); }
  });
  ["q", "level", "group", "sector", "place"].forEach(function (k) { if (params.get(k)) { form.elements[k].value = params.get(k); } });

  function filters() {
    var f = {};
    ["q", "level", "group", "sector", "place"].forEach(function (k) { f[k] = form.elements[k].value.trim(); });
    return f;
  }
  function fold(s) { return (s || "").normalize("NFC").toLowerCase(); }
  function matches(p, f) {
    var q = fold(f.q);
    return (!f.level || p.level === f.level) && (!f.group || p.groups.indexOf(f.group) >= 0) &&
      (!f.sector || p.sector === f.sector) && (!f.place || (p.places || []).indexOf(f.place) >= 0) &&
      (!q || fold(p.title).indexOf(q) >= 0 || fold(p.organisation).indexOf(q) >= 0 || fold(p.description).indexOf(q) >= 0);
  }
  function text(value) { var s = document.createElement("span"); s.textContent = value == null ? "" : String(value); return s.innerHTML; }
  function words(list, kind) { return (list || []).map(function (v) { return WORDS[kind][v] || v; }).join(", "); }
  function details(p) {
    var level = WORDS.level[p.level] || [p.level, ""];
    var years = p.startYear ? (p.endYear && p.endYear !== p.startYear ? p.startYear + "–" + p.endYear : p.startYear + (p.endYear ? "" : " onwards")) : "";
    var rows = [["Participation level", level[0] + ": " + level[1]], ["Participant groups", words(p.groups, "group")],
      ["Sector", WORDS.sector[p.sector] || p.sector], ["Purposes", words(p.purposes, "purpose")],
      ["Countries", (p.countries || []).map(function (c) { return countryNames[c] || c; }).join(", ") || "Global or online"],
      ["City", p.city], ["Years", years]];
    return "<p>" + text(p.organisation) + "</p>" + (p.description ? "<p>" + text(p.description) + "</p>" : "") + "<dl>" +
      rows.filter(function (r) { return r[1]; }).map(function (r) { return "<dt>" + r[0] + "</dt><dd>" + text(r[1]) + "</dd>"; }).join("") +
      "<dt>Sources</dt><dd><ul>" + (p.sources || []).map(function (s) { return "<li>" + text(s) + "</li>"; }).join("") + "</ul></dd></dl>" +
      (/^https?:\/\//.test(p.url || "") ? "<a href=\"" + text(p.url) + "\" rel=\"noopener\">Visit the project’s page</a>" : "");
  }
  function popup(p) { return "<div class=\"popup\"><h3>" + text(p.title) + "</h3>" + details(p) + "</div>"; }
  function item(p) {
    var li = document.createElement("li");
    li.innerHTML = "<details><summary><span class=\"swatch\" style=\"background:" + COLOURS[p.level] + "\"></span>" +
      text(p.title) + " <small>(" + text(levelName(p.level)) + ")</small></summary>" + details(p) + "</details>";
    return li;
  }

  var map = L.map("map", { minZoom: data.minZoom, maxZoom: data.maxZoom, worldCopyJump: true, keyboard: true });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(data.attribution);
  document.getElementById("attribution").textContent = data.attribution;
  var shades = ["#f4f3f8", "#cbc9e2", "#9e9ac8", "#756bb1", "#54278f"];
  var choropleth = L.geoJSON({ type: "FeatureCollection", features: data.countries.map(function (c) {
    return { type: "Feature", geometry: c.geometry, properties: { name: c.name, code: c.code, count: c.count || 0 } };
  }) }, { style: { color: "#888", weight: 0.5, fillOpacity: 0.75 } }).addTo(map);
  function shadeCountries(counts) {
    var highest = 1;
    Object.keys(counts).forEach(function (c) { highest = Math.max(highest, counts[c]); });
    choropleth.eachLayer(function (layer) {
      var p = layer.feature.properties, n = live ? p.count : (counts[p.code] || 0);
      layer.setStyle({ fillColor: n === 0 ? shades[0] : shades[Math.min(4, 1 + Math.floor(3 * n / highest))] });
      layer.bindTooltip(p.name + ": " + n + (n === 1 ? " project" : " projects"));
    });
  }
  var legend = L.control({ position: "bottomright" });
  legend.onAdd = function () {
    var div = L.DomUtil.create("div", "legend");
    div.innerHTML = "<strong>Projects</strong><br>" + data.levels.map(function (l) {
      return "<span class=\"swatch\" style=\"background:" + COLOURS[l] + ";border-radius:50%\"></span>" + text(levelName(l));
    }).join("<br>") + "<br><span class=\"swatch\" style=\"background:#1f3a68;border-radius:50%\"></span>group (number of projects)" +
      "<br><span class=\"swatch\" style=\"background:" + shades[3] + "\"></span>countries shaded by projects shown";
    return div;
  };
  legend.addTo(map);

  var markers = L.layerGroup().addTo(map), extent = L.layerGroup().addTo(map);
  function box(leaves) {
    var b = L.latLngBounds([]);
    leaves.forEach(function (i) { b.extend([projects[i].lonlat[1], projects[i].lonlat[0]]); });
    return b;
  }
  function clusterMarker(position, leaves, count, zoom) {
    var size = 20 + Math.min(16, Math.round(3 * Math.log(count)));
    var label = count + " projects here; press Enter to " + (zoom >= map.getMaxZoom() ? "list them" : "zoom in");
    var marker = L.marker(position, { title: label, alt: label, keyboard: true,
      icon: L.divIcon({ className: "pm-cluster", iconSize: [size, size], html: String(count) }) });
    function show() { extent.clearLayers(); if (leaves) { L.rectangle(box(leaves), { color: "#1f3a68", weight: 2, fill: false, dashArray: "4" }).addTo(extent); } }
    function hide() { extent.clearLayers(); }
    marker.on("mouseover", show).on("mouseout", hide);
    marker.on("add", function () { var e = marker.getElement(); e.addEventListener("focus", show); e.addEventListener("blur", hide); });
    marker.on("click", function () {
      var b = leaves && box(leaves);
      if (leaves && (zoom >= map.getMaxZoom() || b.getNorthEast().equals(b.getSouthWest()))) {
        marker.bindPopup("<div class=\"popup\"><h3>" + leaves.length + " projects in one place</h3><ul>" + leaves.map(function (i) {
          return item(projects[i]).outerHTML; }).join("") + "</ul></div>", { maxHeight: 320 }).openPopup();
      } else if (b) { map.fitBounds(b, { maxZoom: Math.min(map.getMaxZoom(), zoom + 3), padding: [40, 40] }); }
      else { map.setView(position, Math.min(map.getMaxZoom(), zoom + 2)); }
    });
    return marker;
  }
  function projectMarker(position, p) {
    var marker = L.marker(position, { title: p.title, alt: p.title + ", " + levelName(p.level), keyboard: true,
      icon: L.divIcon({ className: "pm-project " + p.level, iconSize: [14, 14] }) });
    return marker.bindPopup(popup(p), { maxWidth: 320 });
  }

  var zooms = {}, waiting = {};
  window.PARTMAP_ZOOM = function (z, nodes) { zooms[z] = nodes; (waiting[z] || []).forEach(function (f) { f(); }); delete waiting[z]; };
  function withZoom(zoom, then) {
    var file = data.zoomFiles[zoom];
    if (zooms[file]) { return then(zooms[file]); }
    if (!waiting[file]) {
      waiting[file] = [];
      var s = document.createElement("script"); s.src = "assets/zooms/" + file + ".js"; document.head.appendChild(s);
    }
    waiting[file].push(function () { then(zooms[file]); });
  }

  function chart(rows) {
    var regions = Object.keys(rows).sort(function (a, b) { return rows[b].total - rows[a].total || a.localeCompare(b); });
    var most = Math.max.apply(null, regions.map(function (r) { return rows[r].total; }).concat([1]));
    var h = 26, width = 320, left = 130, svg = "<svg viewBox=\"0 0 " + width + " " + (regions.length * h + 30) + "\" role=\"img\" aria-labelledby=\"chart-title\">";
    var table = "<div class=\"visually-hidden\"><table><caption>Projects per level by region</caption><tr><th>Region</th>" +
      data.levels.map(function (l) { return "<th>" + text(levelName(l)) + "</th>"; }).join("") + "</tr>";
    regions.forEach(function (r, n) {
      var x = left, y = n * h;
      svg += "<text x=\"" + (left - 6) + "\" y=\"" + (y + 17) + "\" text-anchor=\"end\">" + text(r) + "</text>";
      table += "<tr><th>" + text(r) + "</th>";
      data.levels.forEach(function (l) {
        var w = (width - left - 44) * rows[r][l] / most;
        if (w > 0) { svg += "<rect x=\"" + x + "\" y=\"" + (y + 4) + "\" width=\"" + w + "\" height=\"" + (h - 8) + "\" fill=\"" + COLOURS[l] + "\"><title>" + text(r) + ", " + text(levelName(l)) + ": " + rows[r][l] + "</title></rect>"; }
        x += w; table += "<td>" + rows[r][l] + "</td>";
      });
      svg += "<text x=\"" + (x + 4) + "\" y=\"" + (y + 17) + "\">" + rows[r].total + "</text>";
      table += "</tr>";
    });
    // The legend under the chart has 96 px a level: each level by its first word ("Led").
    svg += "<g transform=\"translate(0," + (regions.length * h + 8) + ")\">" + data.levels.map(function (l, n) {
      return "<rect x=\"" + [0, 92, 188, 284][n] + "\" width=\"10\" height=\"10\" fill=\"" + COLOURS[l] + "\"></rect><text x=\"" + ([0, 92, 188, 284][n] + 13) + "\" y=\"10\">" + text(levelName(l).split(" ")[0]) + "</text>";
    }).join("") + "</g></svg>";
    document.getElementById("chart").innerHTML = svg + table + "</table></div>";
  }

  function saveState() {
    var f = filters(), query = new URLSearchParams(), c = map.getCenter();
    Object.keys(f).forEach(function (k) { if (f[k]) { query.set(k, f[k]); } });
    query.set("zoom", map.getZoom()); query.set("lat", c.lat.toFixed(4)); query.set("lon", c.lng.toFixed(4));
    window.history.replaceState(null, "", "?" + query.toString());
    document.getElementById("share").setAttribute("href", "?" + query.toString());
  }
  function renderLive() {
    ["chart-section", "global"].forEach(function (id) { document.getElementById(id).hidden = true; });
    var f = filters(), query = new URLSearchParams();
    ["level", "group", "sector", "q"].forEach(function (k) { if (f[k]) { query.set(k, f[k]); } });
    if (f.place) { query.set(f.place.charAt(0) === "m" ? "region" : "country", f.place.replace(/^m/, "")); }
    var b = map.getBounds(), zoom = map.getZoom();
    var view = [Math.max(-180, b.getWest()), Math.max(-90, b.getSouth()), Math.min(180, b.getEast()), Math.min(90, b.getNorth())]
      .map(function (v) { return v.toFixed(6); }).join(",");
    var inView = new URLSearchParams(query); inView.set("bbox", view); inView.set("limit", "200");
    var all = new URLSearchParams(query); all.set("limit", "1");
    function json(url) { return fetch(url).then(function (r) { return r.json(); }); }
    Promise.all([json("/clusters?zoom=" + zoom + "&bbox=" + view + "&" + query), json("/collections/projects/items?" + all),
      json("/collections/projects/items?" + inView)]).then(function (answers) {
      markers.clearLayers();
      answers[0].features.forEach(function (feature) {
        var c = feature.geometry.coordinates, position = [c[1], c[0]], p = feature.properties;
        if (p.cluster) { markers.addLayer(clusterMarker(position, null, p.point_count, zoom)); return; }
        p.level = p.participationLevel; p.groups = p.participantGroups;
        markers.addLayer(projectMarker(position, p));
      });
      document.getElementById("total").textContent = answers[1].numberMatched + " projects match";
      document.getElementById("counts").textContent = answers[1].numberMatched + " projects match the filters; " + answers[2].numberMatched + " in view";
      var list = document.getElementById("list"); list.innerHTML = "";
      answers[2].features.forEach(function (x) { var p = x.properties; p.level = p.participationLevel; p.groups = p.participantGroups; list.appendChild(item(p)); });
    });
  }
  function render() {
    saveState();
    if (live) { return renderLive(); }
    var f = filters(), on = new Uint8Array(projects.length), counts = {}, rows = {}, global = [], matched = 0;
    projects.forEach(function (p, i) {
      if (!matches(p, f)) { return; }
      on[i] = 1; matched += 1;
      if (p.lonlat) { if (p.country) { counts[p.country] = (counts[p.country] || 0) + 1; } } else { global.push(p); }
      var r = p.region || (p.lonlat ? "In no country" : "Global and online");
      if (!rows[r]) { rows[r] = { total: 0 }; data.levels.forEach(function (l) { rows[r][l] = 0; }); }
      rows[r][p.level] += 1; rows[r].total += 1;
    });
    shadeCountries(counts); chart(rows);
    document.getElementById("counts").textContent = matched + " of " + projects.length + " projects match the filters: " +
      (matched - global.length) + " on the map, " + global.length + " global and online";
    var globalList = document.getElementById("global-list"); globalList.innerHTML = "";
    global.forEach(function (p) { globalList.appendChild(item(p)); });
    if (!global.length) { globalList.innerHTML = "<li>None match the filters.</li>"; }
    var zoom = Math.max(data.minZoom, Math.min(data.maxZoom, map.getZoom()));
    withZoom(zoom, function (nodes) {
      var view = map.getBounds().pad(0.1), inView = [];
      markers.clearLayers(); extent.clearLayers();
      nodes.forEach(function (node) {
        var leaves = node[2].filter(function (i) { return on[i]; });
        if (!leaves.length) { return; }
        var one = projects[leaves[0]], position = leaves.length === 1 ? [one.lonlat[1], one.lonlat[0]] : [node[1], node[0]];
        if (!view.contains(position)) { return; }
        markers.addLayer(leaves.length === 1 ? projectMarker(position, one) : clusterMarker(position, leaves, leaves.length, zoom));
        leaves.forEach(function (i) { inView.push(projects[i]); });
      });
      var list = document.getElementById("list"); list.innerHTML = "";
      inView.slice(0, 200).forEach(function (p) { list.appendChild(item(p)); });
      document.getElementById("list-title").textContent = "Projects in view (" + inView.length + (inView.length > 200 ? ", the first 200 listed)" : ")");
    });
  }
  if (!live) { document.getElementById("total").textContent = projects.length + " public projects."; }
  var timer = null;
  form.addEventListener("input", function () { window.clearTimeout(timer); timer = window.setTimeout(render, 150); });
  form.addEventListener("change", render);
  form.addEventListener("submit", function (e) { e.preventDefault(); render(); });
  form.addEventListener("reset", function () { window.setTimeout(render, 0); });
  map.on("moveend", render);
  var z = Number(params.get("zoom")), lat = Number(params.get("lat")), lon = Number(params.get("lon"));
  if (params.has("zoom") && isFinite(z) && isFinite(lat) && isFinite(lon)) { map.setView([lat, lon], z); }
  else { map.fitBounds([[data.bounds[1], data.bounds[0]], [data.bounds[3], data.bounds[2]]], { maxZoom: 4 }); }
})();
