/// The pages' own rules over the web map's style sheet: they reuse its custom properties
/// (`--ink`, `--accent`, `--line`, `--space`, the level colours, `--focus`) so that the pages
/// and the map look like one site, and stack tables and definition lists under 760 px, the
/// map's own breakpoint.
enum HTMLStyle {
    static let rules = """
        body.pm-pages main { display: block; max-width: 64rem; margin: 0 auto; min-height: 0; padding: calc(4 * var(--space)); }
        body.pm-pages header { padding-bottom: calc(3 * var(--space)); }
        a { color: var(--accent); }
        .skip { position: absolute; left: -100rem; } .skip:focus { left: var(--space); top: var(--space); background: #fff; padding: var(--space) calc(2 * var(--space)); z-index: 2000; }
        nav.site ul { display: flex; flex-wrap: wrap; gap: var(--space) calc(4 * var(--space)); margin-bottom: calc(2 * var(--space)); }
        nav.site li, ul.links li, ul.plain li { border: 0; }
        footer h2 { font-size: 1rem; margin: 0 0 var(--space); } footer { border-top: 1px solid var(--line); }
        .table-wrap { overflow-x: auto; }
        table.projects { border-collapse: collapse; width: 100%; }
        table.projects th, table.projects td { text-align: left; vertical-align: top; padding: calc(2 * var(--space)); border-bottom: 1px solid var(--line); }
        table.projects thead th { font-size: 0.85rem; color: var(--muted); }
        .org, .meaning { display: block; font-size: 0.85rem; font-weight: 400; color: var(--muted); }
        .swatch.consultation { background: var(--consultation); } .swatch.collaboration { background: var(--collaboration); }
        .swatch.coProduction { background: var(--coProduction); } .swatch.led { background: var(--led); }
        .swatch { border-radius: 50%; }
        dl.fields { display: grid; grid-template-columns: minmax(8rem, 14rem) 1fr; gap: calc(2 * var(--space)) calc(4 * var(--space)); }
        dl.fields dt { font-weight: 600; } dl.fields dd { margin: 0; }
        .minimap { height: 20rem; border: 1px solid var(--line); border-radius: 4px; margin: calc(3 * var(--space)) 0; }
        .paging { display: flex; flex-wrap: wrap; gap: calc(4 * var(--space)); align-items: center; margin: calc(3 * var(--space)) 0; }
        .paging a, .button { display: inline-block; padding: var(--space) calc(3 * var(--space)); border: 1px solid var(--accent); border-radius: 4px; text-decoration: none; }
        .collection { border-bottom: 1px solid var(--line); padding-bottom: calc(3 * var(--space)); }
        @media (max-width: 760px) {
          dl.fields { grid-template-columns: 1fr; gap: 0; } dl.fields dd { margin-bottom: calc(3 * var(--space)); }
          table.projects thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
          table.projects tr { display: block; border-bottom: 1px solid var(--line); padding: calc(2 * var(--space)) 0; }
          table.projects td, table.projects th { display: block; border: 0; padding: 0 0 var(--space); }
          table.projects td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; font-size: 0.85rem; }
          .minimap { height: 14rem; }
        }
        """
}
