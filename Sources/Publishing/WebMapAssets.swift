extension WebMap {
    /// The map's page (HTML5, UTF-8; `Resources/index.html`), the same for the published site and
    /// `partmap serve`'s /map: a header with the count of public projects, the filters (search,
    /// level, group, sector, place), the map, a chart of projects per Participation Model level by
    /// region, the projects in view and the "Global and online" panel of projects with no mapped
    /// location.
    public static let page = String(decoding: PackageResources.index_html, as: UTF8.self)

    /// The one visual style (CSS, UTF-8; `Resources/map.css`): a type scale of 0.85, 1, 1.25 and
    /// 1.5 rem, spacing in steps of 0.25 rem, and the four level colours from Okabe and Ito's
    /// palette for colour-blind readers (each at least 3:1 against white, the text on them white
    /// or dark at 4.5:1 or more).
    public static let style = String(decoding: PackageResources.map_css, as: UTF8.self)

    /// The map's script (ES5, UTF-8, no build step; `Resources/map.js`), for the published site
    /// and for /map (`data.live`, where the live routes cluster, filter and count). The view and
    /// the filters live in the URL (`q`, `level`, `group`, `sector`, `place`, `zoom`, `lat`, `lon`).
    public static let script = String(decoding: PackageResources.map_js, as: UTF8.self)
}
