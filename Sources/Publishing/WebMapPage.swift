extension WebMap {
    /// The map's page (HTML5), the same for the published site and `partmap serve`'s /map: a
    /// header with the count of public projects, the filters (search, level, group, sector,
    /// place), the map, a chart of projects per Participation Model level by region, the projects
    /// in view and the "Global and online" panel of projects with no mapped location.
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
        <p>Where children, young people and adult survivors of online child sexual abuse shape research, policy, advocacy, services and technology. <strong id="total"></strong></p>
        </header>
        <main>
        <section id="panel" aria-label="Filters and lists">
        <form id="filters" role="search" aria-label="Filter the projects">
        <label>Search <input type="search" name="q" placeholder="Title, organisation or description"></label>
        <label>Participation level <select name="level"><option value="">All levels</option></select></label>
        <label>Participant group <select name="group"><option value="">All groups</option></select></label>
        <label>Sector <select name="sector"><option value="">All sectors</option></select></label>
        <label>Place <select name="place"><option value="">Everywhere</option></select></label>
        <button type="reset">Clear filters</button>
        </form>
        <p id="counts" role="status" aria-live="polite"></p>
        <p><a id="share" href="?">Link to this view and these filters</a></p>
        <section id="chart-section" aria-labelledby="chart-title">
        <h2 id="chart-title">Projects per Participation Model level, by region</h2>
        <div id="chart"></div>
        </section>
        <section id="global" aria-labelledby="global-title">
        <h2 id="global-title">Global and online</h2>
        <p class="note">Projects with no place on the map: they run worldwide or online, or their place is not published.</p>
        <ul id="global-list"></ul>
        </section>
        <section aria-labelledby="list-title">
        <h2 id="list-title">Projects in view</h2>
        <ul id="list"></ul>
        </section>
        </section>
        <div id="map" role="region" aria-label="Map of participation projects"></div>
        </main>
        <footer><p id="attribution"></p></footer>
        <script src="assets/leaflet/leaflet.js"></script>
        <script src="assets/data.js"></script>
        <script src="assets/map.js"></script>
        </body>
        </html>

        """
    }

    /// The one visual style: a type scale of 0.85, 1, 1.25 and 1.5 rem, spacing in steps of
    /// 0.25 rem, and the four level colours from Okabe and Ito's palette for colour-blind readers
    /// (each at least 3:1 against white, the text on them white or dark at 4.5:1 or more).
    public static let style = """
        :root { --ink: #1d1d1f; --muted: #4a4a4f; --line: #c8c8cc; --accent: #1f3a68; --focus: #ffbf47;
          --consultation: #0072b2; --collaboration: #007a5a; --coProduction: #b34700; --led: #8e4585;
          --space: 0.25rem; font-size: 16px; }
        * { box-sizing: border-box; }
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: var(--ink); line-height: 1.45; }
        header, footer { padding: calc(2 * var(--space)) calc(4 * var(--space)); }
        header { border-bottom: 1px solid var(--line); }
        h1 { font-size: 1.5rem; margin: 0 0 var(--space); color: var(--accent); }
        h2 { font-size: 1.25rem; margin: calc(4 * var(--space)) 0 calc(2 * var(--space)); }
        header p, .note, footer { font-size: 0.85rem; color: var(--muted); margin: 0; }
        main { display: grid; grid-template-columns: minmax(18rem, 24rem) 1fr; min-height: 80vh; }
        #panel { padding: calc(3 * var(--space)) calc(4 * var(--space)); overflow-y: auto; overflow-x: hidden; max-height: 85vh; border-right: 1px solid var(--line); }
        #map { min-height: 80vh; }
        #panel, .popup { overflow-wrap: anywhere; min-width: 0; }
        #filters { display: grid; gap: calc(2 * var(--space)); }
        #filters label { display: grid; gap: var(--space); font-size: 0.85rem; font-weight: 600; }
        input, select { width: 100%; }
        input, select, button { font: inherit; font-weight: 400; padding: var(--space) calc(2 * var(--space)); border: 1px solid var(--muted); border-radius: 4px; background: #fff; color: var(--ink); }
        button { cursor: pointer; }
        :focus-visible, .leaflet-marker-icon:focus { outline: 3px solid var(--focus); outline-offset: 1px; }
        #counts { font-weight: 600; margin: calc(3 * var(--space)) 0 0; }
        ul { padding-left: 0; list-style: none; margin: 0; }
        li { border-bottom: 1px solid var(--line); padding: var(--space) 0; }
        summary { cursor: pointer; }
        .pm-cluster, .pm-project { border-radius: 50%; display: flex; align-items: center; justify-content: center;
          font-weight: 700; font-size: 12px; color: #fff; border: 2px solid #fff; box-shadow: 0 0 0 1px var(--ink); }
        .pm-cluster { background: var(--accent); }
        .pm-project.consultation { background: var(--consultation); } .pm-project.collaboration { background: var(--collaboration); }
        .pm-project.coProduction { background: var(--coProduction); } .pm-project.led { background: var(--led); }
        .swatch { display: inline-block; width: 0.8rem; height: 0.8rem; border-radius: 2px; margin-right: var(--space); vertical-align: -1px; }
        .popup h3 { font-size: 1rem; margin: 0; } .popup dl { margin: var(--space) 0; } .popup dt { font-weight: 600; font-size: 0.85rem; }
        .popup dd { margin: 0 0 var(--space); } .popup ul li { border: 0; padding: 0; }
        .legend { background: #fff; padding: calc(2 * var(--space)); line-height: 1.5; font-size: 0.85rem; border-radius: 4px; }
        #chart svg { width: 100%; height: auto; font-size: 12px; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        @media (max-width: 760px) {
          main { display: flex; flex-direction: column-reverse; }
          #map { min-height: 60vh; height: 60vh; }
          #panel { max-height: none; border-right: 0; }
          .legend { font-size: 0.75rem; padding: var(--space); }
        }

        """
}
